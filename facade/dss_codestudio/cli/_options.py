"""Arguments and options that several commands share."""

from __future__ import annotations

from typing import Annotated

import typer

from dss_codestudio import DEFAULT_WAIT_TIMEOUT

from ._command import Cli, Deadline


def _seconds(value: str) -> float:
    try:
        seconds = float(value)
    except ValueError:
        raise typer.BadParameter(f"{value!r} is not a number of seconds") from None
    if not seconds > 0:
        raise typer.BadParameter(f"{value} is not a positive number of seconds")
    return seconds


ProjectArg = Annotated[str, typer.Argument(metavar="PROJECT", help="The project key.", show_default=False)]
StudioArg = Annotated[
    str, typer.Argument(metavar="STUDIO", help="The code studio: its id, or its name if no other has it.")
]
TemplateArg = Annotated[str, typer.Argument(metavar="TEMPLATE", help="The id of the code studio template.")]
ZonesArg = Annotated[
    list[str] | None,
    typer.Argument(
        metavar="[ZONE]...",
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
        parser=_seconds,
        help="Give up waiting after this long (exit code 4); the work goes on on DSS.",
    ),
]
DEFAULT_TIMEOUT = DEFAULT_WAIT_TIMEOUT
CallsTimeoutOption = Annotated[
    float | None,
    typer.Option(
        "--timeout",
        metavar="SECONDS",
        parser=_seconds,
        help="Give up after this long in all (exit code 4); a copy in progress on DSS may go on "
        "[default: each call's own timeout, 10 minutes for the long ones].",
        show_default=False,
    ),
]


def limit_calls(cli: Cli, timeout: float | None) -> None:
    """Give the command's calls, all together, at most `timeout` seconds (--timeout); None keeps each call's own."""
    if timeout is not None:
        cli.deadline = Deadline(timeout)
