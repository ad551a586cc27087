"""A studio that never answers a WebSocket's close frame holds the proxy's relay a bounded time only.

code-server's extension host, closed by a browser while it starts, does not answer: the relay then
waited websockets' default 10 s for the close handshake, and the server's shutdown behind it (seen as
a 10 s teardown of the real export's VS Code test). The studio here is a raw TCP server that accepts
the WebSocket handshake and then reads and ignores every frame, the close frame included.
"""

from __future__ import annotations

import asyncio
import base64
import hashlib
import time
from collections.abc import AsyncIterator

import pytest
from dss_codestudio_server.proxy.forward_ws import CLOSE_TIMEOUT, open_upstream, relay
from starlette.types import Message

pytestmark = pytest.mark.anyio
GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11"


async def _deaf_studio(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
    head = await reader.readuntil(b"\r\n\r\n")
    key = next(
        line.split(b":", 1)[1].strip() for line in head.split(b"\r\n") if line.lower().startswith(b"sec-websocket-key")
    )
    accept = base64.b64encode(hashlib.sha1(key + GUID.encode()).digest())
    writer.write(
        b"HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
        b"Sec-WebSocket-Accept: " + accept + b"\r\n\r\n"
    )
    await writer.drain()
    while await reader.read(65536):  # every frame ignored, the close frame too
        pass
    writer.close()


@pytest.fixture
async def deaf_studio() -> AsyncIterator[int]:
    server = await asyncio.start_server(_deaf_studio, "127.0.0.1", 0)
    async with server:
        yield int(server.sockets[0].getsockname()[1])


async def test_a_studio_that_does_not_answer_the_close_frame_holds_the_relay_briefly(deaf_studio: int) -> None:
    upstream = await open_upstream(
        deaf_studio, "/ws", host=None, origin=None, subprotocols=[], headers=[("X-Test", "1")]
    )
    assert upstream is not None, "the studio accepted the handshake"
    sent: list[Message] = []

    async def receive() -> Message:
        return {"type": "websocket.disconnect", "code": 1001}  # the browser went away

    async def send(message: Message) -> None:
        sent.append(message)

    began = time.monotonic()
    await asyncio.wait_for(relay(upstream, receive, send), timeout=CLOSE_TIMEOUT * 3)
    assert time.monotonic() - began < CLOSE_TIMEOUT * 3, "not websockets' default 10 s"
    assert upstream.close_code is not None, "the studio's side is closed"
