"""Long-running jobs and their futures.

`JobRunner.start` runs a work function in a background thread and records a future for it in the
database; clients poll the future's state. Work is cancelled cooperatively: the function calls
`JobContext.check_aborted()` (or `wait()`) at safe points, and cleans up in `finally` blocks.
Finished futures are kept for a configurable number of minutes, then forgotten. Futures that were
running when the server died are marked failed at the next start (`recover_after_crash`).

Code studio starts and stops run here too: the lifecycle cancels a start with `cancel` (no caller
rights involved: a stop, a deletion or a server shutdown takes over) and answers the future of a
transition already under way with `peek`.

Every answer about a future is a `FutureState`; its progress and result are stored as the API
answers them (`wire`), so that a future outlives the request that started it and the process too.
"""

from __future__ import annotations

import json
import logging
import threading
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from dss_codestudio_server.domain import wire
from dss_codestudio_server.domain.clock import now_ms, random_id
from dss_codestudio_server.domain.errors import DomainError, Forbidden, JobAborted, JobFailed, NotFound
from dss_codestudio_server.domain.users import Principal
from dss_codestudio_server.jsonshape import JsonObject
from dss_codestudio_server.storage import Database, DatabaseBusy, storage_problem

log = logging.getLogger(__name__)

Work = Callable[["JobContext"], JsonObject]

SERVER_STOPPED = "The server stopped while this job was running"


@dataclass
class ProgressStep:
    """One step of a job's progress (DSS's `progress.states[]`)."""

    name: str
    cur: int = 0
    target: int = 0
    unit: str = ""
    start_ms: int = field(default_factory=now_ms)


@dataclass(frozen=True)
class FutureState:
    """What a future is at: running or done, since when, and what it reported.

    A future of work that completed at once, before answering, has no `job_id` (nor name or owner),
    as DSS answers it. `progress` and `result` are the documents stored for the API (`wire`).
    """

    job_id: str | None
    done: bool
    start_ms: int
    end_ms: int
    display_name: str = ""
    owner: str = ""
    progress: JsonObject | None = None
    result: JsonObject | None = None

    @classmethod
    def completed(cls, result: JsonObject, start_ms: int) -> FutureState:
        """Return the state of work that completed at once: done, with its result, and no job id (as DSS)."""
        return cls(None, True, start_ms, now_ms(), result=result)


class JobContext:
    """What a running job sees: its id, its owner, cancellation and progress reporting."""

    def __init__(self, job_id: str, owner: str) -> None:
        self.job_id = job_id
        self.owner = owner
        self._abort = threading.Event()
        self._abort_reason = ""
        self._progress: list[ProgressStep] = []
        self._lock = threading.Lock()

    @property
    def abort_requested(self) -> bool:
        """Whether someone asked this job to stop."""
        return self._abort.is_set()

    def request_abort(self, reason: str) -> None:
        """Ask the job to stop at its next check."""
        self._abort_reason = reason
        self._abort.set()

    def check_aborted(self) -> None:
        """Raise JobAborted if the job was asked to stop."""
        if self._abort.is_set():
            raise JobAborted(self._abort_reason or f"Future {self.job_id} was aborted")

    def wait(self, seconds: float) -> None:
        """Wait up to `seconds`, returning early (with JobAborted) if the job is aborted."""
        if self._abort.wait(seconds):
            self.check_aborted()

    def set_step(self, name: str, cur: int = 0, target: int = 0, unit: str = "") -> None:
        """Report the step the job is in (replacing the previous one)."""
        with self._lock:
            self._progress = [ProgressStep(name, cur, target, unit)]

    def progress(self) -> JsonObject:
        """Return the progress, as the API answers it (`{"states": [...]}`)."""
        with self._lock:
            return wire.progress(self._progress)


@dataclass
class _Running:
    context: JobContext
    thread: threading.Thread
    kind: str
    display_name: str
    target: str | None
    start_ms: int
    done: threading.Event = field(default_factory=threading.Event)


class JobRunner:
    """Runs jobs in background threads and keeps their futures."""

    def __init__(self, db: Database, *, retention_minutes: float = 30.0) -> None:
        self._db = db
        self.retention_ms = int(retention_minutes * 60_000)
        self._running: dict[str, _Running] = {}
        self._unrecorded: dict[str, JsonObject] = {}
        self._lock = threading.Lock()
        self._stopping = False
        self._last_purge_ms = 0

    # -- lifecycle ------------------------------------------------------------------------------

    def recover_after_crash(self) -> int:
        """Mark futures left RUNNING by a previous server process as failed; returns how many."""
        error = json.dumps({"errorType": JobFailed.error_type, "message": SERVER_STOPPED})
        with self._db.transaction() as conn:
            cursor = conn.execute(
                "UPDATE futures SET state = 'FAILED', end_ms = ?, error_json = ? WHERE state = 'RUNNING'",
                (now_ms(), error),
            )
        return cursor.rowcount

    def shutdown(self, timeout: float = 10.0) -> None:
        """Stop accepting jobs, ask running ones to stop, and wait for them (bounded)."""
        with self._lock:
            self._stopping = True
            running = list(self._running.values())
        for job in running:
            job.context.request_abort(SERVER_STOPPED)
        deadline = now_ms() + int(timeout * 1000)
        for job in running:
            job.thread.join(max(0.0, (deadline - now_ms()) / 1000))

    # -- starting -------------------------------------------------------------------------------

    def start(self, *, kind: str, owner: str, display_name: str, work: Work, target: str | None = None) -> FutureState:
        """Start `work` in the background and return its future's first state (with `jobId`)."""
        job_id = random_id(8)
        start = now_ms()
        context = JobContext(job_id, owner)
        with self._lock:
            if self._stopping:
                raise DomainError("The server is stopping")
            with self._db.transaction() as conn:
                conn.execute(
                    "INSERT INTO futures (job_id, kind, owner, display_name, target, state, start_ms)"
                    " VALUES (?, ?, ?, ?, ?, 'RUNNING', ?)",
                    (job_id, kind, owner, display_name, target, start),
                )
            thread = threading.Thread(target=self._run, args=(job_id, work), name=f"job-{kind}-{job_id}", daemon=True)
            running = _Running(context, thread, kind, display_name, target, start)
            self._running[job_id] = running
        thread.start()
        return self._running_state(job_id, running)

    def _run(self, job_id: str, work: Work) -> None:
        running = self._running[job_id]
        state, result, error = "DONE", None, None
        try:
            result = work(running.context)
        except JobAborted as exc:
            if exc.message == SERVER_STOPPED:
                state, error = "FAILED", {"errorType": JobFailed.error_type, "message": SERVER_STOPPED}
            else:
                state, error = "ABORTED", {"errorType": exc.error_type, "message": exc.message}
        except DomainError as exc:
            state, error = (
                "FAILED",
                {"errorType": exc.error_type, "message": exc.message, "detailedMessage": exc.detail},
            )
        except Exception as exc:  # a full disk, or a bug in the work: report it as the job's failure, never lose it
            problem = storage_problem(exc)
            if problem is not None:
                log.error("job %s (%s) failed: %s", job_id, running.kind, exc)
                state, error = "FAILED", {"errorType": "java.io.IOException", "message": problem.describe(exc)}
            else:
                log.exception("job %s (%s) failed", job_id, running.kind)
                state, error = "FAILED", {"errorType": JobFailed.error_type, "message": f"Internal error: {exc!r}"}
        outcome: JsonObject = {
            "job_id": job_id,
            "owner": running.context.owner,
            "display_name": running.display_name,
            "start_ms": running.start_ms,
            "state": state,
            "end_ms": now_ms(),
            "result_json": json.dumps(result) if result is not None else None,
            "error_json": json.dumps(error) if error is not None else None,
            "progress_json": json.dumps(running.context.progress()),
        }
        try:
            self._record(outcome)
        except Exception as exc:
            # The disk is full, say: keep the outcome in memory (readers see it) and record it later,
            # rather than leave a future that reads as running forever.
            log.error("could not record the outcome of job %s (%s), kept in memory: %s", job_id, running.kind, exc)
            with self._lock:
                self._unrecorded[job_id] = outcome
        finally:
            with self._lock:
                self._running.pop(job_id, None)
            self._db.release_thread_connection()
            running.done.set()

    def _record(self, outcome: JsonObject) -> None:
        with self._db.transaction() as conn:
            conn.execute(
                "UPDATE futures SET state = ?, end_ms = ?, result_json = ?, error_json = ?, progress_json = ?"
                " WHERE job_id = ?",
                tuple(outcome[k] for k in ("state", "end_ms", "result_json", "error_json", "progress_json", "job_id")),
            )

    def _record_kept(self) -> None:
        """Record the outcomes kept in memory because the database could not be written then."""
        with self._lock:
            kept = list(self._unrecorded.values())
        for outcome in kept:
            try:
                self._record(outcome)
            except Exception:
                return  # still failing: keep them for the next read
            with self._lock:
                self._unrecorded.pop(str(outcome["job_id"]), None)

    def _row(self, job_id: str) -> Mapping[str, Any] | None:
        """Return the future's row, or its outcome kept in memory if that could not be recorded yet."""
        with self._lock:
            kept = self._unrecorded.get(job_id)
        if kept is not None:
            return kept
        row = self._db.query_one("SELECT * FROM futures WHERE job_id = ?", (job_id,))
        return dict(row) if row is not None else None

    # -- reading --------------------------------------------------------------------------------

    @staticmethod
    def _running_state(job_id: str, running: _Running) -> FutureState:
        return FutureState(
            job_id,
            False,
            running.start_ms,
            now_ms(),
            running.display_name,
            running.context.owner,
            progress=running.context.progress(),
        )

    def state(self, principal: Principal, job_id: str, *, peek: bool = False) -> FutureState:
        """Return the state of a future the caller may see.

        Raises NotFound (unknown, forgotten or another user's), JobFailed (its work failed) or
        JobAborted (it was aborted), so a client polling for `hasResult` always ends.
        """
        self.purge_expired()
        with self._lock:
            running = self._running.get(job_id)
        if running is not None:
            if not (principal.is_admin or principal.login == running.context.owner):
                raise NotFound(f"Future does not exist: {job_id}")
            return self._running_state(job_id, running)
        row = self._row(job_id)
        if row is None or not (principal.is_admin or principal.login == row["owner"]):
            raise NotFound(f"Future does not exist: {job_id}")
        if row["state"] == "RUNNING":
            # Not run by this process (which registers its jobs before recording them): a
            # previous process died; recover_after_crash() marks these failed at start.
            return FutureState(job_id, False, row["start_ms"], now_ms(), row["display_name"], row["owner"])
        if row["state"] in ("FAILED", "ABORTED"):
            error = json.loads(row["error_json"] or "{}")
            message = str(error.get("message") or f"Future {job_id} failed")
            cls = JobAborted if row["state"] == "ABORTED" else JobFailed
            raise cls(
                message,
                error_type=str(error.get("errorType") or cls.error_type),
                detail=str(error.get("detailedMessage") or message),
            )
        return FutureState(
            job_id,
            True,
            row["start_ms"],
            row["end_ms"] or row["start_ms"],
            row["display_name"],
            row["owner"],
            progress=json.loads(row["progress_json"]) if row["progress_json"] else None,
            result=json.loads(row["result_json"]) if not peek and row["result_json"] is not None else None,
        )

    def list_running(self, principal: Principal, *, all_users: bool = False) -> list[FutureState]:
        """Return the running futures of the caller (of everyone with `all_users`, administrators only)."""
        if all_users and not principal.is_admin:
            raise Forbidden("Action forbidden, only administrators may list the futures of all users")
        with self._lock:
            items = list(self._running.items())
        return [
            self._running_state(job_id, running)
            for job_id, running in sorted(items, key=lambda item: item[1].start_ms)
            if all_users or running.context.owner == principal.login
        ]

    def peek(self, job_id: str) -> FutureState:
        """Return the peeked state of a future whoever owns it (the caller of a request it answers may poll it)."""
        with self._lock:
            running = self._running.get(job_id)
        if running is not None:
            return self._running_state(job_id, running)
        row = self._row(job_id)
        if row is None:
            raise NotFound(f"Future does not exist: {job_id}")
        done = row["state"] != "RUNNING"
        return FutureState(job_id, done, row["start_ms"], row["end_ms"] or now_ms(), row["display_name"], row["owner"])

    def running_for(self, kind: str, target: str) -> list[str]:
        """Ids of the running jobs of this kind on this target."""
        with self._lock:
            return [jid for jid, r in self._running.items() if r.kind == kind and r.target == target]

    # -- aborting and forgetting -------------------------------------------------------------------

    def abort(self, principal: Principal, job_id: str, *, wait_seconds: float = 10.0) -> None:
        """Abort a running future and wait (bounded) for its work to stop; a finished one is left as is."""
        with self._lock:
            running = self._running.get(job_id)
        if running is None:
            row = self._row(job_id)
            if row is None or not (principal.is_admin or principal.login == row["owner"]):
                raise NotFound(f"Future does not exist: {job_id}")
            return
        if not (principal.is_admin or principal.login == running.context.owner):
            raise NotFound(f"Future does not exist: {job_id}")
        running.context.request_abort(f"Future {job_id} was aborted by {principal.login}")
        running.done.wait(wait_seconds)

    def cancel(self, job_id: str, reason: str) -> None:
        """Ask a running job to stop at its next check (for the server's own use: no rights are checked)."""
        with self._lock:
            running = self._running.get(job_id)
        if running is not None:
            running.context.request_abort(reason)

    def wait(self, job_id: str, timeout: float) -> bool:
        """Wait until a job is finished; True if it is."""
        with self._lock:
            running = self._running.get(job_id)
        return True if running is None else running.done.wait(timeout)

    def purge_expired(self, *, force: bool = False) -> int:
        """Forget finished futures older than the retention time; returns how many.

        Runs at most once a second unless forced: it is called on every read of a future, which must
        not wait for (nor fail because of) another writer, so it is skipped while one holds the
        database; a later read purges.
        """
        now = now_ms()
        if not force and now - self._last_purge_ms < 1000:
            return 0
        self._last_purge_ms = now
        self._record_kept()
        limit = now - self.retention_ms
        try:
            with self._db.transaction(wait=force) as conn:
                cursor = conn.execute("DELETE FROM futures WHERE state != 'RUNNING' AND end_ms < ?", (limit,))
        except DatabaseBusy:
            return 0
        except Exception as exc:
            if storage_problem(exc) is None:
                raise
            return 0  # housekeeping waits for a writable disk; reading a future must not fail for it
        return cursor.rowcount
