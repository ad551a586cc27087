"""What /proc says about processes: identity, state, process group, environment.

A pid alone does not identify a process, since pids are reused: a process is identified by its pid,
its start time in clock ticks since boot (`/proc/<pid>/stat` field 22) and the boot id. Zombies
count as dead: they run nothing and only wait to be reaped by their parent.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from typing import NamedTuple

_BOOT_ID_FILE = "/proc/sys/kernel/random/boot_id"


class ProcStat(NamedTuple):
    """The fields of `/proc/<pid>/stat` the runtime needs."""

    pid: int
    state: str
    ppid: int
    pgrp: int
    session: int
    start_ticks: int


def boot_id() -> str:
    """Return the id of the current boot (a process record from another boot describes nothing alive)."""
    try:
        with open(_BOOT_ID_FILE) as f:
            return f.read().strip()
    except OSError:
        return ""


def read_stat(pid: int) -> ProcStat | None:
    """Return the stat of a process, or None if there is no such process."""
    try:
        with open(f"/proc/{pid}/stat", "rb") as f:
            raw = f.read()
    except (FileNotFoundError, ProcessLookupError):
        return None
    except OSError:
        return None
    # The command name (field 2) is in parentheses and may itself hold spaces and parentheses.
    fields = raw[raw.rindex(b")") + 2 :].split()
    return ProcStat(pid, fields[0].decode(), int(fields[1]), int(fields[2]), int(fields[3]), int(fields[19]))


def is_running(pid: int) -> bool:
    """Whether a process exists and is not a zombie."""
    st = read_stat(pid)
    return st is not None and st.state not in ("Z", "X")


def same_process(pid: int, start_ticks: int) -> bool:
    """Whether `pid` is still the process that started at `start_ticks` (and has not exited)."""
    st = read_stat(pid)
    return st is not None and st.start_ticks == start_ticks and st.state not in ("Z", "X")


def children(pid: int) -> set[int]:
    """Return the pids of a process's children (any of its threads'), none if it is gone."""
    found: set[int] = set()
    try:
        tasks = os.listdir(f"/proc/{pid}/task")
    except OSError:
        return found
    for task in tasks:
        try:
            with open(f"/proc/{pid}/task/{task}/children") as f:
                found.update(int(child) for child in f.read().split())
        except OSError:
            continue
    return found


def all_pids() -> Iterator[int]:
    """Yield the pids of all processes."""
    for name in os.listdir("/proc"):
        if name.isdigit():
            yield int(name)


def has_env(pid: int, entry: bytes) -> bool:
    """Whether the environment a process started with holds `entry` (`NAME=value`)."""
    try:
        with open(f"/proc/{pid}/environ", "rb") as f:
            env = f.read()
    except OSError:
        return False
    return env.startswith(entry + b"\0") or (b"\0" + entry + b"\0") in env


def find_processes(pgids: set[int], env_entry: bytes | None) -> list[int]:
    """Return the live processes in one of `pgids`, or whose environment holds `env_entry`; never this process."""
    me = os.getpid()
    found = []
    for pid in all_pids():
        if pid == me:
            continue
        st = read_stat(pid)
        if st is None or st.state in ("Z", "X"):
            continue
        if st.pgrp in pgids or (env_entry is not None and has_env(pid, env_entry)):
            found.append(pid)
    return found
