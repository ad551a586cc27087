"""The local runtime: a running studio is real processes on this machine, started, watched and stopped.

`LocalRuntime.start` starts each entry point with `/bin/sh -c` in the studio's workspace, in its own
session (so its process group holds its children), inside the runtime's sandbox when it has one
(`sandbox`: bubblewrap), with the pod's environment, the start's secret and a free local port on
127.0.0.1, its output appended to a log file; it records the processes (see `records`) and returns
once every readiness check passes, or stops everything and raises `StudioStartError`. Each start
draws a fresh secret: the server's proxy adds it to every request it forwards, and the entry points
require it, so that a port is of no use to whoever reaches it without the proxy.
A watcher thread per process reaps it and reports an exit nobody asked for to the `on_exit`
callback, so the caller can move the studio to STOPPED. `StudioProcesses.stop` sends SIGTERM to
each process group (and any process carrying the run token), waits a grace period, then SIGKILLs
what is left, so no child survives a stop. A sandbox is not sent SIGTERM itself (its end kills
everything in it at once): its processes are, and it ends with them.
"""

from __future__ import annotations

import logging
import os
import secrets
import shutil
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from threading import Event

from .entrypoints import (
    LOCAL_HOST,
    SECRET_VAR,
    EntryPoint,
    OpenPort,
    SecretDelivery,
    browser_path,
    render_command,
    render_url,
)
from .network import INFO_TIMEOUT, NetworkMode, StudioNetwork, read_child_pid, socket_root
from .pod import PodSpec, entry_point_environment, pod_environment
from .procinfo import boot_id, read_stat
from .readiness import NotReadyError, http_ready, tcp_ready, wait_until_ready
from .records import ProcessRecord, ReconcileReport, StudioRecord, reconcile, remove_record, terminate, write_record
from .sandbox import Sandbox
from .spawner import Spawner

log = logging.getLogger(__name__)
CancelCheck = Event | Callable[[], bool]
"""Set (or returning True) to abort a start."""


class StudioRuntimeError(Exception):
    """Base class of the runtime's errors."""


class StudioStartError(StudioRuntimeError):
    """A studio did not start: an entry point failed to launch, exited, or was not ready in time."""

    def __init__(self, message: str, *, label: str, log_tail: str) -> None:
        self.label = label
        self.log_tail = log_tail
        super().__init__(message)


class StudioAlreadyRunningError(StudioRuntimeError):
    """The runtime already runs processes for this studio key."""


@dataclass(frozen=True)
class ProcessExit:
    """A studio process that exited by itself."""

    studio_key: str
    label: str
    pid: int
    returncode: int


ExitCallback = Callable[[ProcessExit], None]
"""Called from a watcher thread when a studio process exits without being asked to."""


@dataclass(frozen=True)
class RunningProcess:
    """A started entry point."""

    label: str
    pid: int
    port: int | None
    """The declared port (the port "in the pod")."""
    local_port: int | None
    """Where it listens on 127.0.0.1."""
    url: str | None
    """`http://127.0.0.1:<local_port>/`, if it has a port."""
    expose_html: bool
    log_file: Path
    command: str
    proxied_url_suffix: str = "/"
    """What the proxy forwards to the port (see `EntryPoint.proxied_url_suffix`)."""
    secret_delivery: SecretDelivery = field(default_factory=SecretDelivery)
    """How the proxy hands the port the start's secret."""
    socket: Path | None = None
    """With a network of its own, the server's unix socket reaching the port (`local_port` is then inside)."""
    local_host: bool = False
    """Whether the proxy presents the port with its own local `Host` (see `EntryPoint.local_host`)."""
    read_only: tuple[Path, ...] = ()
    """The folders it was given read-only (an IDE's environment)."""


@dataclass(frozen=True)
class StopReport:
    """What a stop did."""

    terminated: int
    """Processes (entry points and their children) signalled."""
    killed: int
    """Of those, how many ignored SIGTERM for the whole grace period and were SIGKILLed."""
    exit_codes: dict[str, int]
    """Exit code of each entry point, by label (negative: killed by that signal)."""


def free_port() -> int:
    """Return a TCP port free on 127.0.0.1 right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _tail(path: Path, limit: int = 4000) -> str:
    try:
        with open(path, "rb") as f:
            f.seek(0, os.SEEK_END)
            f.seek(max(0, f.tell() - limit))
            return f.read().decode("utf-8", "replace")
    except OSError:
        return ""


def _log_name(index: int, label: str) -> str:
    slug = "".join(c if c.isalnum() or c in "-_" else "-" for c in label.lower()).strip("-") or "process"
    return f"{index:02d}-{slug[:40]}.log"


class _Watched:
    """A started process and the thread that reaps it."""

    def __init__(self, process: RunningProcess, popen: subprocess.Popen[bytes]) -> None:
        self.process = process
        self.popen = popen
        self.exited = threading.Event()
        self.returncode: int | None = None
        self.thread: threading.Thread | None = None


class StudioProcesses:
    """The processes of one running studio."""

    def __init__(self, runtime: LocalRuntime, key: str, record: StudioRecord, secret: str) -> None:
        self._runtime = runtime
        self.key = key
        self.secret = secret
        """The secret of this start: the proxy adds it to what it forwards, the entry points require it."""
        self.network: StudioNetwork | None = None
        """The studio's own network namespace, or None when it shares the machine's."""
        self._record = record
        self._watched: list[_Watched] = []
        self._anchor: _Watched | None = None
        self._open: tuple[RunningProcess, ...] = ()
        self._lock = threading.Lock()
        self._stopping = False
        self._started = False
        self._stop_report: StopReport | None = None
        self._stopped = threading.Event()

    @property
    def processes(self) -> tuple[RunningProcess, ...]:
        """The entry points, in the order they started."""
        return tuple(w.process for w in self._watched if w is not self._anchor)

    @property
    def exposed(self) -> tuple[RunningProcess, ...]:
        """The entry points with a port, and the ports open with no process (pid 0) of a studio with its own network."""
        return tuple(p for p in self.processes if p.local_port is not None) + self._open

    def alive(self) -> bool:
        """Whether every entry point is still running."""
        return bool(self._watched) and not any(w.exited.is_set() for w in self._watched)

    def stop(self, grace: float = 10.0) -> StopReport:
        """Stop every process of the studio: SIGTERM, `grace` seconds, SIGKILL; reap; forget the record.

        Safe to call from several threads, and from the `on_exit` callback: every caller gets the one stop's report.
        """
        with self._lock:
            first = not self._stopping
            self._stopping = True
        if not first:
            self._stopped.wait()
            assert self._stop_report is not None
            return self._stop_report
        try:
            pgids = {w.popen.pid for w in self._watched}
            spared = frozenset(pgids) if self._runtime.sandbox is not None else frozenset()
            signalled, killed = terminate(pgids, self._record.run_token, grace, spared=spared)
            # The watchers reap the entry points; wait for them (not for their threads, which may be busy in
            # an exit callback that itself waits for this stop).
            for w in self._watched:
                if not w.exited.wait(timeout=10):
                    log.error("process %s of studio %s was not reaped", w.process.pid, self.key)
            exit_codes = {
                w.process.label: w.returncode if w.returncode is not None else -9
                for w in self._watched
                if w is not self._anchor
            }
            if self.network is not None:
                self.network.close()
            remove_record(self._runtime.state_dir, self.key)
            self._runtime._forget(self.key, self)
            self._stop_report = StopReport(len(signalled), len(killed), exit_codes)
        finally:
            if self._stop_report is None:
                self._stop_report = StopReport(0, 0, {})
            self._stopped.set()
        return self._stop_report

    # -- internals used by LocalRuntime ---------------------------------------------------------

    def _spawn(self, pod: PodSpec, index: int, ep: EntryPoint, local_port: int | None, env: dict[str, str]) -> _Watched:
        base_url = browser_path(pod.project_key, pod.code_studio_id, ep.port) if ep.port is not None else ""
        command = render_command(ep.command, port=local_port, workspace=pod.workspace, base_url=base_url)
        argv = ["/bin/sh", "-c", command]
        sandbox = self._runtime.sandbox
        fds: tuple[int, ...] = ()
        if sandbox is not None:
            argv = sandbox.command(pod.workspace, pod.pod_name, argv, read_only=ep.read_only)
            if self.network is not None:
                assert sandbox.nsenter is not None
                argv, fds = self.network.enter(sandbox.nsenter, argv)
        sock = self.network.sockets.get(ep.port) if self.network is not None and ep.port is not None else None
        url = f"http://{LOCAL_HOST}:{local_port}/" if local_port is not None else None
        process = RunningProcess(
            ep.label,
            0,
            ep.port,
            local_port,
            url,
            ep.expose_html,
            pod.log_dir / _log_name(index, ep.label),
            command,
            ep.proxied_url_suffix,
            ep.secret,
            sock,
            ep.local_host,
            ep.read_only,
        )
        return self._start_process(process, argv, pod.workspace, env, fds)

    def _open_port(self, pod: PodSpec, open_port: OpenPort) -> RunningProcess:
        assert self.network is not None
        return RunningProcess(
            open_port.label,
            0,
            open_port.port,
            open_port.port,
            f"http://{LOCAL_HOST}:{open_port.port}/",
            open_port.expose_html,
            pod.log_dir / "00-studio-network.log",
            "",
            open_port.proxied_url_suffix,
            SecretDelivery(),
            self.network.sockets[open_port.port],
            open_port.local_host,
        )

    def _start_anchor(self, pod: PodSpec, network: StudioNetwork, env: dict[str, str]) -> None:
        """Start the relay in a sandbox with a network namespace of its own, and hold that namespace."""
        sandbox = self._runtime.sandbox
        assert sandbox is not None
        read_end, write_end = os.pipe()
        try:
            argv = sandbox.anchor_command(pod.pod_name, network.relay_argv(sys.executable), write_end)
            log_file = pod.log_dir / "00-studio-network.log"
            process = RunningProcess("Studio network", 0, None, None, None, False, log_file, " ".join(argv))
            self._anchor = self._start_process(process, argv, Path("/"), env, (write_end, *network.relay_fds))
        finally:
            os.close(write_end)
        pid = read_child_pid(read_end, time.monotonic() + INFO_TIMEOUT)
        network.attach(pid, with_user=sandbox.user is None)
        network.close_listeners()

    def _start_process(
        self, process: RunningProcess, argv: list[str], cwd: Path, env: dict[str, str], fds: tuple[int, ...]
    ) -> _Watched:
        with open(process.log_file, "ab") as out:
            out.write(
                f"--- {time.strftime('%Y-%m-%d %H:%M:%S')} starting {process.label}: {process.command}\n".encode()
            )
            out.flush()

            def start() -> subprocess.Popen[bytes]:
                return subprocess.Popen(
                    argv,
                    cwd=cwd,
                    env=env,
                    stdin=subprocess.DEVNULL,
                    stdout=out,
                    stderr=subprocess.STDOUT,
                    start_new_session=True,
                    close_fds=True,
                    pass_fds=fds,
                )

            popen = self._runtime._spawner.run(start) if self._runtime.sandbox is not None else start()
        st = read_stat(popen.pid)
        process = replace(process, pid=popen.pid)
        watched = _Watched(process, popen)
        self._watched.append(watched)
        self._record = StudioRecord(
            self._record.key,
            self._record.boot_id,
            self._record.run_token,
            (
                *self._record.processes,
                ProcessRecord(process.label, popen.pid, popen.pid, st.start_ticks if st else -1, process.command),
            ),
        )
        write_record(self._runtime.state_dir, self._record)
        watched.thread = threading.Thread(
            target=self._watch, args=(watched,), name=f"studio-watch-{popen.pid}", daemon=True
        )
        watched.thread.start()
        return watched

    def _watch(self, watched: _Watched) -> None:
        code = watched.popen.wait()
        if self._runtime.sandbox is not None and 128 < code < 160:
            code = 128 - code  # bubblewrap exits with 128 + N when its command was killed by signal N
        watched.returncode = code
        watched.exited.set()
        if self._started and not self._stopping:
            callback = self._runtime.on_exit
            if callback is not None:
                try:
                    callback(ProcessExit(self.key, watched.process.label, watched.process.pid, watched.returncode))
                except Exception:
                    log.exception("exit callback failed for studio %s", self.key)


class LocalRuntime:
    """Runs studios as local processes; one instance per server, with its own state folder."""

    def __init__(
        self,
        state_dir: Path,
        *,
        on_exit: ExitCallback | None = None,
        sandbox: Sandbox | None = None,
        network: NetworkMode = "shared",
    ) -> None:
        self.state_dir = Path(state_dir)
        self.on_exit = on_exit
        self.sandbox = sandbox
        """The sandbox of every studio process, or None: they then run as the server's user, unconfined."""
        if network == "isolated" and (sandbox is None or sandbox.nsenter is None):
            raise ValueError("studios can have a network of their own only in a sandbox, with nsenter")
        self.network: NetworkMode = network
        """`isolated`: each studio in a network namespace of its own (see `network`); `shared`: the machine's."""
        self._socket_root: Path | None = None
        self._spawner = Spawner()
        self._studios: dict[str, StudioProcesses] = {}
        self._lock = threading.Lock()

    def get(self, key: str) -> StudioProcesses | None:
        """Return the running processes of a studio, if it runs."""
        with self._lock:
            return self._studios.get(key)

    def start(
        self,
        key: str,
        pod: PodSpec,
        entry_points: Sequence[EntryPoint],
        *,
        readiness_timeout: float = 60.0,
        cancel: CancelCheck | None = None,
        progress: Callable[[str], None] | None = None,
    ) -> StudioProcesses:
        """Start a studio's entry points and wait until all are ready.

        `key` is an opaque identifier of the studio (e.g. "PROJECT/studioId"); it is never used in a path.
        On failure everything started is stopped and `StudioStartError` is raised with the log's tail.
        `progress` receives what the start is doing ("starting entry point X", "waiting for X to be ready").
        """
        report: Callable[[str], None] = progress or (lambda _step: None)
        declared = [ep.port for ep in entry_points if ep.port is not None]
        if len(declared) != len(set(declared)):
            raise ValueError("two entry points declare the same port")
        cancelled: Callable[[], bool] = (
            (lambda: False) if cancel is None else cancel.is_set if isinstance(cancel, Event) else cancel
        )
        record = StudioRecord(key, boot_id(), secrets.token_hex(16))
        studio = StudioProcesses(self, key, record, secrets.token_urlsafe(32))
        with self._lock:
            if key in self._studios:
                raise StudioAlreadyRunningError(f"studio {key} is already running")
            self._studios[key] = studio
        try:
            pod.workspace.mkdir(parents=True, exist_ok=True)
            pod.log_dir.mkdir(parents=True, exist_ok=True)
            if self.sandbox is not None:
                self.sandbox.give_tree(pod.workspace)
            isolated = self.network == "isolated"
            # In a network of its own, each process listens on the port it declares, as in a DSS pod.
            local_ports = {
                i: ep.port if isolated else free_port() for i, ep in enumerate(entry_points) if ep.port is not None
            }
            by_declared = {ep.port: local_ports[i] for i, ep in enumerate(entry_points) if ep.port is not None}
            pod_env = pod_environment(pod, entry_points, by_declared, record.run_token)
            pod_env[SECRET_VAR] = studio.secret
            if self.sandbox is not None:
                pod_env["HOME"] = str(pod.workspace)  # the server's home is not in the sandbox
            if isolated:
                report("Starting the studio's network")
                open_ports = [p for p in pod.extra_ports if p.port not in by_declared]
                studio.network = StudioNetwork.prepare(self._sockets(), [*by_declared, *(p.port for p in open_ports)])
                studio._start_anchor(pod, studio.network, {k: v for k, v in pod_env.items() if k != SECRET_VAR})
                studio._open = tuple(studio._open_port(pod, p) for p in open_ports)
            started = []
            for i, ep in enumerate(entry_points):
                report(f"Starting entry point {ep.label}")
                env = entry_point_environment(pod_env, ep, local_ports.get(i))
                started.append(studio._spawn(pod, i, ep, local_ports.get(i), env))
            deadline = time.monotonic() + readiness_timeout
            for ep, watched in zip(entry_points, started, strict=True):
                report(f"Waiting for entry point {ep.label} to be ready")
                try:
                    self._wait_ready(pod, ep, watched, deadline, cancelled, studio)
                except NotReadyError as exc:
                    studio.stop(grace=2.0)
                    message = f"studio {key} failed to start: {exc}"
                    tail = _tail(watched.process.log_file)
                    raise StudioStartError(message, label=ep.label, log_tail=tail) from exc
        except BaseException:
            studio.stop(grace=2.0)  # a no-op after the stop above
            raise
        studio._started = True
        return studio

    def _wait_ready(
        self,
        pod: PodSpec,
        ep: EntryPoint,
        watched: _Watched,
        deadline: float,
        cancelled: Callable[[], bool],
        studio: StudioProcesses,
    ) -> None:
        secret = studio.secret
        port = watched.process.local_port
        what = f"entry point {ep.label!r}"

        def exited() -> int | None:
            return watched.returncode if watched.exited.is_set() else None

        if port is None:
            if ep.readiness is not None:
                raise NotReadyError(f"{what} has a readiness check but no port")
            return
        readiness = ep.readiness
        network = studio.network
        if readiness is None or readiness.kind == "tcp":

            def check(timeout: float) -> bool:
                return network.port_open(port, timeout) if network is not None else tcp_ready(port, timeout)

        else:
            base_url = browser_path(pod.project_key, pod.code_studio_id, ep.port)
            url = render_url(readiness.url or "/", port=port, base_url=base_url)
            headers = ep.secret.headers(secret)
            if ep.secret.cookie is not None:
                headers.append(("Cookie", f"{ep.secret.cookie}={secret}"))
            sock = watched.process.socket

            def check(timeout: float) -> bool:
                return http_ready(url, timeout, headers, unix_socket=sock)

        wait_until_ready(check, deadline=deadline, exited=exited, cancelled=cancelled, what=what)

    def stop(self, key: str, grace: float = 10.0) -> StopReport | None:
        """Stop a studio if it runs; None if it did not."""
        studio = self.get(key)
        return studio.stop(grace) if studio is not None else None

    def stop_all(self, grace: float = 10.0) -> None:
        """Stop every studio (at server shutdown)."""
        with self._lock:
            studios = list(self._studios.values())
        for studio in studios:
            studio.stop(grace)

    def close(self, grace: float = 10.0) -> None:
        """Stop every studio, then the thread that started their sandboxes."""
        self.stop_all(grace)
        self._spawner.close()
        with self._lock:
            root, self._socket_root = self._socket_root, None
        if root is not None and self.state_dir.resolve() not in root.parents:
            shutil.rmtree(root, ignore_errors=True)  # a temporary folder of this runtime's own

    def reconcile(self, grace: float = 5.0) -> ReconcileReport:
        """Kill what a previous server run left alive (see `records.reconcile`); call before any start."""
        report = reconcile(self.state_dir, grace=grace)
        shutil.rmtree(self.state_dir / "net", ignore_errors=True)  # the sockets of studios no longer running
        return report

    def read_only_in_use(self) -> set[Path]:
        """Return the folders running studios' entry points were given read-only (IDE environments)."""
        with self._lock:
            studios = list(self._studios.values())
        return {path for studio in studios for p in studio.processes for path in p.read_only}

    def _sockets(self) -> Path:
        with self._lock:
            if self._socket_root is None:
                self._socket_root = socket_root(self.state_dir)
            return self._socket_root

    def _forget(self, key: str, studio: StudioProcesses) -> None:
        with self._lock:
            if self._studios.get(key) is studio:
                del self._studios[key]
