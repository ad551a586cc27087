"""The status of a code studio, as DSS answers it, with the reference server's extensions.

`exposed` lists each port of a running studio at `code-studios/<projectKey>/<codeStudioId>/<port>/`,
relative to the server's base URL, as DSS does: the server's proxy serves it, to the studio's owner
only. The entry points' local ports are not given: they answer only requests carrying the secret
of the studio's start, which only the proxy has. The extensions say where the studio's files are
on the server's machine (`workspacePath`, each zone's `studioPath` and `dssPath`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from dss_codestudio_server.domain.jobs import JsonObject
from dss_codestudio_server.domain.studio_files import StudioFiles
from dss_codestudio_server.domain.studio_state import RUNNING, STOPPED, StudioState
from dss_codestudio_server.domain.templates import TemplateService

if TYPE_CHECKING:
    from dss_codestudio_server.domain.code_studios import CodeStudio


def status_json(studio: CodeStudio, state: StudioState, files: StudioFiles, templates: TemplateService) -> JsonObject:
    """Return the status of a studio in `state`."""
    run = state.run
    running = state.state == RUNNING and run is not None
    workspace = files.workspace(studio.ref)
    out: JsonObject = {
        "state": state.state,
        "lastStateChange": state.changed_ms,
        "runAsUser": run.run_as if run is not None and state.state != STOPPED else studio.owner,
        "exposableCount": run.exposable_count if run is not None else 0,
        "exposed": [dict(e) for e in run.exposed] if running and run is not None else [],
        "syncedZones": [],
        "workspacePath": str(workspace),
    }
    if running and run is not None:
        out["syncedZones"] = [
            {
                **zone.to_status_json(),
                "studioPath": str(workspace / zone.workspace_path),
                "dssPath": str(files.dss_root(studio.ref, run.run_as, zone.zone)),
            }
            for zone in run.zones
        ]
    if state.job_id:
        out["jobId"] = state.job_id
    template = templates.find(studio.template_id)
    if template is not None and template.last_built_ms:
        out["lastTemplateBuilt"] = template.last_built_ms
    return out
