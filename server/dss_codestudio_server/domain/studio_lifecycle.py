"""The lifecycle of code studios: STOPPED -> STARTING -> RUNNING -> STOPPING -> STOPPED, as futures.

A start (the `restart` of a stopped studio) reads the template's build output, gives every zone a
fresh id, pushes every zone DSS -> studio, starts the entry points as local processes (runtime) and
waits for their readiness; only then is the studio RUNNING. A stop pulls every zone studio -> DSS
(conflicting files are left on both sides and reported), terminates the processes (SIGTERM, a
grace period, SIGKILL, children included), pulls again what they wrote while stopping, and the
studio is STOPPED. A start that fails or is aborted stops the studio the same way before its future
fails. A process that exits by itself stops its studio the same way (a stop future owned by the
studio's owner).

Concurrency rules, enforced under a per-studio lock held only for the decision and the state
change (never during a synchronisation or a process start):

- restart: STOPPED starts; RUNNING stops then starts (one future, the start's); STARTING answers the
  running start's future (nothing starts twice); STOPPING is refused (Conflict), unless the stop is
  the first half of a restart, whose future is answered.
- stop: STOPPED answers a completed future without jobId; RUNNING stops; STARTING aborts the start
  and stops; STOPPING answers that stop's future (and cancels a restart waiting for it).
- deletion (and the deletions a project or template deletion makes): stops the studio as a stop
  does, waits for the stop, then lets the caller delete; restarts are refused meanwhile.
- every transition is one SQLite transaction, made only by the future that owns the studio
  (compare-and-set on the state and the job id); `lastStateChange` never goes back.
- server start: processes a previous server left are killed (runtime.reconcile), every studio it
  left STARTING, RUNNING or STOPPING is STOPPED, its futures failed (jobs); files stay where they
  are and the next start synchronises against the kept bases, so nothing is lost. Server shutdown
  stops every studio as a stop does.
"""

from __future__ import annotations

import hashlib
import json
import logging
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING

from dss_codestudio_server.domain.clock import now_ms, random_id
from dss_codestudio_server.domain.errors import Conflict, DomainError, JobAborted, JobFailed, NotFound
from dss_codestudio_server.domain.jobs import JobContext, JobRunner, JsonObject, completed_state
from dss_codestudio_server.domain.studio_files import ZONE_KIND, StudioFiles
from dss_codestudio_server.domain.studio_state import (
    RUNNING,
    STARTING,
    STOPPED,
    STOPPING,
    StudioRun,
    StudioState,
    StudioStateStore,
    ZoneRun,
)
from dss_codestudio_server.domain.studio_sync import StudioSync, Unsynced, changes_json, push_json
from dss_codestudio_server.domain.templates import TemplateService
from dss_codestudio_server.runtime import EntryPoint, LocalRuntime, PodSpec, ProcessExit, StudioStartError
from dss_codestudio_server.zonesync import ConflictPolicy, ExcludeRules, Progress, SyncResult
from dss_codestudio_server.zonesync.results import ProgressCallback

if TYPE_CHECKING:
    from dss_codestudio_server.domain.code_studios import CodeStudio

log = logging.getLogger(__name__)

START_KIND = "code-studio-start"
STOP_KIND = "code-studio-stop"
DEFAULT_START_TIMEOUT = 600.0
WAIT_FOR_JOB = 600.0
README = "CodeStudio_README.txt"


def studio_key(project_key: str, studio_id: str) -> str:
    """Return the key of a studio in locks, futures' targets and the runtime."""
    return f"{project_key}/{studio_id}"


@dataclass(frozen=True)
class Launch:
    """What a start needs, read from the template's build output when the start is asked for."""

    run: StudioRun
    entry_points: tuple[EntryPoint, ...]
    port_labels: dict[int, str]
    start_timeout: float


@dataclass
class _Studio:
    """In-memory coordination of one studio (its persisted state is in the database)."""

    lock: threading.Lock = field(default_factory=threading.Lock)
    sync_lock: threading.Lock = field(default_factory=threading.Lock)
    pending_start: str | None = None
    """A start waiting for the stop that opens a restart."""
    removing: bool = False


def _step(ctx: JobContext, name: str) -> ProgressCallback:
    def report(progress: Progress) -> None:
        ctx.set_step(name, progress.files_done, progress.files_total, "FILES")

    return report


def _merge(first: SyncResult | None, second: SyncResult) -> SyncResult:
    """Combine two pulls of a zone (before and after the processes stopped) into their net effect on DSS."""
    if first is None or first.count == 0:
        return second
    net: dict[str, str] = {p: kind for kind in ("added", "modified", "deleted") for p in getattr(first, kind)}
    for kind in ("added", "modified", "deleted"):
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


class StudioLifecycle:
    """Starts, stops and synchronises code studios; see the module docstring for the rules."""

    def __init__(
        self,
        states: StudioStateStore,
        jobs: JobRunner,
        templates: TemplateService,
        files: StudioFiles,
        sync: StudioSync,
        runtime_dir: Path,
        find_studio: Callable[[str, str], CodeStudio | None],
        *,
        stop_grace: float = 10.0,
    ) -> None:
        self._states = states
        self._jobs = jobs
        self._templates = templates
        self._files = files
        self._sync = sync
        self._find = find_studio
        self._grace = stop_grace
        self.runtime = LocalRuntime(runtime_dir, on_exit=self._on_process_exit)
        self._studios: dict[str, _Studio] = {}
        self._guard = threading.Lock()
        self._closing = False
        self._serving = False  # set by recover(): only a serving instance stops studios at shutdown

    def _coordination(self, key: str) -> _Studio:
        with self._guard:
            return self._studios.setdefault(key, _Studio())

    @contextmanager
    def _locked(self, studio: CodeStudio) -> Iterator[_Studio]:
        coordination = self._coordination(studio_key(studio.project_key, studio.id))
        with coordination.lock:
            yield coordination

    def _state(self, studio: CodeStudio) -> StudioState:
        state = self._states.get(studio.project_key, studio.id)
        if state is None:
            raise NotFound(f"Code studio does not exist: {studio.id}")
        return state

    # -- status -----------------------------------------------------------------------------------

    def status(self, studio: CodeStudio) -> JsonObject:
        """Return the status of a studio, as DSS answers it, with the reference server's extensions."""
        state = self._state(studio)
        run = state.run
        running = state.state == RUNNING and run is not None
        workspace = self._files.workspace(studio.ref)
        out: JsonObject = {
            "state": state.state,
            "lastStateChange": state.changed_ms,
            "runAsUser": run.run_as if run is not None and state.state != STOPPED else studio.owner,
            "exposableCount": run.exposable_count if run is not None else 0,
            "exposed": [dict(e) for e in run.exposed] if running and run is not None else [],
            "syncedZones": [],
            "workspacePath": str(workspace),
        }
        if running and run is not None:
            out["syncedZones"] = [
                {
                    **zone.to_status_json(),
                    "studioPath": str(workspace / zone.workspace_path),
                    "dssPath": str(self._files.dss_root(studio.ref, run.run_as, zone.zone)),
                }
                for zone in run.zones
            ]
        if state.job_id:
            out["jobId"] = state.job_id
        template = self._templates.find(studio.template_id)
        if template is not None and template.last_built_ms:
            out["lastTemplateBuilt"] = template.last_built_ms
        return out

    def while_stopped(self, studio: CodeStudio, change: Callable[[], None], what: str) -> None:
        """Run `change` while the studio is STOPPED, no transition can start meanwhile (Conflict otherwise)."""
        with self._locked(studio) as coordination:
            state = self._state(studio)
            if state.state != STOPPED or coordination.removing:
                busy = state.state if state.state != STOPPED else "being deleted"
                raise Conflict(f"Cannot {what} while it is {busy}: stop it first")
            change()

    # -- restart and stop -------------------------------------------------------------------------

    def restart(self, studio: CodeStudio, caller: str) -> JsonObject:
        """Start a studio, or restart a running one; returns the future of the start."""
        with self._locked(studio) as coordination:
            if self._closing:
                raise Conflict("The server is stopping")
            if coordination.removing:
                raise Conflict(f"Code studio {studio.id} is being deleted")
            pending = coordination.pending_start
            if pending and not self._jobs.wait(pending, 0):  # a restart under way: answer it, whatever the state
                return self._jobs.peek(pending)
            state = self._state(studio)
            if state.state == STARTING and state.job_id:
                return self._jobs.peek(state.job_id)
            if state.state == STOPPING:
                raise Conflict(f"Code studio {studio.id} is STOPPING, try again when it is stopped")
            launch = self._prepare(studio)
            name = f"Start code studio {studio.name}"
            if state.state == STOPPED:
                job = self._jobs.start(
                    kind=START_KIND,
                    owner=caller,
                    display_name=name,
                    target=studio_key(studio.project_key, studio.id),
                    work=lambda ctx: self._start_work(ctx, studio, launch, after=None),
                )
                self._move(studio, to=STARTING, leaving=STOPPED, job_id=str(job["jobId"]), run=launch.run)
                return job
            # RUNNING: a stop, then a start waiting for it.
            stop = self._start_stop(studio, caller, state, f"Code studio {studio.id} is restarting")
            job = self._jobs.start(
                kind=START_KIND,
                owner=caller,
                display_name=f"Restart code studio {studio.name}",
                target=studio_key(studio.project_key, studio.id),
                work=lambda ctx: self._start_work(ctx, studio, launch, after=str(stop["jobId"])),
            )
            coordination.pending_start = str(job["jobId"])
            return job

    def stop(self, studio: CodeStudio, caller: str) -> JsonObject:
        """Stop a studio; returns the future of the stop (completed at once, without jobId, if it is stopped)."""
        started = now_ms()
        with self._locked(studio) as coordination:
            future = self._stop_locked(studio, coordination, caller, f"Code studio {studio.id} was stopped by {caller}")
        if future is None:
            return completed_state({"state": STOPPED, "pulled": {}, "conflicts": {}}, started)
        return future

    def _stop_locked(self, studio: CodeStudio, coordination: _Studio, caller: str, reason: str) -> JsonObject | None:
        """Stop a studio (the caller holds its lock); the future of the stop, or None if it is stopped."""
        if coordination.pending_start:
            self._jobs.cancel(coordination.pending_start, f"The restart of code studio {studio.id} was cancelled")
            coordination.pending_start = None
        state = self._state(studio)
        if state.state == STOPPED:
            return None
        if state.state == STOPPING and state.job_id:
            return self._jobs.peek(state.job_id)
        return self._start_stop(studio, caller, state, reason)

    def _start_stop(self, studio: CodeStudio, owner: str, state: StudioState, reason: str) -> JsonObject:
        previous = state.job_id if state.state == STARTING else None
        job = self._jobs.start(
            kind=STOP_KIND,
            owner=owner,
            display_name=f"Stop code studio {studio.name}",
            target=studio_key(studio.project_key, studio.id),
            work=lambda ctx: self._stop_work(ctx, studio, previous, reason),
        )
        self._move(studio, to=STOPPING, leaving=state.state, job_id=str(job["jobId"]))
        return job

    def _move(self, studio: CodeStudio, *, to: str, leaving: str, job_id: str, run: StudioRun | None = None) -> None:
        if not self._states.transition(
            studio.project_key, studio.id, to=to, leaving=(leaving,), job_id=job_id, run=run
        ):  # the lock is held and the state was just read: only a deletion of the row gets here
            self._jobs.cancel(job_id, f"Code studio {studio.id} changed meanwhile")
            raise NotFound(f"Code studio does not exist: {studio.id}")

    # -- preparing a start -------------------------------------------------------------------------

    def _prepare(self, studio: CodeStudio) -> Launch:
        """Read what a start needs from the build output; refuse (Conflict) before anything changes."""
        if self._templates.find(studio.template_id) is None:
            raise Conflict(
                f"Code studio {studio.id} cannot start: its template {studio.template_id} does not exist anymore"
            )
        output = self._templates.build_output(studio.template_id)
        if output is None:
            raise Conflict(
                f"Code studio {studio.id} cannot start: its template {studio.template_id} was never built."
                f" Build it first (POST /admin/code-studios/{studio.template_id}/build)."
            )
        try:
            entry_doc = json.loads((output / "entrypoints.json").read_text())
            zones_doc = json.loads((output / "zones.json").read_text())
            entries = [e for e in entry_doc.get("entrypoints", []) if isinstance(e, dict)]
            entry_points = tuple(EntryPoint.from_dict(e) for e in entries)
        except (OSError, ValueError, AttributeError) as exc:
            raise Conflict(
                f"The build output of template {studio.template_id} cannot be used ({exc}); build it again"
            ) from exc
        ports = [ep.port for ep in entry_points if ep.port is not None]
        if len(ports) != len(set(ports)):
            raise Conflict(f"Two entry points of template {studio.template_id} expose the same port")
        excluded = tuple(p for p in zones_doc.get("excludedFromSync", []) if isinstance(p, str))
        try:
            ExcludeRules(excluded)
        except ValueError as exc:
            raise Conflict(f"Template {studio.template_id}: invalid excludedFromSync pattern: {exc}") from exc
        zones = self._zones(studio, zones_doc.get("zones", []))
        timeouts = [e["startTimeoutSeconds"] for e in entries if isinstance(e.get("startTimeoutSeconds"), int)]
        return Launch(
            StudioRun(studio.owner, zones, excluded, len(ports)),
            entry_points,
            {e["port"]: str(e.get("portLabel") or e.get("label")) for e in entries if isinstance(e.get("port"), int)},
            float(max(timeouts, default=DEFAULT_START_TIMEOUT)),
        )

    def _zones(self, studio: CodeStudio, raw: object) -> tuple[ZoneRun, ...]:
        zones: list[ZoneRun] = []
        for item in raw if isinstance(raw, list) else []:
            kind, path, rel = item.get("zone"), item.get("pathInContainer"), item.get("workspacePath")
            if not (isinstance(kind, str) and isinstance(path, str) and isinstance(rel, str)):
                continue
            if not ZONE_KIND.match(kind) or not rel:
                raise Conflict(f"Template {studio.template_id}: zone {kind!r} at {path!r} cannot be synchronised")
            for other in zones:
                if (
                    rel == other.workspace_path
                    or rel.startswith(other.workspace_path + "/")
                    or (other.workspace_path.startswith(rel + "/"))
                ):
                    raise Conflict(
                        f"Template {studio.template_id}: zones {other.zone} and {kind} overlap in the studio"
                        f" ({other.path_in_container}, {path})"
                    )
            digest = hashlib.sha256(path.encode()).hexdigest()[:10]
            zones.append(
                ZoneRun(f"{kind}-{random_id(6)}", kind, path, item.get("oneWay") is True, rel, f"{kind}-{digest}")
            )
        return tuple(zones)

    # -- the work of the futures -------------------------------------------------------------------

    def _claim(self, studio: CodeStudio, job_id: str) -> StudioState:
        """Wait for the request that started this job to record it, and check the job owns the studio."""
        with self._locked(studio):
            state = self._states.get(studio.project_key, studio.id)
        if state is None or state.job_id != job_id:
            raise JobAborted(f"Code studio {studio.id} is driven by another operation")
        return state

    def _start_work(self, ctx: JobContext, studio: CodeStudio, launch: Launch, *, after: str | None) -> JsonObject:
        if after is None:
            self._claim(studio, ctx.job_id)
        else:
            ctx.set_step("Stopping the studio before starting it again")
            try:
                while not self._jobs.wait(after, 0.05):
                    ctx.check_aborted()
            except JobAborted:
                with self._locked(studio) as coordination:
                    if coordination.pending_start == ctx.job_id:
                        coordination.pending_start = None
                raise
            with self._locked(studio) as coordination:
                ctx.check_aborted()
                mine = coordination.pending_start == ctx.job_id
                coordination.pending_start = None
                if not mine or not self._states.transition(
                    studio.project_key, studio.id, to=STARTING, leaving=(STOPPED,), job_id=ctx.job_id, run=launch.run
                ):
                    raise JobAborted(f"The restart of code studio {studio.id} was cancelled")
        try:
            return self._launch(ctx, studio, launch)
        except BaseException as exc:
            self._after_failed_start(ctx, studio, launch.run, exc)
            if ctx.abort_requested:
                ctx.check_aborted()  # an aborted start is reported aborted, whatever the abort interrupted
            if isinstance(exc, StudioStartError):
                raise JobFailed(str(exc), detail=f"{exc}\n--- log of {exc.label} ---\n{exc.log_tail}") from exc
            raise

    def _launch(self, ctx: JobContext, studio: CodeStudio, launch: Launch) -> JsonObject:
        key = studio_key(studio.project_key, studio.id)
        run = launch.run
        pushed: dict[str, object] = {}
        coordination = self._coordination(key)
        for number, zone in enumerate(run.zones, start=1):
            ctx.check_aborted()
            step = f"Pushing zone {zone.zone} ({number}/{len(run.zones)})"
            ctx.set_step(step)
            with coordination.sync_lock:
                result = self._sync.push(
                    studio.ref, run, zone, progress=_step(ctx, step), cancel=lambda: ctx.abort_requested
                )
            pushed[zone.id] = push_json(result)
        ctx.check_aborted()
        workspace = self._files.workspace(studio.ref)
        self._write_readme(workspace, studio, run)
        versioned = next((z for z in run.zones if z.zone == "code_studio_versioned"), None)
        pod = PodSpec(
            studio.project_key,
            studio.id,
            workspace,
            self._files.logs(studio.ref),
            versioned_location=str(workspace / versioned.workspace_path) if versioned else None,
        )
        processes = self.runtime.start(
            key,
            pod,
            launch.entry_points,
            readiness_timeout=launch.start_timeout,
            cancel=lambda: ctx.abort_requested,
            progress=ctx.set_step,
        )
        exposed: tuple[JsonObject, ...] = tuple(
            {
                "label": launch.port_labels.get(p.port or 0, p.label),
                "exposedHtml": p.expose_html,
                "exposedPort": p.port,
                "url": p.url,
                "localPort": p.local_port,
            }
            for p in processes.exposed
        )
        running = replace(run, exposed=exposed)
        with self._locked(studio):
            moved = self._states.transition(
                studio.project_key, studio.id, to=RUNNING, leaving=(STARTING,), expect_job=ctx.job_id, run=running
            )
        if not moved:
            raise JobAborted(f"The start of code studio {studio.id} was aborted by a stop")
        ctx.set_step("Running")
        if not processes.alive():
            self._process_died(studio, "an entry point exited as the studio became RUNNING")
        return {
            "state": RUNNING,
            "pushed": pushed,
            "syncedZones": [z.to_status_json() for z in run.zones],
            "exposed": [dict(e) for e in exposed],
        }

    @staticmethod
    def _write_readme(workspace: Path, studio: CodeStudio, run: StudioRun) -> None:
        lines = [
            f"Code studio {studio.name} ({studio.id}) of project {studio.project_key}, run by {run.run_as}.",
            "",
            "These folders are synchronised with DSS (pushed at start, pulled at stop):",
            *(f"  {z.workspace_path}/  ({z.zone}{', one way: DSS -> studio' if z.one_way else ''})" for z in run.zones),
            "",
            "Anything else in this workspace stays in the studio.",
        ]
        workspace.mkdir(parents=True, exist_ok=True)
        (workspace / README).write_text("\n".join(lines) + "\n")

    def _after_failed_start(self, ctx: JobContext, studio: CodeStudio, run: StudioRun, exc: BaseException) -> None:
        """Stop a studio whose start failed or was aborted, unless a stop already took it over."""
        with self._locked(studio):
            took = self._states.transition(
                studio.project_key, studio.id, to=STOPPING, leaving=(STARTING,), expect_job=ctx.job_id
            )
        if took:
            log.info("start of code studio %s/%s failed (%s): stopping it", studio.project_key, studio.id, exc)
            self._shutdown(ctx, studio, run)

    def _stop_work(self, ctx: JobContext, studio: CodeStudio, previous: str | None, reason: str) -> JsonObject:
        state = self._claim(studio, ctx.job_id)
        if previous is not None:
            ctx.set_step("Aborting the start")
            self._jobs.cancel(previous, f"The start of code studio {studio.id} was aborted: {reason}")
            if not self._jobs.wait(previous, WAIT_FOR_JOB):
                log.error("the start %s of code studio %s did not end; stopping anyway", previous, studio.id)
        run = state.run or StudioRun(studio.owner)
        return {**self._shutdown(ctx, studio, run), "reason": reason}

    def _shutdown(self, ctx: JobContext, studio: CodeStudio, run: StudioRun) -> JsonObject:
        """Pull every zone, stop the processes, pull again; then STOPPED. Never aborted half-way."""
        key = studio_key(studio.project_key, studio.id)
        results: dict[str, SyncResult | None] = {z.id: None for z in run.zones}
        errors: dict[str, str] = {}
        exit_codes: dict[str, int] = {}
        conflicts: dict[str, object] = {}
        try:
            with self._coordination(key).sync_lock:
                self._pull_all(ctx, studio, run, results, errors, "Pulling zone")
                ctx.set_step("Stopping entry points")
                report = self.runtime.stop(key, self._grace)
                exit_codes = dict(report.exit_codes) if report else {}
                self._pull_all(
                    ctx, studio, run, results, errors, "Pulling what the processes wrote while stopping, zone"
                )
                for zone in run.zones:
                    result = results[zone.id]
                    if result is not None and result.conflicts:
                        try:
                            conflicts[zone.id] = dict(self._sync.conflicts(studio.ref, run, zone).to_dict())
                        except DomainError as exc:
                            errors[zone.id] = exc.message
        finally:
            self.runtime.stop(key, self._grace)  # whatever happened above, no process outlives a stop
            with self._locked(studio):
                self._states.transition(
                    studio.project_key,
                    studio.id,
                    to=STOPPED,
                    leaving=(STOPPING,),
                    expect_job=ctx.job_id,
                    run=replace(run, exposed=()),
                )
        ctx.set_step("Stopped")
        out: JsonObject = {
            "state": STOPPED,
            "pulled": {zone_id: changes_json(r) for zone_id, r in results.items() if r is not None},
            "conflicts": conflicts,
            "exitCodes": exit_codes,
        }
        if errors:
            out["errors"] = errors
        return out

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
                pulled = self._sync.pull(studio.ref, run, zone, policy=ConflictPolicy.SKIP, progress=_step(ctx, step))
            except DomainError as exc:
                errors[zone.id] = exc.message
                continue
            except Exception as exc:  # a zone that cannot be read must not keep the studio's processes alive
                log.exception("pull of zone %s of code studio %s failed", zone.id, studio.id)
                errors[zone.id] = f"Internal error: {exc!r}"
                continue
            results[zone.id] = _merge(results[zone.id], pulled)

    # -- processes that exit by themselves -----------------------------------------------------------

    def _on_process_exit(self, exited: ProcessExit) -> None:
        project_key, _, studio_id = exited.studio_key.partition("/")
        try:
            studio = self._find(project_key, studio_id)
            if studio is not None:
                self._process_died(
                    studio, f"entry point {exited.label} exited by itself with status {exited.returncode}"
                )
        finally:
            self._states.release_thread_connection()

    def _process_died(self, studio: CodeStudio, why: str) -> None:
        with self._locked(studio) as coordination:
            state = self._states.get(studio.project_key, studio.id)
            if self._closing or state is None or state.state != RUNNING:
                return  # a stop or a start failure already handles it
            log.warning("code studio %s/%s: %s; stopping it", studio.project_key, studio.id, why)
            self._stop_locked(studio, coordination, studio.owner, f"Code studio {studio.id} stopped: {why}")

    # -- synchronisation calls -----------------------------------------------------------------------

    def _running_zone(self, studio: CodeStudio, zone_id: str) -> tuple[StudioRun, ZoneRun]:
        with self._locked(studio):
            state = self._state(studio)
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

    def push(self, studio: CodeStudio, zone_id: str, *, force: bool) -> JsonObject:
        """Push one zone of a running studio DSS -> studio."""
        with self._coordination(studio_key(studio.project_key, studio.id)).sync_lock:
            run, zone = self._running_zone(studio, zone_id)
            return push_json(self._sync.push(studio.ref, run, zone, force=force))

    def pull(self, studio: CodeStudio, zone_id: str, *, force: bool) -> JsonObject:
        """Pull one zone of a running studio studio -> DSS (refused on conflicts unless `force`)."""
        policy = ConflictPolicy.FORCE if force else ConflictPolicy.REFUSE
        with self._coordination(studio_key(studio.project_key, studio.id)).sync_lock:
            run, zone = self._running_zone(studio, zone_id)
            return {zone_id: changes_json(self._sync.pull(studio.ref, run, zone, policy=policy))}

    def conflicts(self, studio: CodeStudio, zone_id: str) -> JsonObject:
        """Return the conflicts of one zone, or `{"error": ...}` for a zone the studio does not have (as DSS)."""
        try:
            run, zone = self._running_zone(studio, zone_id)
            return {zone_id: dict(self._sync.conflicts(studio.ref, run, zone).to_dict())}
        except (NotFound, Conflict) as exc:
            return {"error": exc.message}

    # -- deletion, recovery, shutdown --------------------------------------------------------------

    def stop_for_removal(self, studio: CodeStudio, caller: str, *, refuse_unsynced: bool) -> list[Unsynced]:
        """Stop a studio that is about to be deleted and wait for the stop; returns what was left unsynced.

        Restarts are refused until `removed` or until this raises. With `refuse_unsynced`, studio-side
        changes a pull could not bring to DSS (conflicts, unreadable zones) in zones that outlive the
        studio refuse the deletion (Conflict).
        """
        with self._locked(studio) as coordination:
            if coordination.removing:
                raise Conflict(f"Code studio {studio.id} is already being deleted")
            coordination.removing = True
        try:
            with self._locked(studio) as coordination:
                future = self._stop_locked(studio, coordination, caller, f"Code studio {studio.id} is being deleted")
            if future is not None and not self._jobs.wait(str(future["jobId"]), WAIT_FOR_JOB):
                raise Conflict(f"Code studio {studio.id} is still stopping; try to delete it again later")
            state = self._state(studio)
            unsynced = self._sync.unsynced(studio.ref, state.run) if state.run is not None else []
            if unsynced and refuse_unsynced:
                raise Conflict(_unsynced_message(studio, unsynced))
            return unsynced
        except BaseException:
            with self._locked(studio) as coordination:
                coordination.removing = False
            raise

    def removed(self, studio: CodeStudio) -> None:
        """Forget the coordination of a deleted studio."""
        with self._guard:
            self._studios.pop(studio_key(studio.project_key, studio.id), None)

    def recover(self) -> tuple[int, int]:
        """At server start: kill what a previous server left running, and mark its studios STOPPED.

        Returns (studios stopped, processes killed).
        """
        self._serving = True
        report = self.runtime.reconcile()
        return self._states.stop_all_after_crash(), len(report.killed)

    def shutdown(self, timeout: float = 120.0) -> None:
        """Stop every studio (pulling their zones as a stop does) and wait for the stops (bounded)."""
        with self._guard:
            closed_before, self._closing = self._closing, True
        if closed_before:
            return
        jobs: list[str] = []
        # An instance opened by a command-line tool next to a running server must not touch its studios.
        for project_key, studio_id in self._states.active() if self._serving else []:
            studio = self._find(project_key, studio_id)
            if studio is None:
                continue
            with self._locked(studio) as coordination:
                future = self._stop_locked(studio, coordination, studio.owner, "The server is stopping")
            if future is not None and "jobId" in future:
                jobs.append(str(future["jobId"]))
        deadline = time.monotonic() + timeout
        for job_id in jobs:
            self._jobs.wait(job_id, max(0.0, deadline - time.monotonic()))
        self.runtime.stop_all(grace=self._grace)


def _unsynced_message(studio: CodeStudio, unsynced: list[Unsynced]) -> str:
    parts = []
    for item in unsynced:
        if item.error:
            parts.append(f"zone {item.zone.zone}: {item.error}")
        else:
            shown = ", ".join(item.paths[:10]) + (f" and {len(item.paths) - 10} more" if len(item.paths) > 10 else "")
            parts.append(f"zone {item.zone.zone}: {shown}")
    return (
        f"Code studio {studio.id} is stopped but files of its workspace could not be brought to DSS (they also"
        f" changed in DSS): {'; '.join(parts)}. Deleting it would lose them: start it, pull these zones with"
        " force=true (the studio's version wins) or push them with force=true (the DSS version wins), then delete it."
    )
