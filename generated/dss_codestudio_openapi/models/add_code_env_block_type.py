from enum import StrEnum


class AddCodeEnvBlockType(StrEnum):
    ADD_CODEENV = "add_codeenv"

    def __str__(self) -> str:
        return str(self.value)
