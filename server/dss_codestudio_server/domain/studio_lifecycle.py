"""The lifecycle of code studios: STOPPED -> STARTING -> RUNNING -> STOPPING -> STOPPED, as futures.

A start (the `restart` of a stopped studio) reads the template's build output, gives every zone a
fresh id, pushes every zone DSS -> studio and starts the entry points as local processes, sandboxed
where the machine allows it (studio_launch); once their readiness checks pass the studio is RUNNING.
A stop pulls every zone studio -> DSS (conflicting files are left on both sides and reported),
terminates the processes (SIGTERM, a grace period, SIGKILL, children included), pulls again what
they wrote while stopping, and the studio is STOPPED (studio_shutdown). A start that fails or is
aborted stops the studio the same way before its future fails. A process that exits by itself
stops its studio the same way (a stop future owned by the studio's owner).

Concurrency rules, enforced under a per-studio lock held only for the decision and the state
change (never during a synchronisation or a process start; studio_coordination):

- restart: STOPPED starts; RUNNING stops then starts (one future, the start's); STARTING answers the
  running start's future (nothing starts twice); STOPPING is refused (Conflict), unless the stop is
  the first half of a restart, whose future is answered.
- stop: STOPPED answers a completed future without jobId; RUNNING stops; STARTING aborts the start
  and stops; STOPPING answers that stop's future (and cancels a restart waiting for it).
- deletion (and the deletions a project or template deletion makes): stops the studio as a stop
  does, waits for the stop, then lets the caller delete; restarts are refused meanwhile.
- a change of owner happens while STOPPED only, and empties the previous owner's session from the
  workspace (studio_workspace); it is refused while the previous owner's user zones hold files a
  pull could not bring to their folders.
- the API's push, pull and conflicts wait for another synchronisation of the studio a bounded time,
  then answer 409 (busy).
- every transition is one SQLite transaction, made only by the future that owns the studio
  (compare-and-set on the state and the job id); `lastStateChange` never goes back.
- server start: processes a previous server left are killed (runtime.reconcile), every studio it
  left STARTING, RUNNING or STOPPING is STOPPED, its futures failed (jobs); files stay where they
  are and the next start synchronises against the kept bases, so nothing is lost. Server shutdown
  stops every studio as a stop does.
"""

from __future__ import annotations

import contextlib
import logging
import threading
import time
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from dss_codestudio_server.domain import wire
from dss_codestudio_server.domain.clock import now_ms
from dss_codestudio_server.domain.errors import Conflict, JobAborted, JobFailed, NotFound
from dss_codestudio_server.domain.jobs import FutureState, JobContext, JobRunner
from dss_codestudio_server.domain.studio_access import ProxyTarget
from dss_codestudio_server.domain.studio_coordination import Coordination, StudioLocks, studio_key
from dss_codestudio_server.domain.studio_files import USER_ZONES, StudioFiles
from dss_codestudio_server.domain.studio_launch import Launch, Launcher, prepare_launch
from dss_codestudio_server.domain.studio_shutdown import RunStopper
from dss_codestudio_server.domain.studio_state import (
    RUNNING,
    STARTING,
    STOPPED,
    STOPPING,
    StudioRun,
    StudioState,
    StudioStateStore,
)
from dss_codestudio_server.domain.studio_status import StudioStatus, studio_status
from dss_codestudio_server.domain.studio_sync import StudioSync, Unsynced, unsynced_message
from dss_codestudio_server.domain.studio_zone_calls import RunningZones
from dss_codestudio_server.domain.templates import TemplateService
from dss_codestudio_server.jsonshape import JsonObject
from dss_codestudio_server.runtime import LocalRuntime, ProcessExit, Sandbox, StudioStartError, browser_path
from dss_codestudio_server.runtime.network import NetworkMode

if TYPE_CHECKING:
    from dss_codestudio_server.domain.code_studios import CodeStudio

log = logging.getLogger(__name__)

START_KIND = "code-studio-start"
STOP_KIND = "code-studio-stop"
WAIT_FOR_JOB = 600.0


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
        sandbox: Sandbox | None = None,
        network: NetworkMode = "shared",
        lock_wait: float = 5.0,
        dss_version: str | None = None,
    ) -> None:
        self._states = states
        self._jobs = jobs
        self._templates = templates
        self._files = files
        self._sync = sync
        self._find = find_studio
        self.runtime = LocalRuntime(runtime_dir, on_exit=self._on_process_exit, sandbox=sandbox, network=network)
        self._locks = StudioLocks(lock_wait=lock_wait)
        self._launcher = Launcher(files, sync, self.runtime, self._locks, dss_version)
        self._stopper = RunStopper(states, sync, self.runtime, self._locks, stop_grace)
        self.zones = RunningZones(states, sync, self._locks)
        """The API's push, pull and conflicts on running studios' zones."""
        self._grace = stop_grace
        self._shutdown_guard = threading.Lock()
        self._closing = False
        self._serving = False  # set by recover(): only a serving instance stops studios at shutdown

    def _locked(self, studio: CodeStudio) -> contextlib.AbstractContextManager[Coordination]:
        return self._locks.locked(studio)

    def _state(self, studio: CodeStudio) -> StudioState:
        state = self._states.get(studio.project_key, studio.id)
        if state is None:
            raise NotFound(f"Code studio does not exist: {studio.id}")
        return state

    # -- status and the proxy's questions ------------------------------------------------------------

    def status(self, studio: CodeStudio) -> StudioStatus:
        """Return the status of a studio."""
        return studio_status(studio, self._state(studio), self._files, self._templates)

    def exposed_ports(self, studio: CodeStudio) -> list[tuple[int, bool]] | None:
        """Return the (port, shown as HTML) of a RUNNING studio, or None when it is not RUNNING."""
        state = self._state(studio)
        processes = self.runtime.get(studio_key(studio.project_key, studio.id))
        if state.state != RUNNING or processes is None:
            return None
        return [(p.port, p.expose_html) for p in processes.exposed if p.port is not None]

    def running_port(self, studio: CodeStudio, port: int) -> ProxyTarget:
        """Return where a RUNNING studio's port listens and what reaches it (NotFound when it does not run it)."""
        state = self._state(studio)
        processes = self.runtime.get(studio_key(studio.project_key, studio.id))
        if state.state != RUNNING or processes is None:
            raise NotFound(f"Code studio {studio.id} is not running")
        process = next((p for p in processes.exposed if p.port == port), None)
        if process is None or process.local_port is None:
            raise NotFound(f"Code studio {studio.id} exposes no port {port}")
        delivery = process.secret_delivery
        cookie = (delivery.cookie, processes.secret) if delivery.cookie is not None else None
        return ProxyTarget(
            process.local_port,
            browser_path(studio.project_key, studio.id, port),
            process.proxied_url_suffix,
            tuple(delivery.headers(processes.secret)),
            cookie,
            str(process.socket) if process.socket is not None else None,
            process.local_host,
        )

    # -- changes made while stopped ------------------------------------------------------------------

    def _stopped_state(self, studio: CodeStudio, coordination: Coordination, what: str) -> StudioState:
        state = self._state(studio)
        if state.state != STOPPED or coordination.removing:
            busy = state.state if state.state != STOPPED else "being deleted"
            raise Conflict(f"Cannot {what} while it is {busy}: stop it first")
        return state

    def hand_over(self, studio: CodeStudio, new_owner: str, record: Callable[[], None]) -> None:
        """Give a STOPPED studio to another owner: `record` the change, then empty the previous owner's session.

        Refused (Conflict) while the previous owner's user zones hold files a pull could not bring to
        their folders (they would be lost): start the studio, pull them with force, or push them.
        """
        with self._locked(studio) as coordination:
            state = self._stopped_state(studio, coordination, f"give code studio {studio.id} to another owner")
            if new_owner == studio.owner:
                record()
                return
            if state.run is not None:
                unsynced = [u for u in self._sync.unsynced(studio.ref, state.run) if u.zone.zone in USER_ZONES]
                if unsynced:
                    raise Conflict(unsynced_message(studio.id, unsynced, "giving it to another owner"))
            record()
            self._launcher.empty_for_new_owner(studio, state.run)

    # -- restart and stop -------------------------------------------------------------------------

    def restart(self, studio: CodeStudio, caller: str) -> FutureState:
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
            launch = prepare_launch(studio, self._templates)
            name = f"Start code studio {studio.name}"
            if state.state == STOPPED:
                job = self._jobs.start(
                    kind=START_KIND,
                    owner=caller,
                    display_name=name,
                    target=studio_key(studio.project_key, studio.id),
                    work=lambda ctx: self._start_work(ctx, studio, launch, after=None, previous=state.run),
                )
                self._move(studio, to=STARTING, leaving=STOPPED, job_id=_job_id(job), run=launch.run)
                return job
            # RUNNING: a stop, then a start waiting for it.
            stop = self._start_stop(studio, caller, state, f"Code studio {studio.id} is restarting")
            job = self._jobs.start(
                kind=START_KIND,
                owner=caller,
                display_name=f"Restart code studio {studio.name}",
                target=studio_key(studio.project_key, studio.id),
                work=lambda ctx: self._start_work(ctx, studio, launch, after=_job_id(stop), previous=state.run),
            )
            coordination.pending_start = _job_id(job)
            return job

    def stop(self, studio: CodeStudio, caller: str) -> FutureState:
        """Stop a studio; returns the future of the stop (completed at once, without jobId, if it is stopped)."""
        started = now_ms()
        with self._locked(studio) as coordination:
            future = self._stop_locked(studio, coordination, caller, f"Code studio {studio.id} was stopped by {caller}")
        if future is None:
            return FutureState.completed(wire.already_stopped(), started)
        return future

    def _stop_locked(
        self, studio: CodeStudio, coordination: Coordination, caller: str, reason: str
    ) -> FutureState | None:
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

    def _start_stop(self, studio: CodeStudio, owner: str, state: StudioState, reason: str) -> FutureState:
        previous = state.job_id if state.state == STARTING else None
        job = self._jobs.start(
            kind=STOP_KIND,
            owner=owner,
            display_name=f"Stop code studio {studio.name}",
            target=studio_key(studio.project_key, studio.id),
            work=lambda ctx: self._stop_work(ctx, studio, previous, reason),
        )
        self._move(studio, to=STOPPING, leaving=state.state, job_id=_job_id(job))
        return job

    def _move(self, studio: CodeStudio, *, to: str, leaving: str, job_id: str, run: StudioRun | None = None) -> None:
        if not self._states.transition(
            studio.project_key, studio.id, to=to, leaving=(leaving,), job_id=job_id, run=run
        ):  # the lock is held and the state was just read: only a deletion of the row gets here
            self._jobs.cancel(job_id, f"Code studio {studio.id} changed meanwhile")
            raise NotFound(f"Code studio does not exist: {studio.id}")

    # -- the work of the futures -------------------------------------------------------------------

    def _claim(self, studio: CodeStudio, job_id: str) -> StudioState:
        """Wait for the request that started this job to record it, and check the job owns the studio."""
        with self._locked(studio):
            state = self._states.get(studio.project_key, studio.id)
        if state is None or state.job_id != job_id:
            raise JobAborted(f"Code studio {studio.id} is driven by another operation")
        return state

    def _start_work(
        self, ctx: JobContext, studio: CodeStudio, launch: Launch, *, after: str | None, previous: StudioRun | None
    ) -> JsonObject:
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
            return self._launch(ctx, studio, launch, previous)
        except BaseException as exc:
            self._after_failed_start(ctx, studio, launch.run, exc)
            if ctx.abort_requested:
                ctx.check_aborted()  # an aborted start is reported aborted, whatever the abort interrupted
            if isinstance(exc, StudioStartError):
                raise JobFailed(str(exc), detail=f"{exc}\n--- log of {exc.label} ---\n{exc.log_tail}") from exc
            raise

    def _launch(self, ctx: JobContext, studio: CodeStudio, launch: Launch, previous: StudioRun | None) -> JsonObject:
        launched = self._launcher.launch(ctx, studio, launch, previous)
        running = replace(launch.run, exposed=launched.exposed)
        with self._locked(studio):
            moved = self._states.transition(
                studio.project_key, studio.id, to=RUNNING, leaving=(STARTING,), expect_job=ctx.job_id, run=running
            )
        if not moved:
            raise JobAborted(f"The start of code studio {studio.id} was aborted by a stop")
        ctx.set_step("Running")
        if not launched.processes.alive():
            self._process_died(studio, "an entry point exited as the studio became RUNNING")
        return wire.start_result(launched.pushed, launch.run.zones, launched.exposed)

    def _after_failed_start(self, ctx: JobContext, studio: CodeStudio, run: StudioRun, exc: BaseException) -> None:
        """Stop a studio whose start failed or was aborted, unless a stop already took it over."""
        with self._locked(studio):
            took = self._states.transition(
                studio.project_key, studio.id, to=STOPPING, leaving=(STARTING,), expect_job=ctx.job_id
            )
        if took:
            log.info("start of code studio %s/%s failed (%s): stopping it", studio.project_key, studio.id, exc)
            self._stopper.stop_run(ctx, studio, run)

    def _stop_work(self, ctx: JobContext, studio: CodeStudio, previous: str | None, reason: str) -> JsonObject:
        state = self._claim(studio, ctx.job_id)
        if previous is not None:
            ctx.set_step("Aborting the start")
            self._jobs.cancel(previous, f"The start of code studio {studio.id} was aborted: {reason}")
            if not self._jobs.wait(previous, WAIT_FOR_JOB):
                log.error("the start %s of code studio %s did not end; stopping anyway", previous, studio.id)
        run = state.run or StudioRun(studio.owner)
        return wire.stop_result(self._stopper.stop_run(ctx, studio, run), reason)

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
            if future is not None and not self._jobs.wait(_job_id(future), WAIT_FOR_JOB):
                raise Conflict(f"Code studio {studio.id} is still stopping; try to delete it again later")
            state = self._state(studio)
            unsynced = self._sync.unsynced(studio.ref, state.run) if state.run is not None else []
            if unsynced and refuse_unsynced:
                raise Conflict(unsynced_message(studio.id, unsynced, "deleting it"))
            return unsynced
        except BaseException:
            with self._locked(studio) as coordination:
                coordination.removing = False
            raise

    def removed(self, studio: CodeStudio) -> None:
        """Forget the coordination of a deleted studio."""
        self._locks.forget(studio)

    def recover(self) -> tuple[int, int]:
        """At server start: kill what a previous server left running, and mark its studios STOPPED.

        Returns (studios stopped, processes killed).
        """
        self._serving = True
        report = self.runtime.reconcile()
        return self._states.stop_all_after_crash(), len(report.killed)

    def shutdown(self, timeout: float = 120.0) -> None:
        """Stop every studio (pulling their zones as a stop does) and wait for the stops (bounded)."""
        with self._shutdown_guard:
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
            if future is not None and future.job_id is not None:
                jobs.append(future.job_id)
        deadline = time.monotonic() + timeout
        for job_id in jobs:
            self._jobs.wait(job_id, max(0.0, deadline - time.monotonic()))
        self.runtime.close(grace=self._grace)


def _job_id(future: FutureState) -> str:
    """Return the id of the job of a future this module started or peeked at (they all have one)."""
    assert future.job_id is not None
    return future.job_id
