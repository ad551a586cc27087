from enum import StrEnum


class JupyterLabBlockType(StrEnum):
    PYCDSTDIOBLK_CODE_STUDIO_BLOCKS_JUPYTERLAB = "pycdstdioblk_code-studio-blocks_jupyterlab"

    def __str__(self) -> str:
        return str(self.value)
