"""`dss-codestudio studios ...`: the code studios of a project, their lifecycle and their files."""

from __future__ import annotations

import webbrowser
from collections.abc import Callable, Sequence
from typing import Annotated, TypeVar

import typer
from rich.markup import escape

from dss_codestudio import (
    KNOWN_STATES,
    CodeStudioState,
    DSSCodeStudioObject,
    DSSCodeStudioObjectStatus,
    DSSCodeStudioStopResult,
    DSSFuture,
    DSSSyncedZone,
)

from ._answers import emit_started
from ._command import Cli, command
from ._errors import CliError, ExitCode
from ._format import files, size, when
from ._options import (
    DEFAULT_TIMEOUT,
    CallsTimeoutOption,
    ProjectArg,
    StudioArg,
    TimeoutOption,
    WaitOption,
    limit_calls,
)
from ._synchronize import (
    StudioOf,
    select_zones,
)

app = typer.Typer(
    help="Code studios: list, create, start, stop, restart, status, open, delete, and file sync "
    "(push, pull, conflicts, sync).",
    no_args_is_help=True,
)


def find_studio(cli: Cli, project: str, ref: str) -> DSSCodeStudioObject:
    """Return the code studio `ref` of a project: by id, else by name when only one studio has it."""
    items = cli.client().get_project(project).list_code_studios()
    by_id = [s for s in items if s.id == ref]
    found = by_id or [s for s in items if s.name == ref]
    if not found:
        raise CliError(f"project {project} has no code studio with id or name {ref!r}", ExitCode.NOT_FOUND)
    if len(found) > 1:
        ids = ", ".join(s.id for s in found)
        raise CliError(f"{len(found)} code studios of {project} are named {ref!r} ({ids}): give an id", ExitCode.USAGE)
    return found[0].to_code_studio()


def running_zones(
    cli: Cli, project: str, studio: str, zones: Sequence[str] | None
) -> tuple[DSSCodeStudioObject, list[DSSSyncedZone]]:
    """Return a running studio and its zones named by id or kind (all of them when none is named)."""
    handle = find_studio(cli, project, studio)
    return handle, select_zones(handle.get_status(), zones)


def bound(cli: Cli, handle: DSSCodeStudioObject) -> StudioOf:
    """Return a function giving the studio's handle on the command's client, with the time left of its --timeout."""
    return lambda: cli.client().get_project(handle.project_key).get_code_studio(handle.code_studio_id)


def state_of(studio: DSSCodeStudioObject) -> Callable[[], str | None]:
    """Return a function naming the studio's state, for progress displays."""
    return lambda: str(studio.get_status().state)


@command(app, "list")
def list_studios(
    cli: Cli,
    project: ProjectArg,
    with_status: Annotated[bool, typer.Option("--status", help="Also show each studio's state.")] = False,
) -> None:
    """List the code studios of a project."""
    items = cli.client().get_project(project).list_code_studios()
    states = {s.id: str(s.to_code_studio().get_status().state) for s in items} if with_status else {}
    data = [dict(s.get_raw(), **({"state": states[s.id]} if with_status else {})) for s in items]
    columns = ["ID", "NAME", "OWNER", "TEMPLATE", *(["STATE"] if with_status else [])]
    rows = [[s.id, s.name, s.owner, s.template_id, *([states[s.id]] if with_status else [])] for s in items]
    cli.emit(list(data), lambda: cli.table(columns, rows, title="Code studios"))


@command(app, "create")
def create(
    cli: Cli,
    project: ProjectArg,
    name: Annotated[str, typer.Argument(help="The name of the new code studio.")],
    template: Annotated[str, typer.Option("--template", "-t", help="The id of the template to make it from.")],
) -> None:
    """Create a code studio from a template (owned by you, STOPPED); prints its id."""
    studio = cli.client().get_project(project).create_code_studio(name, template)
    settings = studio.get_settings()
    cli.emit(settings.get_raw(), lambda: cli.out.print(studio.code_studio_id, markup=False))


T = TypeVar("T")


def _follow(
    cli: Cli,
    studio: DSSCodeStudioObject,
    future: DSSFuture[T],
    verb: str,
    *,
    wait: bool,
    timeout: float,
    check: Callable[[T], None] | None = None,
) -> T | None:
    """Wait for a lifecycle future with progress naming the studio's state; None (and its id shown) with --no-wait.

    `check` runs on the result before the progress line ends: a failure it raises ends it with a cross.
    """
    if not wait:
        emit_started(cli, future, f"{verb.lower()} of {studio.code_studio_id}")
        return None
    with cli.progress.step(f"{verb} code studio {studio.project_key}/{studio.code_studio_id}") as step:
        result = future.wait_for_result(timeout, on_progress=step.future_progress(state_of(studio)))
        if check is not None:
            check(result)
    return result


def _start(cli: Cli, project: str, studio: str, *, restart: bool, wait: bool, timeout: float) -> None:
    handle = find_studio(cli, project, studio)
    future = handle.restart() if restart else handle.start(timeout=timeout)
    result = _follow(cli, handle, future, "Restarting" if restart else "Starting", wait=wait, timeout=timeout)
    if result is not None:
        status = handle.get_status()
        cli.emit({"result": result.get_raw(), "status": status.get_raw()}, lambda: print_status(cli, status))


@command(app, "start")
def start(
    cli: Cli, project: ProjectArg, studio: StudioArg, wait: WaitOption = True, timeout: TimeoutOption = DEFAULT_TIMEOUT
) -> None:
    """Start a code studio (nothing happens if it runs); its zones are pushed to it as it starts."""
    _start(cli, project, studio, restart=False, wait=wait, timeout=timeout)


@command(app, "restart")
def restart(
    cli: Cli, project: ProjectArg, studio: StudioArg, wait: WaitOption = True, timeout: TimeoutOption = DEFAULT_TIMEOUT
) -> None:
    """Restart a running code studio (stop, then start), or start a stopped one."""
    _start(cli, project, studio, restart=True, wait=wait, timeout=timeout)


@command(app, "stop")
def stop(
    cli: Cli, project: ProjectArg, studio: StudioArg, wait: WaitOption = True, timeout: TimeoutOption = DEFAULT_TIMEOUT
) -> None:
    """Stop a code studio; its zones are pulled to DSS first (files in conflict are kept on both sides: exit 3)."""
    handle = find_studio(cli, project, studio)

    def refuse_conflicts(result: DSSCodeStudioStopResult) -> None:
        conflicting = sum(c.count for c in result.conflicts.values())
        if conflicting:
            if not cli.json:
                _print_stop(cli, result)
            raise CliError(
                f"stopped, but {files(conflicting)} in conflict {'was' if conflicting == 1 else 'were'} not pulled"
                " (both versions are kept)",
                ExitCode.CONFLICTS,
                payload=result.get_raw(),
            )

    result = _follow(cli, handle, handle.stop(), "Stopping", wait=wait, timeout=timeout, check=refuse_conflicts)
    if result is not None:
        cli.emit(result.get_raw(), lambda: _print_stop(cli, result))


def _print_stop(cli: Cli, result: DSSCodeStudioStopResult) -> None:
    cli.out.print(f"state: {result.state or 'STOPPED'}", markup=False)
    rows = [[zone, files(c.count), size(c.size)] for zone, c in result.pulled.items() if c.count]
    cli.table(["ZONE", "PULLED", "SIZE"], rows, title="Files pulled to DSS")
    conflicts = [
        [zone, change, path]
        for zone, c in result.conflicts.items()
        for change, paths in (("added", c.added), ("modified", c.modified), ("deleted", c.deleted))
        for path in paths
    ]
    if conflicts:
        cli.table(["ZONE", "CHANGE IN STUDIO", "FILE"], conflicts, title="Files in conflict (not pulled)")


def print_status(cli: Cli, status: DSSCodeStudioObjectStatus) -> None:
    """Print a studio's state, ports and zones."""
    cli.out.print(f"[bold]{escape(status.project_key)}/{escape(status.code_studio_id)}[/bold]: {escape(status.state)}")
    cli.out.print(f"last state change: {when(status.last_state_change)}")
    if status.state == CodeStudioState.RUNNING:
        cli.table(
            ["PORT", "LABEL", "URL"],
            [[str(p.port or ""), p.label or "", p.absolute_url or p.url or ""] for p in status.exposed],
            title="Exposed ports",
        )
        zones = status.get_zones("objects")
        # The reference server also says where each zone is on its machine; a real DSS does not.
        on_disk = any(z.studio_path is not None for z in zones)
        cli.table(
            ["ZONE ID", "ZONE", "PATH IN STUDIO", "ONE WAY", *(["ON DISK"] if on_disk else [])],
            [
                [
                    z.id,
                    z.zone,
                    z.path_in_container or "",
                    "yes" if z.one_way else "no",
                    *([z.studio_path or ""] if on_disk else []),
                ]
                for z in zones
            ],
            title="Synchronised zones",
        )


def _states(values: list[str] | None) -> list[str] | None:
    """Check the states given to --wait-for (any case): each must be one this CLI knows."""
    if not values:
        return values
    states = [v.strip().upper() for v in values]
    unknown = [v for v, s in zip(values, states, strict=True) if s not in KNOWN_STATES]
    if unknown:
        raise typer.BadParameter(f"{', '.join(map(repr, unknown))}: a state is one of {', '.join(KNOWN_STATES)}")
    return states


@command(app, "status")
def status(
    cli: Cli,
    project: ProjectArg,
    studio: StudioArg,
    wait_for: Annotated[
        list[str] | None,
        typer.Option(
            "--wait-for",
            metavar="[" + "|".join(KNOWN_STATES) + "]",
            callback=_states,
            help="Wait until the studio is in this state (repeatable: any of them).",
        ),
    ] = None,
    timeout: TimeoutOption = DEFAULT_TIMEOUT,
) -> None:
    """Show a code studio's state and, while it runs, its exposed ports and synchronised zones."""
    handle = find_studio(cli, project, studio)
    if wait_for:
        wanted = [CodeStudioState(w) for w in wait_for]
        with cli.progress.step(f"Waiting for {handle.code_studio_id} to be {' or '.join(wanted)}") as step:
            step.update(str(handle.get_status().state))
            current = handle.wait_for_state(wanted, timeout=timeout)
    else:
        current = handle.get_status()
    cli.emit(current.get_raw(), lambda: print_status(cli, current))


@command(app, "open")
def open_studio(
    cli: Cli,
    project: ProjectArg,
    studio: StudioArg,
    port: Annotated[
        int | None, typer.Option("--port", help="The exposed port to open [default: the first one shown as HTML].")
    ] = None,
    browser: Annotated[bool, typer.Option("--browser", help="Open the link in this machine's web browser.")] = False,
) -> None:
    """Print a link that opens a running code studio of yours in a browser (it works once, within a minute).

    The reference server's extension: the link logs the browser in to this studio only.
    """
    handle = find_studio(cli, project, studio)
    url = handle.get_browser_login_url(port)
    if browser and not webbrowser.open(url):
        raise CliError(f"no web browser could be opened here; open this link yourself: {url}", ExitCode.FAILED)
    cli.emit(
        {"projectKey": project, "id": handle.code_studio_id, "url": url},
        lambda: cli.out.print(url, markup=False, highlight=False, soft_wrap=True),
    )


@command(app, "delete")
def delete(cli: Cli, project: ProjectArg, studio: StudioArg, timeout: CallsTimeoutOption = None) -> None:
    """Delete a code studio (a running one is stopped first, its files pulled to DSS)."""
    limit_calls(cli, timeout)
    handle = find_studio(cli, project, studio)
    with cli.progress.step(f"Deleting code studio {project}/{handle.code_studio_id}"):
        handle.delete()
    cli.emit(
        {"projectKey": project, "id": handle.code_studio_id, "deleted": True},
        lambda: cli.out.print(f"deleted {project}/{handle.code_studio_id}", markup=False),
    )
