"""A network of its own for each studio: its ports reachable only through the server's unix sockets.

With `isolated` networking (the default where bubblewrap runs), a studio's processes share one
network namespace of their own, with a loopback interface and nothing else: no process of the
machine, of another studio or of the server reaches a port a studio listens on, and the studio
reaches no network (no package index, no API). Each process listens on its declared port (8888,
8501, 8080...: the ports DSS gives, without collisions between studios), as in a DSS pod.

The namespace is made by an *anchor*: a sandbox started with `--unshare-net` whose command is the
relay (`relay.py`). Before it starts, the server binds a listening unix socket per exposed port in
a folder only it can open (0700), and a control socket; the relay inherits them and joins each
connection to its port inside. The studio's entry points then enter the anchor's namespace
(`nsenter --net`) before their own sandbox starts. The server's proxy and readiness checks connect
to the sockets; a readiness question ("does anything listen on 8888?") goes through the control
socket. The sockets never appear in a studio's file system.

`shared` networking keeps the machine's network: ports are free local ports of 127.0.0.1, which
every local process can reach (the per-start secrets are then the only barrier), and studios reach
the network. Without bubblewrap there is no sandbox and no namespace: networking is shared.
"""

from __future__ import annotations

import contextlib
import functools
import json
import os
import secrets
import select
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from .procinfo import children

if TYPE_CHECKING:
    from .sandbox import Sandbox

NetworkMode = Literal["isolated", "shared"]
NETWORK_MODES: tuple[NetworkMode, ...] = ("isolated", "shared")
SUN_PATH_MAX = 107  # bytes of a unix socket path, its final NUL apart
INFO_TIMEOUT = 20.0
CONTROL = "control.sock"


def socket_root(state_dir: Path) -> Path:
    """Return a folder for the studios' socket folders: under `state_dir`, or a private temporary one.

    A unix socket path holds at most 107 bytes, so a deep state folder (a test's, say) gives way to
    a folder of its own under the system's temporary folder.
    """
    preferred = Path(os.path.realpath(state_dir)) / "net"
    if len(os.fsencode(preferred)) + len("/0123456789ab/65535.sock") <= SUN_PATH_MAX:
        preferred.mkdir(parents=True, exist_ok=True)
        os.chmod(preferred, 0o700)
        return preferred
    return Path(tempfile.mkdtemp(prefix="dsscs-net-"))


@dataclass
class StudioNetwork:
    """The network namespace of one started studio: its sockets, its relay's command, how to enter it."""

    folder: Path
    sockets: dict[int, Path]
    """The unix socket of each exposed port (declared port -> socket path)."""
    _listeners: list[socket.socket] = field(default_factory=list)
    _namespaces: dict[str, int] = field(default_factory=dict)

    @classmethod
    def prepare(cls, root: Path, ports: Iterable[int]) -> StudioNetwork:
        """Bind the listening sockets of a studio's ports (and the control socket) in a new private folder."""
        folder = root / secrets.token_hex(6)
        folder.mkdir(mode=0o700)
        network = cls(folder, {})
        try:
            for port in sorted(set(ports)):
                network.sockets[port] = folder / f"{port}.sock"
                network._listen(network.sockets[port])
            network._listen(folder / CONTROL)
        except BaseException:
            network.close()
            raise
        return network

    def _listen(self, path: Path) -> None:
        listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        self._listeners.append(listener)
        listener.bind(str(path))
        os.chmod(path, 0o600)
        listener.listen(128)

    @property
    def relay_fds(self) -> tuple[int, ...]:
        """The descriptors the relay inherits (the ports' sockets, then the control socket)."""
        return tuple(s.fileno() for s in self._listeners)

    def relay_argv(self, python: str) -> list[str]:
        """Return the relay's command line (its descriptors must be passed to it)."""
        argv = [python, "-m", "dss_codestudio_server.runtime.relay", "--control", str(self._listeners[-1].fileno())]
        for listener, port in zip(self._listeners, sorted(self.sockets), strict=False):
            argv += ["--port", f"{listener.fileno()}:{port}"]
        return argv

    def attach(self, pid: int, *, with_user: bool) -> None:
        """Hold the namespaces of the anchor's process `pid` (its network, and its user namespace if any)."""
        kinds = ("net", "user") if with_user else ("net",)
        for kind in kinds:
            self._namespaces[kind] = os.open(f"/proc/{pid}/ns/{kind}", os.O_RDONLY | os.O_CLOEXEC)

    @property
    def attached(self) -> bool:
        """Whether the anchor's namespace is held."""
        return "net" in self._namespaces

    def enter(self, nsenter: str, argv: list[str]) -> tuple[list[str], tuple[int, ...]]:
        """Return `argv` run in the studio's network namespace, and the descriptors to pass to it."""
        prefix = [nsenter]
        if "user" in self._namespaces:
            prefix += ["--preserve-credentials", f"--user=/proc/self/fd/{self._namespaces['user']}"]
        prefix.append(f"--net=/proc/self/fd/{self._namespaces['net']}")
        return [*prefix, "--", *argv], tuple(self._namespaces.values())

    def close_listeners(self) -> None:
        """Close the server's copies of the listening sockets (the relay holds its own)."""
        for listener in self._listeners:
            listener.close()

    def close(self) -> None:
        """Forget the namespace and remove the sockets' folder."""
        self.close_listeners()
        for fd in self._namespaces.values():
            with contextlib.suppress(OSError):
                os.close(fd)
        self._namespaces.clear()
        shutil.rmtree(self.folder, ignore_errors=True)

    def port_open(self, port: int, timeout: float) -> bool:
        """Whether something listens on `port` in the studio (asked of the relay through the control socket)."""
        try:
            with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as s:
                s.settimeout(timeout)
                s.connect(str(self.folder / CONTROL))
                s.sendall(f"{port}\n".encode())
                return s.recv(2).startswith(b"1")
        except OSError:
            return False


def read_child_pid(fd: int, deadline: float) -> int:
    """Read bubblewrap's `--info-fd` JSON (`{"child-pid": N}`) from `fd`, then close it; OSError if it never comes."""
    data = b""
    try:
        while b"}" not in data:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise OSError("the studio's network sandbox did not report its process")
            ready, _, _ = select.select([fd], [], [], remaining)
            if ready:
                chunk = os.read(fd, 4096)
                if not chunk:
                    raise OSError("the studio's network sandbox ended before it started")
                data += chunk
    finally:
        os.close(fd)
    pid = json.loads(data.decode()).get("child-pid")
    if not isinstance(pid, int):
        raise OSError(f"unexpected sandbox information: {data!r}")
    return pid


def network_problem(sandbox: Sandbox) -> str | None:
    """Say why studios cannot have a network of their own here (None when they can); probed once per sandbox."""
    if sandbox.nsenter is None:
        return "nsenter (util-linux) is not installed"
    return _probe_network(sandbox)


@functools.cache
def _probe_network(sandbox: Sandbox) -> str | None:
    root = Path(tempfile.mkdtemp(prefix="dsscs-probe-"))
    network = StudioNetwork.prepare(root, [])
    anchor: subprocess.Popen[bytes] | None = None
    try:
        read_end, write_end = os.pipe()
        try:
            argv = sandbox.anchor_command("probe", network.relay_argv(sys.executable), write_end)
            anchor = subprocess.Popen(
                argv,
                stdin=subprocess.DEVNULL,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.PIPE,
                pass_fds=(write_end, *network.relay_fds),
                start_new_session=True,
            )
        finally:
            os.close(write_end)
        network.attach(read_child_pid(read_end, time.monotonic() + INFO_TIMEOUT), with_user=sandbox.user is None)
        assert sandbox.nsenter is not None
        argv, fds = network.enter(sandbox.nsenter, sandbox.command(root, "probe", ["/bin/sh", "-c", "exit 0"]))
        entered = subprocess.run(argv, pass_fds=fds, capture_output=True, timeout=INFO_TIMEOUT, check=False)
        if entered.returncode != 0:
            why = entered.stderr.decode(errors="replace").strip() or f"exit status {entered.returncode}"
            return f"a process cannot enter a studio's network namespace here: {why}"
        return None
    except (OSError, ValueError, subprocess.SubprocessError) as exc:
        why = (
            anchor.stderr.read().decode(errors="replace").strip() if anchor and anchor.stderr and anchor.poll() else ""
        )
        return f"a sandbox cannot have a network of its own here: {why or exc}"
    finally:
        if anchor is not None:
            kill_anchor(anchor)
            anchor.wait()
            if anchor.stderr is not None:
                anchor.stderr.close()
        network.close()
        shutil.rmtree(root, ignore_errors=True)


def kill_anchor(anchor: subprocess.Popen[bytes]) -> None:
    """SIGKILL a sandbox's bubblewrap and its children (the sandbox's first process: its PID namespace goes with it).

    Killing bubblewrap alone is not enough when it is killed right after it started: its child may not
    have set its parent-death signal yet, and then outlives it, orphaned, with the relay. bubblewrap is
    stopped first, so that it makes no child while they are killed.
    """
    with contextlib.suppress(ProcessLookupError):
        os.kill(anchor.pid, signal.SIGSTOP)
    for pid in children(anchor.pid):
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGKILL)
    anchor.kill()
