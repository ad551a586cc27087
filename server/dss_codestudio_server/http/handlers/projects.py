"""Handlers of the projects operations."""

from __future__ import annotations

from connexion import NoContent

from dss_codestudio_server.domain import wire
from dss_codestudio_server.domain.clock import now_ms
from dss_codestudio_server.domain.instance import Instance
from dss_codestudio_server.domain.jobs import FutureState
from dss_codestudio_server.domain.permissions import Access
from dss_codestudio_server.http.security import TokenInfo, caller
from dss_codestudio_server.jsonshape import JsonObject


class ProjectHandlers:
    """`/projects/{projectKey}` and its summary, metadata, settings and permissions (the project itself)."""

    def __init__(self, instance: Instance) -> None:
        self._projects = instance.projects
        self._details = instance.project_details
        self._jobs = instance.jobs

    async def list_projects(self, token_info: TokenInfo, include_location: bool = False) -> list[JsonObject]:
        """List the projects the caller may read."""
        visible = self._projects.visible(caller(token_info))
        return [wire.project(p, include_location=include_location) for p in visible]

    def create_project(
        self, body: JsonObject, token_info: TokenInfo, project_folder_id: str | None = None
    ) -> JsonObject:
        """Create a project."""
        tags = body.get("tags")
        permissions = body.get("permissions")
        settings = body.get("settings")
        description = body.get("description")
        project = self._projects.create(
            caller(token_info),
            key=str(body["projectKey"]),
            name=str(body["name"]),
            owner=str(body["owner"]),
            description=description if isinstance(description, str) else None,
            tags=[t for t in tags if isinstance(t, str)] if isinstance(tags, list) else [],
            permissions=[p for p in permissions if isinstance(p, dict)] if isinstance(permissions, list) else [],
            settings=settings if isinstance(settings, dict) else None,
            folder_id=project_folder_id,
        )
        return wire.project(project)

    def delete_project(
        self,
        project_key: str,
        token_info: TokenInfo,
        clear_managed_datasets: bool = False,
        clear_output_managed_folders: bool = False,
        clear_job_and_scenario_logs: bool = True,
        clear_managed_knowledge_banks: bool = False,
        wait: bool = True,
    ) -> JsonObject:
        """Delete a project: done before answering with `wait`, else as a future."""
        principal = caller(token_info)
        if wait:
            start = now_ms()
            messages = self._projects.delete(principal, project_key)
            return wire.future_state(FutureState.completed(wire.info_messages(messages), start))
        self._projects.require(principal, project_key, Access.ADMIN)  # refuse now rather than in the job
        future = self._jobs.start(
            kind="project-delete",
            owner=principal.login,
            display_name=f"Delete project {project_key}",
            target=project_key,
            work=lambda _ctx: wire.info_messages(self._projects.delete(principal, project_key)),
        )
        return wire.future_state(future)

    async def get_project_summary(self, project_key: str, token_info: TokenInfo) -> JsonObject:
        """Read a project's summary."""
        return wire.project_summary(self._details.summary(caller(token_info), project_key))

    async def get_project_metadata(self, project_key: str, token_info: TokenInfo) -> JsonObject:
        """Read a project's metadata."""
        return self._details.metadata(caller(token_info), project_key)

    def set_project_metadata(self, project_key: str, body: JsonObject, token_info: TokenInfo) -> tuple[object, int]:
        """Replace a project's metadata."""
        self._details.set_metadata(caller(token_info), project_key, body)
        return NoContent, 204

    async def get_project_settings(self, project_key: str, token_info: TokenInfo) -> JsonObject:
        """Read a project's settings."""
        return self._details.settings(caller(token_info), project_key)

    def save_project_settings(self, project_key: str, body: JsonObject, token_info: TokenInfo) -> tuple[object, int]:
        """Replace a project's settings."""
        self._details.save_settings(caller(token_info), project_key, body)
        return NoContent, 204

    async def get_project_permissions(self, project_key: str, token_info: TokenInfo) -> JsonObject:
        """Read a project's owner and permission items."""
        return self._details.permissions(caller(token_info), project_key)

    def set_project_permissions(self, project_key: str, body: JsonObject, token_info: TokenInfo) -> tuple[object, int]:
        """Replace a project's permission items (and owner)."""
        self._details.set_permissions(caller(token_info), project_key, body)
        return NoContent, 204
