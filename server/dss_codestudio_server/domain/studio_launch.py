"""Launching a studio: what a start needs (read from the template's build output), and the start itself.

`prepare_launch` reads the build output when the start is asked for, and refuses (Conflict) before
anything changes: a template deleted or never built, an unusable build output, two entry points on
one port, zones that overlap. `Launcher.launch` then does the work of the start's future: it
empties the workspace of a previous owner's session if the studio changed owner since it last ran
(studio_workspace), gives every zone a fresh id and pushes it DSS -> studio, writes the README,
and starts the entry points (runtime), in the machine's sandbox when it has one, each exposed port
answering at `code-studios/<projectKey>/<codeStudioId>/<port>/` through the server's proxy.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import TYPE_CHECKING

from dss_codestudio_server.domain import wire
from dss_codestudio_server.domain.clock import random_id
from dss_codestudio_server.domain.errors import Conflict
from dss_codestudio_server.domain.jobs import JobContext
from dss_codestudio_server.domain.studio_coordination import StudioLocks, studio_key
from dss_codestudio_server.domain.studio_files import ZONE_KIND, StudioFiles
from dss_codestudio_server.domain.studio_state import StudioRun, ZoneRun
from dss_codestudio_server.domain.studio_sync import StudioSync
from dss_codestudio_server.domain.studio_workspace import empty_for_new_owner, readme_text, state_key, write_readme
from dss_codestudio_server.domain.templates import TemplateService
from dss_codestudio_server.jsonshape import JsonObject
from dss_codestudio_server.runtime import EntryPoint, LocalRuntime, OpenPort, PodSpec, StudioProcesses, browser_path
from dss_codestudio_server.zonesync import ExcludeRules, Progress, SyncResult
from dss_codestudio_server.zonesync.results import ProgressCallback

if TYPE_CHECKING:
    from dss_codestudio_server.domain.code_studios import CodeStudio

DEFAULT_START_TIMEOUT = 600.0


def exposed_url(project_key: str, studio_id: str, port: int) -> str:
    """Return where a studio's port answers, relative to the server's base URL, as DSS gives it."""
    return browser_path(project_key, studio_id, port).lstrip("/") + "/"


def progress_step(ctx: JobContext, name: str) -> ProgressCallback:
    """Report a synchronisation's progress as the future's step."""

    def report(progress: Progress) -> None:
        ctx.set_step(name, progress.files_done, progress.files_total, "FILES")

    return report


@dataclass(frozen=True)
class Launch:
    """What a start needs, read from the template's build output when the start is asked for."""

    run: StudioRun
    entry_points: tuple[EntryPoint, ...]
    port_labels: dict[int, str]
    start_timeout: float
    open_ports: tuple[OpenPort, ...] = ()
    """Ports the template exposes with no command (reached when the studio has a network of its own)."""


@dataclass(frozen=True)
class Launched:
    """A started studio: its processes, its exposed ports (as the status lists them) and what was pushed."""

    processes: StudioProcesses
    exposed: tuple[JsonObject, ...]
    pushed: dict[str, SyncResult]


def prepare_launch(studio: CodeStudio, templates: TemplateService) -> Launch:
    """Read what a start needs from the build output; refuse (Conflict) before anything changes."""
    if templates.find(studio.template_id) is None:
        raise Conflict(
            f"Code studio {studio.id} cannot start: its template {studio.template_id} does not exist anymore"
        )
    output = templates.build_output(studio.template_id)
    if output is None:
        raise Conflict(
            f"Code studio {studio.id} cannot start: its template {studio.template_id} was never built."
            f" Build it first (POST /admin/code-studios/{studio.template_id}/build)."
        )
    try:
        entry_doc = json.loads((output / "entrypoints.json").read_text())
        zones_doc = json.loads((output / "zones.json").read_text())
        entries = [e for e in entry_doc.get("entrypoints", []) if isinstance(e, dict)]
        entry_points = tuple(EntryPoint.from_dict(e) for e in entries)
        skipped = [e for e in entry_doc.get("skipped", []) if isinstance(e, dict)]
        open_ports = tuple(p for p in (OpenPort.from_dict(e) for e in skipped) if p is not None)
    except (OSError, ValueError, AttributeError) as exc:
        raise Conflict(
            f"The build output of template {studio.template_id} cannot be used ({exc}); build it again"
        ) from exc
    ports = [ep.port for ep in entry_points if ep.port is not None] + [p.port for p in open_ports]
    if len(ports) != len(set(ports)):
        raise Conflict(f"Two entry points of template {studio.template_id} expose the same port")
    excluded = tuple(p for p in zones_doc.get("excludedFromSync", []) if isinstance(p, str))
    try:
        ExcludeRules(excluded)
    except ValueError as exc:
        raise Conflict(f"Template {studio.template_id}: invalid excludedFromSync pattern: {exc}") from exc
    zones = _zones(studio, zones_doc.get("zones", []))
    timeouts = [e["startTimeoutSeconds"] for e in entries if isinstance(e.get("startTimeoutSeconds"), int)]
    return Launch(
        StudioRun(studio.owner, zones, excluded, len(ports)),
        entry_points,
        {e["port"]: str(e.get("portLabel") or e.get("label")) for e in entries if isinstance(e.get("port"), int)},
        float(max(timeouts, default=DEFAULT_START_TIMEOUT)),
        open_ports,
    )


def _zones(studio: CodeStudio, raw: object) -> tuple[ZoneRun, ...]:
    zones: list[ZoneRun] = []
    for item in raw if isinstance(raw, list) else []:
        kind, path, rel = item.get("zone"), item.get("pathInContainer"), item.get("workspacePath")
        if not (isinstance(kind, str) and isinstance(path, str) and isinstance(rel, str)):
            continue
        if not ZONE_KIND.fullmatch(kind) or not rel:
            raise Conflict(f"Template {studio.template_id}: zone {kind!r} at {path!r} cannot be synchronised")
        for other in zones:
            if (
                rel == other.workspace_path
                or rel.startswith(other.workspace_path + "/")
                or (other.workspace_path.startswith(rel + "/"))
            ):
                raise Conflict(
                    f"Template {studio.template_id}: zones {other.zone} and {kind} overlap in the studio"
                    f" ({other.path_in_container}, {path})"
                )
        zones.append(
            ZoneRun(
                f"{kind}-{random_id(6)}",
                kind,
                path,
                item.get("oneWay") is True,
                rel,
                state_key(kind, path, studio.owner),
            )
        )
    return tuple(zones)


class Launcher:
    """Does the work of a start: workspace, pushes, README, processes."""

    def __init__(
        self,
        files: StudioFiles,
        sync: StudioSync,
        runtime: LocalRuntime,
        locks: StudioLocks,
        dss_version: str | None = None,
    ) -> None:
        self._dss_version = dss_version
        self._files = files
        self._sync = sync
        self._runtime = runtime
        self._locks = locks

    def launch(self, ctx: JobContext, studio: CodeStudio, launch: Launch, previous: StudioRun | None) -> Launched:
        """Start a studio whose last run was `previous`; raises on failure (the caller stops what started)."""
        run = launch.run
        if previous is not None and previous.run_as != studio.owner:
            ctx.set_step("Emptying the workspace of the previous owner's session")
            self.empty_for_new_owner(studio, previous)
        pushed: dict[str, SyncResult] = {}
        for number, zone in enumerate(run.zones, start=1):
            ctx.check_aborted()
            step = f"Pushing zone {zone.zone} ({number}/{len(run.zones)})"
            ctx.set_step(step)
            with self._locks.syncing(studio, bounded=False):
                result = self._sync.push(
                    studio.ref, run, zone, progress=progress_step(ctx, step), cancel=lambda: ctx.abort_requested
                )
            pushed[zone.id] = result
        ctx.check_aborted()
        workspace = self._files.workspace(studio.ref)
        owner = self._runtime.sandbox.user if self._runtime.sandbox is not None else None
        write_readme(workspace, readme_text(studio.name, studio.id, studio.project_key, run), owner)
        pod = PodSpec(
            studio.project_key,
            studio.id,
            workspace,
            self._files.logs(studio.ref),
            # A kind synced twice (two folders) is located by its first folder.
            zone_locations={z.zone: str(workspace / z.workspace_path) for z in reversed(run.zones)},
            extra_ports=launch.open_ports,
            dss_version=self._dss_version,
        )
        processes = self._runtime.start(
            studio_key(studio.project_key, studio.id),
            pod,
            launch.entry_points,
            readiness_timeout=launch.start_timeout,
            cancel=lambda: ctx.abort_requested,
            progress=ctx.set_step,
        )
        exposed: tuple[JsonObject, ...] = tuple(
            wire.exposed_port(
                label=launch.port_labels.get(p.port, p.label),
                html=p.expose_html,
                port=p.port,
                url=exposed_url(studio.project_key, studio.id, p.port),
            )
            for p in processes.exposed
            if p.port is not None
        )
        return Launched(processes, exposed, pushed)

    def empty_for_new_owner(self, studio: CodeStudio, previous: StudioRun | None) -> None:
        """Empty a stopped studio's workspace of its previous owner's session (studio_workspace)."""
        empty_for_new_owner(self._files.workspace(studio.ref), self._files.sync_states(studio.ref), previous)
