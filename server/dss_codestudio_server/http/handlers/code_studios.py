"""Handlers of the code-studios operations.

Studio objects and their lifecycle (status, restart, stop), file synchronisation (conflicts, pull,
push) and browser login links; the rules are the domain's (code_studios, studio_lifecycle,
studio_sync, studio_access).
"""

from __future__ import annotations

from connexion import NoContent

from dss_codestudio_server.domain import wire
from dss_codestudio_server.domain.instance import Instance
from dss_codestudio_server.http.security import TokenInfo, caller
from dss_codestudio_server.jsonshape import JsonObject


class CodeStudioHandlers:
    """Handlers of `/projects/{projectKey}/code-studios/...`."""

    def __init__(self, instance: Instance) -> None:
        self._studios = instance.code_studios

    async def list_code_studios(self, project_key: str, token_info: TokenInfo) -> list[JsonObject]:
        """Return the project's studios."""
        return [wire.studio_list_item(item) for item in self._studios.list_items(caller(token_info), project_key)]

    def create_code_studio(self, project_key: str, body: JsonObject, token_info: TokenInfo) -> JsonObject:
        """Create a studio."""
        studio = self._studios.create(caller(token_info), project_key, str(body["name"]), str(body["templateId"]))
        return {"codeStudio": wire.studio_settings(studio)}

    async def get_code_studio_settings(
        self, project_key: str, code_studio_id: str, token_info: TokenInfo
    ) -> JsonObject:
        """Return a studio's settings."""
        return wire.studio_settings(self._studios.get(caller(token_info), project_key, code_studio_id))

    def delete_code_studio(self, project_key: str, code_studio_id: str, token_info: TokenInfo) -> tuple[object, int]:
        """Delete a studio."""
        self._studios.delete(caller(token_info), project_key, code_studio_id)
        return NoContent, 204

    def change_code_studio_owner(
        self, project_key: str, code_studio_id: str, new_owner: str, token_info: TokenInfo
    ) -> JsonObject:
        """Give a studio to another user."""
        studio = self._studios.change_owner(caller(token_info), project_key, code_studio_id, new_owner)
        return wire.studio_settings(studio)

    async def get_code_studio_status(self, project_key: str, code_studio_id: str, token_info: TokenInfo) -> JsonObject:
        """Return a studio's status."""
        return wire.studio_status(self._studios.status(caller(token_info), project_key, code_studio_id))

    async def create_code_studio_browser_login(
        self, project_key: str, code_studio_id: str, token_info: TokenInfo, port: int | None = None
    ) -> JsonObject:
        """Mint a browser login link into a running studio of the caller's (a reference-server extension)."""
        return wire.browser_login(self._studios.browser_login(caller(token_info), project_key, code_studio_id, port))

    def restart_code_studio(self, project_key: str, code_studio_id: str, token_info: TokenInfo) -> JsonObject:
        """Start or restart a studio."""
        return wire.future_state(self._studios.restart(caller(token_info), project_key, code_studio_id))

    def stop_code_studio(self, project_key: str, code_studio_id: str, token_info: TokenInfo) -> JsonObject:
        """Stop a studio."""
        return wire.future_state(self._studios.stop(caller(token_info), project_key, code_studio_id))

    def check_code_studio_conflicts(
        self, project_key: str, code_studio_id: str, zone: str, token_info: TokenInfo
    ) -> JsonObject:
        """Report the conflicts of one zone."""
        conflicts = self._studios.conflicts(caller(token_info), project_key, code_studio_id, zone)
        return wire.zone_conflicts_answer(conflicts)

    def pull_from_code_studio(
        self, project_key: str, code_studio_id: str, zone: str, token_info: TokenInfo, force: bool = False
    ) -> JsonObject:
        """Pull one zone studio -> DSS."""
        return wire.zone_pull(self._studios.pull(caller(token_info), project_key, code_studio_id, zone, force=force))

    def push_to_code_studio(
        self, project_key: str, code_studio_id: str, zone: str, token_info: TokenInfo, force: bool = False
    ) -> JsonObject:
        """Push one zone DSS -> studio."""
        return wire.push_result(self._studios.push(caller(token_info), project_key, code_studio_id, zone, force=force))
