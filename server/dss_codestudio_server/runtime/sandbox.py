"""The sandbox of studio processes: bubblewrap (`bwrap`) around every entry point.

A sandboxed entry point sees a file system of its own, built from an empty root:

- read-only: the system (`/usr`, `/etc` and the `/bin`, `/lib*`, `/sbin` links or folders), the
  Python the server runs (its prefixes and `sys.path`, the server's own package included) and the
  extra paths the server was given (`read_only`);
- read-write: the studio's workspace, at its own path and at `/home/dataiku/workspace` (where DSS
  puts it, so each zone is at its `pathInContainer`); its own `/tmp`, `/var/tmp`, `/dev` and `/proc`;
- nothing else: the server's data directory (even below a read-only path: `hidden`), the other
  studios' workspaces, the user's home and every other folder are not there.

It runs in its own PID, IPC and UTS namespaces, in a new session, and dies with the server
(`--die-with-parent`): when its first process ends, everything it started ends with it (even a
`setsid ... &`), and nothing outlives a stop, a deletion or the server. When the server runs as
root, bubblewrap mounts as root and the command then drops to `nobody` for good (`setpriv`, no
capability, no new privileges): a studio can neither read root's files nor become root again, and
its workspace is given to that user (`give_tree`); otherwise it runs as the server's user, in a
user namespace. An entry point may add folders it needs read-only (an IDE's environment, say),
visible even below the hidden data directory.

The network is the studio's own (`network`): an *anchor* sandbox (`anchor_command`) makes a network
namespace, and the entry points enter it (`nsenter`); or, in `shared` mode, the machine's, which is
why each start's secret protects the ports too.

`find_sandbox` checks that bubblewrap is installed and works here, and says why not otherwise;
`network_problem` whether studios can have a network of their own here.
"""

from __future__ import annotations

import contextlib
import functools
import os
import pwd
import shutil
import stat
import subprocess
import sys
import tempfile
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

WORKSPACE_IN_POD = "/home/dataiku/workspace"
SYSTEM_PATHS = ("/usr", "/etc", "/bin", "/sbin", "/lib", "/lib32", "/lib64", "/libx32")
PROBE_TIMEOUT = 20.0
Owner = tuple[int, int]


def _unprivileged_user() -> Owner | None:
    """Return the user studios run as when the server runs as root (nobody), else None (the server's own user)."""
    if os.geteuid() != 0:
        return None
    try:
        entry = pwd.getpwnam("nobody")
        return entry.pw_uid, entry.pw_gid
    except KeyError:
        return 65534, 65534


def runtime_paths() -> list[Path]:
    """Return the folders a studio needs read-only to run this Python and the server's own entry points.

    Python's prefixes, the entries of `sys.path` inside them (never the working folder `python -m` puts
    first), and the folder holding this package (an editable install's source tree).
    """
    prefixes = [Path(p) for p in {sys.prefix, sys.exec_prefix, sys.base_prefix, sys.base_exec_prefix} if p]
    found = list(prefixes)
    for raw in sys.path:
        path = Path(raw)
        if raw and path.is_absolute() and any(path == p or p in path.parents for p in prefixes):
            found.append(path)
    found.append(Path(__file__).resolve().parents[2])
    return [p for p in found if p.is_dir() and p != Path("/")]


def _outermost(paths: Iterable[Path]) -> list[Path]:
    """Return the paths, resolved, without those inside another one, shortest first."""
    resolved = sorted({Path(os.path.realpath(p)) for p in paths}, key=lambda p: (len(p.parts), str(p)))
    kept: list[Path] = []
    for path in resolved:
        if not any(path == k or k in path.parents for k in kept):
            kept.append(path)
    return kept


class _Mounts:
    """bubblewrap's mount arguments, in order, with the folders leading to each mount point made first.

    bwrap would make missing parents with the modes of the host's folders (`/root` is 0700): they are
    made 0755 here, so that an unprivileged studio user can reach what is mounted below them.
    """

    def __init__(self) -> None:
        self.args: list[str] = []
        self._known: set[Path] = {Path("/")}
        self._host_binds: list[Path] = []

    def _parents(self, dest: Path) -> None:
        for parent in reversed(dest.parents):
            if parent in self._known or any(b == parent or b in parent.parents for b in self._host_binds):
                continue
            self.args += ["--perms", "0755", "--dir", str(parent)]
            self._known.add(parent)

    def add(self, option: str, *paths: str) -> None:
        dest = Path(paths[-1])
        self._parents(dest)
        self.args += [option, *paths]
        self._known.add(dest)
        if option in ("--ro-bind", "--bind"):
            self._host_binds.append(dest)


@dataclass(frozen=True)
class Sandbox:
    """How studio processes are isolated: the bubblewrap command around each entry point."""

    bwrap: str
    read_only: tuple[Path, ...]
    """Folders visible read-only, besides the system's."""
    hidden: tuple[Path, ...]
    """Folders never visible, even below a read-only folder (the server's data directory)."""
    user: Owner | None
    """The (uid, gid) studio processes run as when the server runs as root, else None (the server's user)."""
    setpriv: str = "setpriv"
    """util-linux's `setpriv`, which drops to `user` inside the sandbox."""
    nsenter: str | None = None
    """util-linux's `nsenter`, which puts a studio's processes in its network namespace (None: not installed)."""

    def _namespaces(self, hostname: str, *, network: bool) -> list[str]:
        args = [
            self.bwrap,
            "--die-with-parent",
            "--new-session",
            "--unshare-pid",
            "--unshare-ipc",
            "--unshare-uts",
            "--unshare-cgroup-try",
            "--hostname",
            hostname,
        ]
        if network:
            args.append("--unshare-net")
        if self.user is None:
            args.append("--unshare-user")  # bubblewrap as an unprivileged user works in a user namespace
        return args

    def _system(self, mounts: _Mounts, extra: Sequence[Path] = ()) -> None:
        """Mount the system and the server's Python read-only, hide the data directory, show `extra` read-only."""
        for system in SYSTEM_PATHS:
            if os.path.islink(system):
                mounts.add("--symlink", os.readlink(system), system)
            elif os.path.isdir(system):
                mounts.add("--ro-bind", system, system)
        resolv = os.path.realpath("/etc/resolv.conf")
        if not resolv.startswith("/etc/"):
            mounts.add("--ro-bind-try", resolv, resolv)  # often a link into /run, which is not there
        # The sandbox's own /tmp first: what is shown read-only below it (a clone of the project in
        # /tmp, its .venv the studios' Python) is mounted over it, not hidden by it.
        mounts.add("--dev", "/dev")
        mounts.add("--proc", "/proc")
        mounts.add("--tmpfs", "/tmp")
        mounts.add("--tmpfs", "/var/tmp")
        visible: list[Path] = []
        for path in _outermost(self.read_only):
            if any(path == h or h in path.parents for h in self.hidden):
                continue  # never expose anything of the data directory
            if any(path == Path(s) or Path(s) in path.parents for s in SYSTEM_PATHS):
                continue
            visible.append(path)
            mounts.add("--ro-bind", str(path), str(path))
        for hidden in self.hidden:
            if any(v in hidden.parents for v in visible):
                mounts.add("--tmpfs", str(hidden))  # over what a read-only folder above it would show
        for path in _outermost(extra):
            mounts.add("--ro-bind", str(path), str(path))  # an entry point's own tools, even below the data

    def _drop(self) -> list[str]:
        if self.user is None:
            return []
        # bubblewrap runs as root to mount what only root can read (a Python under /root, say); the
        # command then drops to the studio user for good: no capability, no setuid program.
        uid, gid = self.user
        return [
            "--cap-add",
            "CAP_SETUID",
            "--cap-add",
            "CAP_SETGID",
            "--",
            self.setpriv,
            f"--reuid={uid}",
            f"--regid={gid}",
            "--clear-groups",
            "--no-new-privs",
            "--inh-caps=-all",
        ]

    def command(
        self, workspace: Path, hostname: str, argv: Sequence[str], *, read_only: Sequence[Path] = ()
    ) -> list[str]:
        """Return the command running `argv` in the sandbox of a studio whose workspace is `workspace`.

        `read_only` names more folders the command sees read-only (at their own paths).
        """
        workspace = Path(os.path.realpath(workspace))
        args = self._namespaces(hostname, network=False)
        mounts = _Mounts()
        self._system(mounts, [Path(os.path.realpath(p)) for p in read_only])
        mounts.add("--bind", str(workspace), str(workspace))
        mounts.add("--bind", str(workspace), WORKSPACE_IN_POD)
        args += [*mounts.args, "--chdir", str(workspace)]
        return [*args, *self._drop(), "--", *argv]

    def anchor_command(self, hostname: str, argv: Sequence[str], info_fd: int) -> list[str]:
        """Return the command running `argv` in a sandbox with a network namespace of its own (see `network`).

        bubblewrap writes `{"child-pid": N}` to `info_fd` once the namespaces exist: the other processes of
        the studio enter the network namespace of that process.
        """
        args = self._namespaces(hostname, network=True)
        mounts = _Mounts()
        self._system(mounts)
        args += [*mounts.args, "--chdir", "/", "--info-fd", str(info_fd)]
        return [*args, *self._drop(), "--", *argv]

    def give_tree(self, root: Path) -> None:
        """Give a workspace to the studio's user (a no-op when studios run as the server's user).

        Never follows a link, and leaves alone a file with several names: it may be a second name of a
        file outside the workspace, which must not be given away.
        """
        if self.user is not None:
            give_tree(root, self.user)


def give_tree(root: Path, owner: Owner) -> None:
    """Change the owner of every folder and file below `root` (included) without following links."""
    uid, gid = owner
    try:
        root_fd = os.open(root, os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW | os.O_CLOEXEC)
    except FileNotFoundError:
        return
    stack = [root_fd]
    try:
        os.fchown(root_fd, uid, gid)
        while stack:
            fd = stack.pop()
            try:
                for entry in os.scandir(fd):
                    st = entry.stat(follow_symlinks=False)
                    if stat.S_ISDIR(st.st_mode):
                        with contextlib.suppress(OSError):
                            child = os.open(entry.name, os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW, dir_fd=fd)
                            stack.append(child)
                            os.fchown(child, uid, gid)
                    elif (st.st_uid, st.st_gid) != owner and (stat.S_ISLNK(st.st_mode) or st.st_nlink == 1):
                        with contextlib.suppress(FileNotFoundError):
                            os.chown(entry.name, uid, gid, dir_fd=fd, follow_symlinks=False)
            finally:
                os.close(fd)
    finally:
        for fd in stack:
            os.close(fd)


@dataclass(frozen=True)
class SandboxCheck:
    """Whether studio processes can be sandboxed here: the sandbox, or why there is none."""

    sandbox: Sandbox | None
    problem: str | None = None


def find_sandbox(*, hidden: Sequence[Path] = (), read_only: Sequence[Path] = ()) -> SandboxCheck:
    """Find bubblewrap and check that it can run a sandboxed process here; say why not otherwise."""
    bwrap = shutil.which("bwrap")
    if bwrap is None:
        return SandboxCheck(None, "bubblewrap (bwrap) is not installed (Debian: apt-get install bubblewrap)")
    user = _unprivileged_user()
    setpriv = shutil.which("setpriv")
    if user is not None and setpriv is None:
        return SandboxCheck(None, "setpriv (util-linux) is not installed: studios cannot drop root")
    nsenter = shutil.which("nsenter")
    sandbox = Sandbox(
        bwrap,
        tuple(runtime_paths()) + tuple(Path(p) for p in read_only),
        tuple(Path(os.path.realpath(p)) for p in hidden),
        user,
        setpriv or "setpriv",
        nsenter,
    )
    problem = _probe(Sandbox(bwrap, tuple(runtime_paths()), (), user, setpriv or "setpriv", nsenter))
    return SandboxCheck(None if problem else sandbox, problem)


@functools.cache
def _probe(sandbox: Sandbox) -> str | None:
    """Run a sandboxed process once (per sandbox, per server process); say why it failed, if it did."""
    probe_root = Path(os.path.realpath("/var/tmp" if os.path.isdir("/var/tmp") else "/tmp"))
    try:
        with _probe_workspace(probe_root, sandbox.user) as workspace:
            argv = sandbox.command(workspace, "probe", ["/bin/sh", "-c", "exit 0"])
            done = subprocess.run(
                argv, stdin=subprocess.DEVNULL, capture_output=True, timeout=PROBE_TIMEOUT, check=False
            )
    except (OSError, subprocess.SubprocessError) as exc:
        return f"bubblewrap cannot run here: {exc}"
    if done.returncode != 0:
        why = done.stderr.decode(errors="replace").strip() or f"exit status {done.returncode}"
        return f"bubblewrap cannot run here: {why}"
    return None


@contextlib.contextmanager
def _probe_workspace(parent: Path, user: Owner | None) -> Iterator[Path]:
    with tempfile.TemporaryDirectory(prefix="dss-codestudio-sandbox-probe-", dir=parent) as folder:
        if user is not None:
            os.chown(folder, *user)
        yield Path(folder)
