"""The persisted lifecycle state of code studios: one row each, every transition one transaction.

A studio is STOPPED, STARTING, RUNNING or STOPPING; `job_id` names the future driving its current
(or last) transition, and `run` what its current (or last) run is made of: the zones with their ids
of this run, the exposed ports. A transition is a compare-and-set: it names the states it leaves
(and, for a job, the job it expects to own the studio), so a job that was superseded (its start
aborted by a stop, for example) can never move the studio. `lastStateChange` never goes back: each
transition sets it to the current time, or one millisecond after the previous value if the clock
stepped back.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field, replace

from dss_codestudio_server.domain.clock import now_ms
from dss_codestudio_server.jsonshape import JsonObject
from dss_codestudio_server.storage import Database

STOPPED = "STOPPED"
STARTING = "STARTING"
RUNNING = "RUNNING"
STOPPING = "STOPPING"
STATES = (STOPPED, STARTING, RUNNING, STOPPING)
ALLOWED = {(STOPPED, STARTING), (STARTING, RUNNING), (STARTING, STOPPING), (RUNNING, STOPPING), (STOPPING, STOPPED)}
"""Every transition a studio may make."""


@dataclass(frozen=True)
class ZoneRun:
    """A synchronised zone of one run of a studio."""

    id: str
    """The zone id of this run (`syncedZones[].id`), new at every start."""
    zone: str
    path_in_container: str
    one_way: bool
    workspace_path: str
    """Where the zone lives inside the studio's workspace folder (relative, checked)."""
    state_key: str
    """Names the folder of the zone's synchronisation base; the same across runs, so the base survives restarts."""


@dataclass(frozen=True)
class StudioRun:
    """What one run of a studio is made of: who it runs as, its zones, its exposed ports once running."""

    run_as: str
    zones: tuple[ZoneRun, ...] = ()
    excluded: tuple[str, ...] = ()
    exposable_count: int = 0
    exposed: tuple[JsonObject, ...] = ()
    """The ports it exposes once RUNNING, as the status lists them (`wire.exposed_port`)."""

    def zone(self, zone_id: str) -> ZoneRun | None:
        """Return the zone of this run with this id, or None."""
        return next((z for z in self.zones if z.id == zone_id), None)

    def to_json(self) -> JsonObject:
        """Serialise for the database (its storage format, not the API's)."""
        return {
            "runAs": self.run_as,
            "zones": [asdict(z) for z in self.zones],
            "excluded": list(self.excluded),
            "exposableCount": self.exposable_count,
            "exposed": [dict(e) for e in self.exposed],
        }

    @classmethod
    def from_json(cls, raw: JsonObject) -> StudioRun:
        """Read what `to_json` wrote."""
        zones = raw.get("zones")
        excluded = raw.get("excluded")
        exposed = raw.get("exposed")
        count = raw.get("exposableCount")
        return cls(
            str(raw.get("runAs", "")),
            tuple(ZoneRun(**z) for z in zones if isinstance(z, dict)) if isinstance(zones, list) else (),
            tuple(str(p) for p in excluded) if isinstance(excluded, list) else (),
            count if isinstance(count, int) else 0,
            tuple(e for e in exposed if isinstance(e, dict)) if isinstance(exposed, list) else (),
        )


@dataclass(frozen=True)
class StudioState:
    """The lifecycle state of one studio."""

    state: str = STOPPED
    changed_ms: int = 0
    job_id: str | None = None
    run: StudioRun | None = field(default=None)


class StudioStateStore:
    """Reads and changes the lifecycle columns of the `code_studios` table."""

    def __init__(self, db: Database) -> None:
        self._db = db

    def get(self, project_key: str, studio_id: str) -> StudioState | None:
        """Return a studio's state, or None if the studio does not exist."""
        row = self._db.query_one(
            "SELECT state, state_changed_ms, job_id, run_json FROM code_studios WHERE project_key = ? AND id = ?",
            (project_key, studio_id),
        )
        if row is None:
            return None
        run = StudioRun.from_json(json.loads(row["run_json"])) if row["run_json"] else None
        return StudioState(row["state"], row["state_changed_ms"], row["job_id"], run)

    def transition(
        self,
        project_key: str,
        studio_id: str,
        *,
        to: str,
        leaving: Iterable[str],
        job_id: str | None = None,
        expect_job: str | None = None,
        run: StudioRun | None = None,
    ) -> bool:
        """Move a studio to state `to` if it is in one of `leaving` (and owned by `expect_job`, if given).

        `job_id` becomes the studio's job when given; `run` replaces its run when given. Returns whether
        the studio moved; the move and its timestamp are one transaction.
        """
        leaving = tuple(leaving)
        assert all((old, to) in ALLOWED for old in leaving), (leaving, to)
        with self._db.transaction() as conn:
            row = conn.execute(
                "SELECT state, state_changed_ms, job_id FROM code_studios WHERE project_key = ? AND id = ?",
                (project_key, studio_id),
            ).fetchone()
            if row is None or row["state"] not in leaving:
                return False
            if expect_job is not None and row["job_id"] != expect_job:
                return False
            changed = max(now_ms(), int(row["state_changed_ms"]) + 1)
            conn.execute(
                "UPDATE code_studios SET state = ?, state_changed_ms = ?, job_id = ?,"
                " run_json = COALESCE(?, run_json) WHERE project_key = ? AND id = ?",
                (
                    to,
                    changed,
                    job_id if job_id is not None else row["job_id"],
                    json.dumps(run.to_json()) if run is not None else None,
                    project_key,
                    studio_id,
                ),
            )
        return True

    def release_thread_connection(self) -> None:
        """Close the calling thread's database connection (threads that end call this)."""
        self._db.release_thread_connection()

    def active(self) -> list[tuple[str, str]]:
        """(project key, studio id) of every studio that is not STOPPED."""
        rows = self._db.query("SELECT project_key, id FROM code_studios WHERE state != 'STOPPED'")
        return [(r["project_key"], r["id"]) for r in rows]

    def stop_all_after_crash(self) -> int:
        """Mark every studio a previous server process left not STOPPED as STOPPED; returns how many.

        Their runs keep their zones (the bases of the next start), without exposed ports.
        """
        moved = self._db.query("SELECT project_key, id, run_json FROM code_studios WHERE state != 'STOPPED'")
        with self._db.transaction() as conn:
            for row in moved:
                run = StudioRun.from_json(json.loads(row["run_json"])) if row["run_json"] else None
                conn.execute(
                    "UPDATE code_studios SET state = 'STOPPED', state_changed_ms = MAX(?, state_changed_ms + 1),"
                    " run_json = ? WHERE project_key = ? AND id = ?",
                    (
                        now_ms(),
                        json.dumps(replace(run, exposed=()).to_json()) if run else None,
                        row["project_key"],
                        row["id"],
                    ),
                )
        return len(moved)
