"""`dss-codestudio whoami`: who the configured API key authenticates as."""

from __future__ import annotations

import typer

from ._command import Cli, command


def register(app: typer.Typer) -> None:
    """Add `whoami` to the CLI."""

    @command(app, "whoami")
    def whoami(cli: Cli) -> None:
        """Print who the API key authenticates as: login, groups (the login to give as an owner)."""
        client = cli.client()
        info = client.get_auth_info()
        cli.emit(
            {**info.get_raw(), "host": client.host},
            lambda: cli.out.print(
                f"{info.login} on {client.host}" + (f" (groups: {', '.join(info.groups)})" if info.groups else ""),
                markup=False,
            ),
        )
