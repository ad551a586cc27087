from enum import StrEnum


class CodeEnvLang(StrEnum):
    PYTHON = "PYTHON"
    R = "R"

    def __str__(self) -> str:
        return str(self.value)
