"""Handlers of the code-envs operations."""

from __future__ import annotations

from dss_codestudio_server.domain import wire
from dss_codestudio_server.domain.instance import Instance
from dss_codestudio_server.http.security import TokenInfo, caller
from dss_codestudio_server.jsonshape import JsonObject


class CodeEnvHandlers:
    """`/admin/code-envs/...`: the code environments an administrator declared."""

    def __init__(self, instance: Instance) -> None:
        self._code_envs = instance.code_envs

    async def list_code_envs(self, token_info: TokenInfo) -> list[JsonObject]:
        """List the declared code envs (every user may)."""
        caller(token_info)
        return [wire.code_env_list_item(d) for d in self._code_envs.definitions()]

    async def get_code_env(self, env_lang: str, env_name: str, token_info: TokenInfo) -> JsonObject:
        """Read a code env's definition (every user may)."""
        caller(token_info)
        return self._code_envs.get(env_lang, env_name)

    def save_code_env(self, env_lang: str, env_name: str, body: JsonObject, token_info: TokenInfo) -> JsonObject:
        """Replace a code env's definition (administrators)."""
        return self._code_envs.save(caller(token_info), env_lang, env_name, body)
