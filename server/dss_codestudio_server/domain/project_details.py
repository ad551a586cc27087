"""A project's summary, metadata, settings and permissions: the calls a user porting from dataikuapi makes.

Who may do what, as DSS:
- the summary, metadata and settings are read by whoever may read the project;
- the metadata are changed by whoever may write its content (`writeProjectContent`);
- the settings (code envs, containers, clusters: what the project's code runs with) are changed,
  and the permissions read and changed, by the project's administrators;
- the owner changes only by its current owner or an instance administrator: a project
  administrator granted `admin` may manage the permission items but not take the project.

Each change bumps the project's version tag (who changed it last, and when).
"""

from __future__ import annotations

import copy
import json
import sqlite3
from collections.abc import Mapping
from dataclasses import dataclass

from dss_codestudio_server.domain.clock import now_ms
from dss_codestudio_server.domain.code_envs import CodeEnvService
from dss_codestudio_server.domain.errors import Forbidden, InvalidRequest, NotFound, clip
from dss_codestudio_server.domain.permissions import Access
from dss_codestudio_server.domain.projects import Project, ProjectService
from dss_codestudio_server.domain.users import Principal, UserService
from dss_codestudio_server.jsonshape import JsonObject
from dss_codestudio_server.storage import Database

PROJECT_STATUS = "Sandbox"
PROJECT_TYPE = "REGULAR"
# Metadata kept apart from the summary's columns (label, description, tags).
EXTRA_METADATA_DEFAULTS: JsonObject = {"custom": {"kv": {}}, "checklists": {"checklists": []}}
DEFAULT_SETTINGS: JsonObject = {
    "settings": {
        "codeEnvs": {
            "python": {"mode": "USE_BUILTIN_MODE", "useBuiltinEnv": True},
            "r": {"mode": "USE_BUILTIN_MODE", "useBuiltinEnv": True},
        },
        "container": {"containerMode": "NONE"},
        "k8sCluster": {"clusterMode": "INHERIT"},
        "cluster": {"clusterMode": "INHERIT"},
    },
    "exposedObjects": {"objects": []},
}
CODE_ENV_LANGUAGES = {"python": "PYTHON", "r": "R"}


def merged(defaults: Mapping[str, object], stored: Mapping[str, object]) -> JsonObject:
    """Return `stored` over `defaults`, object by object: what DSS fills in is there even if a client left it out."""
    out: JsonObject = copy.deepcopy(dict(defaults))
    for key, value in stored.items():
        base = out.get(key)
        out[key] = merged(base, value) if isinstance(base, dict) and isinstance(value, dict) else value
    return out


def _object(value: object) -> JsonObject:
    return value if isinstance(value, dict) else {}


@dataclass(frozen=True)
class ProjectSummary:
    """A project's summary: the project, and what its metadata and changes add (`wire.project_summary`)."""

    project: Project
    short_desc: str | None
    status: str
    version_number: int
    modified_by: str
    modified_ms: int
    project_type: str = PROJECT_TYPE


class ProjectDetails:
    """Summary, metadata, settings and permissions of projects."""

    def __init__(self, db: Database, projects: ProjectService, users: UserService, code_envs: CodeEnvService) -> None:
        self._db = db
        self._projects = projects
        self._users = users
        self._code_envs = code_envs

    def _row(self, key: str) -> Mapping[str, object]:
        row = self._db.query_one(
            "SELECT metadata_json, permissions_json, version_number, modified_ms, modified_by FROM projects"
            " WHERE project_key = ?",
            (key,),
        )
        if row is None:  # deleted since it was checked
            raise NotFound(f"Project does not exist: {key}")
        return dict(row)

    @staticmethod
    def _bump(conn: sqlite3.Connection, key: str, principal: Principal) -> None:
        conn.execute(
            "UPDATE projects SET version_number = version_number + 1, modified_ms = ?, modified_by = ?"
            " WHERE project_key = ?",
            (now_ms(), principal.login, key),
        )

    def _extra_metadata(self, row: Mapping[str, object]) -> JsonObject:
        raw = row["metadata_json"]
        stored = json.loads(raw) if isinstance(raw, str) else {}
        return merged(EXTRA_METADATA_DEFAULTS, stored if isinstance(stored, dict) else {})

    # -- summary and metadata -------------------------------------------------------------------

    def summary(self, principal: Principal, key: str) -> ProjectSummary:
        """Return the summary of a project the caller may read."""
        project = self._projects.require(principal, key, Access.READ)
        row = self._row(key)
        extra = self._extra_metadata(row)
        short = extra.get("shortDesc")
        status = _object(extra.get("custom")).get("projectStatus")
        version, modified = row["version_number"], row["modified_ms"]
        return ProjectSummary(
            project=project,
            short_desc=short if isinstance(short, str) else None,
            status=status if isinstance(status, str) and status else PROJECT_STATUS,
            version_number=version if isinstance(version, int) else 0,
            modified_by=str(row["modified_by"] or project.owner),
            modified_ms=modified if isinstance(modified, int) else project.created_ms,
        )

    def metadata(self, principal: Principal, key: str) -> JsonObject:
        """Return the metadata of a project the caller may read."""
        project = self._projects.require(principal, key, Access.READ)
        return self._metadata(project, self._row(key))

    def _metadata(self, project: Project, row: Mapping[str, object]) -> JsonObject:
        extra = self._extra_metadata(row)
        out: JsonObject = {"label": project.name, "tags": list(project.tags)}
        if project.description:
            out["description"] = project.description
            out["shortDesc"] = project.description
        out.update(extra)
        return out

    def set_metadata(self, principal: Principal, key: str, metadata: Mapping[str, object]) -> None:
        """Replace the metadata of a project the caller may write to; `label` renames it."""
        project = self._projects.require(principal, key, Access.WRITE)
        label = metadata.get("label", project.name)
        if not isinstance(label, str) or not label.strip():
            raise InvalidRequest("The project label must be a non-blank string")
        tags = metadata.get("tags", [])
        if not isinstance(tags, list) or not all(isinstance(t, str) for t in tags):
            raise InvalidRequest("The project tags must be a list of strings")
        description = metadata.get("description")
        if description is not None and not isinstance(description, str):
            raise InvalidRequest("The project description must be a string")
        extra = {k: v for k, v in metadata.items() if k not in ("label", "tags", "description")}
        with self._db.transaction() as conn:
            conn.execute(
                "UPDATE projects SET name = ?, description = ?, tags_json = ?, metadata_json = ? WHERE project_key = ?",
                (label, description, json.dumps(tags), json.dumps(extra), key),
            )
            self._bump(conn, key, principal)

    # -- settings -------------------------------------------------------------------------------

    def settings(self, principal: Principal, key: str) -> JsonObject:
        """Return the settings of a project the caller may read, DSS's defaults filled in."""
        self._projects.require(principal, key, Access.READ)
        row = self._db.query_one("SELECT settings_json FROM project_settings WHERE project_key = ?", (key,))
        stored = json.loads(row["settings_json"]) if row is not None else {}
        return merged(DEFAULT_SETTINGS, stored if isinstance(stored, dict) else {})

    def save_settings(self, principal: Principal, key: str, settings: Mapping[str, object]) -> None:
        """Replace the settings of a project the caller administers; explicit code envs must be declared."""
        self._projects.require(principal, key, Access.ADMIN)
        code_envs = _object(_object(settings.get("settings")).get("codeEnvs"))
        for field, lang in CODE_ENV_LANGUAGES.items():
            chosen = _object(code_envs.get(field))
            if chosen.get("mode") != "EXPLICIT_ENV":
                continue
            name = chosen.get("envName")
            if not isinstance(name, str) or not name:
                raise InvalidRequest(f"settings.codeEnvs.{field}: EXPLICIT_ENV needs an envName")
            if not self._code_envs.exists(lang, name):
                raise NotFound(
                    f"Code env does not exist: {lang} {clip(name, 120)} (settings.codeEnvs.{field}); "
                    "an administrator declares it with `dss-codestudio server add-code-env`"
                )
        with self._db.transaction() as conn:
            conn.execute(
                "INSERT INTO project_settings (project_key, settings_json) VALUES (?, ?)"
                " ON CONFLICT (project_key) DO UPDATE SET settings_json = excluded.settings_json",
                (key, json.dumps(settings)),
            )
            self._bump(conn, key, principal)

    # -- permissions ----------------------------------------------------------------------------

    def permissions(self, principal: Principal, key: str) -> JsonObject:
        """Return the owner and permission items of a project the caller administers."""
        project = self._projects.require(principal, key, Access.ADMIN)
        items = json.loads(str(self._row(key)["permissions_json"] or "[]"))
        return {"owner": project.owner, "permissions": items if isinstance(items, list) else []}

    def set_permissions(self, principal: Principal, key: str, permissions: Mapping[str, object]) -> None:
        """Replace the permission items (project administrators), and the owner (its owner or instance admins)."""
        project = self._projects.require(principal, key, Access.ADMIN)
        items = permissions.get("permissions", [])
        if not isinstance(items, list):
            raise InvalidRequest("permissions must be a list of permission items")
        checked: list[dict[str, object]] = []
        for index, item in enumerate(items):
            if not isinstance(item, dict):
                raise InvalidRequest(f"permissions[{index}] must be an object")
            named = [item.get(kind) for kind in ("group", "user") if item.get(kind) is not None]
            if not named or not all(isinstance(name, str) and name for name in named):
                raise InvalidRequest(f"permissions[{index}] must name a group or a user (a non-empty string)")
            user = item.get("user")
            if isinstance(user, str) and not self._users.exists(user):
                raise NotFound(f"User does not exist: {clip(user, 120)} (permissions[{index}])")
            checked.append(item)
        owner = permissions.get("owner", project.owner)
        if not isinstance(owner, str) or not owner:
            raise InvalidRequest("owner must be the login of a user")
        if owner != project.owner:
            if not (principal.is_admin or principal.login == project.owner):
                raise Forbidden(f"Action forbidden, only the owner of project {key} or an administrator may change it")
            if not self._users.exists(owner):
                raise NotFound(f"User does not exist: {clip(owner, 120)} (the owner of a project must be a user)")
        with self._db.transaction() as conn:
            self._projects.replace_permissions(conn, key, owner, checked)
            self._bump(conn, key, principal)
