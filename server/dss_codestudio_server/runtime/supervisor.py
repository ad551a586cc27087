"""The local runtime: a running studio is real processes on this machine, started, watched and stopped.

`LocalRuntime.start` starts each entry point with `/bin/sh -c` in the studio's workspace, in its own
session (so its process group holds its children), inside the runtime's sandbox when it has one
(`sandbox`: bubblewrap), with the pod's environment and the start's secret, its output appended to
a log file. With `isolated` networking the studio first gets a network namespace of its own
(`network`): each entry point enters it and listens on the port it declares, reached through the
server's unix sockets; with `shared` networking each gets a free local port of 127.0.0.1. It
records the processes (see `records`) and returns once every readiness check passes, or stops
everything and raises `StudioStartError`. Each start draws a fresh secret: the server's proxy adds
it to every request it forwards, and the entry points require it, so that a port is of no use to
whoever reaches it without the proxy. What runs, and how it stops, is `studio_processes`.
"""

from __future__ import annotations

import logging
import os
import secrets
import shutil
import socket
import threading
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from threading import Event

from .dss_home import write_dss_home
from .entrypoints import SECRET_VAR, EntryPoint, browser_path, render_url
from .network import NetworkMode, StudioNetwork, socket_root
from .pod import PodSpec, entry_point_environment, pod_environment
from .procinfo import boot_id
from .readiness import NotReadyError, http_ready, tcp_ready, wait_until_ready
from .records import ReconcileReport, StudioRecord, reconcile
from .sandbox import Sandbox
from .spawner import Spawner
from .studio_processes import ExitCallback, StopReport, StudioProcesses, _Watched

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
            write_dss_home(pod.dip_home, pod.dss_version)
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
