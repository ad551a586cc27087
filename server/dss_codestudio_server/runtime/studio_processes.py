"""The processes of one running studio: what started, how each is watched, and how they all stop.

`StudioProcesses` is what `LocalRuntime.start` returns: the entry points (`RunningProcess`), each
started in the studio's sandbox (and its network namespace, when it has one of its own) and reaped
by a watcher thread that reports an exit nobody asked for; the record of what runs (`records`);
and `stop`, which sends SIGTERM to each process group (and any process carrying the run token),
waits a grace period, then SIGKILLs what is left, so no child survives a stop. A sandbox is not sent
SIGTERM itself (its end kills everything in it at once): its processes are, and it ends with them.
"""

from __future__ import annotations

import logging
import os
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING

from .entrypoints import LOCAL_HOST, EntryPoint, OpenPort, SecretDelivery, browser_path, render_command
from .network import INFO_TIMEOUT, StudioNetwork, read_child_pid
from .pod import PodSpec
from .procinfo import read_stat
from .records import ProcessRecord, StudioRecord, remove_record, terminate, write_record

if TYPE_CHECKING:
    from .supervisor import LocalRuntime

log = logging.getLogger(__name__)


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
        """Whether no entry point has exited (a studio without entry points runs nothing, and stays up)."""
        return not any(w.exited.is_set() for w in self._watched)

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
