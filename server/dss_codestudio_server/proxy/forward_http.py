"""Forwarding an HTTP request to a studio's port with httpx, streaming both ways.

The request body is read from the ASGI `receive` channel as it arrives and sent on as it is read;
the answer is sent back chunk by chunk as the studio writes it (`aiter_raw`: still compressed if the
studio compressed it). Nothing is held in memory beyond a chunk, whatever the size: a 100 MB upload
or download goes through in constant memory. A request without a body (no Content-Length, not
chunked) is sent without one.
"""

from __future__ import annotations

import asyncio
import logging
import weakref
from collections.abc import AsyncIterator

import httpx
from starlette.types import Receive, Scope, Send

from dss_codestudio_server.proxy.headers import Header, response_headers

# httpx logs every request at INFO: a studio's traffic is not the server's log.
logging.getLogger("httpx").setLevel(logging.WARNING)

# No read timeout: a studio may stream an answer (server-sent events, a long poll) as long as it likes.
TIMEOUT = httpx.Timeout(connect=10.0, read=None, write=None, pool=30.0)
LIMITS = httpx.Limits(max_connections=256, max_keepalive_connections=32, keepalive_expiry=30.0)


class ClientDisconnected(Exception):
    """The caller went away while its request body was being forwarded."""


class StudioClients:
    """One httpx client per event loop (a test may run a server on several loops in turn)."""

    def __init__(self) -> None:
        self._clients: weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, httpx.AsyncClient] = (
            weakref.WeakKeyDictionary()
        )

    def get(self) -> httpx.AsyncClient:
        """Return the client of the running event loop."""
        loop = asyncio.get_running_loop()
        client = self._clients.get(loop)
        if client is None:
            # Never a proxy from the environment; none of httpx's default headers (an Accept-Encoding the
            # caller did not send would have the studio compress what the caller cannot read).
            client = httpx.AsyncClient(timeout=TIMEOUT, limits=LIMITS, trust_env=False, follow_redirects=False)
            for name in ("Accept", "Accept-Encoding", "User-Agent"):
                del client.headers[name]
            self._clients[loop] = client
        return client

    async def aclose(self) -> None:
        """Close the client of the running event loop, if any."""
        client = self._clients.pop(asyncio.get_running_loop(), None)
        if client is not None:
            await client.aclose()


def has_body(headers: list[Header]) -> bool:
    """Whether a request carries a body (a Content-Length other than 0, or chunked)."""
    for name, value in headers:
        lowered = name.lower()
        if lowered == b"content-length" and value.strip() != b"0":
            return True
        if lowered == b"transfer-encoding" and b"chunked" in value.lower():
            return True
    return False


async def _body(receive: Receive) -> AsyncIterator[bytes]:
    while True:
        message = await receive()
        if message["type"] == "http.disconnect":
            raise ClientDisconnected
        chunk = message.get("body", b"")
        if chunk:
            yield chunk
        if not message.get("more_body", False):
            return


async def _until_disconnected(receive: Receive) -> None:
    while (await receive())["type"] != "http.disconnect":
        pass


async def forward_http(
    client: httpx.AsyncClient, scope: Scope, receive: Receive, send: Send, url: str, headers: list[tuple[str, str]]
) -> bool:
    """Forward a request to `url` and stream the answer back; False when the studio could not be reached.

    A caller that goes away ends the forwarding at once (the studio's answer is not read to its end);
    a studio that breaks its answer off half-way leaves the caller's answer incomplete, never complete
    and short.
    """
    content = _body(receive) if has_body(scope["headers"]) else None
    request = client.build_request(scope["method"], url, headers=headers, content=content)
    try:
        response = await client.send(request, stream=True)
    except (httpx.TransportError, ClientDisconnected):
        return False
    try:
        start = {"type": "http.response.start", "status": response.status_code}
        await send({**start, "headers": response_headers(response.headers.raw)})
        if scope["method"] == "HEAD":
            await send({"type": "http.response.body", "body": b"", "more_body": False})
            return True
        streaming = asyncio.ensure_future(_stream(response, send))
        watching = asyncio.ensure_future(_until_disconnected(receive))
        try:
            await asyncio.wait((streaming, watching), return_when=asyncio.FIRST_COMPLETED)
        finally:
            for task in (streaming, watching):
                task.cancel()
            await asyncio.gather(streaming, watching, return_exceptions=True)
    finally:
        await response.aclose()
    return True


async def _stream(response: httpx.Response, send: Send) -> None:
    try:
        async for chunk in response.aiter_raw():
            await send({"type": "http.response.body", "body": chunk, "more_body": True})
    except httpx.TransportError:
        return  # broken off by the studio: the answer is left incomplete, and the connection is closed
    await send({"type": "http.response.body", "body": b"", "more_body": False})
