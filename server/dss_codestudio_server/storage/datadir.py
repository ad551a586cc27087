"""What makes a folder a data directory of this server, and the lock that gives it one server.

A data directory is recognised by its marker file (`MARKER`), written when it is initialised, or,
for one made by an earlier version of the server (which wrote no marker), by its SQLite database,
which then gets its marker. `prepare` initialises a missing or empty folder and refuses any other
folder (`NotADataDirectory`) without changing anything in it: a server started on the wrong folder
must not take its content for the leftovers of a crash, nor change its permissions.

`ServingLock` is an exclusive `flock` on `LOCK_FILE`, held by the one process that serves a data
directory, from before it repairs what a crash left (its recovery kills the studio processes of
the previous run) until it stops: a second server on the same data directory gets
`DataDirectoryInUse` and touches nothing. The kernel releases the lock when the process dies, so a
crash never leaves a stale lock behind. The command-line tools that only add users or keys do not
take it: SQLite keeps their writes safe next to a running server.
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
import stat
from pathlib import Path

from dss_codestudio_server import __version__
from dss_codestudio_server.storage.files import atomic_write_bytes

MARKER = "dss-codestudio-data-directory.json"
LOCK_FILE = "server.lock"
DATABASE = "server.db"
MARKER_KIND = "dss-codestudio reference server data directory"
_SQLITE_HEADER = b"SQLite format 3\x00"


class NotADataDirectory(Exception):
    """The folder holds something else than a data directory of this server: it was left as it was."""


class DataDirectoryInUse(Exception):
    """Another process serves this data directory."""


def _is_database(path: Path) -> bool:
    try:
        with path.open("rb") as f:
            return f.read(len(_SQLITE_HEADER)) == _SQLITE_HEADER
    except OSError:
        return False


def is_data_directory(path: Path) -> bool:
    """Whether `path` is a data directory of this server (its marker, or the database of an earlier version)."""
    return (path / MARKER).is_file() or _is_database(path / DATABASE)


def prepare(path: Path) -> None:
    """Make sure `path` is a data directory, private to its owner: initialise it if it is missing or empty.

    Raises NotADataDirectory, having changed nothing, for a folder that holds anything else (or a
    path that is not a folder).
    """
    try:
        entries = [entry for entry in os.listdir(path) if entry != LOCK_FILE]
    except FileNotFoundError:
        entries = []
    except NotADirectoryError as exc:
        raise NotADataDirectory(f"{path} is not a folder") from exc
    if entries and not is_data_directory(path):
        raise NotADataDirectory(
            f"{path} is not empty and is not a data directory of dss-codestudio-server (no {MARKER}):"
            " give an empty or new folder, or the data directory of a server"
        )
    path.mkdir(parents=True, exist_ok=True)
    if stat.S_IMODE(os.stat(path).st_mode) != 0o700:
        os.chmod(path, 0o700)
    if not (path / MARKER).is_file():
        marker = {"kind": MARKER_KIND, "createdBy": f"dss-codestudio-server {__version__}"}
        atomic_write_bytes(path / MARKER, (json.dumps(marker, indent=2) + "\n").encode())


class ServingLock:
    """The exclusive lock of a data directory, held while a server serves it; `release()` when done."""

    def __init__(self, fd: int, path: Path) -> None:
        self._fd: int | None = fd
        self.path = path

    @classmethod
    def acquire(cls, data_dir: Path) -> ServingLock:
        """Take the lock of `data_dir` (a prepared data directory), or raise DataDirectoryInUse at once."""
        path = data_dir / LOCK_FILE
        fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o600)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError as exc:
            holder = os.read(fd, 64).decode("ascii", "replace").strip()
            os.close(fd)
            by = f" by process {holder}" if holder.isdigit() else ""
            raise DataDirectoryInUse(f"{data_dir} is in use{by}: another server serves this data directory") from exc
        except BaseException:
            os.close(fd)
            raise
        # Who holds it, for the message of the next server that tries (informative only: the lock is the flock).
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"{os.getpid()}\n".encode(), 0)
        return cls(fd, path)

    def release(self) -> None:
        """Release the lock (closing its file releases the flock); a second call does nothing."""
        fd, self._fd = self._fd, None
        if fd is not None:
            with contextlib.suppress(OSError):
                os.ftruncate(fd, 0)
            os.close(fd)
