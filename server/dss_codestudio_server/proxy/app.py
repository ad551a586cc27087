"""The server's ASGI application: the studios' proxy, in front of the API.

Requests under `/code-studios/` and `/dip/code-studios/` go to the proxy, everything else to the
API (connexion). For a studio's port the proxy authenticates the caller (credentials), lets only
the studio's owner through (studio_access; DSS's error JSON otherwise: 401, 403, 404), then
forwards the request to the port with the start's secret: HTTP with httpx's transport, httpcore
(forward_http),
WebSocket with the `websockets` library (forward_ws). `.../__login?ticket=...` redeems a browser
login link: a session cookie for that studio's path, and a redirect to its port.
"""

from __future__ import annotations

import functools
import logging
import urllib.parse
from collections.abc import Callable

from starlette.types import ASGIApp, Receive, Scope, Send

from dss_codestudio_server.domain.errors import DomainError, Forbidden, NotFound
from dss_codestudio_server.domain.instance import Instance
from dss_codestudio_server.domain.studio_access import ProxyTarget
from dss_codestudio_server.http.access_log import note_user
from dss_codestudio_server.http.errors import ERROR_TYPE_BY_STATUS, INTERNAL_ERROR_TYPE, error_body, status_of
from dss_codestudio_server.proxy.credentials import caller
from dss_codestudio_server.proxy.forward_http import StudioClients, forward_http
from dss_codestudio_server.proxy.forward_ws import open_upstream, relay
from dss_codestudio_server.proxy.headers import (
    SESSION_COOKIE,
    host_of,
    request_headers,
    rewrite_location,
    same_origin,
)
from dss_codestudio_server.proxy.routes import NotAStudioPath, StudioPath, is_proxied, parse, upstream_target

log = logging.getLogger(__name__)
BAD_GATEWAY_TYPE = INTERNAL_ERROR_TYPE
NOT_FORWARDED_TO_WEBSOCKETS = (b"origin", b"user-agent", b"content-length")
SAFE_METHODS = ("GET", "HEAD", "OPTIONS")


class StudioProxy:
    """The studios' proxy in front of the API application (see the module docstring)."""

    def __init__(self, api: ASGIApp, instance: Instance) -> None:
        self.api = api
        self._users = instance.users
        self._access = instance.code_studios.access
        self._session_seconds = int(self._access.logins.session_seconds)
        self._clients = StudioClients()

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Serve a request: a studio's, or the API's."""
        if scope["type"] not in ("http", "websocket") or not is_proxied(scope["path"]):
            await self.api(scope, receive, send)
            return
        if scope["type"] == "http":
            await self._http(scope, receive, send)
        else:
            await self._websocket(scope, receive, send)

    def _route(self, scope: Scope) -> tuple[StudioPath, ProxyTarget | None]:
        """Read the path and check the caller: the port's target (None for the login path); DomainError else."""
        try:
            path = parse(scope.get("raw_path") or scope["path"].encode())
        except NotAStudioPath as exc:
            raise NotFound(str(exc)) from exc
        if path.is_login:
            return path, None
        assert path.port is not None
        who = caller(self._users, self._access, scope["headers"], path)
        note_user(scope, who.principal.login)
        target = self._access.target(who.principal, path.project_key, path.studio_id, path.port)
        changes = scope["type"] == "websocket" or scope["method"] not in SAFE_METHODS
        if who.by_session and changes and not same_origin(scope["headers"], scope.get("scheme", "http")):
            raise Forbidden(
                "Cross-origin request refused: a code studio's WebSockets and changes are accepted from"
                " the server's own pages only"
            )
        return path, target

    def _host(self, scope: Scope, target: ProxyTarget) -> str | None:
        """Return the `Host` the studio is sent: the caller's, or its own local address when it asks for it."""
        return f"127.0.0.1:{target.local_port}" if target.local_host else host_of(scope["headers"])

    def _location(self, scope: Scope, target: ProxyTarget, sent_host: str | None) -> Callable[[bytes], bytes]:
        local = {f"127.0.0.1:{target.local_port}", f"localhost:{target.local_port}"}
        hosts = local | {h for h in (sent_host, host_of(scope["headers"])) if h}
        return functools.partial(
            rewrite_location, hosts=hosts, browser_path=target.browser_path, suffix=target.proxied_url_suffix
        )

    def _headers(self, scope: Scope, target: ProxyTarget) -> list[tuple[str, str]]:
        client = scope.get("client")
        scheme = "https" if scope.get("scheme") in ("https", "wss") else "http"
        return request_headers(scope["headers"], target, client=client[0] if client else None, scheme=scheme)

    # -- HTTP ------------------------------------------------------------------------------------

    async def _http(self, scope: Scope, receive: Receive, send: Send) -> None:
        try:
            path, target = self._route(scope)
            if target is None:
                await self._login(scope, send, path)
                return
        except DomainError as exc:
            await _error(send, status_of(exc), exc.error_type, exc.message, head=scope["method"] == "HEAD")
            return
        except Exception:  # a bug or a broken data directory: DSS's error JSON, never a bare 500
            log.exception("the proxy could not decide on %s", scope["path"])
            await _error(send, 500, INTERNAL_ERROR_TYPE, "Internal server error", head=scope["method"] == "HEAD")
            return
        query = scope.get("query_string", b"")
        if not path.slash:  # `.../8080` is the folder `.../8080/`: relative URLs in its pages need the slash
            location = f"{path.port}/" + (f"?{query.decode('latin-1')}" if query else "")
            await _answer(send, 308, b"", [(b"location", location.encode("latin-1"))])
            return
        headers = self._headers(scope, target)
        host = self._host(scope, target)
        if host is not None:
            headers.append(("Host", host))
        forwarded = upstream_target(path, target.browser_path, target.proxied_url_suffix, query)
        url = f"http://127.0.0.1:{target.local_port}{forwarded}"
        pool = self._clients.get(target.socket)
        if not await forward_http(pool, scope, receive, send, url, headers, self._location(scope, target, host)):
            message = f"Code studio {path.studio_id} does not answer on port {path.port}"
            await _error(send, 502, BAD_GATEWAY_TYPE, message, head=scope["method"] == "HEAD")

    async def _login(self, scope: Scope, send: Send, path: StudioPath) -> None:
        """Redeem a login link: the session cookie of the studio's path, and a redirect to its port."""
        if scope["method"] not in ("GET", "HEAD"):
            await _error(send, 405, ERROR_TYPE_BY_STATUS[405], "A login link is opened with GET", allow=b"GET, HEAD")
            return
        ticket = urllib.parse.parse_qs(scope.get("query_string", b"").decode("latin-1")).get("ticket", [""])[0]
        session, _target, port = self._access.redeem(path.project_key, path.studio_id, ticket)
        secure = "; Secure" if scope.get("scheme") == "https" else ""
        headers = [(b"location", f"{port}/".encode()), (b"cache-control", b"no-store")]
        headers.append((b"referrer-policy", b"no-referrer"))  # the ticket is in this URL: never pass it on
        for prefix in ("", "/dip"):
            cookie = (
                f"{SESSION_COOKIE}={session}; Path={prefix}/code-studios/{urllib.parse.quote(path.project_key)}/"
                f"{urllib.parse.quote(path.studio_id)}/; Max-Age={self._session_seconds}; HttpOnly; SameSite=Strict"
                f"{secure}"
            )
            headers.append((b"set-cookie", cookie.encode("latin-1")))
        await _answer(send, 303, b"", headers)

    # -- WebSocket -----------------------------------------------------------------------------------

    async def _websocket(self, scope: Scope, receive: Receive, send: Send) -> None:
        if (await receive())["type"] != "websocket.connect":
            return
        try:
            path, target = self._route(scope)
            if target is None or not path.slash:
                raise NotFound("No WebSocket here: a code studio's WebSockets are below its ports")
        except DomainError as exc:
            await _deny(scope, send, status_of(exc), exc.error_type, exc.message)
            return
        headers = [
            (n, v)
            for n, v in self._headers(scope, target)
            if not n.lower().startswith("sec-websocket-") and n.lower().encode() not in NOT_FORWARDED_TO_WEBSOCKETS
        ]
        origin = next((v.decode("latin-1") for n, v in scope["headers"] if n.lower() == b"origin"), None)
        query = scope.get("query_string", b"")
        upstream = await open_upstream(
            target.local_port,
            upstream_target(path, target.browser_path, target.proxied_url_suffix, query),
            unix_socket=target.socket,
            host=self._host(scope, target),
            origin=origin,
            subprotocols=scope.get("subprotocols") or [],
            headers=headers,
        )
        if upstream is None:
            message = f"Code studio {path.studio_id} refused the WebSocket or does not answer on port {path.port}"
            await _deny(scope, send, 502, BAD_GATEWAY_TYPE, message)
            return
        await send({"type": "websocket.accept", "subprotocol": upstream.subprotocol})
        await relay(upstream, receive, send)


def _json_headers(body: bytes) -> list[tuple[bytes, bytes]]:
    return [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())]


async def _answer(send: Send, status: int, body: bytes, headers: list[tuple[bytes, bytes]]) -> None:
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": body, "more_body": False})


async def _error(
    send: Send, status: int, error_type: str, message: str, *, head: bool = False, allow: bytes | None = None
) -> None:
    """Answer DSS's error JSON."""
    body = error_body(error_type, message)
    headers = _json_headers(body)
    if allow is not None:
        headers.append((b"allow", allow))
    if status == 401:
        headers.append((b"www-authenticate", b'Basic realm="DSS", charset="UTF-8"'))
    await _answer(send, status, b"" if head else body, headers)


async def _deny(scope: Scope, send: Send, status: int, error_type: str, message: str) -> None:
    """Refuse a WebSocket handshake with an HTTP answer (DSS's error JSON) where the server can, else close it."""
    if "websocket.http.response" not in scope.get("extensions", {}):
        await send({"type": "websocket.close", "code": 1008, "reason": message[:120]})
        return
    body = error_body(error_type, message)
    headers = _json_headers(body)
    await send({"type": "websocket.http.response.start", "status": status, "headers": headers})
    await send({"type": "websocket.http.response.body", "body": body, "more_body": False})
