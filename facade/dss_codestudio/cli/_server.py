"""`dss-codestudio serve`, `dss-codestudio server ...` and `dss-codestudio-server`: the reference server's commands.

They are the commands of the server's own command line, imported only when run: the CLI works
without the `server` extra, and says how to install it when one of these commands needs it (the
same message, and exit code 8, whichever of the two programs ran).
"""

from __future__ import annotations

import importlib
import json
import sys
import warnings
from importlib import metadata
from types import ModuleType
from urllib.parse import unquote, urlparse

import typer
from typer.core import TyperGroup

from ._errors import CliError, ExitCode, describe, exit_code_of

DISTRIBUTION = "dss-codestudio"
# Pass everything through, --help included: the server's commands parse their own options.
PASS_THROUGH = {"allow_extra_args": True, "ignore_unknown_options": True, "help_option_names": []}


def install_hint(extra: str = "server") -> str:
    """Return the pip command that adds `extra` to this installation, from where it was installed.

    pip records where a package came from (PEP 610: a checkout, editable or not, or a wheel file);
    the extra is installed from the same place. Without that record, the package's name.
    """
    try:
        origin = json.loads(metadata.distribution(DISTRIBUTION).read_text("direct_url.json") or "null")
    except (metadata.PackageNotFoundError, ValueError):
        origin = None
    if isinstance(origin, dict) and str(origin.get("url", "")).startswith("file://"):
        path = unquote(urlparse(str(origin["url"])).path)
        editable = isinstance(origin.get("dir_info"), dict) and origin["dir_info"].get("editable") is True
        return f"pip install {'-e ' if editable else ''}'{path}[{extra}]'"
    return f"pip install '{DISTRIBUTION}[{extra}]'"


def import_server(module: str = "dss_codestudio_server.cli") -> ModuleType:
    """Import a module of the reference server, or fail with CONFIG when the `server` extra is missing."""
    try:
        with warnings.catch_warnings():
            # connexion imports starlette's test client, which warns about httpx on import: noise to a user.
            warnings.filterwarnings("ignore", message="Using `httpx` with `starlette.testclient`")
            return importlib.import_module(module)
    except ImportError as exc:
        raise CliError(
            f"the reference server needs the server extra, which is not installed ({exc}): {install_hint()}",
            ExitCode.CONFIG,
        ) from exc


def run_server_command(args: list[str], prog_name: str, command: str | None = None) -> None:
    """Run the server's command line (or its `command` alone) in this process; exits with its exit code."""
    try:
        server_cli = import_server()
    except CliError as exc:
        typer.echo(f"error: {describe(exc)}", err=True)
        raise typer.Exit(int(exit_code_of(exc))) from None
    group = typer.main.get_command(server_cli.app)
    runner = group.commands[command] if command is not None and isinstance(group, TyperGroup) else group
    runner.main(args=args, prog_name=prog_name, standalone_mode=True)


def server_main() -> None:
    """Run `dss-codestudio-server` (its script): the server's commands, or a clean error without the extra."""
    try:
        run_server_command(sys.argv[1:], "dss-codestudio-server")
    except typer.Exit as exit_:
        raise SystemExit(exit_.exit_code) from None


def register(app: typer.Typer) -> None:
    """Add `serve` and `server` to the CLI."""

    @app.command("serve", context_settings=PASS_THROUGH, add_help_option=False)
    def serve(ctx: typer.Context) -> None:
        """Run the reference server (the `server` extra): `dss-codestudio serve --help` for its options."""
        run_server_command(ctx.args, "dss-codestudio serve", "serve")

    @app.command("server", context_settings=PASS_THROUGH, add_help_option=False)
    def server(ctx: typer.Context) -> None:
        """Run the reference server's commands: `server add-user LOGIN`, `server add-key LOGIN`, `server serve`."""
        run_server_command(ctx.args or ["--help"], "dss-codestudio server")
