"""The `dss-codestudio` command line: code studios, templates, futures and projects of a DSS.

    dss-codestudio templates build python-workspace
    dss-codestudio studios start MYPROJ my-studio --timeout 600
    dss-codestudio studios sync MYPROJ my-studio --json

Built on the `dss_codestudio` client (typer and rich); `serve`, `server ...` and `quickstart` run the
reference server (the `server` extra), and `server_main` is the `dss-codestudio-server` program.
`ExitCode` lists what the exit status means.
"""

from __future__ import annotations

from ._app import app
from ._errors import ExitCode
from ._server import install_hint, server_main

__all__ = ["ExitCode", "app", "install_hint", "main", "server_main"]


def main() -> None:
    """Run the command line."""
    app()
