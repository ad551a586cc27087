from enum import StrEnum


class AddStarterFilesBlockType(StrEnum):
    ADD_STARTER_FILES = "add_starter_files"

    def __str__(self) -> str:
        return str(self.value)
