"""Projects: the containers of libraries and code studios.

A project row holds its summary (what a listing shows); its settings are stored apart
(`project_settings`) and its permission items are indexed as grants (`project_grants`, see
`permissions.grants`), so that listing projects and checking access read only the summaries of the
projects the caller may read, whatever the others hold.
"""

from __future__ import annotations

import json
import re
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from dss_codestudio_server.domain.clock import now_ms
from dss_codestudio_server.domain.errors import Conflict, Forbidden, InvalidRequest, NotFound
from dss_codestudio_server.domain.info_messages import InfoMessages
from dss_codestudio_server.domain.permissions import Access, Grantee, grants, project_access
from dss_codestudio_server.domain.users import Principal, UserService
from dss_codestudio_server.jsonshape import JsonObject
from dss_codestudio_server.storage import Database, remove_tree, remove_unlisted

PROJECT_KEY = re.compile(r"^[A-Za-z0-9_]{1,100}$")
ROOT_FOLDER = "ROOT"
# The path of the root project folder, as DSS writes project-folder paths ("/", "/Sandbox/Team").
ROOT_FOLDER_PATH = "/"
SUMMARY_COLUMNS = "project_key, name, owner, description, tags_json, created_ms"

# Called with (project key, messages) before a project is deleted; may add messages.
DeletionHook = Callable[[str, InfoMessages], None]


@dataclass(frozen=True)
class Project:
    """A project's metadata."""

    key: str
    name: str
    owner: str
    description: str | None
    tags: tuple[str, ...]
    created_ms: int
    folder: Path = field(compare=False)


class ProjectService:
    """Create, list, read and delete projects, and check callers' access to them."""

    def __init__(self, db: Database, users: UserService, projects_dir: Path) -> None:
        self._db = db
        self._users = users
        self._dir = projects_dir
        self._dir.mkdir(parents=True, exist_ok=True)
        self._deletion_hooks: list[DeletionHook] = []
        self._index_grants()

    def _index_grants(self) -> None:
        """Index the permission items of projects made before grants were (a database of an older version)."""
        rows = self._db.query("SELECT project_key, permissions_json FROM projects WHERE grants_indexed = 0")
        if not rows:
            return
        with self._db.transaction() as conn:
            for row in rows:
                items = json.loads(row["permissions_json"] or "[]")
                self._insert_grants(conn, row["project_key"], items if isinstance(items, list) else [])

    @staticmethod
    def _insert_grants(conn: sqlite3.Connection, key: str, permissions: list[object]) -> None:
        conn.executemany(
            "INSERT OR REPLACE INTO project_grants (project_key, kind, name, access) VALUES (?, ?, ?, ?)",
            [(key, kind, name, int(access)) for (kind, name), access in grants(permissions).items()],
        )
        conn.execute("UPDATE projects SET grants_indexed = 1 WHERE project_key = ?", (key,))

    def replace_permissions(
        self, conn: sqlite3.Connection, key: str, owner: str, permissions: list[dict[str, object]]
    ) -> None:
        """Within a transaction: set the project's owner and permission items, and re-index its grants."""
        conn.execute(
            "UPDATE projects SET owner = ?, permissions_json = ? WHERE project_key = ?",
            (owner, json.dumps(permissions), key),
        )
        conn.execute("DELETE FROM project_grants WHERE project_key = ?", (key,))
        self._insert_grants(conn, key, list(permissions))

    def add_deletion_hook(self, hook: DeletionHook) -> None:
        """Run `hook(project_key, messages)` before each project deletion (e.g. to stop its studios)."""
        self._deletion_hooks.append(hook)

    def folder(self, key: str) -> Path:
        """Return the project's folder in the data directory."""
        return self._dir / key

    def _from_row(self, row: sqlite3.Row) -> Project:
        return Project(
            key=row["project_key"],
            name=row["name"],
            owner=row["owner"],
            description=row["description"],
            tags=tuple(json.loads(row["tags_json"])),
            created_ms=row["created_ms"],
            folder=self.folder(row["project_key"]),
        )

    def _find(self, key: str) -> Project | None:
        row = self._db.query_one(f"SELECT {SUMMARY_COLUMNS} FROM projects WHERE project_key = ?", (key,))
        return self._from_row(row) if row else None

    @staticmethod
    def _grantees(principal: Principal) -> tuple[str, list[str]]:
        """Return SQL matching the grants that name `principal` (by login or group), and its parameters."""
        groups = list(principal.groups)
        marks = ", ".join("?" * len(groups))
        sql = "((kind = 'user' AND name = ?)" + (f" OR (kind = 'group' AND name IN ({marks})))" if groups else ")")
        return sql, [principal.login, *groups]

    def require(self, principal: Principal, key: str, needed: Access = Access.READ) -> Project:
        """Return the project, if `principal` has at least `needed` access on it.

        Callers who may not read the project get Forbidden whether or not it exists (as DSS);
        administrators get NotFound for a missing project.
        """
        project = self._find(key)
        if project is None:
            if principal.is_admin:
                raise NotFound(f"Project does not exist: {key}")
            raise Forbidden(f"Action forbidden, you may not read project {key}")
        access = self.access(principal, project)
        if access < Access.READ:
            raise Forbidden(f"Action forbidden, you may not read project {key}")
        if access < needed:
            raise Forbidden(f"Action forbidden, you need {needed.name} access on project {key}")
        return project

    def access(self, principal: Principal, project: Project) -> Access:
        """Return the access `principal` has on `project`."""
        if principal.is_admin or principal.login == project.owner:
            return Access.ADMIN
        match, params = self._grantees(principal)
        rows = self._db.query(
            f"SELECT kind, name, access FROM project_grants WHERE project_key = ? AND {match}", (project.key, *params)
        )
        granted: dict[Grantee, Access] = {(r["kind"], r["name"]): Access(r["access"]) for r in rows}
        return project_access(principal, project.owner, granted)

    def visible(self, principal: Principal) -> list[Project]:
        """Return the projects `principal` may read, by key; no other project is read."""
        if principal.is_admin:
            rows = self._db.query(f"SELECT {SUMMARY_COLUMNS} FROM projects ORDER BY project_key")
        else:
            match, params = self._grantees(principal)
            rows = self._db.query(
                f"SELECT {SUMMARY_COLUMNS} FROM projects WHERE owner = ? OR project_key IN"
                f" (SELECT project_key FROM project_grants WHERE access >= ? AND {match}) ORDER BY project_key",
                (principal.login, int(Access.READ), *params),
            )
        return [self._from_row(r) for r in rows]

    def require_may_create(self, principal: Principal) -> None:
        """Raise Forbidden unless `principal` may create projects."""
        if not (principal.is_admin or principal.may_create_projects):
            raise Forbidden("Action forbidden, you may not create projects")

    def create(
        self,
        principal: Principal,
        *,
        key: str,
        name: str,
        owner: str,
        description: str | None = None,
        tags: list[str] | None = None,
        permissions: list[JsonObject] | None = None,
        settings: JsonObject | None = None,
        folder_id: str | None = None,
    ) -> Project:
        """Create an empty project (its library folder included)."""
        self.require_may_create(principal)
        if not PROJECT_KEY.fullmatch(key):  # `$` alone would let a final newline through
            raise InvalidRequest(f"Invalid project key {key!r}: use letters, digits and underscores")
        if not name.strip():
            raise InvalidRequest("The project name must not be blank")
        if folder_id not in (None, ROOT_FOLDER):
            raise NotFound(f"Project folder does not exist: {folder_id}")
        if not self._users.exists(owner):
            raise NotFound(f"User does not exist: {owner} (the owner of a project must be a user)")
        if owner != principal.login and not principal.is_admin:
            raise Forbidden("Action forbidden, only administrators may create projects owned by someone else")
        try:
            with self._db.transaction() as conn:
                conn.execute(
                    "INSERT INTO projects (project_key, name, owner, description, tags_json, permissions_json,"
                    " created_ms) VALUES (?, ?, ?, ?, ?, ?, ?)",
                    (key, name, owner, description, json.dumps(tags or []), json.dumps(permissions or []), now_ms()),
                )
                if settings is not None:
                    conn.execute(
                        "INSERT INTO project_settings (project_key, settings_json) VALUES (?, ?)",
                        (key, json.dumps(settings)),
                    )
                self._insert_grants(conn, key, list(permissions or []))
                # A folder left by a deletion interrupted by a crash is not this project's: clear it,
                # once the key is known to be free (never the folder of the project that has it).
                remove_tree(self.folder(key))
                # Made before the commit: if it cannot be (a full disk), the project is not created.
                self.folder(key).mkdir(parents=True, exist_ok=True)
        except sqlite3.IntegrityError as exc:
            raise Conflict(f"Project already exists: {key}") from exc
        project = self._find(key)
        assert project is not None
        return project

    def delete(self, principal: Principal, key: str) -> InfoMessages:
        """Delete a project with its library and code studios (project administrators only)."""
        project = self.require(principal, key, Access.ADMIN)
        messages = InfoMessages()
        for hook in self._deletion_hooks:
            hook(project.key, messages)
        with self._db.transaction() as conn:
            conn.execute("DELETE FROM projects WHERE project_key = ?", (key,))
        remove_tree(project.folder)
        messages.add("SUCCESS", f"Project {key} deleted", code="PROJECT_DELETED")
        return messages

    def remove_orphan_folders(self) -> list[str]:
        """Delete project folders whose project is gone (a deletion interrupted by a crash)."""
        return remove_unlisted(
            self._dir, {r["project_key"] for r in self._db.query("SELECT project_key FROM projects")}
        )
