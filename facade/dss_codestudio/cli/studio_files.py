"""`dss-codestudio studios push|pull|conflicts|sync`: the files of a running code studio's zones.

The commands join `studios`' typer app (dss_codestudio.cli.studios); `_app` imports this module to
register them.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Annotated

import typer

from dss_codestudio import ConflictError, DSSCodeStudioPullResult, DSSCodeStudioPushResult, DSSSyncedZone

from ._command import Cli, command
from ._errors import CliError, ExitCode, cli_words
from ._format import files, plural, size
from ._options import CallsTimeoutOption, ProjectArg, StudioArg, ZonesArg, limit_calls
from ._synchronize import (
    Resolution,
    ZoneSync,
    check_conflicts,
    conflict_rows,
    conflicts_error,
    conflicts_payload,
    in_conflict,
    synchronize,
)
from .studios import app, bound, running_zones

ForceOption = Annotated[bool, typer.Option("--force", help="Overwrite the files in conflict (see the command's help).")]


@command(app, "push")
def push(
    cli: Cli,
    project: ProjectArg,
    studio: StudioArg,
    zones: ZonesArg = None,
    force: ForceOption = False,
    timeout: CallsTimeoutOption = None,
) -> None:
    """Copy what changed on the DSS side into the studio; files changed in the studio too are left (exit 3).

    With --force the DSS version of those files wins.
    """
    limit_calls(cli, timeout)
    handle, chosen = running_zones(cli, project, studio, zones)
    studio_of = bound(cli, handle)
    results: list[tuple[DSSSyncedZone, DSSCodeStudioPushResult]] = []

    def human() -> None:
        cli.table(
            ["ZONE", "COPIED", "SIZE", "LEFT IN CONFLICT"],
            [[z.zone, files(r.count), size(r.size), str(len(r.conflicts))] for z, r in results],
            title="Pushed to the studio",
        )

    with cli.progress.step(f"Pushing {plural(len(chosen), 'zone')} to {handle.code_studio_id}") as step:
        for zone in chosen:
            step.update(zone.zone)
            results.append((zone, studio_of().push_to_code_studio(zone.id, force=force)))
        data = {z.id: dict(r.get_raw(), zone=z.zone) for z, r in results}
        left = sorted(f"{z.zone}: {p}" for z, r in results for p in r.conflicts)
        if left:
            if not cli.json:
                human()
            raise CliError(
                f"{files(len(left))} in conflict left as they are in the studio: {', '.join(left)}"
                " (--force pushes DSS's version)",
                ExitCode.CONFLICTS,
                payload=dict(data),
            )
    cli.emit(dict(data), human)


@command(app, "pull")
def pull(
    cli: Cli,
    project: ProjectArg,
    studio: StudioArg,
    zones: ZonesArg = None,
    force: ForceOption = False,
    timeout: CallsTimeoutOption = None,
) -> None:
    """Copy what changed in the studio to DSS; refused (exit 3) when files are in conflict, unless --force.

    With --force the studio's version of those files wins.
    """
    limit_calls(cli, timeout)
    handle, chosen = running_zones(cli, project, studio, zones)
    studio_of = bound(cli, handle)
    results: list[tuple[DSSSyncedZone, DSSCodeStudioPullResult]] = []
    with cli.progress.step(f"Pulling {plural(len(chosen), 'zone')} from {handle.code_studio_id}") as step:
        for zone in chosen:
            step.update(zone.zone)
            try:
                results.append((zone, studio_of().pull_from_code_studio(zone.id, force=force)))
            except ConflictError as exc:
                raise CliError(
                    f"zone {zone.zone}: {cli_words(exc.detailed_message or exc.message)}",
                    ExitCode.CONFLICTS,
                    cause=exc,
                ) from exc
    data = {z.id: dict(r.get_raw(), zone=z.zone) for z, r in results}
    cli.emit(
        dict(data),
        lambda: cli.table(
            ["ZONE", "COPIED", "SIZE"],
            [[z.zone, files(r.count), size(r.size)] for z, r in results],
            title="Pulled to DSS",
        ),
    )


def print_conflicts(cli: Cli, reports: Sequence[ZoneSync]) -> None:
    """Print the conflicting files of each zone (or that there are none)."""
    rows = conflict_rows(reports)
    if rows:
        cli.table(["ZONE", "CHANGE IN STUDIO", "FILE", "CHANGED ON DSS BY"], rows, title="Files in conflict")
    else:
        cli.out.print(f"no conflict in {plural(len(reports), 'zone')}", markup=False)


@command(app, "conflicts")
def conflicts(
    cli: Cli, project: ProjectArg, studio: StudioArg, zones: ZonesArg = None, timeout: CallsTimeoutOption = None
) -> None:
    """Show the files changed both in the studio and on the DSS side since the last sync (exit 3 if any)."""
    limit_calls(cli, timeout)
    handle, chosen = running_zones(cli, project, studio, zones)
    with cli.progress.step(f"Checking {plural(len(chosen), 'zone')} of {handle.code_studio_id} for conflicts") as step:
        reports = check_conflicts(bound(cli, handle), chosen, step)
        if any(r.conflict_count for r in reports):
            if not cli.json:
                print_conflicts(cli, reports)
            raise conflicts_error(reports, in_conflict(reports), conflicts_payload(reports))
    cli.emit(conflicts_payload(reports), lambda: print_conflicts(cli, reports))


ResolveOption = Annotated[
    Resolution | None,
    typer.Option(
        "--resolve",
        help="Settle conflicts instead of stopping: keep the studio's version, or DSS's.",
        case_sensitive=False,
    ),
]


def print_sync(cli: Cli, reports: Sequence[ZoneSync]) -> None:
    """Print what a synchronisation copied, zone by zone."""
    cli.table(
        ["ZONE", "PULLED TO DSS", "PUSHED TO STUDIO", "CONFLICTS"],
        [
            [
                r.zone.zone,
                "one-way" if r.zone.one_way else files(r.pulled.count) if r.pulled else "-",
                files(r.pushed.count) if r.pushed else "-",
                str(r.conflict_count),
            ]
            for r in reports
        ],
        title="Synchronised zones",
    )


@command(app, "sync")
def sync(
    cli: Cli,
    project: ProjectArg,
    studio: StudioArg,
    zones: ZonesArg = None,
    resolve: ResolveOption = None,
    timeout: CallsTimeoutOption = None,
) -> None:
    """Synchronize files, as the DSS UI does: check every zone for conflicts, then pull and push each.

    On conflicts nothing is copied: the conflicting files are listed and the exit code is 3, unless
    --resolve says which side wins.
    """
    limit_calls(cli, timeout)
    handle, chosen = running_zones(cli, project, studio, zones)
    with cli.progress.step(f"Synchronising {plural(len(chosen), 'zone')} of {handle.code_studio_id}") as step:
        outcome = synchronize(bound(cli, handle), chosen, step, resolve)
        if outcome.problem is not None:
            if not cli.json:
                print_conflicts(cli, outcome.zones)
            raise conflicts_error(outcome.zones, outcome.problem, outcome.to_json(), outcome.cause)
    cli.emit(outcome.to_json(), lambda: print_sync(cli, outcome.zones))
