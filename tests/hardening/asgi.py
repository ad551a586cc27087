"""Calling the server's ASGI application directly, counting the bytes of the body it reads.

httpx's ASGI transport hands the whole body over whatever the application does; here the body is
offered in chunks, as a server gives it, and the test knows how much of it the application took.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

import anyio

from tests.support.servers import API

CHUNK = 64 * 1024


@dataclass
class Answer:
    """What the application answered, and how many bytes of the request body it read."""

    status: int = 0
    body: bytes = b""
    read: int = 0
    headers: dict[str, str] = field(default_factory=dict)

    def json(self) -> Any:
        return json.loads(self.body)


async def call(app: Any, method: str, path: str, *, headers: dict[str, str], body: bytes) -> Answer:
    """Send one request to `app` (path below the API's base), its body in 64 KiB chunks."""
    answer = Answer()
    view = memoryview(body)
    offset = 0
    done = anyio.Event()

    async def receive() -> dict[str, Any]:
        nonlocal offset
        if offset < len(view) or (offset == 0 and not view):
            chunk = bytes(view[offset : offset + CHUNK])
            offset += len(chunk) or 1
            answer.read += len(chunk)
            return {"type": "http.request", "body": chunk, "more_body": offset < len(view)}
        await done.wait()  # as a server does: the client is there until the answer is sent
        return {"type": "http.disconnect"}

    async def send(message: dict[str, Any]) -> None:
        if message["type"] == "http.response.start":
            answer.status = message["status"]
            answer.headers = {k.decode().lower(): v.decode() for k, v in message.get("headers", [])}
        elif message["type"] == "http.response.body":
            answer.body += message.get("body", b"")
            if not message.get("more_body", False):
                done.set()

    full = API + path
    raw_headers = [(k.lower().encode(), v.encode()) for k, v in headers.items()]
    raw_headers.append((b"content-length", str(len(body)).encode()))
    scope = {
        "type": "http",
        "asgi": {"version": "3.0"},
        "http_version": "1.1",
        "method": method,
        "scheme": "http",
        "path": full,
        "raw_path": full.encode(),
        "query_string": b"",
        "root_path": "",
        "headers": raw_headers,
        "client": ("127.0.0.1", 50000),
        "server": ("testserver", 80),
    }
    await app(scope, receive, send)
    return answer
