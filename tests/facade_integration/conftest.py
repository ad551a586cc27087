"""Fixtures of the facade's integration tests: the real reference server, and facade clients on it.

Each test body runs twice, with the sync `DSSClient` and with the `AsyncDSSClient` (the `kind`
fixture of the facade's unit tests), and `await resolve(...)`s every facade call. The server is the
suite's `live_server` (uvicorn on 127.0.0.1 on a free port, one per module), so tests make their
own projects, templates and users under fresh names instead of relying on an empty server.
"""

from __future__ import annotations

import secrets
import sqlite3
import time
from collections.abc import AsyncIterable, Callable, Iterable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import anyio
import httpx
import pytest
from dss_codestudio_server.embedded import EmbeddedServer

# The facade's client factory and its `kind` (sync or async) parametrisation, shared with its unit tests.
from tests.support.facade_clients import ClientFactory, clock, fake, kind, make_client, resolve
from tests.support.servers import TEST_CONFIG

__all__ = ["clock", "fake", "kind", "make_client"]


def unique(prefix: str) -> str:
    """A fresh name: tests share their module's server."""
    return prefix + secrets.token_hex(4).upper()


async def collect(chunks: Iterable[bytes] | AsyncIterable[bytes]) -> bytes:
    """The bytes of a sync or async iterator of chunks."""
    if isinstance(chunks, AsyncIterable):
        return b"".join([chunk async for chunk in chunks])
    return b"".join(chunks)


async def eventually(call: Callable[[], Any], until: Callable[[Any], bool], timeout: float = 20.0) -> Any:
    """Make a facade call until its value satisfies `until`; return that value, or fail after `timeout` s."""
    deadline = time.monotonic() + timeout
    while True:
        value = await resolve(call())
        if until(value):
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"still {value!r} after {timeout} s")
        await anyio.sleep(0.02)


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


def start_server(data_dir: Path, *, port: int = 0, **overrides: Any) -> EmbeddedServer:
    """Start a reference server with the test configuration (and `overrides`) on 127.0.0.1."""
    config = replace(TEST_CONFIG, data_dir=data_dir, **overrides)
    return EmbeddedServer(data_dir, port=port, config=config).start()


@pytest.fixture(scope="module")
def slow_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[EmbeddedServer]:
    """A live server whose uncached build steps take seconds, so builds are still running when tests look.

    Tests abort the builds they start; stopping the server aborts any left.
    """
    server = start_server(tmp_path_factory.mktemp("slow") / "data", build_step_delay=5.0)
    try:
        yield server
    finally:
        server.stop()
