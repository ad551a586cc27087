"""Code studio templates: their settings, creation, deletion, export and import.

Settings are stored as sent (every field round-trips, known or not); the server maintains `id`,
`owner` at creation, `creationTag` and `versionTag`. Files of a template (its resources) live in
`templates/<uid>/resources/`, where `uid` is an internal id, so a template deleted and created
again under the same id never sees the old one's files or builds.
"""

from __future__ import annotations

import json
import secrets
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO, Protocol

from dss_codestudio_server.config import ArchiveLimits
from dss_codestudio_server.domain.clock import now_ms
from dss_codestudio_server.domain.default_template import deployment_block, sync_block
from dss_codestudio_server.domain.errors import Conflict, Forbidden, InvalidRequest, NotFound
from dss_codestudio_server.domain.info_messages import InfoMessages
from dss_codestudio_server.domain.template_archive import (
    archive_bytes,
    extract_resources,
    read_archive,
    used_code_envs,
)
from dss_codestudio_server.domain.template_defaults import fill_dss13_defaults
from dss_codestudio_server.domain.template_ids import unique_id
from dss_codestudio_server.domain.users import Principal
from dss_codestudio_server.jsonshape import JsonObject, ShapeError
from dss_codestudio_server.jsonshape import loads as bounded_loads
from dss_codestudio_server.storage import Database, remove_tree, remove_unlisted

SettingsValidator = Callable[[JsonObject], None]
KNOWN_TYPES = ("block_based", "manual")
IMPORTED_TAG = "Imported"
BUILD_JOB_KIND = "template-build"


class TemplateRuntimes(Protocol):
    """The code studios made from templates, as template deletion needs them."""

    def studios_using(self, template_id: str) -> int:
        """How many code studios were created from this template."""

    def delete_studios_using(self, template_id: str, messages: InfoMessages) -> int:
        """Stop and delete the code studios created from this template; returns how many."""


@dataclass(frozen=True)
class TemplateRecord:
    """A template row: its id, internal uid, settings and build summary."""

    id: str
    uid: str
    settings: JsonObject
    build_for: list[str]
    last_built_ms: int

    def to_settings_json(self) -> JsonObject:
        """Return the settings as the API returns them (with `id` first)."""
        return {"id": self.id, **self.settings}


def version_tag(login: str, number: int = 0, when: int | None = None) -> JsonObject:
    """Return a DSS version tag: who changed the object last, and when."""
    return {"versionNumber": number, "lastModifiedBy": {"login": login}, "lastModifiedOn": when or now_ms()}


def require_admin(principal: Principal) -> None:
    """Raise Forbidden unless the caller is an instance administrator."""
    if not principal.is_admin:
        raise Forbidden("Action forbidden, you are not admin")


def _check_label(label: object) -> str:
    if not isinstance(label, str) or not label.strip():
        raise InvalidRequest("The template label must not be blank")
    return label


class TemplateService:
    """Templates of the instance (administrators only)."""

    def __init__(
        self,
        db: Database,
        templates_dir: Path,
        builds_dir: Path,
        *,
        archive_limits: ArchiveLimits | None = None,
        settings_validator: SettingsValidator | None = None,
    ) -> None:
        self._db = db
        self._dir = templates_dir
        self._builds_dir = builds_dir
        self._dir.mkdir(parents=True, exist_ok=True)
        self.archive_limits = archive_limits or ArchiveLimits()
        self._validate = settings_validator or (lambda _settings: None)
        self._runtimes: TemplateRuntimes | None = None
        self._is_building: Callable[[str], bool] = lambda _tid: False
        self._code_env_exists: Callable[[str, str], bool] | None = None

    def set_runtimes(self, runtimes: TemplateRuntimes) -> None:
        """Tell the service where the code studios made from templates are (for deleteRuntime)."""
        self._runtimes = runtimes

    def set_code_env_check(self, exists: Callable[[str, str], bool]) -> None:
        """Tell the service how to know whether a code env (language, name) is declared (imports warn otherwise)."""
        self._code_env_exists = exists

    def set_build_check(self, is_building: Callable[[str], bool]) -> None:
        """Tell the service how to know whether a template is being built (deletion waits for none)."""
        self._is_building = is_building

    # -- reading ------------------------------------------------------------------------------

    def _from_row(self, row: sqlite3.Row) -> TemplateRecord:
        return TemplateRecord(
            row["id"],
            row["uid"],
            json.loads(row["settings_json"]),
            json.loads(row["build_for_json"]),
            row["last_built_ms"],
        )

    def find(self, template_id: str) -> TemplateRecord | None:
        """Return the template, or None."""
        row = self._db.query_one("SELECT * FROM templates WHERE id = ?", (template_id,))
        return self._from_row(row) if row else None

    def get(self, template_id: str) -> TemplateRecord:
        """Return the template (NotFound otherwise)."""
        record = self.find(template_id)
        if record is None:
            raise NotFound(f"Code studio template does not exist: {template_id}")
        return record

    def list_items(self, principal: Principal) -> list[TemplateRecord]:
        """Every template, as list items."""
        require_admin(principal)
        return [self._from_row(r) for r in self._db.query("SELECT * FROM templates ORDER BY id")]

    def settings(self, principal: Principal, template_id: str) -> JsonObject:
        """Return the whole definition of a template."""
        require_admin(principal)
        return self.get(template_id).to_settings_json()

    def resources_dir(self, record: TemplateRecord) -> Path:
        """Return the folder of a template's resource files."""
        return self._dir / record.uid / "resources"

    def build_dir(self, record: TemplateRecord) -> Path:
        """Return the folder of a template's builds."""
        return self._builds_dir / record.uid

    def build_output(self, template_id: str) -> Path | None:
        """Return the folder of the template's current build output (Dockerfile, entrypoints.json, ...), or None."""
        record = self.find(template_id)
        if record is None:
            return None
        current = self.build_dir(record) / "current"
        return current.resolve() if current.is_symlink() and current.resolve().is_dir() else None

    def may_use(self, principal: Principal, record: TemplateRecord) -> bool:
        """Whether `principal` may create code studios from this template."""
        if principal.is_admin:
            return True
        default = record.settings.get("defaultPermission")
        if isinstance(default, dict) and default.get("canUse") is True:
            return True
        permissions = record.settings.get("permissions")
        for item in permissions if isinstance(permissions, list) else []:
            if (
                isinstance(item, dict)
                and item.get("canUse") is True
                and (item.get("group") in principal.groups or item.get("user") == principal.login)
            ):
                return True
        return False

    # -- writing ------------------------------------------------------------------------------

    def _exists(self, template_id: str) -> bool:
        return self._db.query_one("SELECT 1 FROM templates WHERE id = ?", (template_id,)) is not None

    def _insert(self, label: str, settings: JsonObject, uid: str) -> str:
        for _ in range(20):
            template_id = unique_id(label, self._exists)
            try:
                with self._db.transaction() as conn:
                    conn.execute(
                        "INSERT INTO templates (id, uid, settings_json, created_ms) VALUES (?, ?, ?, ?)",
                        (template_id, uid, json.dumps(settings), now_ms()),
                    )
                return template_id
            except sqlite3.IntegrityError:
                continue  # another request took the id between the check and the insert
        raise Conflict(f"Could not find a free template id for label {label!r}")

    def create(self, principal: Principal, label: str, template_type: str) -> tuple[str, InfoMessages]:
        """Create an empty template; returns its id and the messages of its creation."""
        require_admin(principal)
        label = _check_label(label)
        messages = InfoMessages()
        if not template_type.strip():
            raise InvalidRequest("The template type must not be blank")
        if template_type == "block_based":
            params: JsonObject = {"blocks": [sync_block(), deployment_block()]}
        elif template_type == "manual":
            params = {"dockerfile": ""}
        else:
            params = {}
            messages.warning(
                f"Template type {template_type!r} is not known to this server: it is stored, but cannot be built",
                code="TEMPLATE_TYPE_UNKNOWN",
            )
        tag = version_tag(principal.login)
        settings: JsonObject = {
            "type": template_type,
            "label": label,
            "owner": principal.login,
            "tags": [],
            "icon": "icon-code",
            "isEditor": False,
            "permissions": [],
            "allowContainerConfOverride": True,
            "allContainerConfs": False,
            "containerConfs": [],
            "params": params,
            "versionTag": tag,
            "creationTag": dict(tag),
        }
        fill_dss13_defaults(settings)  # created as DSS 13 creates one
        self._validate(settings)
        return self._insert(label, settings, secrets.token_hex(8)), messages

    def create_with_settings(self, owner: str, settings: JsonObject) -> str:
        """Create a template from complete settings (the server's own default template)."""
        tag = version_tag(owner)
        full = {**settings, "owner": owner, "versionTag": tag, "creationTag": dict(tag)}
        fill_dss13_defaults(full)
        self._validate(full)
        return self._insert(_check_label(full.get("label")), full, secrets.token_hex(8))

    def save(self, principal: Principal, template_id: str, body: JsonObject) -> None:
        """Replace the settings with `body`, keeping every field as sent."""
        require_admin(principal)
        if "id" in body and body["id"] != template_id:
            raise InvalidRequest(f"The settings are those of template {body['id']!r}, not {template_id!r}")
        _check_label(body.get("label"))
        with self._db.transaction() as conn:
            row = conn.execute("SELECT settings_json FROM templates WHERE id = ?", (template_id,)).fetchone()
            if row is None:
                raise NotFound(f"Code studio template does not exist: {template_id}")
            stored = json.loads(row["settings_json"])
            settings = {k: v for k, v in body.items() if k != "id"}
            previous = stored.get("versionTag") if isinstance(stored.get("versionTag"), dict) else {}
            number = previous.get("versionNumber", 0) if isinstance(previous, dict) else 0
            settings["versionTag"] = version_tag(principal.login, (number if isinstance(number, int) else 0) + 1)
            if "creationTag" in stored:
                settings["creationTag"] = stored["creationTag"]
            self._validate(settings)
            conn.execute("UPDATE templates SET settings_json = ? WHERE id = ?", (json.dumps(settings), template_id))

    def delete(
        self, principal: Principal, template_id: str, *, delete_runtime: bool, delete_images: bool
    ) -> InfoMessages:
        """Delete a template; with `delete_runtime` its code studios, with `delete_images` its builds."""
        require_admin(principal)
        record = self.get(template_id)
        if self._is_building(template_id):
            raise Conflict(f"Template {template_id} is being built; abort the build or wait for it, then delete it")
        messages = InfoMessages()
        used = self._runtimes.studios_using(template_id) if self._runtimes else 0
        if delete_runtime and self._runtimes and used:
            count = self._runtimes.delete_studios_using(template_id, messages)
            messages.info(
                f"{count} code studio(s) made from the template deleted",
                code="TEMPLATE_RUNTIMES_DELETED",
                title="Code studios deleted",
            )
        elif used:
            messages.warning(
                f"{used} code studio(s) still use this template; they cannot start until it exists again",
                code="TEMPLATE_RUNTIMES_KEPT",
                title="Code studios kept",
            )
        with self._db.transaction() as conn:
            conn.execute("DELETE FROM templates WHERE id = ?", (template_id,))
        remove_tree(self._dir / record.uid)
        build_dir = self.build_dir(record)
        if delete_images:
            remove_tree(build_dir)
            messages.info(
                "Template images and build folders deleted", code="TEMPLATE_IMAGES_DELETED", title="Images deleted"
            )
        elif build_dir.exists():
            messages.warning("Template images were not deleted", code="TEMPLATE_IMAGES_KEPT", title="Images kept")
        messages.add("SUCCESS", f"Template {template_id} deleted", code="TEMPLATE_DELETED", title="Template deleted")
        return messages

    def record_build(self, template_id: str, uid: str, build_for: list[str], when: int) -> None:
        """Note a successful build in the template's list item (`buildFor`, `lastBuilt`)."""
        with self._db.transaction() as conn:
            conn.execute(
                "UPDATE templates SET build_for_json = ?, last_built_ms = ? WHERE id = ? AND uid = ?",
                (json.dumps(build_for), when, template_id, uid),
            )

    # -- export and import ----------------------------------------------------------------------

    def export(self, principal: Principal, template_id: str) -> bytes:
        """Return the template's export archive (DSS layout)."""
        require_admin(principal)
        record = self.get(template_id)
        return archive_bytes(record.to_settings_json(), self.resources_dir(record), principal.login)

    def import_archive(
        self, principal: Principal, data: BinaryIO, *, label: str | None = None, import_spec: str | None = None
    ) -> tuple[str, InfoMessages]:
        """Create a template from an export archive; nothing is written if the archive is refused."""
        require_admin(principal)
        spec = self._parse_import_spec(import_spec)
        archive = read_archive(data, self.archive_limits)
        messages = InfoMessages()
        settings = {k: v for k, v in archive.settings.items() if k != "id"}
        if label is not None:
            settings["label"] = label
        final_label = _check_label(settings.get("label"))
        self._remap_code_envs(settings, spec, messages)
        self._warn_undeclared_code_envs(settings, messages)
        filled = fill_dss13_defaults(settings)
        if filled:
            messages.info(
                f"Settings of an older DSS completed with DSS 13's defaults: {', '.join(filled)}",
                code="TEMPLATE_DEFAULTS_FILLED",
                title="Defaults filled",
            )
        tags = settings.get("tags")
        settings["tags"] = [*(tags if isinstance(tags, list) else []), IMPORTED_TAG]
        settings["owner"] = principal.login
        tag = version_tag(principal.login)
        settings["versionTag"], settings["creationTag"] = tag, dict(tag)
        self._validate(settings)
        uid = secrets.token_hex(8)
        staging = self._dir / f".staging-{uid}"
        try:
            extract_resources(archive, staging / "resources", self.archive_limits)
            staging.rename(self._dir / uid)
        except BaseException:
            remove_tree(staging)
            raise
        try:
            template_id = self._insert(final_label, settings, uid)
        except BaseException:
            remove_tree(self._dir / uid)
            raise
        messages.extend(archive.messages)
        if archive.resources:
            messages.info(f"{len(archive.resources)} resource file(s) imported", code="TEMPLATE_RESOURCES_IMPORTED")
        return template_id, messages

    def _parse_import_spec(self, raw: str | None) -> JsonObject:
        if raw is None or not raw.strip():
            return {}
        try:
            spec = bounded_loads(raw, self.archive_limits.json_limits)
        except ShapeError as exc:
            raise InvalidRequest(f"importSpec is refused: {exc}") from exc
        except ValueError as exc:
            raise InvalidRequest(f"importSpec is not valid JSON: {exc}") from exc
        if not isinstance(spec, dict):
            raise InvalidRequest("importSpec must be a JSON object")
        remapping = spec.get("codeEnvRemapping", [])
        if not isinstance(remapping, list) or not all(
            isinstance(r, dict) and isinstance(r.get("source"), dict) and isinstance(r.get("target"), dict)
            for r in remapping
        ):
            raise InvalidRequest("importSpec.codeEnvRemapping must be a list of {source, target} objects")
        return spec

    @staticmethod
    def _remap_code_envs(settings: JsonObject, spec: JsonObject, messages: InfoMessages) -> None:
        remapping = spec.get("codeEnvRemapping", [])
        params = settings.get("params")
        blocks = params.get("blocks") if isinstance(params, dict) else None
        if not isinstance(remapping, list) or not isinstance(blocks, list):
            return
        for rule in remapping:
            assert isinstance(rule, dict)
            source, target = rule["source"], rule["target"]
            for block in blocks:
                if not isinstance(block, dict):  # not a block DSS would know: left as it is
                    continue
                block_params = block.get("params")
                if block.get("type") != "add_codeenv" or not isinstance(block_params, dict):
                    continue
                if block_params.get("envName") == source.get("envName") and block_params.get(
                    "envLang", "PYTHON"
                ) == source.get("envLang", "PYTHON"):
                    block_params["envName"] = target.get("envName", block_params["envName"])
                    block_params["envLang"] = target.get("envLang", block_params.get("envLang", "PYTHON"))
                    messages.info(
                        f"Code env {source.get('envName')} remapped to {block_params['envName']}",
                        code="TEMPLATE_CODEENV_REMAPPED",
                    )

    def _warn_undeclared_code_envs(self, settings: JsonObject, messages: InfoMessages) -> None:
        """Say which code envs of the imported template the instance lacks: its builds fail until they are there."""
        if self._code_env_exists is None:
            return
        for ref in used_code_envs(settings):
            if not self._code_env_exists(ref["envLang"], ref["envName"]):
                messages.warning(
                    f"Code env {ref['envName']} ({ref['envLang']}) does not exist on this server: builds of this"
                    " template fail until an administrator declares it, or the import remaps it"
                    " (importSpec.codeEnvRemapping)",
                    code="TEMPLATE_CODEENV_UNKNOWN",
                )

    def remove_orphans(self) -> list[str]:
        """Delete template folders no template row points at (an interrupted import or deletion)."""
        return remove_unlisted(self._dir, {r["uid"] for r in self._db.query("SELECT uid FROM templates")})
