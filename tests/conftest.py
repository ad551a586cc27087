"""Fixtures the whole suite can share: reference servers, in process or on a live port.

The helpers themselves live in `tests.support` (servers, api, studios, waiting, processes, paths,
files, ci); this file only makes fixtures of them. Test modules import helpers from there, never
from a conftest.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable, Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from dss_codestudio_server.domain.instance import Instance
from dss_codestudio_server.embedded import EmbeddedServer

from tests.support.servers import InProcessServer, embedded, in_process, make_config


@pytest.fixture
def server_factory(tmp_path: Path) -> Iterator[Callable[..., InProcessServer]]:
    """Build in-process servers with configuration overrides; all are closed after the test."""
    made: list[Instance] = []

    def factory(**overrides: Any) -> InProcessServer:
        server = in_process(make_config(tmp_path / "data", **overrides))
        made.append(server.instance)
        return server

    yield factory
    for instance in made:
        instance.close()


@pytest.fixture
def server(server_factory: Callable[..., InProcessServer]) -> InProcessServer:
    """An in-process server on a fresh data directory."""
    return server_factory()


@pytest.fixture
async def http(server: InProcessServer) -> AsyncIterator[httpx.AsyncClient]:
    """An admin httpx client on the in-process server."""
    async with server.http() as client:
        yield client


@pytest.fixture
def anyio_backend() -> str:
    return "asyncio"


@pytest.fixture(scope="module")
def live_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[EmbeddedServer]:
    """A server on 127.0.0.1 on a free port (uvicorn in a background thread), shared by a module."""
    with embedded(tmp_path_factory.mktemp("live") / "data") as server:
        yield server
