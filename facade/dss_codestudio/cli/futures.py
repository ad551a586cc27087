"""`dss-codestudio futures ...`: the long-running tasks of DSS (builds, starts, stops...)."""

from __future__ import annotations

from typing import Annotated

import typer

from dss_codestudio import DSSFutureProgress, JSONValue

from ._command import Cli, command
from ._options import DEFAULT_TIMEOUT, TimeoutOption

app = typer.Typer(help="Long-running tasks: list, wait, abort.", no_args_is_help=True)
JobArg = Annotated[str, typer.Argument(metavar="JOB_ID", help="The id of the future (`jobId`).")]


def _state(future: DSSFutureProgress) -> str:
    if future.aborted:
        return "aborted"
    if future.has_result:
        return "done"
    return "running" if future.alive else "ended"


@command(app, "list")
def list_futures(
    cli: Cli,
    all_users: Annotated[bool, typer.Option("--all-users", help="Those of every user (administrators).")] = False,
) -> None:
    """List the running long tasks."""
    futures = cli.client().list_futures(as_objects=True, all_users=all_users)
    states = [f.progress for f in futures if f.progress is not None]
    cli.emit(
        [state.get_raw() for state in states],
        lambda: cli.table(
            ["JOB ID", "WHAT", "OWNER", "STATE", "RUNNING FOR"],
            [
                [
                    s.job_id or "",
                    s.job_display_name or "",
                    s.owner or "",
                    _state(s),
                    f"{s.running_time:.1f} s",
                ]
                for s in states
            ],
            title="Futures",
        ),
    )


@command(app, "wait")
def wait(cli: Cli, job_id: JobArg, timeout: TimeoutOption = DEFAULT_TIMEOUT) -> None:
    """Wait for a long task to end, showing its progress, and print its result (exit 1 if it failed).

    The result is printed as `key: value` lines (nested values indented); --json prints it as DSS gave it.
    """
    future = cli.client().get_future(job_id)
    with cli.progress.step(f"Waiting for {job_id}") as step:
        result = future.wait_for_result(timeout, on_progress=step.future_progress())
    cli.emit(result, lambda: cli.out.print("\n".join(readable(result)) or "done (no result)", markup=False))


def readable(value: JSONValue, indent: str = "") -> list[str]:
    """Lay out a JSON value for people: `key: value` lines, nested objects and lists indented below their key."""
    if isinstance(value, dict):
        lines = []
        for key, item in value.items():
            if isinstance(item, dict | list) and item:
                lines.append(f"{indent}{key}:")
                lines.extend(readable(item, indent + "  "))
            else:
                lines.append(f"{indent}{key}: {_scalar(item)}")
        return lines
    if isinstance(value, list):
        lines = []
        for item in value:
            if isinstance(item, dict | list) and item:
                nested = readable(item, indent + "  ")
                lines.append(f"{indent}- {nested[0].lstrip()}")
                lines.extend(nested[1:])
            else:
                lines.append(f"{indent}- {_scalar(item)}")
        return lines
    return [f"{indent}{_scalar(value)}"]


def _scalar(value: JSONValue) -> str:
    if value is None:
        return "-"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, dict | list):
        return "none"  # empty
    return str(value)


@command(app, "abort")
def abort(cli: Cli, job_id: JobArg) -> None:
    """Abort a long task."""
    cli.client().get_future(job_id).abort()
    cli.emit({"jobId": job_id, "aborted": True}, lambda: cli.out.print(f"aborted {job_id}", markup=False))
