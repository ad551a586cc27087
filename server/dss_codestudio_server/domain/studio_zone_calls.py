"""The API's synchronisation calls on a running studio's zones: push, pull and conflicts.

Zones exist only while the studio is RUNNING, with ids that change at every start. Each call waits
for another synchronisation of the same studio (a start's pushes, a stop's pulls, another call) a
bounded time only, then is answered 409 (busy): no request thread stays parked behind a long
synchronisation.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from dss_codestudio_server.domain.errors import Conflict, NotFound
from dss_codestudio_server.domain.studio_coordination import StudioBusy, StudioLocks
from dss_codestudio_server.domain.studio_state import RUNNING, StudioRun, StudioStateStore, ZoneRun
from dss_codestudio_server.domain.studio_sync import StudioSync
from dss_codestudio_server.zonesync import ConflictPolicy, ConflictReport, SyncResult

if TYPE_CHECKING:
    from dss_codestudio_server.domain.code_studios import CodeStudio


@dataclass(frozen=True)
class ZonePull:
    """What a pull of one zone copied."""

    zone_id: str
    result: SyncResult


@dataclass(frozen=True)
class ZoneConflicts:
    """The conflicts of one zone; or, for a zone the studio does not have, why (`report` None), as DSS answers it."""

    zone_id: str
    report: ConflictReport | None
    error: str | None = None


class RunningZones:
    """Push, pull and conflicts of the zones of running studios."""

    def __init__(self, states: StudioStateStore, sync: StudioSync, locks: StudioLocks) -> None:
        self._states = states
        self._sync = sync
        self._locks = locks

    def _running_zone(self, studio: CodeStudio, zone_id: str) -> tuple[StudioRun, ZoneRun]:
        state = self._states.get(studio.project_key, studio.id)
        if state is None:
            raise NotFound(f"Code studio does not exist: {studio.id}")
        run = state.run
        zone = run.zone(zone_id) if run is not None and state.state == RUNNING else None
        if run is None or zone is None:
            why = (
                "zone ids change at every start; read them from the status"
                if state.state == RUNNING
                else f"the code studio is {state.state}, it has zones only while RUNNING"
            )
            raise NotFound(f"Zone {zone_id} is not a zone of code studio {studio.id}: {why}")
        return run, zone

    def push(self, studio: CodeStudio, zone_id: str, *, force: bool) -> SyncResult:
        """Push one zone of a running studio DSS -> studio (409 if another synchronisation holds it too long)."""
        self._running_zone(studio, zone_id)
        with self._locks.syncing(studio, bounded=True):
            run, zone = self._running_zone(studio, zone_id)
            return self._sync.push(studio.ref, run, zone, force=force)

    def pull(self, studio: CodeStudio, zone_id: str, *, force: bool) -> ZonePull:
        """Pull one zone of a running studio studio -> DSS (refused on conflicts unless `force`)."""
        policy = ConflictPolicy.FORCE if force else ConflictPolicy.REFUSE
        self._running_zone(studio, zone_id)
        with self._locks.syncing(studio, bounded=True):
            run, zone = self._running_zone(studio, zone_id)
            return ZonePull(zone_id, self._sync.pull(studio.ref, run, zone, policy=policy))

    def conflicts(self, studio: CodeStudio, zone_id: str) -> ZoneConflicts:
        """Return the conflicts of one zone, or why there are none to give for a zone the studio does not have."""
        try:
            self._running_zone(studio, zone_id)
            with self._locks.syncing(studio, bounded=True):
                run, zone = self._running_zone(studio, zone_id)
                return ZoneConflicts(zone_id, self._sync.conflicts(studio.ref, run, zone))
        except StudioBusy:
            raise
        except (NotFound, Conflict) as exc:
            return ZoneConflicts(zone_id, None, exc.message)
