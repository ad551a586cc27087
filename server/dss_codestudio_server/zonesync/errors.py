"""The errors a zone synchronisation raises.

Every error derives from `ZoneSyncError`, so a caller can map the whole family to one DSS error
answer. A refused pull carries the conflict report, a cancelled operation the partial result.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .results import ConflictReport, SyncResult


class ZoneSyncError(Exception):
    """Base class of the zone synchronisation errors."""


class ZoneRootError(ZoneSyncError):
    """A zone root cannot be used: missing while the zone has synchronised files, a symlink, or not a folder."""


class UnsafePathError(ZoneSyncError, ValueError):
    """A relative path that would leave its folder: absolute, with `..`, empty components or a NUL byte."""


class SyncConflictError(ZoneSyncError):
    """A synchronisation was refused because files changed on both sides; nothing was copied."""

    def __init__(self, report: ConflictReport) -> None:
        self.report = report
        paths = [*report.added, *report.modified, *report.deleted]
        shown = ", ".join(paths[:20]) + (f" and {len(paths) - 20} more" if len(paths) > 20 else "")
        super().__init__(f"{len(paths)} file(s) changed on both sides since the last synchronisation: {shown}")


class SyncCancelledError(ZoneSyncError):
    """The operation was cancelled; `partial` is what was done (and recorded in the base) before it stopped."""

    def __init__(self, partial: SyncResult) -> None:
        self.partial = partial
        super().__init__(f"synchronisation cancelled after {partial.count} file(s)")
