from enum import StrEnum


class VsCodeBlockType(StrEnum):
    PYCDSTDIOBLK_CODE_STUDIO_BLOCKS_VSCODE = "pycdstdioblk_code-studio-blocks_vscode"

    def __str__(self) -> str:
        return str(self.value)
