"""Tell a storage failure of the machine (a full disk, a read-only data directory) from a bug.

Writes fail with OSError (ENOSPC, EDQUOT; EROFS, EACCES, EPERM) or, inside SQLite, with
`sqlite3.OperationalError` (SQLITE_FULL; SQLITE_READONLY, SQLITE_CANTOPEN, SQLITE_IOERR). These
are conditions of the machine an operator must fix, not bugs: callers report them as such.
"""

from __future__ import annotations

import enum
import errno
import sqlite3


class StorageProblem(enum.Enum):
    """Why the data directory could not be written."""

    FULL = "full"
    """No space (or quota) left."""
    UNWRITABLE = "unwritable"
    """Read-only, or not writable by the server's user."""

    def describe(self, exc: BaseException) -> str:
        """Return a message for the caller naming the problem and the system's own words for it."""
        cause = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
        if self is StorageProblem.FULL:
            return f"The server's disk is full: no space left to write its data ({cause})"
        return f"The server's data directory cannot be written ({cause})"


_FULL_ERRNOS = {errno.ENOSPC, errno.EDQUOT}
_UNWRITABLE_ERRNOS = {errno.EROFS, errno.EACCES, errno.EPERM}
_FULL_SQLITE = {sqlite3.SQLITE_FULL}
_UNWRITABLE_SQLITE = {sqlite3.SQLITE_READONLY, sqlite3.SQLITE_CANTOPEN, sqlite3.SQLITE_IOERR, sqlite3.SQLITE_PERM}


def storage_problem(exc: BaseException) -> StorageProblem | None:
    """Return the storage problem `exc` reports (itself or its cause), or None for any other failure."""
    seen: BaseException | None = exc
    while seen is not None:
        if isinstance(seen, OSError) and seen.errno in _FULL_ERRNOS:
            return StorageProblem.FULL
        if isinstance(seen, OSError) and seen.errno in _UNWRITABLE_ERRNOS:
            return StorageProblem.UNWRITABLE
        if isinstance(seen, sqlite3.Error):
            code = getattr(seen, "sqlite_errorcode", None)
            primary = code & 0xFF if isinstance(code, int) else None
            if primary in _FULL_SQLITE:
                return StorageProblem.FULL
            if primary in _UNWRITABLE_SQLITE:
                return StorageProblem.UNWRITABLE
        seen = seen.__cause__ or seen.__context__
    return None
