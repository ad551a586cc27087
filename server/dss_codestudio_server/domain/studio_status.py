"""The status of a code studio: its lifecycle state, what its run exposes, and where its files are.

`exposed` lists each port of a running studio at `code-studios/<projectKey>/<codeStudioId>/<port>/`,
relative to the server's base URL, as DSS does: the server's proxy serves it, to the studio's owner
only. The entry points' local ports are not given: they answer only requests carrying the secret
of the studio's start, which only the proxy has. The reference server's extensions say where the
studio's files are on the server's machine (`workspace_path`, each zone's studio and DSS sides).
`wire.studio_status` shapes it as DSS answers it.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from dss_codestudio_server.domain.studio_files import StudioFiles
from dss_codestudio_server.domain.studio_state import RUNNING, STOPPED, StudioState, ZoneRun
from dss_codestudio_server.domain.templates import TemplateService
from dss_codestudio_server.jsonshape import JsonObject

if TYPE_CHECKING:
    from dss_codestudio_server.domain.code_studios import CodeStudio


@dataclass(frozen=True)
class SyncedZone:
    """A zone of a running studio, and its two folders on the server's machine."""

    zone: ZoneRun
    studio_path: Path
    dss_path: Path


@dataclass(frozen=True)
class StudioStatus:
    """The status of a studio (`getCodeStudioStatus`)."""

    state: str
    last_state_change: int
    run_as: str
    """Who the studio runs as: its owner when it last started (its current owner while stopped)."""
    exposable_count: int
    exposed: tuple[JsonObject, ...]
    """The ports of a RUNNING studio, as its start stored them (empty otherwise)."""
    synced_zones: tuple[SyncedZone, ...]
    """The zones of a RUNNING studio (empty otherwise)."""
    workspace_path: Path
    job_id: str | None
    """The future driving its current (or last) transition."""
    last_template_built: int | None
    """When its template was last built, if it was."""


def studio_status(
    studio: CodeStudio, state: StudioState, files: StudioFiles, templates: TemplateService
) -> StudioStatus:
    """Return the status of a studio in `state`."""
    run = state.run
    running = state.state == RUNNING and run is not None
    workspace = files.workspace(studio.ref)
    zones: tuple[SyncedZone, ...] = ()
    if running and run is not None:
        zones = tuple(
            SyncedZone(zone, workspace / zone.workspace_path, files.dss_root(studio.ref, run.run_as, zone.zone))
            for zone in run.zones
        )
    template = templates.find(studio.template_id)
    return StudioStatus(
        state=state.state,
        last_state_change=state.changed_ms,
        run_as=run.run_as if run is not None and state.state != STOPPED else studio.owner,
        exposable_count=run.exposable_count if run is not None else 0,
        exposed=run.exposed if running and run is not None else (),
        synced_zones=zones,
        workspace_path=workspace,
        job_id=state.job_id,
        last_template_built=template.last_built_ms if template is not None and template.last_built_ms else None,
    )
