"""`dss-codestudio serve` and `dss-codestudio server ...`: the reference server's own commands.

They are the commands of `dss-codestudio-server`, imported only when run: the CLI works without the
`server` extra, and says how to install it when one of these commands needs it.
"""

from __future__ import annotations

from types import ModuleType

import typer

from ._errors import CliError, ExitCode, describe, exit_code_of

SERVER_EXTRA = "pip install 'dss-codestudio[server]'"
# Pass everything through, --help included: the server's commands parse their own options.
PASS_THROUGH = {"allow_extra_args": True, "ignore_unknown_options": True, "help_option_names": []}


def import_server(module: str = "dss_codestudio_server.cli") -> ModuleType:
    """Import a module of the reference server, or fail with CONFIG when the `server` extra is missing."""
    import importlib
    import warnings

    try:
        with warnings.catch_warnings():
            # connexion imports starlette's test client, which warns about httpx on import: noise to a user.
            warnings.filterwarnings("ignore", message="Using `httpx` with `starlette.testclient`")
            return importlib.import_module(module)
    except ImportError as exc:
        raise CliError(f"the reference server is not installed ({exc}): {SERVER_EXTRA}", ExitCode.CONFIG) from exc


def run_server_command(args: list[str]) -> None:
    """Run `dss-codestudio-server ARGS...` in this process; exits with its exit code."""
    try:
        server_cli = import_server()
    except CliError as exc:
        typer.echo(f"error: {describe(exc)}", err=True)
        raise typer.Exit(int(exit_code_of(exc))) from None
    command = typer.main.get_command(server_cli.app)
    command.main(args=args, prog_name="dss-codestudio server", standalone_mode=True)


def register(app: typer.Typer) -> None:
    """Add `serve` and `server` to the CLI."""

    @app.command("serve", context_settings=PASS_THROUGH, add_help_option=False)
    def serve(ctx: typer.Context) -> None:
        """Run the reference server (the `server` extra): `dss-codestudio serve --help` for its options."""
        run_server_command(["serve", *ctx.args])

    @app.command("server", context_settings=PASS_THROUGH, add_help_option=False)
    def server(ctx: typer.Context) -> None:
        """Run the reference server's commands: `server add-user LOGIN`, `server add-key LOGIN`, `server serve`."""
        run_server_command(ctx.args or ["--help"])
