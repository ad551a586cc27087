"""Code studio objects of a project, and who may do what with them.

This module holds the studio rows (table `code_studios`) and the rights: project readers see
studios and their status; project writers create them (starter files are written into their zones
then, never at start); the owner, a project administrator or an instance administrator starts,
stops and deletes one (as DSS lets project administrators do); whoever started it, only the owner
uses it: synchronises its files (conflicts, pull, push), reaches its ports through the server's
proxy and gets browser login links (studio_access); the owner or an instance administrator gives
it to another user, while it is stopped, which empties the previous owner's session from it. Running studios are the
lifecycle's (studio_lifecycle). Deleting a studio stops it first; template deletion with
`deleteRuntime` and project deletion stop and delete the studios made from them.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass

from dss_codestudio_server.domain.build_plan import plan_build
from dss_codestudio_server.domain.clock import now_ms, random_id
from dss_codestudio_server.domain.errors import Forbidden, InvalidRequest, NotFound
from dss_codestudio_server.domain.info_messages import InfoMessages
from dss_codestudio_server.domain.jobs import FutureState
from dss_codestudio_server.domain.permissions import Access
from dss_codestudio_server.domain.projects import ProjectService
from dss_codestudio_server.domain.studio_access import BrowserLogins, LoginLink, StudioAccess
from dss_codestudio_server.domain.studio_files import StudioFiles, StudioRef
from dss_codestudio_server.domain.studio_lifecycle import StudioLifecycle
from dss_codestudio_server.domain.studio_status import StudioStatus
from dss_codestudio_server.domain.studio_zone_calls import ZoneConflicts, ZonePull
from dss_codestudio_server.domain.templates import TemplateService, version_tag
from dss_codestudio_server.domain.users import Principal, UserService
from dss_codestudio_server.jsonshape import JsonObject
from dss_codestudio_server.storage import Database
from dss_codestudio_server.zonesync import SyncResult

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
    """The settings DSS keeps on a studio besides ours (`versionTag`, `tags`, ...), stored as sent."""

    @property
    def ref(self) -> StudioRef:
        """What names the studio's folders."""
        return StudioRef(self.project_key, self.id, self.lib_name)


@dataclass(frozen=True)
class StudioListItem:
    """A studio as a listing shows it, with its template's label and short description."""

    studio: CodeStudio
    template_label: str
    template_short_desc: str | None


class CodeStudioService:
    """Code studio objects; implements the template-deletion and project-deletion hooks."""

    def __init__(
        self,
        db: Database,
        projects: ProjectService,
        templates: TemplateService,
        users: UserService,
        files: StudioFiles,
        lifecycle_factory: Callable[[Callable[[str, str], CodeStudio | None]], StudioLifecycle],
        *,
        browser_logins: BrowserLogins | None = None,
    ) -> None:
        self._db = db
        self._projects = projects
        self._templates = templates
        self._users = users
        self._files = files
        self.lifecycle = lifecycle_factory(self.find)
        self.access = StudioAccess(projects, users, self.lifecycle, self.find, browser_logins or BrowserLogins())
        """Who reaches a running studio through the proxy, and browser logins."""
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

    def find(self, project_key: str, studio_id: str) -> CodeStudio | None:
        """Return a studio, or None (no rights checked: for the server's own use)."""
        row = self._db.query_one(
            "SELECT * FROM code_studios WHERE project_key = ? AND id = ?", (project_key, studio_id)
        )
        return self._from_row(row) if row is not None else None

    def _find(self, project_key: str, studio_id: str) -> CodeStudio:
        studio = self.find(project_key, studio_id)
        if studio is None:
            raise NotFound(f"Code studio does not exist: {studio_id}")
        return studio

    def _may_run(self, principal: Principal, studio: CodeStudio) -> None:
        """Check the caller may start, stop and delete a studio: its owner, or a project administrator."""
        project = self._projects.require(principal, studio.project_key, Access.READ)
        if studio.owner != principal.login and self._projects.access(principal, project) < Access.ADMIN:
            raise Forbidden(
                f"Action forbidden, only the owner or a project administrator may start, stop or delete code studio"
                f" {studio.id}"
            )

    def _used_by(self, principal: Principal, project_key: str, studio_id: str) -> CodeStudio:
        """Return a studio the caller may use: only its owner synchronises its files."""
        return self.access.owned(principal, project_key, studio_id)

    def get(self, principal: Principal, project_key: str, studio_id: str) -> CodeStudio:
        """Return a studio of a project the caller may read."""
        self._projects.require(principal, project_key, Access.READ)
        return self._find(project_key, studio_id)

    def list_items(self, principal: Principal, project_key: str) -> list[StudioListItem]:
        """Return the slim list items of a project's studios, with their template's label and description."""
        self._projects.require(principal, project_key, Access.READ)
        rows = self._db.query(
            "SELECT * FROM code_studios WHERE project_key = ? ORDER BY created_ms, id", (project_key,)
        )
        items: list[StudioListItem] = []
        for studio in map(self._from_row, rows):
            template = self._templates.find(studio.template_id)
            if template is None:
                items.append(StudioListItem(studio, studio.template_id, None))
                continue
            short_desc = template.settings.get("shortDesc")
            label = str(template.settings.get("label") or studio.template_id)
            items.append(StudioListItem(studio, label, short_desc if isinstance(short_desc, str) else None))
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
            except sqlite3.IntegrityError:
                continue
            studio = self._find(project_key, studio_id)
            starter = plan_build(template_id, template.settings).starter_files
            self._files.write_starter_files(studio.ref, studio.owner, starter)
            return studio
        raise InvalidRequest("Could not allocate a code studio id")

    def delete(self, principal: Principal, project_key: str, studio_id: str) -> None:
        """Delete a studio (its owner, a project administrator or an instance administrator).

        It is stopped first, as a stop does (its zones pulled); if files of its workspace could not
        be brought to DSS in zones that outlive it (conflicts), the deletion is refused (Conflict)
        and the studio stays, stopped.
        """
        self._projects.require(principal, project_key, Access.READ)
        studio = self._find(project_key, studio_id)
        self._may_run(principal, studio)
        self.lifecycle.stop_for_removal(studio, principal.login, refuse_unsynced=True)
        self._remove(studio)

    def _remove(self, studio: CodeStudio) -> None:
        """Delete a stopped studio's row, then its files (a crash in between leaves orphans, removed at start)."""
        try:
            with self._db.transaction() as conn:
                conn.execute(
                    "DELETE FROM code_studios WHERE project_key = ? AND id = ?", (studio.project_key, studio.id)
                )
            self._files.remove(studio.ref)
        finally:
            self.lifecycle.removed(studio)

    def _remove_all(self, studios: list[CodeStudio], messages: InfoMessages) -> int:
        """Stop and delete studios for a project or template deletion; files they could not save are reported."""
        for studio in studios:
            unsynced = self.lifecycle.stop_for_removal(studio, studio.owner, refuse_unsynced=False)
            for item in unsynced:
                what = item.error or ", ".join(item.paths)
                messages.warning(
                    f"Code studio {studio.id}: files of zone {item.zone.zone} in conflict with DSS were lost with it:"
                    f" {what}",
                    code="CODE_STUDIO_FILES_LOST",
                )
            self._remove(studio)
        return len(studios)

    def status(self, principal: Principal, project_key: str, studio_id: str) -> StudioStatus:
        """Return the status of a studio of a project the caller may read."""
        return self.lifecycle.status(self.get(principal, project_key, studio_id))

    def restart(self, principal: Principal, project_key: str, studio_id: str) -> FutureState:
        """Start or restart a studio; returns the future of the start."""
        self._projects.require(principal, project_key, Access.READ)
        studio = self._find(project_key, studio_id)
        self._may_run(principal, studio)
        return self.lifecycle.restart(studio, principal.login)

    def stop(self, principal: Principal, project_key: str, studio_id: str) -> FutureState:
        """Stop a studio; returns the future of the stop."""
        self._projects.require(principal, project_key, Access.READ)
        studio = self._find(project_key, studio_id)
        self._may_run(principal, studio)
        return self.lifecycle.stop(studio, principal.login)

    def conflicts(self, principal: Principal, project_key: str, studio_id: str, zone_id: str) -> ZoneConflicts:
        """Return the conflicts of one zone of a running studio."""
        return self.lifecycle.zones.conflicts(self._used_by(principal, project_key, studio_id), zone_id)

    def pull(self, principal: Principal, project_key: str, studio_id: str, zone_id: str, *, force: bool) -> ZonePull:
        """Pull one zone of a running studio to DSS."""
        return self.lifecycle.zones.pull(self._used_by(principal, project_key, studio_id), zone_id, force=force)

    def push(self, principal: Principal, project_key: str, studio_id: str, zone_id: str, *, force: bool) -> SyncResult:
        """Push one zone from DSS to a running studio."""
        return self.lifecycle.zones.push(self._used_by(principal, project_key, studio_id), zone_id, force=force)

    def browser_login(self, principal: Principal, project_key: str, studio_id: str, port: int | None) -> LoginLink:
        """Mint a single-use login link into a running studio of the caller's (studio_access)."""
        return self.access.browser_login(principal, project_key, studio_id, port)

    def change_owner(self, principal: Principal, project_key: str, studio_id: str, new_owner: str) -> CodeStudio:
        """Give a stopped studio to another user (instance administrators and the owner only).

        The previous owner's session is emptied from its workspace (user zones, what lay outside any
        zone); refused while the previous owner's user zones hold files not yet in their folders.

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

        def change() -> None:
            with self._db.transaction() as conn:
                conn.execute(
                    "UPDATE code_studios SET owner = ? WHERE project_key = ? AND id = ?",
                    (login, project_key, studio_id),
                )

        self.lifecycle.hand_over(studio, login, change)
        return self._find(project_key, studio_id)

    # -- hooks --------------------------------------------------------------------------------

    def studios_using(self, template_id: str) -> int:
        """How many studios were created from this template."""
        row = self._db.query_one("SELECT COUNT(*) AS n FROM code_studios WHERE template_id = ?", (template_id,))
        return int(row["n"]) if row else 0

    def delete_studios_using(self, template_id: str, messages: InfoMessages) -> int:
        """Stop and delete the studios created from this template; returns how many."""
        rows = self._db.query("SELECT * FROM code_studios WHERE template_id = ? ORDER BY created_ms", (template_id,))
        return self._remove_all([self._from_row(r) for r in rows], messages)

    def _before_project_deletion(self, project_key: str, messages: InfoMessages) -> None:
        rows = self._db.query("SELECT * FROM code_studios WHERE project_key = ? ORDER BY created_ms", (project_key,))
        count = self._remove_all([self._from_row(r) for r in rows], messages)
        self._files.forget_project(project_key)
        if count:
            messages.info(f"{count} code studio(s) of the project stopped and deleted", code="PROJECT_STUDIOS_DELETED")

    def remove_orphans(self) -> list[str]:
        """Delete studio folders no studio row points at (a deletion interrupted by a crash)."""
        removed: list[str] = []
        for project in self._db.query("SELECT project_key FROM projects"):
            key = project["project_key"]
            rows = self._db.query("SELECT id, lib_name FROM code_studios WHERE project_key = ?", (key,))
            removed += self._files.remove_orphans(key, {r["id"]: r["lib_name"] for r in rows})
        return removed
