"""Stopping a studio's run: pull every zone, stop the processes, pull again, then STOPPED.

Used by every stop (asked for, a failed start, a process that exited by itself, a deletion, the
server's shutdown). It is never aborted half-way: whatever happens, no process outlives it and the
studio ends STOPPED. Conflicting files are left on both sides and reported; a zone that cannot be
read is reported and does not keep the processes alive.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from dss_codestudio_server.domain.errors import DomainError
from dss_codestudio_server.domain.jobs import JobContext
from dss_codestudio_server.domain.studio_coordination import StudioLocks, studio_key
from dss_codestudio_server.domain.studio_launch import progress_step
from dss_codestudio_server.domain.studio_state import STOPPED, STOPPING, StudioRun, StudioStateStore
from dss_codestudio_server.domain.studio_sync import StudioSync
from dss_codestudio_server.runtime import LocalRuntime
from dss_codestudio_server.zonesync import ConflictPolicy, ConflictReport, SyncResult

if TYPE_CHECKING:
    from dss_codestudio_server.domain.code_studios import CodeStudio

log = logging.getLogger(__name__)
KINDS = ("added", "modified", "deleted")


def merge_pulls(first: SyncResult | None, second: SyncResult) -> SyncResult:
    """Combine two pulls of a zone (before and after the processes stopped) into their net effect on DSS."""
    if first is None or first.count == 0:
        return second
    net: dict[str, str] = {p: kind for kind in KINDS for p in getattr(first, kind)}
    for kind in KINDS:
        for path in getattr(second, kind):
            before = net.get(path)
            if before == "added" and kind == "deleted":
                del net[path]  # created, then deleted: DSS is as it was
                continue
            if before == "added":
                net[path] = "added"  # still a file DSS did not have before the stop
            elif before == "deleted" and kind == "added":
                net[path] = "modified"  # deleted, then written again
            else:
                net[path] = kind
    return SyncResult(
        second.direction,
        tuple(sorted(p for p, k in net.items() if k == "added")),
        tuple(sorted(p for p, k in net.items() if k == "modified")),
        tuple(sorted(p for p, k in net.items() if k == "deleted")),
        first.size + second.size,
        second.conflicts,
        second.skipped,
    )


@dataclass(frozen=True)
class StopOutcome:
    """What a stop did: each zone's pulls (their net effect), the conflicts left, the processes' exit codes."""

    pulled: dict[str, SyncResult]
    """By zone id; a zone whose every pull failed is in `errors` instead."""
    conflicts: dict[str, ConflictReport]
    """The zones whose files changed on both sides, left as they are on both sides."""
    exit_codes: dict[str, int]
    """By entry point label."""
    errors: dict[str, str]
    """Why a zone could not be pulled, by zone id."""


class RunStopper:
    """Stops the run of a studio that is STOPPING (see the module docstring)."""

    def __init__(
        self, states: StudioStateStore, sync: StudioSync, runtime: LocalRuntime, locks: StudioLocks, grace: float
    ) -> None:
        self._states = states
        self._sync = sync
        self._runtime = runtime
        self._locks = locks
        self._grace = grace

    def stop_run(self, ctx: JobContext, studio: CodeStudio, run: StudioRun) -> StopOutcome:
        """Pull every zone, stop the processes, pull again; then STOPPED. Returns the stop's result."""
        key = studio_key(studio.project_key, studio.id)
        results: dict[str, SyncResult | None] = {z.id: None for z in run.zones}
        errors: dict[str, str] = {}
        exit_codes: dict[str, int] = {}
        conflicts: dict[str, ConflictReport] = {}
        try:
            with self._locks.syncing(studio, bounded=False):
                self._pull_all(ctx, studio, run, results, errors, "Pulling zone")
                ctx.set_step("Stopping entry points")
                report = self._runtime.stop(key, self._grace)
                exit_codes = dict(report.exit_codes) if report else {}
                self._pull_all(
                    ctx, studio, run, results, errors, "Pulling what the processes wrote while stopping, zone"
                )
                for zone in run.zones:
                    result = results[zone.id]
                    if result is not None and result.conflicts:
                        try:
                            conflicts[zone.id] = self._sync.conflicts(studio.ref, run, zone)
                        except DomainError as exc:
                            errors[zone.id] = exc.message
        finally:
            self._runtime.stop(key, self._grace)  # whatever happened above, no process outlives a stop
            with self._locks.locked(studio):
                self._states.transition(
                    studio.project_key,
                    studio.id,
                    to=STOPPED,
                    leaving=(STOPPING,),
                    expect_job=ctx.job_id,
                    run=replace(run, exposed=()),
                )
        ctx.set_step("Stopped")
        pulled = {zone_id: result for zone_id, result in results.items() if result is not None}
        return StopOutcome(pulled, conflicts, exit_codes, errors)

    def _pull_all(
        self,
        ctx: JobContext,
        studio: CodeStudio,
        run: StudioRun,
        results: dict[str, SyncResult | None],
        errors: dict[str, str],
        what: str,
    ) -> None:
        for number, zone in enumerate(run.zones, start=1):
            if zone.one_way:
                continue
            step = f"{what} {zone.zone} ({number}/{len(run.zones)})"
            ctx.set_step(step)
            try:
                pulled = self._sync.pull(
                    studio.ref, run, zone, policy=ConflictPolicy.SKIP, progress=progress_step(ctx, step)
                )
            except DomainError as exc:
                errors[zone.id] = exc.message
                continue
            except Exception as exc:  # a zone that cannot be read must not keep the studio's processes alive
                log.exception("pull of zone %s of code studio %s failed", zone.id, studio.id)
                errors[zone.id] = f"Internal error: {exc!r}"
                continue
            results[zone.id] = merge_pulls(results[zone.id], pulled)
