"""Forwarding an HTTP request to a studio's port, streaming both ways, with httpx's transport (httpcore).

The request body is read from the ASGI `receive` channel as it arrives and sent on as it is read;
the answer is sent back chunk by chunk as the studio writes it (still compressed if the studio
compressed it). Nothing is held in memory beyond a chunk, whatever the size: a 100 MB upload or
download goes through in constant memory. A request without a body (no Content-Length, not chunked)
is sent without one, and the path as the caller sent it (dot segments included: the studio's own
business). The connection pool is httpcore's, the layer of httpx that speaks HTTP: the proxy needs
none of httpx's request and response models, which cost the server a fifth more CPU a request.
"""

from __future__ import annotations

import asyncio
import os
import weakref
from collections.abc import AsyncIterator, Callable

import httpcore
from starlette.types import Receive, Scope, Send

from dss_codestudio_server.proxy.headers import Header, response_headers

# No read timeout: a studio may stream an answer (server-sent events, a long poll) as long as it likes.
TIMEOUTS = {"connect": 10.0, "read": None, "write": None, "pool": 30.0}
UNREACHABLE = (httpcore.NetworkError, httpcore.TimeoutException, httpcore.ProtocolError)
SMALL = 64 * 1024  # an answer this small (with its length) is sent without watching for the caller leaving


class ClientDisconnected(Exception):
    """The caller went away while its request body was being forwarded."""


class StudioClients:
    """Connection pools per event loop (a test may run a server on several loops in turn).

    One pool for the studios' TCP ports, and one per unix socket of the studios with a network of their own.
    """

    MAX_SOCKET_POOLS = 256

    def __init__(self) -> None:
        self._pools: weakref.WeakKeyDictionary[
            asyncio.AbstractEventLoop, dict[str | None, httpcore.AsyncConnectionPool]
        ] = weakref.WeakKeyDictionary()
        self._closing: set[asyncio.Future[None]] = set()

    def get(self, unix_socket: str | None = None) -> httpcore.AsyncConnectionPool:
        """Return the pool of the running event loop for TCP ports (or for one unix socket)."""
        pools = self._pools.setdefault(asyncio.get_running_loop(), {})
        pool = pools.get(unix_socket)
        if pool is None:
            if unix_socket is not None:
                self._forget_gone(pools)
            pool = httpcore.AsyncConnectionPool(
                max_connections=256, max_keepalive_connections=32, keepalive_expiry=30, uds=unix_socket
            )
            pools[unix_socket] = pool
        return pool

    def _forget_gone(self, pools: dict[str | None, httpcore.AsyncConnectionPool]) -> None:
        """Drop the pools of sockets that are gone (their studios stopped), and the oldest beyond the limit."""
        stale = [path for path in pools if path is not None and not os.path.exists(path)]
        extra = [path for path in pools if path is not None and path not in stale]
        stale += extra[: max(0, len(extra) - self.MAX_SOCKET_POOLS + 1)]
        for path in stale:
            closing = asyncio.ensure_future(pools.pop(path).aclose())  # idle connections to a socket now gone
            self._closing.add(closing)
            closing.add_done_callback(self._closing.discard)

    async def aclose(self) -> None:
        """Close the pools of the running event loop, if any."""
        pools = self._pools.pop(asyncio.get_running_loop(), {})
        for pool in pools.values():
            await pool.aclose()


def body_framing(headers: list[Header]) -> Header | None:
    """How a request's body is framed (its Content-Length, or chunked), or None when it has none."""
    for name, value in headers:
        lowered = name.lower()
        if lowered == b"content-length" and value.strip() != b"0":
            return (b"content-length", value.strip())
        if lowered == b"transfer-encoding" and b"chunked" in value.lower():
            return (b"transfer-encoding", b"chunked")
    return None


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
    pool: httpcore.AsyncConnectionPool,
    scope: Scope,
    receive: Receive,
    send: Send,
    url: str,
    headers: list[tuple[str, str]],
    location: Callable[[bytes], bytes] | None = None,
) -> bool:
    """Forward a request to `url` and stream the answer back; False when the studio could not be reached.

    `location` rewrites the `Location` of a redirect (`headers.rewrite_location`).

    A caller that goes away ends the forwarding at once (the studio's answer is not read to its end);
    a studio that breaks its answer off half-way leaves the caller's answer incomplete, never complete
    and short.
    """
    raw = [(n.encode("latin-1"), v.encode("latin-1")) for n, v in headers if n.lower() != "content-length"]
    framing = body_framing(scope["headers"])
    if framing is not None:
        raw.append(framing)
    request = httpcore.Request(
        scope["method"],
        url,
        headers=raw,
        content=_body(receive) if framing is not None else None,
        extensions={"timeout": TIMEOUTS},
    )
    try:
        response = await pool.handle_async_request(request)
    except (*UNREACHABLE, ClientDisconnected):
        return False
    try:
        start = {"type": "http.response.start", "status": response.status}
        await send({**start, "headers": response_headers(response.headers, location)})
        length = dict(response.headers).get(b"content-length", b"")
        if scope["method"] == "HEAD" or (length.isdigit() and int(length) <= SMALL):
            await _stream(response, send)
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


async def _stream(response: httpcore.Response, send: Send) -> None:
    try:
        async for chunk in response.aiter_stream():
            await send({"type": "http.response.body", "body": chunk, "more_body": True})
    except UNREACHABLE:
        return  # broken off by the studio: the answer is left incomplete, and the connection is closed
    await send({"type": "http.response.body", "body": b"", "more_body": False})
