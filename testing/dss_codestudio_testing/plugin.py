"""The pytest plugin (registered through the `pytest11` entry point): reference DSS servers as fixtures.

Fixtures:

- `dss_server`: a fresh server for one test, its data under the test's `tmp_path`.
- `dss_session_server`: one server shared by the whole session (faster; tests share its state).
- `dss_client` / `dss_session_client`: an administrator `DSSClient` of those servers.
- `dss_async_client`: an administrator `AsyncDSSClient` of `dss_server` (an async fixture: run the
  test with anyio, `@pytest.mark.anyio`, or pytest-asyncio).
- `dss_server_config`: the `ServerConfig` the servers start with; override it in a conftest.py.

Nothing is imported from the server until a fixture is used, so the plugin costs nothing to tests
that do not use it.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from dss_codestudio import AsyncDSSClient, DSSClient

from ._server import DSSTestServer, default_config

if TYPE_CHECKING:
    from dss_codestudio_server.config import ServerConfig


@pytest.fixture(scope="session")
def dss_server_config() -> ServerConfig:
    """The configuration of the servers the fixtures start (override it to change it).

    Responses are checked against openapi.yaml, and finished futures are kept 5 minutes.
    """
    return default_config()


@pytest.fixture
def dss_server(tmp_path: Path, dss_server_config: ServerConfig) -> Iterator[DSSTestServer]:
    """A fresh reference DSS server for this test, on a free port of 127.0.0.1, its data in `tmp_path`."""
    with DSSTestServer(tmp_path / "dss-server", config=dss_server_config) as server:
        yield server


@pytest.fixture(scope="session")
def dss_session_server(
    tmp_path_factory: pytest.TempPathFactory, dss_server_config: ServerConfig
) -> Iterator[DSSTestServer]:
    """A reference DSS server shared by every test of the session; stopped at its end."""
    with DSSTestServer(tmp_path_factory.mktemp("dss-session-server"), config=dss_server_config) as server:
        yield server


@pytest.fixture
def dss_client(dss_server: DSSTestServer) -> DSSClient:
    """An administrator `DSSClient` of `dss_server`."""
    return dss_server.client()


@pytest.fixture
def dss_session_client(dss_session_server: DSSTestServer) -> DSSClient:
    """An administrator `DSSClient` of `dss_session_server`."""
    return dss_session_server.client()


@pytest.fixture
async def dss_async_client(dss_server: DSSTestServer) -> AsyncIterator[AsyncDSSClient]:
    """An administrator `AsyncDSSClient` of `dss_server` (an async fixture: anyio or pytest-asyncio)."""
    async with dss_server.async_client() as client:
        yield client
