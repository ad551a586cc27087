from enum import StrEnum


class AppendDockerfileBlockType(StrEnum):
    APPEND_DOCKERFILE = "append_dockerfile"

    def __str__(self) -> str:
        return str(self.value)
