"""`dss-codestudio code-envs ...`: the code environments of the instance, which templates and imports name."""

from __future__ import annotations

import typer

from ._command import Cli, command

app = typer.Typer(help="Code environments: list the ones the instance has.", no_args_is_help=True)


@command(app, "list")
def list_code_envs(cli: Cli) -> None:
    """List the code envs of the instance (the names a template's add_codeenv blocks and imports' remapping use)."""
    envs = cli.client().list_code_envs()
    cli.emit(
        [env.get_raw() for env in envs],
        lambda: cli.table(
            ["LANGUAGE", "NAME", "PYTHON", "OWNER"],
            [[e.env_lang, e.env_name, e.python_interpreter or "", e.owner or ""] for e in envs],
            title="Code envs",
        ),
    )
