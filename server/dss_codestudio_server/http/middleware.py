"""ASGI middlewares for the wire quirks of DSS clients and for request size limits.

`PathGuardMiddleware` runs before connexion's routing: a URL path holding control characters (a
library file name with a newline, say) is refused with 400, where the router would answer 404 (its
path parameters never match a newline).

`WireMiddleware` runs after routing (so it knows the operation), after security and the
authorization checks of `http.authorization` (nothing of a body is read for a caller who may not make
the call), and before validation:

- JSON bodies arrive without a Content-Type (the official client sends `data=json.dumps(...)`),
  or with a wrong one: the content type the spec declares for the operation is set;
- a JSON body is scanned as it arrives for its nesting depth and number of values
  (`jsonshape`, 400 past them): the parse that follows (`http.validation`, off the event loop) is
  bounded whatever the body holds; UTF-8 and syntax are checked by that parse;
- a multipart body must have a boundary;
- request bodies are bounded (413): by Content-Length up front, and by counting what arrives;
- a JSON or multipart body sent without a Content-Length (chunked) is read whole, within its limit,
  and given one: connexion's validation would otherwise take it for a missing body (400).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from starlette.datastructures import Headers
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from dss_codestudio_server.domain.errors import InvalidRequest, TooLarge
from dss_codestudio_server.jsonshape import JsonLimits, ShapeError, ShapeScanner

JSON = "application/json"
MULTIPART = "multipart/form-data"
OCTETS = "application/octet-stream"
ROUTING = "connexion_routing"


@dataclass(frozen=True)
class BodyRule:
    """What an operation's request body must be: its media type and its size limit."""

    media_type: str
    limit: int


def _replay(body: bytes) -> Receive:
    sent = False

    async def receive() -> Message:
        nonlocal sent
        if sent:
            return {"type": "http.disconnect"}
        sent = True
        return {"type": "http.request", "body": body, "more_body": False}

    return receive


def _bounded(receive: Receive, limit: int) -> Receive:
    total = 0

    async def bounded() -> Message:
        nonlocal total
        message = await receive()
        if message["type"] == "http.request":
            total += len(message.get("body", b""))
            if total > limit:
                raise TooLarge(f"Request body larger than {limit} bytes")
        return message

    return bounded


async def _read_all(receive: Receive, limit: int, scanner: ShapeScanner | None = None) -> bytes:
    """Read a whole body within `limit` bytes, feeding each chunk to `scanner` as it arrives."""
    chunks: list[bytes] = []
    total = 0
    while True:
        message = await receive()
        if message["type"] != "http.request":
            break
        chunk = message.get("body", b"")
        total += len(chunk)
        if total > limit:
            raise TooLarge(f"Request body larger than {limit} bytes")
        if scanner is not None:
            try:
                scanner.feed(chunk)
            except ShapeError as exc:
                raise InvalidRequest(f"The request body is refused: {exc}") from exc
        chunks.append(chunk)
        if not message.get("more_body", False):
            break
    return b"".join(chunks)


def _with_headers(scope: Scope, *, content_type: str, length: int | None = None) -> Scope:
    """Return the scope with its Content-Type (and Content-Length, for a body read whole) set."""
    replaced = {b"content-type"} | ({b"content-length", b"transfer-encoding"} if length is not None else set())
    headers = [(k, v) for k, v in scope["headers"] if k.lower() not in replaced]
    headers.append((b"content-type", content_type.encode()))
    if length is not None:
        headers.append((b"content-length", str(length).encode()))
    return {**scope, "headers": headers}


class PathGuardMiddleware:
    """Refuses URL paths holding control characters with 400 (see the module docstring)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Refuse the request if its decoded path holds a control character, else pass it on."""
        if scope["type"] == "http" and any(ord(ch) < 0x20 or ord(ch) == 0x7F for ch in scope.get("path", "")):
            raise InvalidRequest("The URL path holds control characters")
        await self.app(scope, receive, send)


class WireMiddleware:
    """Applies the body rules of the matched operation (see the module docstring)."""

    def __init__(self, app: ASGIApp, *, rules: Mapping[str, BodyRule], json_limits: JsonLimits) -> None:
        self.app = app
        self.rules = rules
        self.json_limits = json_limits

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Apply the rule of the request's operation, then pass it on."""
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        operation_id = scope.get("extensions", {}).get(ROUTING, {}).get("operation_id")
        rule = self.rules.get(operation_id or "")
        if rule is None:
            await self.app(scope, receive, send)
            return
        headers = Headers(scope=scope)
        length = headers.get("content-length", "")
        if length.isdigit() and int(length) > rule.limit:
            raise TooLarge(f"Request body larger than {rule.limit} bytes")
        if rule.media_type == JSON:
            body = await _read_all(receive, rule.limit, ShapeScanner(self.json_limits))
            scope, receive = _with_headers(scope, content_type=JSON, length=len(body)), _replay(body)
        elif rule.media_type == MULTIPART:
            content_type = headers.get("content-type", "")
            if not content_type.lower().startswith(MULTIPART) or "boundary=" not in content_type.lower():
                raise InvalidRequest("Expected a multipart/form-data body with a boundary")
            if length.isdigit():
                receive = _bounded(receive, rule.limit)
            else:  # chunked: read it whole (bounded), so that the form parser knows its length
                body = await _read_all(receive, rule.limit)
                scope, receive = _with_headers(scope, content_type=content_type, length=len(body)), _replay(body)
        else:
            # Raw uploads: whatever the client says, the bytes are stored as sent.
            scope, receive = _with_headers(scope, content_type=rule.media_type), _bounded(receive, rule.limit)
        await self.app(scope, receive, send)
