"""Who a request of the proxy comes from: an API key (as the API takes it) or a studio's browser session.

An API key is accepted as the API accepts it: the user name or the password of HTTP basic
authentication, or a bearer token. A browser that redeemed a login link sends its session cookie
instead, valid for that one studio. A request with a credential that is no good, and none that is,
is answered 401.
"""

from __future__ import annotations

import base64
import binascii
from dataclasses import dataclass

from dss_codestudio_server.domain.errors import NotAuthenticated
from dss_codestudio_server.domain.studio_access import StudioAccess
from dss_codestudio_server.domain.users import Principal, UserService
from dss_codestudio_server.proxy.headers import SESSION_COOKIE, Header, cookie_value
from dss_codestudio_server.proxy.routes import StudioPath


def api_key_principal(users: UserService, authorization: str) -> Principal | None:
    """Return the user of the API key an Authorization header carries, or None."""
    scheme, _, value = authorization.strip().partition(" ")
    candidates: list[str] = []
    if scheme.lower() == "bearer":
        candidates = [value.strip()]
    elif scheme.lower() == "basic":
        try:
            decoded = base64.b64decode(value.strip(), validate=True).decode("utf-8")
        except (binascii.Error, UnicodeDecodeError):
            return None
        user, _, password = decoded.partition(":")
        candidates = [user, password]
    for candidate in candidates:
        if candidate:
            principal = users.find_key(candidate)
            if principal is not None:
                return principal
    return None


@dataclass(frozen=True)
class Caller:
    """Who sends a request, and whether a browser session (a cookie, sent by any page) vouches for them."""

    principal: Principal
    by_session: bool


def caller(users: UserService, access: StudioAccess, headers: list[Header], path: StudioPath) -> Caller:
    """Return who sends a request for a studio's port (NotAuthenticated when nobody can be told)."""
    authorization = next((v.decode("latin-1") for n, v in headers if n.lower() == b"authorization"), None)
    if authorization:
        principal = api_key_principal(users, authorization)
        if principal is not None:
            return Caller(principal, by_session=False)
    session = cookie_value(headers, SESSION_COOKIE)
    if session:
        principal = access.session_principal(session, path.project_key, path.studio_id)
        if principal is not None:
            return Caller(principal, by_session=True)
        raise NotAuthenticated("This browser session is over: open a new login link (dss-codestudio studios open)")
    raise NotAuthenticated("Unknown API Key" if authorization else "No API key provided")
