"""A type alias for each union schema of the spec, which the generated models inline.

Written by codegen/regen.py from openapi.yaml: do not edit; change the spec and regenerate.
"""

from __future__ import annotations

from typing import TypeAlias

from .models import (
    AddCodeEnvBlock,
    AddStarterFilesBlock,
    AppendDockerfileBlock,
    DssBaseImageBlock,
    EntrypointBlock,
    JupyterLabBlock,
    OtherTemplateBlock,
    SimpleDeploymentBlock,
    StreamlitBlock,
    VsCodeBlock,
)

CodeStudioTemplateBlock: TypeAlias = (
    DssBaseImageBlock
    | SimpleDeploymentBlock
    | AppendDockerfileBlock
    | EntrypointBlock
    | AddCodeEnvBlock
    | AddStarterFilesBlock
    | VsCodeBlock
    | JupyterLabBlock
    | StreamlitBlock
    | OtherTemplateBlock
)
"""One building block of a `block_based` template: a block of a known type, with its typed `params` (`KnownTemplateBlock`), or of any other type (`OtherTemplateBlock`): plugin blocks, named `pycdstdioblk_<pluginId>_<blockId>`, and types this description does not know. Known types: `dss_base_image` (`DssBaseImageBlock`), `simple_deployment` (`SimpleDeploymentBlock`), `append_dockerfile` (`AppendDockerfileBlock`), `entrypoint` (`EntrypointBlock`), `add_codeenv` (`AddCodeEnvBlock`), `add_starter_files` (`AddStarterFilesBlock`), `pycdstdioblk_code-studio-blocks_vscode` (`VsCodeBlock`), `pycdstdioblk_code-studio-blocks_jupyterlab` (`JupyterLabBlock`), `pycdstdioblk_code-studio-blocks_streamlit` (`StreamlitBlock`). Every block is open: fields this description does not name round-trip unchanged."""

KnownTemplateBlock: TypeAlias = (
    DssBaseImageBlock
    | SimpleDeploymentBlock
    | AppendDockerfileBlock
    | EntrypointBlock
    | AddCodeEnvBlock
    | AddStarterFilesBlock
    | VsCodeBlock
    | JupyterLabBlock
    | StreamlitBlock
)
"""A block of a type this description knows, told apart by its `type`."""
