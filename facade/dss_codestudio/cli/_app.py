"""The root of the `dss-codestudio` command line: its groups, `--version`, and the exit codes."""

from __future__ import annotations

from typing import Annotated

import typer

from dss_codestudio import __version__

from . import (
    code_envs,
    futures,
    projects,
    studio_files,  # noqa: F401  (registers push, pull, conflicts and sync on studios' app)
    studios,
    templates,
    whoami,
)
from ._command import DebugOption, InstanceOption, JsonOption
from ._errors import EXIT_CODES_HELP
from ._quickstart import register as register_quickstart
from ._server import register as register_server

HELP = """Drive Dataiku DSS code studios, their templates and file synchronisation.

Connects as Dataiku's tools do: DKU_DSS_URL and DKU_API_KEY, else ~/.dataiku/config.json
(`dss_instances`, `default_instance`; `--instance NAME` picks another). Every command takes
`--json` (JSON on stdout; progress and errors on stderr) and `--debug` (tracebacks), before or
after the command's name. Piped, tables print one tab-separated row per line, whole.
"""

# "\b" keeps click from re-wrapping the table.
EPILOG = "Exit codes:\n\n\b\n" + EXIT_CODES_HELP

app = typer.Typer(
    name="dss-codestudio",
    help=HELP,
    epilog=EPILOG,
    no_args_is_help=True,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
    add_completion=False,
    context_settings={"max_content_width": 100},
)
app.add_typer(templates.app, name="templates")
app.add_typer(studios.app, name="studios")
app.add_typer(futures.app, name="futures")
app.add_typer(projects.app, name="projects")
app.add_typer(code_envs.app, name="code-envs")
whoami.register(app)
register_quickstart(app)
register_server(app)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"dss-codestudio {__version__}")
        raise typer.Exit()


@app.callback()
def root(
    ctx: typer.Context,
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Print the version and exit.")
    ] = False,
    json_output: JsonOption = False,
    instance: InstanceOption = None,
    debug: DebugOption = False,
) -> None:
    """Drive Dataiku DSS code studios."""
    # Read by every command (`shared_options`): these options may come before the command's name.
    ctx.obj = {"json_output": json_output, "instance": instance, "debug": debug}
