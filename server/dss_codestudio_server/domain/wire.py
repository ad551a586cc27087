"""The API's JSON: every answer of the server that shows the domain's state is shaped here, as DSS shapes it.

The domain's services return records (`Project`, `CodeStudio`, `StudioStatus`, `FutureState`,
`SyncResult`, ...); the HTTP handlers answer each with its function here. This module is in the
domain, not in `http`, because some answers are made long before anyone asks for them: a future's
progress and result, and the ports a started studio exposes, are stored as they will be answered
(a future outlives the request that started it, and the server process too), so the work of the
builds, the studio starts and stops and the project deletions shapes them here when it records
them. Nothing here knows of HTTP: these are DSS's JSON documents, whatever carries them.

Not here, because they are data rather than views: the documents stored as they are sent and
answered as they are stored (template settings, the settings DSS keeps on a studio, permission
items), the files of build outputs and template archives (their formats are in their modules),
and the error documents (`http.errors`; a future's failure is stored as its exception).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

from dss_codestudio_server.domain.projects import ROOT_FOLDER_PATH
from dss_codestudio_server.jsonshape import JsonObject

if TYPE_CHECKING:
    from dss_codestudio_server.domain.code_studios import CodeStudio, StudioListItem
    from dss_codestudio_server.domain.info_messages import InfoMessages
    from dss_codestudio_server.domain.jobs import FutureState, ProgressStep
    from dss_codestudio_server.domain.libraries import LibraryEntry
    from dss_codestudio_server.domain.project_details import ProjectSummary
    from dss_codestudio_server.domain.projects import Project
    from dss_codestudio_server.domain.studio_access import LoginLink
    from dss_codestudio_server.domain.studio_shutdown import StopOutcome
    from dss_codestudio_server.domain.studio_state import ZoneRun
    from dss_codestudio_server.domain.studio_status import StudioStatus
    from dss_codestudio_server.domain.studio_zone_calls import ZoneConflicts, ZonePull
    from dss_codestudio_server.domain.templates import TemplateRecord
    from dss_codestudio_server.domain.users import Principal
    from dss_codestudio_server.zonesync import ConflictReport, SyncResult

__all__ = [
    "JsonObject",
    "already_stopped",
    "auth_info",
    "browser_login",
    "build_result",
    "code_env_list_item",
    "exposed_port",
    "future_state",
    "info_messages",
    "library_tree",
    "progress",
    "project",
    "project_summary",
    "push_result",
    "start_result",
    "stop_result",
    "studio_list_item",
    "studio_settings",
    "studio_status",
    "template_list_item",
    "zone",
    "zone_changes",
    "zone_conflicts",
    "zone_conflicts_answer",
    "zone_pull",
]

# -- projects and libraries --------------------------------------------------------------------------


def project(item: Project, *, include_location: bool = False) -> JsonObject:
    """Return a project as `listProjects` lists it (and `createProject` answers it)."""
    out: JsonObject = {"projectKey": item.key, "name": item.name, "owner": item.owner, "tags": list(item.tags)}
    if item.description:
        out["shortDesc"] = item.description
        out["description"] = item.description
    if include_location:
        # The project-folder path, as DSS answers it (never a path on the server's disk): every
        # project of this server is in the root folder (`projectFolderId` is ROOT or absent).
        out["projectLocation"] = ROOT_FOLDER_PATH
    return out


def project_summary(summary: ProjectSummary) -> JsonObject:
    """Return a project's summary (`getProjectSummary`): its list item, status, type and version tags."""
    item = summary.project
    out = project(item)
    if summary.short_desc is not None:
        out["shortDesc"] = summary.short_desc
    out["projectStatus"] = summary.status
    out["projectType"] = summary.project_type
    out["versionTag"] = _version_tag(summary.version_number, summary.modified_by, summary.modified_ms)
    out["creationTag"] = _version_tag(0, item.owner, item.created_ms)
    return out


def _version_tag(number: int, login: str, when_ms: int) -> JsonObject:
    return {"versionNumber": number, "lastModifiedBy": {"login": login}, "lastModifiedOn": when_ms}


def auth_info(principal: Principal, *, with_secrets: bool = False) -> JsonObject:
    """Who an API key authenticates as (`getAuthInfo`).

    Every key of this server is a user's personal key, so `authIdentifier` and `associatedDSSUser`
    are both the login. The server keeps no user secrets: `withSecrets` answers an empty list.
    """
    info: JsonObject = {
        "authIdentifier": principal.login,
        "associatedDSSUser": principal.login,
        "authSource": "PERSONAL_API_KEY",
        "groups": list(principal.groups),
    }
    if with_secrets:
        info["secrets"] = []
    return info


def code_env_list_item(definition: Mapping[str, object]) -> JsonObject:
    """Return a code env as `listCodeEnvs` lists it: its identity, owner, description and Python version."""
    keys = ("envLang", "envName", "deploymentMode", "owner", "description")
    item: JsonObject = {key: definition[key] for key in keys if key in definition}
    desc = definition.get("desc")
    if isinstance(desc, dict) and isinstance(desc.get("pythonInterpreter"), str):
        item["pythonInterpreter"] = desc["pythonInterpreter"]
    return item


def library_tree(entries: Sequence[LibraryEntry]) -> list[JsonObject]:
    """Return the children of a library folder, each `{name}`, folders with their `children`."""
    return [
        {"name": e.name} if e.children is None else {"name": e.name, "children": library_tree(e.children)}
        for e in entries
    ]


def info_messages(messages: InfoMessages) -> JsonObject:
    """DSS's InfoMessages: the flags, `maxSeverity` when there is a message, and the messages."""
    out: JsonObject = {
        "anyMessage": bool(messages.messages),
        "success": messages.has("SUCCESS") and not (messages.has("WARNING") or messages.has_error),
        "warning": messages.has("WARNING"),
        "error": messages.has("ERROR"),
        "fatal": messages.has("FATAL"),
        "messages": [dict(m) for m in messages.messages],
    }
    if messages.messages:
        out["maxSeverity"] = messages.max_severity
    return out


# -- templates and builds -----------------------------------------------------------------------------


def template_list_item(template: TemplateRecord) -> JsonObject:
    """Return a template as `listCodeStudioTemplates` lists it (DSS's `DSSCodeStudioTemplateListItem` data)."""
    settings = template.settings
    item: JsonObject = {"id": template.id, "label": str(settings.get("label") or template.id)}
    for key in ("type", "shortDesc", "icon"):
        if isinstance(settings.get(key), str):
            item[key] = settings[key]
    tags = settings.get("tags")
    item["tags"] = [t for t in tags if isinstance(t, str)] if isinstance(tags, list) else []
    item["buildFor"] = list(template.build_for)
    item["lastBuilt"] = template.last_built_ms
    return item


def build_result(messages: InfoMessages, image_tags: Mapping[str, str], *, no_cache: bool) -> JsonObject:
    """Return a build future's result: its messages and, unless it failed, the image of each container configuration."""
    return {
        "messages": info_messages(messages),
        "builds": [{"configName": conf, "imageTag": tag, "noCache": no_cache} for conf, tag in image_tags.items()]
        if not messages.has_error
        else [],
    }


# -- futures ---------------------------------------------------------------------------------------------


def progress(steps: Sequence[ProgressStep]) -> JsonObject:
    """Return a future's `progress`: its steps (`states`), as it is stored and answered."""
    states: list[JsonObject] = []
    for step in steps:
        state: JsonObject = {
            "name": step.name,
            "cur": step.cur,
            "target": step.target,
            "unknown": step.target <= 0,
            "important": True,
            "startTimestamp": step.start_ms,
        }
        if step.unit:
            state["unit"] = step.unit
        states.append(state)
    return {"states": states}


def future_state(state: FutureState) -> JsonObject:
    """Return a future's state; one completed at once (no `jobId`) has no name nor owner either, as DSS answers it."""
    out: JsonObject = {} if state.job_id is None else {"jobId": state.job_id}
    out.update(
        hasResult=state.done,
        alive=not state.done,
        aborted=False,
        unknown=False,
        runningTime=max(0, state.end_ms - state.start_ms),
        startTime=state.start_ms,
    )
    if state.job_id is not None:
        out["jobDisplayName"] = state.display_name
        out["owner"] = state.owner
    if state.progress is not None:
        out["progress"] = state.progress
    if state.result is not None:
        out["result"] = state.result
    return out


# -- code studios ------------------------------------------------------------------------------------------


def studio_settings(studio: CodeStudio) -> JsonObject:
    """Return a studio's settings, as `getCodeStudioSettings` answers them (DSS's stored fields after ours)."""
    return {
        "projectKey": studio.project_key,
        "id": studio.id,
        "name": studio.name,
        "templateId": studio.template_id,
        "libName": studio.lib_name,
        "owner": studio.owner,
        **studio.extra,
    }


def studio_list_item(item: StudioListItem) -> JsonObject:
    """Return a studio as `listCodeStudios` lists it, with its template's label and short description."""
    desc: JsonObject = {"label": item.template_label}
    if item.template_short_desc is not None:
        desc["shortDesc"] = item.template_short_desc
    studio = item.studio
    return {
        "id": studio.id,
        "name": studio.name,
        "owner": studio.owner,
        "templateId": studio.template_id,
        "projectKey": studio.project_key,
        "desc": desc,
    }


def zone(run_zone: ZoneRun) -> JsonObject:
    """Return a zone of a studio's run, as the status and a start's result list it (DSS's four fields)."""
    return {
        "id": run_zone.id,
        "zone": run_zone.zone,
        "pathInContainer": run_zone.path_in_container,
        "oneWay": run_zone.one_way,
    }


def exposed_port(*, label: str, html: bool, port: int, url: str) -> JsonObject:
    """Return a port a running studio exposes, as its status lists it (stored with the run when the studio starts)."""
    return {"label": label, "exposedHtml": html, "exposedPort": port, "url": url}


def studio_status(status: StudioStatus) -> JsonObject:
    """Return a studio's status, as DSS answers it, with the reference server's extensions (where the files are)."""
    out: JsonObject = {
        "state": status.state,
        "lastStateChange": status.last_state_change,
        "runAsUser": status.run_as,
        "exposableCount": status.exposable_count,
        "exposed": [dict(e) for e in status.exposed],
        "syncedZones": [
            {**zone(z.zone), "studioPath": str(z.studio_path), "dssPath": str(z.dss_path)} for z in status.synced_zones
        ],
        "workspacePath": str(status.workspace_path),
    }
    if status.job_id:
        out["jobId"] = status.job_id
    if status.last_template_built:
        out["lastTemplateBuilt"] = status.last_template_built
    return out


def browser_login(link: LoginLink) -> JsonObject:
    """Return a single-use browser login link, relative to the server's base URL, and how many seconds it lives."""
    return {"url": link.url, "expiresIn": link.expires_in}


# -- synchronisation ------------------------------------------------------------------------------------


def _skipped(result: SyncResult | ConflictReport) -> list[JsonObject]:
    return [{"path": s.path, "side": s.side, "reason": s.reason} for s in result.skipped]


def _copied(result: SyncResult) -> JsonObject:
    return {
        "added": list(result.added),
        "modified": list(result.modified),
        "deleted": list(result.deleted),
        "count": result.count,
        "size": result.size,
    }


def zone_changes(result: SyncResult) -> JsonObject:
    """Return what a pull copied in one zone (answered under the zone's id), and the files it could not handle."""
    return {**_copied(result), "skipped": _skipped(result)}


def push_result(result: SyncResult) -> JsonObject:
    """Return what a push copied, the conflicting files it left alone, and the files it could not handle."""
    return {**_copied(result), "conflicts": list(result.conflicts), "skipped": _skipped(result)}


def zone_pull(pull: ZonePull) -> JsonObject:
    """Return a pull's answer: what it copied, under the zone's id."""
    return {pull.zone_id: zone_changes(pull.result)}


def zone_conflicts(report: ConflictReport) -> JsonObject:
    """Return the conflicts of one zone (answered under the zone's id), from the studio's point of view."""
    return {
        "commitFrom": report.commit_from,
        "commitTo": report.commit_to,
        "authors": list(report.authors),
        "added": list(report.added),
        "modified": list(report.modified),
        "deleted": list(report.deleted),
        "count": report.count,
    }


def zone_conflicts_answer(answer: ZoneConflicts) -> JsonObject:
    """`checkCodeStudioConflicts`' answer: the zone's conflicts under its id, or `{"error": ...}` (as DSS)."""
    if answer.report is None:
        return {"error": answer.error}
    return {answer.zone_id: zone_conflicts(answer.report)}


def start_result(
    pushed: Mapping[str, SyncResult], zones: Sequence[ZoneRun], exposed: Sequence[JsonObject]
) -> JsonObject:
    """Return a studio start's result: RUNNING, what each zone's push copied, the zones and the exposed ports."""
    return {
        "state": "RUNNING",
        "pushed": {zone_id: push_result(result) for zone_id, result in pushed.items()},
        "syncedZones": [zone(z) for z in zones],
        "exposed": [dict(e) for e in exposed],
    }


def stop_result(outcome: StopOutcome, reason: str) -> JsonObject:
    """Return a studio stop's result: STOPPED, what each zone's pulls copied, the conflicts left, exit codes, why."""
    out: JsonObject = {
        "state": "STOPPED",
        "pulled": {zone_id: zone_changes(result) for zone_id, result in outcome.pulled.items()},
        "conflicts": {zone_id: zone_conflicts(report) for zone_id, report in outcome.conflicts.items()},
        "exitCodes": dict(outcome.exit_codes),
    }
    if outcome.errors:
        out["errors"] = dict(outcome.errors)
    out["reason"] = reason
    return out


def already_stopped() -> JsonObject:
    """Return the result of a stop of a studio that is stopped: nothing pulled, no conflict."""
    return {"state": "STOPPED", "pulled": {}, "conflicts": {}}
