"""Fixtures the whole suite can share: reference servers, in process or on a live port."""

from __future__ import annotations

import time
from collections.abc import AsyncIterator, Callable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import httpx
import pytest
from dss_codestudio_openapi import AuthenticatedClient
from dss_codestudio_server.config import ServerConfig
from dss_codestudio_server.domain.instance import Instance
from dss_codestudio_server.embedded import EmbeddedServer
from dss_codestudio_server.http import create_app, open_instance

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
REAL_EXPORT = SHARED / "fixtures" / "real-template-exports" / "dss_code_studio_template_infra.zip"
API = "/dip/publicapi"
# Every test server checks its responses against openapi.yaml. It installs no IDE environment (a
# template's IDE blocks are skipped with a warning): the IDE tests (tests/ides) install them, once.
TEST_CONFIG = ServerConfig(validate_responses=True, future_retention_minutes=5, ide_install=False)


def wait_until(condition: Callable[[], object], *, timeout: float = 20.0, interval: float = 0.02) -> object:
    """Poll `condition` until it returns something truthy; fail after `timeout` seconds."""
    deadline = time.monotonic() + timeout
    while True:
        value = condition()
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"condition not met within {timeout} s")
        time.sleep(interval)


@dataclass
class InProcessServer:
    """A server instance and its ASGI app, with helpers to call it in process."""

    instance: Instance
    app: Any  # the connexion ASGI application
    admin_key: str
    base_url: str = "http://testserver" + API

    def http(self, key: str | None = None) -> httpx.AsyncClient:
        """An httpx client on the app, authenticated with `key` (the admin's by default)."""
        headers = {"Authorization": f"Bearer {key or self.admin_key}"} if key != "" else {}
        transport = httpx.ASGITransport(app=self.app)
        return httpx.AsyncClient(transport=transport, base_url=self.base_url, headers=headers)

    def client(self, key: str | None = None) -> AuthenticatedClient:
        """The generated client on the app, authenticated with `key` (the admin's by default)."""
        client = AuthenticatedClient(
            base_url=self.base_url, token=key or self.admin_key, raise_on_unexpected_status=True
        )
        client.set_async_httpx_client(self.http(key))
        return client

    def add_user(self, login: str, **kwargs: object) -> str:
        """Create a user and return its key."""
        return self.instance.users.add_user(login, **kwargs).key


def make_config(tmp_path: Path, **overrides: object) -> ServerConfig:
    """The test configuration on a fresh data directory under tmp_path."""
    return replace(TEST_CONFIG, data_dir=tmp_path / "data", **overrides)


@pytest.fixture
def server_factory(tmp_path: Path) -> Iterator[Callable[..., InProcessServer]]:
    """Build in-process servers with configuration overrides; all are closed after the test."""
    made: list[Instance] = []

    def factory(**overrides: object) -> InProcessServer:
        instance = open_instance(make_config(tmp_path, **overrides))
        made.append(instance)
        key = instance.initialize()
        assert key is not None
        return InProcessServer(instance, create_app(instance, validate_responses=True), key.key)

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
    data = tmp_path_factory.mktemp("live") / "data"
    with EmbeddedServer(data, config=replace(TEST_CONFIG, data_dir=data)) as server:
        yield server
