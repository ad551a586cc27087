from enum import StrEnum


class StreamlitBlockType(StrEnum):
    PYCDSTDIOBLK_CODE_STUDIO_BLOCKS_STREAMLIT = "pycdstdioblk_code-studio-blocks_streamlit"

    def __str__(self) -> str:
        return str(self.value)
