"""The `dss-codestudio` command line: code studios, templates, futures and projects of a DSS.

    dss-codestudio templates build python-workspace
    dss-codestudio studios start MYPROJ my-studio --timeout 600
    dss-codestudio studios sync MYPROJ my-studio --json

Built on the `dss_codestudio` client (typer and rich); `serve`, `server ...` and `quickstart` run the
reference server (the `server` extra). `ExitCode` lists what the exit status means.
"""

from __future__ import annotations

from ._app import app
from ._errors import ExitCode

__all__ = ["ExitCode", "app", "main"]


def main() -> None:
    """Run the command line."""
    app()
