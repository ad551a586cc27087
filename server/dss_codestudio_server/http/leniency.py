"""DSS's leniency with query strings, and the version headers of its answers.

DSS is a Java servlet application: it reads the query parameters it knows with `getParameter`, which
takes the first of repeated values, and ignores every other one. Clients rely on it: older releases
send parameters newer servers have dropped, and dataikuapi does not URL-encode some values
(`change_owner("x&newOwner=alice")` sends `newOwner=x&newOwner=alice`, which makes `x` the owner on
DSS). `QueryMiddleware` gives connexion (whose strict validation still checks every parameter the
spec declares) the query string DSS would have read: the declared parameters only, each with its
first value. What it drops is logged at debug level.

`VersionHeadersMiddleware` puts `DSS-Version` and `DSS-API-Version` on every answer of the API, error
answers included, as DSS's REST reference says every call does. It is installed twice: inside
connexion's response validation (which checks that the answers of operations carry the headers the
spec requires) and outside its exception handling (for error answers); the outer one adds nothing
to an answer that has them.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from urllib.parse import unquote_plus

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from dss_codestudio_server.http.middleware import ROUTING

logger = logging.getLogger(__name__)


def lenient_query(query: bytes, known: frozenset[str]) -> tuple[bytes, list[str]]:
    """Return the query string keeping the first value of each known parameter, and the names dropped.

    Pairs are kept as sent (still percent-encoded), in their order; a pair is dropped when its name is
    not declared, or when an earlier pair gave the same name.
    """
    kept: list[bytes] = []
    seen: set[str] = set()
    dropped: list[str] = []
    for pair in query.split(b"&"):
        if not pair:
            continue
        raw_name = pair.split(b"=", 1)[0]
        name = unquote_plus(raw_name.decode("latin-1"), encoding="utf-8", errors="replace")
        if name in known and name not in seen:
            seen.add(name)
            kept.append(pair)
        else:
            dropped.append(repr(name[:100]) + (" (repeated)" if name in known else ""))
    return b"&".join(kept), dropped


class QueryMiddleware:
    """Keeps, of a request's query string, what DSS would read (see the module docstring).

    Runs after routing (it needs the operation) and before validation.
    """

    def __init__(self, app: ASGIApp, *, known: Mapping[str, frozenset[str]]) -> None:
        self.app = app
        self.known = known

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Rewrite the query string of an API call, then pass it on."""
        query: bytes = scope.get("query_string", b"") if scope["type"] == "http" else b""
        operation_id = scope.get("extensions", {}).get(ROUTING, {}).get("operation_id") if query else None
        if operation_id is not None and operation_id in self.known:
            kept, dropped = lenient_query(query, self.known[operation_id])
            if dropped:
                logger.debug("%s: ignored query parameter(s) %s", operation_id, ", ".join(dropped[:20]))
                scope = {**scope, "query_string": kept}
        await self.app(scope, receive, send)


class VersionHeadersMiddleware:
    """Adds `DSS-Version` and `DSS-API-Version` to every answer (see the module docstring)."""

    def __init__(self, app: ASGIApp, *, dss_version: str, api_version: str) -> None:
        self.app = app
        self.headers = [(b"dss-version", dss_version.encode()), (b"dss-api-version", api_version.encode())]
        self.names = {name for name, _ in self.headers}

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Pass the request on, adding the headers to the start of its answer."""
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_versions(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                if not self.names & {name.lower() for name, _ in headers}:
                    message = {**message, "headers": [*headers, *self.headers]}
            await send(message)

        await self.app(scope, receive, send_with_versions)
