"""IDEs in studios: DSS's JupyterLab, Streamlit and VS Code blocks, built into real environments and started.

- `blocks`: what each block becomes (an environment to install, an entry point, starter files),
  read from DSS's parameters (no I/O);
- `tools`: the IDE store where builds install environments once and find them again by key (and an
  optional shared IDE cache);
- `python_env` and `code_server`: the two installers (a virtual environment from the package index;
  code-server from the npm registry, built with the machine's Node.js);
- `launch`: the entry point that starts an IDE inside a studio's sandbox;
- `steps`: running an installer's commands with a log, a deadline and aborts.

Like `runtime`, it sits below the domain, which decides when to install and what to start.
"""

from dss_codestudio_server.ides.blocks import IDE_BLOCKS, IdeBlock, ToolSpec, plan_ide
from dss_codestudio_server.ides.steps import ToolAborted, ToolError
from dss_codestudio_server.ides.tools import Tool, ToolStore, ToolUnavailable

__all__ = [
    "IDE_BLOCKS",
    "IdeBlock",
    "Tool",
    "ToolAborted",
    "ToolError",
    "ToolSpec",
    "ToolStore",
    "ToolUnavailable",
    "plan_ide",
]
