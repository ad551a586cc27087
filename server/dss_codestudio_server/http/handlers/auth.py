"""Handlers of the auth operations."""

from __future__ import annotations

from dss_codestudio_server.domain.jobs import JsonObject
from dss_codestudio_server.domain.users import auth_info
from dss_codestudio_server.http.security import TokenInfo, caller


class AuthHandlers:
    """`/auth/...`: who the caller is."""

    async def get_auth_info(self, token_info: TokenInfo, with_secrets: bool = False) -> JsonObject:
        """Who the API key authenticates as."""
        return auth_info(caller(token_info), with_secrets=with_secrets)
