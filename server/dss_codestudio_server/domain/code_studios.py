"""Code studio objects of a project: create, list, read, delete, change owner.

This module holds the studio rows (table `code_studios`); running studios, their lifecycle and
the synchronisation of their zones are not implemented yet, and their calls answer a clear error
(NotImplementedYet) rather than pretending. Template deletion with `deleteRuntime` and project
deletion delete the rows made from them.
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass

from dss_codestudio_server.domain.clock import now_ms, random_id
from dss_codestudio_server.domain.errors import Forbidden, InvalidRequest, NotFound, NotImplementedYet
from dss_codestudio_server.domain.info_messages import InfoMessages
from dss_codestudio_server.domain.permissions import Access
from dss_codestudio_server.domain.projects import ProjectService
from dss_codestudio_server.domain.templates import TemplateService, version_tag
from dss_codestudio_server.domain.users import Principal, UserService
from dss_codestudio_server.storage import Database

JsonObject = dict[str, object]
STUDIO_ID_LENGTH = 7
MAX_NAME_LENGTH = 1000


@dataclass(frozen=True)
class CodeStudio:
    """A code studio row."""

    project_key: str
    id: str
    name: str
    template_id: str
    lib_name: str
    owner: str
    extra: JsonObject

    def to_settings_json(self) -> JsonObject:
        """Return the studio's settings, as DSS answers them."""
        return {
            "projectKey": self.project_key,
            "id": self.id,
            "name": self.name,
            "templateId": self.template_id,
            "libName": self.lib_name,
            "owner": self.owner,
            **self.extra,
        }


class CodeStudioService:
    """Code studio objects; implements the template-deletion and project-deletion hooks."""

    def __init__(self, db: Database, projects: ProjectService, templates: TemplateService, users: UserService) -> None:
        self._db = db
        self._projects = projects
        self._templates = templates
        self._users = users
        templates.set_runtimes(self)
        projects.add_deletion_hook(self._before_project_deletion)

    @staticmethod
    def _from_row(row: sqlite3.Row) -> CodeStudio:
        return CodeStudio(
            row["project_key"],
            row["id"],
            row["name"],
            row["template_id"],
            row["lib_name"],
            row["owner"],
            json.loads(row["settings_json"]),
        )

    def _find(self, project_key: str, studio_id: str) -> CodeStudio:
        row = self._db.query_one(
            "SELECT * FROM code_studios WHERE project_key = ? AND id = ?", (project_key, studio_id)
        )
        if row is None:
            raise NotFound(f"Code studio does not exist: {studio_id}")
        return self._from_row(row)

    def get(self, principal: Principal, project_key: str, studio_id: str) -> CodeStudio:
        """Return a studio of a project the caller may read."""
        self._projects.require(principal, project_key, Access.READ)
        return self._find(project_key, studio_id)

    def list_items(self, principal: Principal, project_key: str) -> list[JsonObject]:
        """Return the slim list items of a project's studios, with their template's label and description."""
        self._projects.require(principal, project_key, Access.READ)
        rows = self._db.query(
            "SELECT * FROM code_studios WHERE project_key = ? ORDER BY created_ms, id", (project_key,)
        )
        items: list[JsonObject] = []
        for studio in map(self._from_row, rows):
            template = self._templates.find(studio.template_id)
            desc: JsonObject = {"label": studio.template_id}
            if template is not None:
                desc["label"] = str(template.settings.get("label") or studio.template_id)
                if isinstance(template.settings.get("shortDesc"), str):
                    desc["shortDesc"] = template.settings["shortDesc"]
            items.append(
                {
                    "id": studio.id,
                    "name": studio.name,
                    "owner": studio.owner,
                    "templateId": studio.template_id,
                    "projectKey": studio.project_key,
                    "desc": desc,
                }
            )
        return items

    def create(self, principal: Principal, project_key: str, name: str, template_id: str) -> CodeStudio:
        """Create a STOPPED studio owned by the caller, with a random 7-character base62 id."""
        self._projects.require(principal, project_key, Access.WRITE)
        if not name.strip() or len(name) > MAX_NAME_LENGTH:
            raise InvalidRequest("The code studio name must not be blank")
        template = self._templates.get(template_id)
        if not self._templates.may_use(principal, template):
            raise Forbidden(f"Action forbidden, you may not use code studio template {template_id}")
        tag = version_tag(principal.login)
        extra: JsonObject = {
            "versionTag": tag,
            "creationTag": dict(tag),
            "checklists": {"checklists": []},
            "tags": [],
            "customFields": {},
        }
        for _ in range(20):
            studio_id = random_id(STUDIO_ID_LENGTH)
            try:
                with self._db.transaction() as conn:
                    conn.execute(
                        "INSERT INTO code_studios (project_key, id, name, template_id, lib_name, owner, settings_json,"
                        " created_ms) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                        (
                            project_key,
                            studio_id,
                            name,
                            template_id,
                            studio_id,
                            principal.login,
                            json.dumps(extra),
                            now_ms(),
                        ),
                    )
                return self._find(project_key, studio_id)
            except sqlite3.IntegrityError:
                continue
        raise InvalidRequest("Could not allocate a code studio id")

    def delete(self, principal: Principal, project_key: str, studio_id: str) -> None:
        """Delete a studio (its owner, a project administrator or an instance administrator)."""
        project = self._projects.require(principal, project_key, Access.READ)
        studio = self._find(project_key, studio_id)
        if studio.owner != principal.login and self._projects.access(principal, project) < Access.ADMIN:
            raise Forbidden("Action forbidden, only the owner or a project administrator may delete this code studio")
        with self._db.transaction() as conn:
            conn.execute("DELETE FROM code_studios WHERE project_key = ? AND id = ?", (project_key, studio_id))

    def change_owner(self, principal: Principal, project_key: str, studio_id: str, new_owner: str) -> CodeStudio:
        """Give a studio to another user (instance administrators and the owner only).

        A query parser turns the `+` of an unencoded login (`alice+ops@example.com`, as the official
        client sends it) into a space: when no user has the login with spaces, it is tried with `+`.
        """
        self._projects.require(principal, project_key, Access.READ)
        studio = self._find(project_key, studio_id)
        if not principal.is_admin and studio.owner != principal.login:
            raise Forbidden("Action forbidden, only administrators and the owner may change the owner")
        login = new_owner
        if not self._users.exists(login) and " " in login and self._users.exists(login.replace(" ", "+")):
            login = login.replace(" ", "+")
        if not self._users.exists(login):
            raise NotFound(f"User does not exist: {new_owner}")
        with self._db.transaction() as conn:
            conn.execute(
                "UPDATE code_studios SET owner = ? WHERE project_key = ? AND id = ?", (login, project_key, studio_id)
            )
        return self._find(project_key, studio_id)

    def lifecycle_not_implemented(self, principal: Principal, project_key: str, studio_id: str, action: str) -> None:
        """Check the studio exists and is visible, then refuse: running studios are not implemented yet."""
        self.get(principal, project_key, studio_id)
        raise NotImplementedYet(
            f"Code studio {action} is not implemented by this server yet: studios can be created, listed,"
            " read, given to another owner and deleted, but not run"
        )

    # -- hooks --------------------------------------------------------------------------------

    def studios_using(self, template_id: str) -> int:
        """How many studios were created from this template."""
        row = self._db.query_one("SELECT COUNT(*) AS n FROM code_studios WHERE template_id = ?", (template_id,))
        return int(row["n"]) if row else 0

    def delete_studios_using(self, template_id: str, messages: InfoMessages) -> int:
        """Delete the studios created from this template; returns how many."""
        with self._db.transaction() as conn:
            cursor = conn.execute("DELETE FROM code_studios WHERE template_id = ?", (template_id,))
        return cursor.rowcount

    def _before_project_deletion(self, project_key: str, messages: InfoMessages) -> None:
        row = self._db.query_one("SELECT COUNT(*) AS n FROM code_studios WHERE project_key = ?", (project_key,))
        count = int(row["n"]) if row else 0
        if count:
            messages.info(f"{count} code studio(s) of the project deleted", code="PROJECT_STUDIOS_DELETED")
