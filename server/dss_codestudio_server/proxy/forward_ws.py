"""Forwarding a WebSocket to a studio's port with the `websockets` library, messages both ways.

The caller's handshake is answered only once the studio accepted its own (with the subprotocol the
studio chose); then each message is relayed as it arrives, text as text and bytes as bytes, until
either side closes, and the other is closed with the same code. The studio's handshake carries the
caller's `Host` (as the URI's host; the connection goes to 127.0.0.1), `Origin`, cookies and
subprotocols, and the start's secret.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Sequence
from typing import Any

from starlette.types import Receive, Send
from websockets.asyncio.client import ClientConnection, connect, unix_connect
from websockets.exceptions import ConnectionClosed, InvalidHandshake, InvalidURI
from websockets.typing import Origin, Subprotocol

# uvicorn's default largest WebSocket message; the studio's messages are held to the same.
MAX_MESSAGE = 16 * 1024 * 1024
OPEN_TIMEOUT = 10.0
# How long closing waits for the studio's side to answer the close frame: a studio that does not
# (code-server's extension host, closed while it starts) would otherwise hold the relay, and the
# server's shutdown behind it, for websockets' default 10 s.
CLOSE_TIMEOUT = 2.0
UNUSABLE_CODES = (1005, 1006, 1015)  # reserved: they never appear in a close frame


async def open_upstream(
    local_port: int,
    target: str,
    *,
    unix_socket: str | None = None,
    host: str | None,
    origin: str | None,
    subprotocols: Sequence[str],
    headers: list[tuple[str, str]],
) -> ClientConnection | None:
    """Open the studio's side of a WebSocket; None when the studio refuses it or cannot be reached.

    The connection goes to 127.0.0.1:`local_port`, or through `unix_socket` (a studio with a network of its own).
    """
    uris = [f"ws://{host}{target}"] if host else []
    uris.append(f"ws://127.0.0.1:{local_port}{target}")
    options: dict[str, Any] = {
        "origin": Origin(origin) if origin else None,
        "subprotocols": [Subprotocol(p) for p in subprotocols] or None,
        "additional_headers": headers,
        "user_agent_header": None,
        "compression": None,
        "max_size": MAX_MESSAGE,
        "open_timeout": OPEN_TIMEOUT,
        "close_timeout": CLOSE_TIMEOUT,
        "proxy": None,
    }
    for uri in uris:
        try:
            if unix_socket is not None:
                return await unix_connect(unix_socket, uri, **options)
            return await connect(uri, host="127.0.0.1", port=local_port, **options)
        except InvalidURI:
            continue  # a Host header that makes no URI: the studio gets 127.0.0.1:<port> as its Host
        except (OSError, InvalidHandshake, TimeoutError):
            return None
    return None


async def relay(upstream: ClientConnection, receive: Receive, send: Send) -> None:
    """Relay messages between the caller (ASGI) and the studio until either closes."""
    to_studio = asyncio.ensure_future(_to_studio(upstream, receive))
    to_caller = asyncio.ensure_future(_to_caller(upstream, send))
    try:
        await asyncio.wait((to_studio, to_caller), return_when=asyncio.FIRST_COMPLETED)
    finally:
        for task in (to_studio, to_caller):
            task.cancel()
        await asyncio.gather(to_studio, to_caller, return_exceptions=True)
        await upstream.close()


async def _to_studio(upstream: ClientConnection, receive: Receive) -> None:
    while True:
        message = await receive()
        if message["type"] == "websocket.receive":
            data = message.get("bytes")
            try:
                await upstream.send(data if data is not None else message.get("text") or "")
            except ConnectionClosed:
                return
        elif message["type"] == "websocket.disconnect":
            code = int(message.get("code") or 1000)
            await upstream.close(code=1000 if code in UNUSABLE_CODES else code)
            return


async def _to_caller(upstream: ClientConnection, send: Send) -> None:
    with contextlib.suppress(ConnectionClosed):
        async for data in upstream:
            if isinstance(data, bytes):
                await send({"type": "websocket.send", "bytes": data})
            else:
                await send({"type": "websocket.send", "text": data})
    code = upstream.close_code
    reason = upstream.close_reason or ""
    if code is None or code in UNUSABLE_CODES:
        code, reason = 1011 if code in (1006, 1015) else 1000, reason
    with contextlib.suppress(Exception):  # the caller may be gone already
        await send({"type": "websocket.close", "code": code, "reason": reason})
