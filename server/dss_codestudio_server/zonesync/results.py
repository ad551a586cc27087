"""What zone operations answer: scans, conflict reports, synchronisation results and progress.

All results are frozen dataclasses with sorted path tuples; the server's domain shapes them as the
DSS API answers them (`domain.wire`: `conflicts/{zone}`, `push/{zone}`, `pull/{zone}`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from enum import StrEnum
from threading import Event
from typing import Literal

Side = Literal["dss", "studio"]
Direction = Literal["push", "pull"]


class ConflictPolicy(StrEnum):
    """What a push or a pull does with files changed on both sides since the last synchronisation."""

    REFUSE = "refuse"
    """Copy nothing at all and raise `SyncConflictError` (the default of a pull)."""
    SKIP = "skip"
    """Leave conflicting files as they are on both sides, copy the rest, list them (the default of a push)."""
    FORCE = "force"
    """Copy conflicting files too: the source side wins (DSS for a push, the studio for a pull)."""


class Durability(StrEnum):
    """How hard a synchronisation works to keep its copies across a machine crash, not only a process crash."""

    NONE = "none"
    """Atomic renames only: survives SIGKILL of the process, not a power loss."""
    BATCH = "batch"
    """Atomic renames, then one `syncfs` of the destination before the base is written (the default)."""
    FILE = "file"
    """Each copied file is fsynced before its rename, and its folder after: slowest, strictest."""


@dataclass(frozen=True)
class SkippedFile:
    """A path a synchronisation did not touch, and why (a symlink, a FIFO, a file changed during the copy...)."""

    path: str
    side: Side
    reason: str


@dataclass(frozen=True)
class FileChanges:
    """Relative paths added, modified and deleted."""

    added: tuple[str, ...] = ()
    modified: tuple[str, ...] = ()
    deleted: tuple[str, ...] = ()

    @property
    def count(self) -> int:
        """Number of paths."""
        return len(self.added) + len(self.modified) + len(self.deleted)

    def paths(self) -> tuple[str, ...]:
        """All paths, sorted."""
        return tuple(sorted((*self.added, *self.modified, *self.deleted)))


@dataclass(frozen=True)
class ZoneScan:
    """What changed on each side since the last synchronisation, and which of those changes conflict."""

    dss: FileChanges
    studio: FileChanges
    conflicts: FileChanges
    """Conflicting files, classified by what the studio did to them."""
    unchanged: int
    """Files in agreement on both sides."""
    skipped: tuple[SkippedFile, ...] = ()


@dataclass(frozen=True)
class ConflictReport:
    """The conflicts of a zone, from the studio's point of view, as DSS reports them."""

    commit_from: str
    """Identifies the DSS-side files as of the last synchronisation."""
    commit_to: str
    """Identifies the DSS-side files now."""
    authors: tuple[str, ...]
    """Who changed DSS-side files since the last synchronisation (empty when commit_from == commit_to)."""
    added: tuple[str, ...] = ()
    modified: tuple[str, ...] = ()
    deleted: tuple[str, ...] = ()
    skipped: tuple[SkippedFile, ...] = ()

    @property
    def count(self) -> int:
        """Number of conflicting files."""
        return len(self.added) + len(self.modified) + len(self.deleted)


@dataclass(frozen=True)
class SyncResult:
    """What a push or a pull did: the files copied or deleted on the destination side."""

    direction: Direction
    added: tuple[str, ...] = ()
    """Files created on the destination side."""
    modified: tuple[str, ...] = ()
    """Files whose content was replaced on the destination side."""
    deleted: tuple[str, ...] = ()
    """Files deleted on the destination side."""
    size: int = 0
    """Bytes copied."""
    conflicts: tuple[str, ...] = ()
    """Files changed on both sides and left as they are (under `ConflictPolicy.SKIP`)."""
    skipped: tuple[SkippedFile, ...] = ()
    """Files that could not be synchronised (symlinks, special files, changed during the copy...)."""

    @property
    def count(self) -> int:
        """Number of files copied or deleted."""
        return len(self.added) + len(self.modified) + len(self.deleted)


@dataclass(frozen=True)
class Progress:
    """How far a push or a pull is; reported after each batch of files."""

    files_done: int
    files_total: int
    bytes_done: int
    bytes_total: int


ProgressCallback = Callable[[Progress], None]
"""Receives progress reports, from the thread that runs the operation."""

CancelCheck = Event | Callable[[], bool]
"""Set (or returning True) to stop an operation at the next file."""

AuthorsLookup = Callable[[tuple[str, ...]], Iterable[str]]
"""Given the DSS-side paths changed since the last synchronisation, returns the logins who changed them."""
