from enum import StrEnum


class GetProjectLibraryFileDataEncoding(StrEnum):
    BASE64 = "base64"
    TEXT = "text"

    def __str__(self) -> str:
        return str(self.value)
