"""Which processes this one has left running: how the quickstart proves it leaves nothing behind."""

from __future__ import annotations

import os
import socket
from dataclasses import dataclass
from pathlib import Path

PROC = Path("/proc")


@dataclass(frozen=True)
class ChildProcess:
    """A live process descending from this one."""

    pid: int
    command: str


def _stat(pid: str) -> tuple[int, str] | None:
    """Return (parent pid, state letter) of a process, from /proc/<pid>/stat."""
    try:
        text = (PROC / pid / "stat").read_text()
    except OSError:
        return None
    # The command name is in parentheses and may hold spaces or parentheses: split after the last ')'.
    fields = text[text.rfind(")") + 2 :].split()
    return int(fields[1]), fields[0]


def _command_line(pid: int) -> str:
    try:
        raw = (PROC / str(pid) / "cmdline").read_bytes()
    except OSError:
        return "?"
    return " ".join(part.decode(errors="replace") for part in raw.split(b"\0") if part) or "?"


def can_list_processes() -> bool:
    """Whether this system shows its processes in /proc (Linux)."""
    return (PROC / str(os.getpid()) / "stat").exists()


def live_descendants(root: int | None = None) -> list[ChildProcess]:
    """Return the live (not zombie) descendants of `root` (this process by default), using /proc."""
    root = os.getpid() if root is None else root
    parents: dict[int, list[int]] = {}
    zombies: set[int] = set()
    for entry in PROC.iterdir():
        if not entry.name.isdigit():
            continue
        stat = _stat(entry.name)
        if stat is None:
            continue
        ppid, state = stat
        parents.setdefault(ppid, []).append(int(entry.name))
        if state == "Z":
            zombies.add(int(entry.name))
    found, pending = [], list(parents.get(root, []))
    while pending:
        pid = pending.pop()
        pending.extend(parents.get(pid, []))
        if pid not in zombies:
            found.append(ChildProcess(pid, _command_line(pid)))
    return sorted(found, key=lambda p: p.pid)


def port_answers(host: str, port: int, timeout: float = 1.0) -> bool:
    """Whether something accepts TCP connections on host:port."""
    try:
        with socket.create_connection((host, port), timeout=timeout):
            return True
    except OSError:
        return False
