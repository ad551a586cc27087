"""Who changed the DSS side of code studio zones: a change log per folder, as the library keeps its own.

The project library records every change itself (libraries). The other DSS-side folders of zones
(project resources and recipes, a studio's own zones, a user's zones) change through studio pulls
and starter files: each change is recorded here with its author and content hash, so a conflict
report names who changed the DSS side since the last synchronisation.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence

from dss_codestudio_server.domain.clock import now_ms
from dss_codestudio_server.storage import Database

Change = tuple[str, str | None, str]
"""A recorded change: action (`write` or `delete`), content hash, author."""


def recorded_changes(db: Database, sql: str, params: tuple[object, ...]) -> list[Change]:
    """Run a query selecting `action, content_hash, author` (newest first) and return the changes."""
    return [(r["action"], r["content_hash"], r["author"]) for r in db.query(sql, params)]


def authors_back_to(changes: Iterable[Change], digest: str | None) -> set[str]:
    """Return who made `changes` (action, content hash, author; newest first) since a file was in a state.

    The walk stops at the change that left the file in that state (content `digest`, or deleted when
    None): everyone before it changed the file since.
    """
    authors: set[str] = set()
    for action, content_hash, author in changes:
        if (action == "delete") if digest is None else (content_hash == digest):
            break
        authors.add(author)
    return authors


def authors_since(changes_of: Callable[[str], Iterable[Change]], synced: Mapping[str, str | None]) -> list[str]:
    """Who changed these files since they were in the given state (content hash, None: absent).

    `changes_of(path)` gives a file's recorded changes, newest first.
    """
    authors: set[str] = set()
    for path, digest in synced.items():
        authors |= authors_back_to(changes_of(path), digest)
    return sorted(authors)


class ZoneChangeLog:
    """The change log of the DSS-side folders of zones other than the project library."""

    def __init__(self, db: Database) -> None:
        self._db = db

    def record(self, folder: str, written: Mapping[str, str], deleted: Sequence[str], author: str) -> None:
        """Record files written (path -> content hash) and deleted in a folder, by `author`, in one transaction."""
        if not written and not deleted:
            return
        when = now_ms()
        rows: list[tuple[str, str, str, str | None, str, int]] = [
            (folder, p, "write", h, author, when) for p, h in written.items()
        ]
        rows += [(folder, p, "delete", None, author, when) for p in deleted]
        with self._db.transaction() as conn:
            conn.executemany(
                "INSERT INTO zone_changes (folder, path, action, content_hash, author, changed_ms)"
                " VALUES (?, ?, ?, ?, ?, ?)",
                rows,
            )

    def authors_since(self, folder: str, synced: Mapping[str, str | None]) -> list[str]:
        """Who changed these files of a folder since they were in the given state (content hash, None: absent)."""
        sql = "SELECT action, content_hash, author FROM zone_changes WHERE folder = ? AND path = ? ORDER BY seq DESC"
        return authors_since(lambda path: recorded_changes(self._db, sql, (folder, path)), synced)

    def forget(self, prefix: str) -> None:
        """Forget the records of the folders below `prefix` (a deleted studio's or project's)."""
        with self._db.transaction() as conn:
            conn.execute("DELETE FROM zone_changes WHERE substr(folder, 1, ?) = ?", (len(prefix), prefix))
