"""API-key authentication for connexion: the key as basic user name, basic password, or bearer.

The checkers return the token info connexion stores in the request context: `sub` (the login)
and `principal` (the `Principal`), which handlers read through `caller()`.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from connexion.security import BasicSecurityHandler, BearerSecurityHandler

from dss_codestudio_server.domain.errors import NotAuthenticated
from dss_codestudio_server.domain.users import Principal, UserService
from dss_codestudio_server.jsonshape import JsonObject

TokenInfo = Mapping[str, object]


def caller(token_info: TokenInfo) -> Principal:
    """Return the authenticated user of a request, from connexion's token info."""
    principal = token_info.get("principal")
    if not isinstance(principal, Principal):
        raise NotAuthenticated("No API key provided")
    return principal


def _token(principal: Principal) -> JsonObject:
    return {"sub": principal.login, "principal": principal}


def security_map(users: UserService) -> dict[str, type[Any]]:
    """Connexion security handler classes bound to this instance's users."""

    def check_basic(username: str, password: str) -> JsonObject:
        for candidate in (username, password):
            if candidate:
                principal = users.find_key(candidate)
                if principal is not None:
                    return _token(principal)
        raise NotAuthenticated("Unknown API Key")

    def check_bearer(token: str) -> JsonObject:
        return _token(users.authenticate(token))

    class Basic(BasicSecurityHandler):  # type: ignore[misc]
        def _resolve_func(self, security_scheme: object) -> Callable[..., JsonObject]:
            return check_basic

    class Bearer(BearerSecurityHandler):  # type: ignore[misc]
        def _resolve_func(self, security_scheme: object) -> Callable[..., JsonObject]:
            return check_bearer

    return {"basic": Basic, "bearer": Bearer}
