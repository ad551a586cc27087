"""Arguments and options that several commands share."""

from __future__ import annotations

from typing import Annotated

import click
import typer

from .._polling import DEFAULT_WAIT_TIMEOUT

ProjectArg = Annotated[str, typer.Argument(help="The project key.", show_default=False)]
StudioArg = Annotated[str, typer.Argument(help="The code studio: its id, or its name if no other has it.")]
TemplateArg = Annotated[str, typer.Argument(help="The id of the code studio template.")]
ZonesArg = Annotated[
    list[str] | None,
    typer.Argument(
        help="Zones, by id or kind (project_lib_versioned...) [default: every zone of the running studio].",
        show_default=False,
    ),
]
WaitOption = Annotated[
    bool, typer.Option("--wait/--no-wait", help="Wait for the operation to end, showing its progress.")
]
TimeoutOption = Annotated[
    float,
    typer.Option(
        "--timeout",
        metavar="SECONDS",
        click_type=click.FloatRange(min=0, min_open=True),
        help="Give up waiting after this long (exit code 4); the work goes on on DSS.",
    ),
]
DEFAULT_TIMEOUT = DEFAULT_WAIT_TIMEOUT
