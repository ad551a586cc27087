"""File zones synchronised between a DSS side and a studio side, with three-way conflict detection.

A `Zone` pairs a DSS-side folder with a studio-side folder and persists, in a state folder, the base:
what both sides held after the last synchronisation. Against it, `Zone.scan` tells what changed on
each side, `Zone.conflicts` reports the files changed on both sides (DSS's `conflicts/{zone}`),
`Zone.push` copies DSS -> studio and `Zone.pull` studio -> DSS, never silently overwriting a change
made on the other side. Copies are atomic (temporary file + rename) and the base is written after
the files, so a crash at any point loses nothing. This package is a library below the server's
domain layer: it knows nothing of HTTP, storage or studios, and uses only the standard library.
"""

from .errors import SyncCancelledError, SyncConflictError, UnsafePathError, ZoneRootError, ZoneSyncError
from .excludes import ExcludeRules
from .paths import Owner, check_relpath, safe_subdir
from .results import (
    AuthorsLookup,
    CancelCheck,
    ConflictPolicy,
    ConflictReport,
    Durability,
    FileChanges,
    Progress,
    ProgressCallback,
    SkippedFile,
    SyncResult,
    ZoneScan,
)
from .zone import Zone

__all__ = [
    "AuthorsLookup",
    "CancelCheck",
    "ConflictPolicy",
    "ConflictReport",
    "Durability",
    "ExcludeRules",
    "FileChanges",
    "Owner",
    "Progress",
    "ProgressCallback",
    "SkippedFile",
    "SyncCancelledError",
    "SyncConflictError",
    "SyncResult",
    "UnsafePathError",
    "Zone",
    "ZoneRootError",
    "ZoneScan",
    "ZoneSyncError",
    "check_relpath",
    "safe_subdir",
]
