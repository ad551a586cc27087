"""Project libraries: real files under the project's folder, and a record of every change.

Every write, deletion, rename and move is recorded in `library_changes` with its author, time
and content hash, and `library_files` holds the current state of each file. A code studio's
conflict check asks "which files of the DSS side changed since sequence N, and by whom"
(`changes_since`), and compares content hashes (`files`).

Files are written atomically and the database row follows the file; a crash between the two is
repaired at the next start by `reconcile`, which records what it finds on disk. The library is also
a code studio zone (`project_lib_versioned`): a pull from a studio writes its files while holding
the library's lock (`locked`) and records them as changes by the studio's owner (`record_external`).
"""

from __future__ import annotations

import hashlib
import os
import stat
import threading
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from dss_codestudio_server.domain.clock import now_ms
from dss_codestudio_server.domain.errors import Conflict, InvalidRequest, NotFound
from dss_codestudio_server.domain.permissions import Access
from dss_codestudio_server.domain.projects import ProjectService
from dss_codestudio_server.domain.users import Principal
from dss_codestudio_server.domain.zone_changes import authors_since, recorded_changes
from dss_codestudio_server.storage import (
    TEMP_PREFIX,
    Database,
    PathRefused,
    atomic_write_bytes,
    confined_path,
    fsync_dir,
    remove_tree,
)
from dss_codestudio_server.storage.files import split_relative
from dss_codestudio_server.zonesync.tempfiles import TEMP_PREFIX as SYNC_TEMP_PREFIX

RECOVERED_AUTHOR = "(recovered at server start)"
LIBRARY_FOLDER = "library"
# Names the server and the zone synchronisation give their temporary files: hidden from listings and
# synchronisations, and removed when stale, so a library file may not be given one.
RESERVED_PREFIXES = (TEMP_PREFIX, SYNC_TEMP_PREFIX)


@dataclass(frozen=True)
class LibraryEntry:
    """A file (`children` None) or a folder of a library, as a listing shows it."""

    name: str
    children: tuple[LibraryEntry, ...] | None = None


@dataclass(frozen=True)
class LibraryFile:
    """The current state of one library file."""

    path: str
    content_hash: str
    size: int
    author: str
    changed_ms: int
    change_seq: int


@dataclass(frozen=True)
class LibraryChange:
    """One recorded change: a write (with the new content's hash) or a deletion."""

    seq: int
    path: str
    action: str
    content_hash: str | None
    size: int | None
    author: str
    changed_ms: int


def content_hash(data: bytes) -> str:
    """Return the hash the library records for a content (SHA-256, hex)."""
    return hashlib.sha256(data).hexdigest()


def _hash_file(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def _walk_files(root: Path, prefix: str = "") -> Iterator[tuple[str, os.stat_result]]:
    """(relative path, lstat) of every regular file below root; links and temp files are skipped."""
    try:
        entries = sorted(os.scandir(root), key=lambda e: e.name)
    except FileNotFoundError:
        return
    for entry in entries:
        if entry.name.startswith(RESERVED_PREFIXES):
            continue
        st = entry.stat(follow_symlinks=False)
        rel = f"{prefix}{entry.name}"
        if stat.S_ISDIR(st.st_mode):
            yield from _walk_files(Path(entry.path), rel + "/")
        elif stat.S_ISREG(st.st_mode):
            yield rel, st


class LibraryService:
    """The project library calls of the API, and the change record the code studio sync reads."""

    def __init__(self, db: Database, projects: ProjectService) -> None:
        self._db = db
        self._projects = projects
        self._locks: dict[str, threading.Lock] = {}
        self._locks_guard = threading.Lock()

    # -- paths and locking ------------------------------------------------------------------

    def root(self, project_key: str) -> Path:
        """Return the library root folder of a project."""
        return self._projects.folder(project_key) / LIBRARY_FOLDER

    def _lock(self, project_key: str) -> threading.Lock:
        with self._locks_guard:
            return self._locks.setdefault(project_key, threading.Lock())

    def _resolve(self, project_key: str, raw: str, *, allow_root: bool = False) -> tuple[str, Path]:
        try:
            segments = split_relative(raw)
            if not segments and not allow_root:
                raise PathRefused("the path names the library root")
            reserved = next((s for s in segments if s.startswith(RESERVED_PREFIXES)), None)
            if reserved is not None:
                raise PathRefused(
                    f"names starting with {' or '.join(RESERVED_PREFIXES)} are reserved for temporary files"
                    f" ({reserved!r})"
                )
            root = self.root(project_key)
            root.mkdir(parents=True, exist_ok=True)
            return "/".join(segments), confined_path(root, raw)
        except PathRefused as exc:
            raise InvalidRequest(f"Invalid library path: {exc}") from exc

    # -- reads ------------------------------------------------------------------------------

    def tree(self, principal: Principal, project_key: str) -> list[LibraryEntry]:
        """Return the children of the library root, by name, folders with their own."""
        self._projects.require(principal, project_key, Access.READ)
        return self._tree(self.root(project_key))

    def _tree(self, folder: Path) -> list[LibraryEntry]:
        out: list[LibraryEntry] = []
        try:
            entries = sorted(os.scandir(folder), key=lambda e: e.name)
        except FileNotFoundError:
            return out
        for entry in entries:
            if entry.name.startswith(RESERVED_PREFIXES) or entry.is_symlink():
                continue
            if entry.is_dir(follow_symlinks=False):
                out.append(LibraryEntry(entry.name, tuple(self._tree(Path(entry.path)))))
            elif entry.is_file(follow_symlinks=False):
                out.append(LibraryEntry(entry.name))
        return out

    def read(self, principal: Principal, project_key: str, raw_path: str) -> tuple[str, bytes]:
        """(normalised path, content) of a library file."""
        self._projects.require(principal, project_key, Access.READ)
        rel, path = self._resolve(project_key, raw_path)
        try:
            st = os.lstat(path)
        except (FileNotFoundError, NotADirectoryError) as exc:  # not there, or below a file
            raise NotFound(f"Library file does not exist: {rel}") from exc
        if not stat.S_ISREG(st.st_mode):
            raise InvalidRequest(f"Not a file: {rel}")
        return rel, path.read_bytes()

    def files(self, project_key: str) -> dict[str, LibraryFile]:
        """Return the current state of every file of a project library, by path."""
        rows = self._db.query("SELECT * FROM library_files WHERE project_key = ? ORDER BY path", (project_key,))
        return {
            r["path"]: LibraryFile(
                r["path"], r["content_hash"], r["size"], r["author"], r["changed_ms"], r["change_seq"]
            )
            for r in rows
        }

    def head(self, project_key: str) -> int:
        """Return the sequence number of the project's last library change (0 when there is none)."""
        row = self._db.query_one("SELECT MAX(seq) AS seq FROM library_changes WHERE project_key = ?", (project_key,))
        return int(row["seq"] or 0) if row else 0

    def changes_since(self, project_key: str, seq: int) -> list[LibraryChange]:
        """Every change of the project's library with a sequence number above `seq`, in order."""
        rows = self._db.query(
            "SELECT * FROM library_changes WHERE project_key = ? AND seq > ? ORDER BY seq", (project_key, seq)
        )
        return [
            LibraryChange(r["seq"], r["path"], r["action"], r["content_hash"], r["size"], r["author"], r["changed_ms"])
            for r in rows
        ]

    def authors_since(self, project_key: str, synced: Mapping[str, str | None]) -> list[str]:
        """Who changed these files since they were in the given state (content hash, None: absent).

        For each path the change record is read from the newest change back to the one that left
        the file in its given state; everyone on the way is an author.
        """
        sql = (
            "SELECT action, content_hash, author FROM library_changes WHERE project_key = ? AND path = ?"
            " ORDER BY seq DESC"
        )
        return authors_since(lambda path: recorded_changes(self._db, sql, (project_key, path)), synced)

    # -- writes by API callers ----------------------------------------------------------------

    def write(self, principal: Principal, project_key: str, raw_path: str, data: bytes) -> str:
        """Create or replace a file (parents created as needed); returns its normalised path."""
        self._projects.require(principal, project_key, Access.WRITE)
        return self.write_file(project_key, raw_path, data, principal.login)

    def mkdir(self, principal: Principal, project_key: str, raw_path: str) -> None:
        """Create a folder and its parents; an existing folder is fine, an existing file is a conflict."""
        self._projects.require(principal, project_key, Access.WRITE)
        rel, path = self._resolve(project_key, raw_path)
        with self._lock(project_key):
            self._make_parents(project_key, rel)
            if os.path.lexists(path) and not path.is_dir():
                raise Conflict(f"A file exists at {rel}")
            path.mkdir(exist_ok=True)
            fsync_dir(path.parent)

    def delete(self, principal: Principal, project_key: str, raw_path: str) -> None:
        """Delete a file, or a folder with everything in it."""
        self._projects.require(principal, project_key, Access.WRITE)
        self.delete_path(project_key, raw_path, principal.login)

    def rename(self, principal: Principal, project_key: str, old_path: str, new_name: str) -> str:
        """Rename an item within its folder; returns its new path."""
        self._projects.require(principal, project_key, Access.WRITE)
        if "/" in new_name:
            raise InvalidRequest(f"Invalid new name {new_name!r}: it must be a single path segment")
        old_rel, _ = self._resolve(project_key, old_path)
        parent = old_rel.rpartition("/")[0]
        return self._move(project_key, old_rel, f"{parent}/{new_name}" if parent else new_name, principal.login)

    def move(self, principal: Principal, project_key: str, old_path: str, new_folder: str) -> str:
        """Move an item into a folder (`/` is the root), keeping its name; returns its new path."""
        self._projects.require(principal, project_key, Access.WRITE)
        old_rel, _ = self._resolve(project_key, old_path)
        folder_rel, folder = self._resolve(project_key, new_folder, allow_root=True)
        if not folder.is_dir():
            raise NotFound(f"Library folder does not exist: {folder_rel or '/'}")
        if folder_rel == old_rel or folder_rel.startswith(old_rel + "/"):
            raise InvalidRequest(f"Cannot move {old_rel} into itself")
        name = old_rel.rpartition("/")[2]
        return self._move(project_key, old_rel, f"{folder_rel}/{name}" if folder_rel else name, principal.login)

    # -- writes by trusted callers (the API calls above, and the code studio sync) -------------

    def write_file(self, project_key: str, raw_path: str, data: bytes, author: str) -> str:
        """Write a file as `author` and record the change; returns the normalised path."""
        rel, path = self._resolve(project_key, raw_path)
        with self._lock(project_key):
            self._make_parents(project_key, rel)
            if path.is_dir():
                raise Conflict(f"A folder exists at {rel}")
            atomic_write_bytes(path, data)
            self._record(project_key, [(rel, path)], [], author)
        return rel

    def delete_path(self, project_key: str, raw_path: str, author: str) -> list[str]:
        """Delete a file or folder as `author`, recording each deleted file; returns their paths."""
        rel, path = self._resolve(project_key, raw_path)
        with self._lock(project_key):
            if not os.path.lexists(path):
                raise NotFound(f"Library item does not exist: {rel}")
            removed = self._files_under(project_key, rel, path)
            remove_tree(path)
            fsync_dir(path.parent)
            self._record(project_key, [], removed, author)
        return removed

    @contextmanager
    def locked(self, project_key: str) -> Iterator[None]:
        """Hold the library's lock: no API write interleaves with what the block writes (a studio pull)."""
        with self._lock(project_key):
            yield

    def record_external(self, project_key: str, written: Sequence[str], deleted: Sequence[str], author: str) -> None:
        """Record files written or deleted in the library folder by someone else (hold `locked` around both)."""
        root = self.root(project_key)
        present = [(rel, root / rel) for rel in written if os.path.lexists(root / rel)]
        if present or deleted:
            self._record(project_key, present, list(deleted), author)

    def _move(self, project_key: str, old_rel: str, new_raw: str, author: str) -> str:
        new_rel, new_path = self._resolve(project_key, new_raw)
        _, old_path = self._resolve(project_key, old_rel)
        with self._lock(project_key):
            if not os.path.lexists(old_path):
                raise NotFound(f"Library item does not exist: {old_rel}")
            if os.path.lexists(new_path):
                raise Conflict(f"An item already exists at {new_rel}")
            before = self._files_under(project_key, old_rel, old_path)
            self._make_parents(project_key, new_rel)
            os.rename(old_path, new_path)
            fsync_dir(old_path.parent)
            fsync_dir(new_path.parent)
            written = []
            for moved in before:
                suffix = moved[len(old_rel) :]  # "" for a file, "/sub/file" below a folder
                written.append((new_rel + suffix, new_path / suffix.lstrip("/") if suffix else new_path))
            self._record(project_key, written, before, author)
        return new_rel

    def _make_parents(self, project_key: str, rel: str) -> None:
        parent = rel.rpartition("/")[0]
        if not parent:
            return
        _, folder = self._resolve(project_key, parent)
        current = self.root(project_key)
        for segment in parent.split("/"):
            current = current / segment
            if os.path.lexists(current) and not current.is_dir():
                raise Conflict(f"A file exists at {current.relative_to(self.root(project_key))}")
        folder.mkdir(parents=True, exist_ok=True)

    def _files_under(self, project_key: str, rel: str, path: Path) -> list[str]:
        if path.is_dir() and not path.is_symlink():
            return [f"{rel}/{sub}" for sub, _ in _walk_files(path)]
        return [rel]

    def _record(self, project_key: str, written: list[tuple[str, Path]], deleted: list[str], author: str) -> None:
        """Record writes (of files now on disk) and deletions, in one transaction."""
        when = now_ms()
        states = []
        for rel, path in written:
            st = os.lstat(path)
            states.append((rel, _hash_file(path), st.st_size, st.st_mtime_ns))
        with self._db.transaction() as conn:
            for rel in deleted:
                conn.execute(
                    "INSERT INTO library_changes (project_key, path, action, author, changed_ms)"
                    " VALUES (?, ?, 'delete', ?, ?)",
                    (project_key, rel, author, when),
                )
                conn.execute("DELETE FROM library_files WHERE project_key = ? AND path = ?", (project_key, rel))
            for rel, digest, size, mtime_ns in states:
                cursor = conn.execute(
                    "INSERT INTO library_changes (project_key, path, action, content_hash, size, author, changed_ms)"
                    " VALUES (?, ?, 'write', ?, ?, ?, ?)",
                    (project_key, rel, digest, size, author, when),
                )
                conn.execute(
                    "INSERT OR REPLACE INTO library_files"
                    " (project_key, path, content_hash, size, mtime_ns, author, changed_ms, change_seq)"
                    " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                    (project_key, rel, digest, size, mtime_ns, author, when, cursor.lastrowid),
                )

    # -- crash recovery -------------------------------------------------------------------------

    def reconcile(self, project_key: str) -> int:
        """Bring the record in step with the files on disk; returns the number of changes recorded."""
        root = self.root(project_key)
        with self._lock(project_key):
            known = self.files(project_key)
            rows = {
                r["path"]: (r["size"], r["mtime_ns"])
                for r in self._db.query(
                    "SELECT path, size, mtime_ns FROM library_files WHERE project_key = ?", (project_key,)
                )
            }
            written: list[tuple[str, Path]] = []
            seen = set()
            for rel, st in _walk_files(root):
                seen.add(rel)
                if rows.get(rel) == (st.st_size, st.st_mtime_ns):
                    continue
                path = root / rel
                if rel in known and known[rel].content_hash == _hash_file(path):
                    with self._db.transaction() as conn:
                        conn.execute(
                            "UPDATE library_files SET mtime_ns = ? WHERE project_key = ? AND path = ?",
                            (st.st_mtime_ns, project_key, rel),
                        )
                    continue
                written.append((rel, path))
            deleted = [rel for rel in known if rel not in seen]
            if written or deleted:
                self._record(project_key, written, deleted, RECOVERED_AUTHOR)
        return len(written) + len(deleted)
