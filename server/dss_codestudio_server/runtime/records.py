"""Records of the studio processes this machine runs, and reconciliation after a server crash.

When a studio starts, the runtime writes a small JSON record per studio in its state folder (name
derived from a digest of the studio key, never from the key itself): the boot id, a run token set
in every process's environment, and for each process its pid, process group, start time in clock
ticks since boot and command. The record is rewritten atomically after each process starts and
removed once the studio is stopped. After a crash of the server, `reconcile` finds the records
left behind and kills what is still alive of them: the recorded process groups, and any process
carrying the run token (children that left the group). A pid reused by another process is
recognised by its different start time and left alone.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import logging
import os
import secrets
import signal
import time
from dataclasses import asdict, dataclass
from pathlib import Path

from .pod import RUN_TOKEN_VAR
from .procinfo import boot_id, find_processes, read_stat, same_process

SUFFIX = ".procs.json"
log = logging.getLogger(__name__)


@dataclass(frozen=True)
class ProcessRecord:
    """A started process, as persisted."""

    label: str
    pid: int
    pgid: int
    start_ticks: int
    command: str


@dataclass(frozen=True)
class StudioRecord:
    """The processes of one running studio, as persisted."""

    key: str
    boot_id: str
    run_token: str
    processes: tuple[ProcessRecord, ...] = ()


def record_path(state_dir: Path, key: str) -> Path:
    """Return the record file of a studio key (a digest: keys never become paths)."""
    return state_dir / (hashlib.sha256(key.encode()).hexdigest()[:24] + SUFFIX)


def write_record(state_dir: Path, record: StudioRecord) -> None:
    """Write a studio's record atomically and durably."""
    state_dir.mkdir(parents=True, exist_ok=True)
    target = record_path(state_dir, record.key)
    tmp = target.with_name(f".{target.name}.{secrets.token_hex(6)}.tmp")
    doc = {
        "key": record.key,
        "bootId": record.boot_id,
        "runToken": record.run_token,
        "processes": [asdict(p) for p in record.processes],
    }
    with open(tmp, "w") as f:
        json.dump(doc, f)
        f.flush()
        os.fsync(f.fileno())
    os.replace(tmp, target)


def remove_record(state_dir: Path, key: str) -> None:
    """Forget a studio's record once all its processes are gone."""
    with contextlib.suppress(FileNotFoundError):
        record_path(state_dir, key).unlink()


def read_record(path: Path) -> StudioRecord | None:
    """Read a record file; None if it is unreadable."""
    try:
        doc = json.loads(path.read_text())
        processes = tuple(
            ProcessRecord(str(p["label"]), int(p["pid"]), int(p["pgid"]), int(p["start_ticks"]), str(p["command"]))
            for p in doc["processes"]
        )
        return StudioRecord(str(doc["key"]), str(doc["bootId"]), str(doc["runToken"]), processes)
    except (OSError, ValueError, KeyError, TypeError) as exc:
        log.warning("unreadable process record %s: %s", path, exc)
        return None


@dataclass(frozen=True)
class FoundProcess:
    """A process of a previous server run that reconciliation met."""

    studio_key: str
    label: str
    pid: int
    command: str


@dataclass(frozen=True)
class ReconcileReport:
    """What reconciliation found and did."""

    killed: tuple[FoundProcess, ...] = ()
    """Recorded processes (or their children) still alive, now killed."""
    gone: tuple[FoundProcess, ...] = ()
    """Recorded processes that had already exited."""
    reused: tuple[FoundProcess, ...] = ()
    """Recorded pids now used by unrelated processes, left alone."""
    studios: tuple[str, ...] = ()
    """Keys of the studios whose records were found (and removed)."""


def terminate(
    pgids: set[int], token: str | None, grace: float, *, spared: frozenset[int] = frozenset()
) -> tuple[set[int], set[int]]:
    """SIGTERM the process groups and the token holders, SIGKILL what is left after `grace` seconds.

    `spared` names sandboxes (bubblewrap processes): a sandbox ends, and kills everything in it at once,
    as soon as the command it runs ends. So they and their init get no SIGTERM; the processes the
    command started get it first, and the command itself (often a shell) only once they are gone (or
    the grace period is over; it then gets a little more), so that each can end cleanly.
    Returns (all processes signalled, those that needed SIGKILL). Polls /proc; never waits blindly.
    """
    entry = f"{RUN_TOKEN_VAR}={token}".encode() if token else None
    signalled: set[int] = set()
    deadline = time.monotonic() + grace
    targets = find_processes(pgids, entry)
    signalled.update(targets)
    if spared:
        inits = {pid for pid in targets if _parent(pid) in spared}
        commands = {pid for pid in targets if _parent(pid) in inits}
        kept = spared | inits | commands
        _signal(set(), [pid for pid in targets if pid not in kept], signal.SIGTERM)
        targets = _wait_gone(pgids, entry, deadline, signalled, ignore=kept)
        _signal(set(), sorted(commands), signal.SIGTERM)
        deadline = max(deadline, time.monotonic() + min(grace, 2.0))
    else:
        _signal(pgids, targets, signal.SIGTERM)
    targets = _wait_gone(pgids, entry, deadline, signalled)
    killed: set[int] = set()
    kill_deadline = time.monotonic() + 10.0
    while targets and time.monotonic() < kill_deadline:
        killed.update(targets)
        _signal(pgids, targets, signal.SIGKILL)
        time.sleep(0.01)
        targets = find_processes(pgids, entry)
    if targets:
        log.error("processes %s survived SIGKILL", sorted(targets))
    return signalled, killed


def _wait_gone(
    pgids: set[int], entry: bytes | None, deadline: float, seen: set[int], *, ignore: frozenset[int] = frozenset()
) -> list[int]:
    """Poll until no process of the studio (but those in `ignore`) is left, or the deadline; return what is left."""
    targets = [p for p in find_processes(pgids, entry) if p not in ignore]
    while targets and time.monotonic() < deadline:
        time.sleep(0.02)
        targets = [p for p in find_processes(pgids, entry) if p not in ignore]
        seen.update(targets)
    return find_processes(pgids, entry)


def _parent(pid: int) -> int | None:
    st = read_stat(pid)
    return st.ppid if st is not None else None


def _signal(pgids: set[int], pids: list[int], sig: signal.Signals) -> None:
    for pgid in pgids:
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(pgid, sig)
    for pid in pids:
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.kill(pid, sig)


def reconcile(state_dir: Path, *, grace: float = 5.0) -> ReconcileReport:
    """Kill whatever is still alive of the studios recorded in `state_dir` by a previous server run.

    Call it when the server starts, before starting any studio. Records are removed once handled.
    """
    killed: list[FoundProcess] = []
    gone: list[FoundProcess] = []
    reused: list[FoundProcess] = []
    studios: list[str] = []
    if not state_dir.is_dir():
        return ReconcileReport()
    current_boot = boot_id()
    for leftover in state_dir.glob(f".*{SUFFIX}.*.tmp"):
        with contextlib.suppress(FileNotFoundError):
            leftover.unlink()
    for path in sorted(state_dir.glob(f"*{SUFFIX}")):
        record = read_record(path)
        if record is None:
            path.unlink()
            continue
        studios.append(record.key)
        if record.boot_id != current_boot:
            gone.extend(FoundProcess(record.key, p.label, p.pid, p.command) for p in record.processes)
            path.unlink()
            continue
        # A group id is only ours while the recorded leader is alive, or, once it died, while its group still holds
        # processes carrying our token: a pid (hence a group id) reused by an unrelated process is never signalled.
        pgids: set[int] = set()
        for p in record.processes:
            found = FoundProcess(record.key, p.label, p.pid, p.command)
            if same_process(p.pid, p.start_ticks):
                pgids.add(p.pgid)
                killed.append(found)
            else:
                st = read_stat(p.pid)
                (reused if st is not None and st.state not in ("Z", "X") else gone).append(found)
        signalled, _ = terminate(pgids, record.run_token, grace)
        recorded = {p.pid for p in record.processes}
        for pid in sorted(signalled - recorded):
            killed.append(FoundProcess(record.key, "child", pid, ""))
        path.unlink()
    return ReconcileReport(tuple(killed), tuple(gone), tuple(reused), tuple(studios))
