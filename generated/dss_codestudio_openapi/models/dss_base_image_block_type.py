from enum import StrEnum


class DssBaseImageBlockType(StrEnum):
    DSS_BASE_IMAGE = "dss_base_image"

    def __str__(self) -> str:
        return str(self.value)
