"""One log line per request: method, path, status, time taken and user (`dss_codestudio_server.access`).

API requests are logged at INFO; the studios' proxied requests at DEBUG (an IDE page is dozens of
requests: `serve --log-level debug` shows them). The user is the login the API key or the browser
session authenticated, `-` when none did; no credential is ever logged (neither key nor cookie),
and neither is the query string (a browser login link carries its ticket there). Nothing is done
per request when the level is not enabled.

connexion's notice for every request whose body it has no validator for ("Skipping validation. No
validator registered for content type ...") is dropped here too: it says nothing a user can act on.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, MutableMapping
from typing import Any

from starlette.types import ASGIApp, Message, Receive, Scope, Send

log = logging.getLogger("dss_codestudio_server.access")
ACCESS = "dss_codestudio_server.access"
CONNEXION_CONTEXT = "connexion_context"
VALIDATION_LOGGER = "connexion.middleware.validation"


def note_user(scope: Scope, login: str) -> None:
    """Record who made the request, for its access-log line (the proxy, which authenticates itself)."""
    holder = scope.get("extensions", {}).get(ACCESS)
    if isinstance(holder, dict):
        holder["user"] = login


def _user(extensions: MutableMapping[str, Any], holder: dict[str, str]) -> str:
    if "user" in holder:
        return holder["user"]
    token_info = extensions.get(CONNEXION_CONTEXT, {}).get("token_info")
    login = token_info.get("sub") if isinstance(token_info, dict) else None
    return login if isinstance(login, str) else "-"


def _printable(raw: bytes) -> str:
    """Return the request's path as sent, anything not printable ASCII escaped (never a forged log line)."""
    return "".join(chr(b) if 0x20 < b < 0x7F else f"\\x{b:02x}" for b in raw)


class AccessLog:
    """The ASGI middleware writing the access log (see the module docstring); `chatty(path)` logs at DEBUG."""

    def __init__(self, app: ASGIApp, *, chatty: Callable[[str], bool]) -> None:
        self.app = app
        self.chatty = chatty

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Serve the request, then log it."""
        if scope["type"] not in ("http", "websocket"):
            await self.app(scope, receive, send)
            return
        level = logging.DEBUG if self.chatty(scope["path"]) else logging.INFO
        if not log.isEnabledFor(level):
            await self.app(scope, receive, send)
            return
        extensions = scope.setdefault("extensions", {})
        holder: dict[str, str] = {}
        extensions[ACCESS] = holder
        status: int | None = None

        async def watch(message: Message) -> None:
            nonlocal status
            kind = message["type"]
            if kind in ("http.response.start", "websocket.http.response.start"):
                status = message["status"]
            elif kind == "websocket.accept":
                status = 101
            elif kind == "websocket.close" and status is None:
                status = 403  # refused before the handshake: what the client sees
            await send(message)

        started = time.perf_counter()
        try:
            await self.app(scope, receive, watch)
        finally:
            method = scope.get("method", "WS") if scope["type"] == "http" else "WS"
            path = _printable(scope.get("raw_path") or scope["path"].encode())
            elapsed = (time.perf_counter() - started) * 1000
            user = _user(extensions, holder)
            log.log(level, "%s %s %s %.1f ms user=%s", method, path, status or "-", elapsed, user)


class _DropValidationNotice(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        return not str(record.msg).startswith("Skipping validation")


def quiet_connexion() -> None:
    """Drop connexion's per-request "Skipping validation" notice (once per process)."""
    logger = logging.getLogger(VALIDATION_LOGGER)
    if not any(isinstance(f, _DropValidationNotice) for f in logger.filters):
        logger.addFilter(_DropValidationNotice())
