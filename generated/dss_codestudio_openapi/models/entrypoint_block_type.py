from enum import StrEnum


class EntrypointBlockType(StrEnum):
    ENTRYPOINT = "entrypoint"

    def __str__(self) -> str:
        return str(self.value)
