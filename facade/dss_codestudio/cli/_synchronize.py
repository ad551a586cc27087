"""File synchronisation between DSS and a running code studio, zone by zone.

As the DSS UI's "Synchronize files" does it: check every zone for conflicts first, and copy nothing
if any is found; else pull (studio -> DSS) and push (DSS -> studio) each zone.

`resolve` settles conflicts instead of stopping: "studio" keeps the studio's version of the
conflicting files (a forced pull first), "dss" keeps DSS's (a forced push first).

Each call goes through `studio()`, which gives the handle bound to a client with the time left of
the command's `--timeout`.
"""

from __future__ import annotations

import enum
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from dss_codestudio import (
    ConflictError,
    DSSCodeStudioObject,
    DSSCodeStudioObjectConflicts,
    DSSCodeStudioObjectStatus,
    DSSCodeStudioPushResult,
    DSSCodeStudioZoneChanges,
    DSSSyncedZone,
    JSONObject,
    JSONValue,
)
from dss_codestudio.models import CodeStudioZoneChanges

from ._errors import CliError, ExitCode, cli_words
from ._format import files, plural
from ._progress import Step

StudioOf = Callable[[], DSSCodeStudioObject]


class Resolution(enum.StrEnum):
    """Which side wins for the files in conflict."""

    STUDIO = "studio"
    DSS = "dss"


@dataclass
class ZoneSync:
    """What happened to one zone: its conflicts, and what was pulled and pushed."""

    zone: DSSSyncedZone
    conflicts: DSSCodeStudioObjectConflicts
    pulled: DSSCodeStudioZoneChanges | None = None
    pushed: DSSCodeStudioPushResult | None = None

    @property
    def conflict_count(self) -> int:
        """How many files are in conflict in the zone."""
        return self.conflicts.count

    def to_json(self) -> JSONObject:
        """Return the machine-readable report of the zone."""
        return {
            "id": self.zone.id,
            "zone": self.zone.zone,
            "pathInContainer": self.zone.path_in_container,
            "oneWay": self.zone.one_way,
            "conflicts": self.conflicts.zone_conflicts.get_raw(),
            "pulled": None if self.pulled is None else self.pulled.get_raw(),
            "pushed": None if self.pushed is None else self.pushed.get_raw(),
        }

    def conflicts_json(self) -> JSONObject:
        """Return the machine-readable conflicts of the zone: who changed what."""
        c = self.conflicts
        return {
            "id": self.zone.id,
            "zone": self.zone.zone,
            "count": c.count,
            "authors": list[JSONValue](c.authors),
            "added": list[JSONValue](c.added),
            "modified": list[JSONValue](c.modified),
            "deleted": list[JSONValue](c.deleted),
        }


def select_zones(status: DSSCodeStudioObjectStatus, wanted: Sequence[str] | None) -> list[DSSSyncedZone]:
    """Return the zones named by id or kind (all of them when none is named) of a running studio."""
    zones = status.get_zones(as_type="objects")
    where = f"code studio {status.project_key}/{status.code_studio_id}"
    if not zones:
        raise CliError(f"{where} is {status.state}: it has synchronised zones only while it runs", ExitCode.FAILED)
    if not wanted:
        return zones
    chosen: list[DSSSyncedZone] = []
    for name in wanted:
        match = [z for z in zones if name in (z.id, z.zone)]
        if not match:
            known = ", ".join(f"{z.zone} ({z.id})" for z in zones)
            raise CliError(f"{where} has no zone {name!r}; its zones: {known}", ExitCode.NOT_FOUND)
        chosen.extend(z for z in match if z not in chosen)
    return chosen


def check_conflicts(studio: StudioOf, zones: Sequence[DSSSyncedZone], step: Step) -> list[ZoneSync]:
    """Check every zone for conflicts."""
    reports = []
    for zone in zones:
        step.update(f"checking {zone.zone}")
        conflicts = studio().check_conflicts(zone.id)
        if conflicts.is_error:
            raise CliError(f"checking zone {zone.zone} ({zone.id}) failed: {conflicts.error}", ExitCode.FAILED)
        reports.append(ZoneSync(zone, conflicts))
    return reports


@dataclass
class SyncOutcome:
    """The zone-by-zone report of a synchronisation; `problem` says why it stopped, if it did (and `cause`)."""

    zones: list[ZoneSync]
    problem: str | None = None
    cause: ConflictError | None = None

    @property
    def synchronized(self) -> bool:
        """Whether every zone was pulled and pushed."""
        return self.problem is None

    def to_json(self) -> JSONObject:
        """Return the machine-readable report."""
        return sync_payload(self.zones, synchronized=self.synchronized)


def synchronize(
    studio: StudioOf,
    zones: Sequence[DSSSyncedZone],
    step: Step,
    resolve: Resolution | None = None,
) -> SyncOutcome:
    """Check every zone, then pull and push each; on conflicts (without `resolve`) copy nothing and say why."""
    reports = check_conflicts(studio, zones, step)
    total = sum(r.conflict_count for r in reports)
    if total and resolve is None:
        return SyncOutcome(reports, f"{in_conflict(reports)}: nothing was synchronised (--resolve studio|dss)")
    for report in reports:
        forced = resolve if report.conflict_count else None
        zone = report.zone
        try:
            if forced is Resolution.DSS:
                report.pushed = _push(studio, zone, step, force=True)
            if not zone.one_way:
                report.pulled = _pull(studio, zone, step, force=forced is Resolution.STUDIO)
            if forced is not Resolution.DSS:
                report.pushed = _push(studio, zone, step, force=False)
        except ConflictError as exc:
            # Files changed on both sides between the check and the copy: nothing is overwritten.
            return SyncOutcome(reports, f"zone {zone.zone}: {cli_words(exc.detailed_message or exc.message)}", exc)
    return SyncOutcome(reports)


def _pull(studio: StudioOf, zone: DSSSyncedZone, step: Step, *, force: bool) -> DSSCodeStudioZoneChanges:
    step.update(f"pulling {zone.zone}")
    result = studio().pull_from_code_studio(zone.id, force=force)
    changes = result.zones.get(zone.id)
    return changes or DSSCodeStudioZoneChanges(CodeStudioZoneChanges(count=result.count, size=result.size))


def _push(studio: StudioOf, zone: DSSSyncedZone, step: Step, *, force: bool) -> DSSCodeStudioPushResult:
    step.update(f"pushing {zone.zone}")
    return studio().push_to_code_studio(zone.id, force=force)


def conflicts_error(
    reports: Sequence[ZoneSync], message: str, payload: JSONObject, cause: ConflictError | None = None
) -> CliError:
    """Return the CONFLICTS failure, carrying a report (`payload`) beside its `error` as its JSON answer."""
    return CliError(message, ExitCode.CONFLICTS, payload=payload, cause=cause)


def conflicts_payload(reports: Sequence[ZoneSync]) -> JSONObject:
    """Return the machine-readable answer of a conflict check: the conflicts of each zone."""
    zones: list[JSONValue] = [r.conflicts_json() for r in reports]
    return {"conflicts": sum(r.conflict_count for r in reports), "zones": zones}


def in_conflict(reports: Sequence[ZoneSync]) -> str:
    """Say how many files are in conflict, in how many zones."""
    total = sum(r.conflict_count for r in reports)
    zones = sum(1 for r in reports if r.conflict_count)
    return f"{files(total)} in conflict in {plural(zones, 'zone')}"


def sync_payload(reports: Sequence[ZoneSync], *, synchronized: bool) -> JSONObject:
    """Return the machine-readable report of a synchronisation (or of a conflict check)."""
    zones: list[JSONValue] = [r.to_json() for r in reports]
    return {
        "synchronized": synchronized,
        "conflicts": sum(r.conflict_count for r in reports),
        "zones": zones,
    }


def conflict_rows(reports: Sequence[ZoneSync]) -> list[list[str]]:
    """One row per conflicting file: zone, change in the studio, path, who changed it on the DSS side."""
    rows: list[list[str]] = []
    for report in reports:
        c = report.conflicts
        authors = ", ".join(c.authors) or "?"
        for change, paths in (("added", c.added), ("modified", c.modified), ("deleted", c.deleted)):
            rows.extend([report.zone.zone, change, path, authors] for path in paths)
    return rows
