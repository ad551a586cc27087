"""Facade clients on a live reference server: `Live` (a server and a factory of clients of one kind),
fresh names, counting transports, and a lock that makes a server's database writes wait. The fixtures
`live` and `client` are made available by the conftest of each suite that uses them.
"""

from __future__ import annotations

import sqlite3
from collections.abc import AsyncIterable, Iterable
from dataclasses import dataclass
from typing import Any

import httpx
import pytest
from dss_codestudio_server.embedded import EmbeddedServer

from tests.support.api import unique
from tests.support.facade_clients import ClientFactory, resolve


async def collect(chunks: Iterable[bytes] | AsyncIterable[bytes]) -> bytes:
    """The bytes of a sync or async iterator of chunks."""
    if isinstance(chunks, AsyncIterable):
        return b"".join([chunk async for chunk in chunks])
    return b"".join(chunks)


class CountingTransport(httpx.HTTPTransport):
    """The real sync transport, counting the requests it sends."""

    def __init__(self) -> None:
        super().__init__()
        self.sent: list[str] = []

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        self.sent.append(f"{request.method} {request.url.path}")
        return super().handle_request(request)


class AsyncCountingTransport(httpx.AsyncHTTPTransport):
    """The real async transport, counting the requests it sends."""

    def __init__(self) -> None:
        super().__init__()
        self.sent: list[str] = []

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        self.sent.append(f"{request.method} {request.url.path}")
        return await super().handle_async_request(request)


def counting(kind: str) -> CountingTransport | AsyncCountingTransport:
    return AsyncCountingTransport() if kind == "async" else CountingTransport()


class DatabaseLock:
    """A write lock held on a server's database: its writes wait (up to SQLite's busy timeout) until released."""

    def __init__(self, server: EmbeddedServer) -> None:
        self._conn = sqlite3.connect(server.instance.db.path, isolation_level=None, timeout=10)
        self._conn.execute("BEGIN IMMEDIATE")
        self._held = True

    def release(self) -> None:
        if self._held:
            self._held = False
            self._conn.execute("ROLLBACK")
            self._conn.close()


@dataclass
class Live:
    """A live reference server and a factory of facade clients of one kind on it."""

    server: EmbeddedServer
    kind: str
    make: ClientFactory

    def client(self, api_key: str | None = None, **options: Any) -> Any:
        """A facade client on the server: the administrator's unless `api_key` is given."""
        return self.make(self.server.url, api_key or self.server.admin_key, mock=False, fake_time=False, **options)

    def add_user(self, prefix: str = "user", **kwargs: Any) -> tuple[str, str]:
        """Create a user with a fresh login on the server; return its login and API key."""
        created = self.server.instance.users.add_user(unique(prefix).lower(), **kwargs)
        return created.login, created.key

    async def new_project(self, owner: str = "admin", **kwargs: Any) -> Any:
        """Create a project with a fresh key through the facade (as the administrator); return its handle."""
        key = unique("P")
        return await resolve(self.client().create_project(key, f"Project {key}", owner, **kwargs))

    async def new_template(self, template_type: str = "block_based") -> Any:
        """Create a template with a fresh label through the facade; return its handle."""
        return await resolve(self.client().create_code_studio_template(unique("Template "), template_type))


@pytest.fixture
def live(live_server: EmbeddedServer, kind: str, make_client: ClientFactory) -> Live:
    """The module's live server, with clients of the kind under test."""
    return Live(live_server, kind, make_client)


@pytest.fixture
def client(live: Live) -> Any:
    """An administrator's client of the kind under test on the live server."""
    return live.client()
