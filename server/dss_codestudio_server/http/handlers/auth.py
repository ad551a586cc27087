"""Handlers of the auth operations."""

from __future__ import annotations

from dss_codestudio_server.domain import wire
from dss_codestudio_server.http.security import TokenInfo, caller
from dss_codestudio_server.jsonshape import JsonObject


class AuthHandlers:
    """`/auth/...`: who the caller is."""

    async def get_auth_info(self, token_info: TokenInfo, with_secrets: bool = False) -> JsonObject:
        """Who the API key authenticates as."""
        return wire.auth_info(caller(token_info), with_secrets=with_secrets)
