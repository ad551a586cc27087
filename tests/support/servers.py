"""Reference servers for tests, each kind made one way: in process, embedded on a port, or `serve` in a subprocess.

- `InProcessServer` (fixtures `server_factory`, `server`, `http`): an instance and its ASGI app,
  called through httpx's ASGI transport; no port, no thread. The cheapest, for most server tests.
- `embedded(data_dir, ...)` / `start_embedded(...)`: `EmbeddedServer`, uvicorn in a thread on a port
  of 127.0.0.1 (fixture `live_server`, one per module): for real clients (the facade, dataikuapi),
  the studios' proxy and anything that needs sockets.
- `server_process(...)` (tests.support.server_process): `dss-codestudio-server serve` in a
  subprocess, for signals, crashes and the command line.

Every test server checks its answers against openapi.yaml (`TEST_CONFIG`).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import httpx
from dss_codestudio_openapi import AuthenticatedClient
from dss_codestudio_server.config import ServerConfig
from dss_codestudio_server.domain.instance import Instance
from dss_codestudio_server.embedded import EmbeddedServer
from dss_codestudio_server.http import create_app, open_instance

API = "/dip/publicapi"
TEST_CONFIG = ServerConfig(validate_responses=True, future_retention_minutes=5, ide_install=False)
"""Every test server checks its responses against openapi.yaml. It installs no IDE environment (a
template's IDE blocks are skipped with a warning): the IDE tests (tests/ides) install them, once."""


def make_config(data_dir: Path, **overrides: Any) -> ServerConfig:
    """The test configuration on the data directory `data_dir`, with `overrides`."""
    return replace(TEST_CONFIG, data_dir=data_dir, **overrides)


@dataclass
class InProcessServer:
    """A server instance and its ASGI app, with helpers to call it in process."""

    instance: Instance
    app: Any  # the connexion ASGI application, behind the studios' proxy
    admin_key: str
    base_url: str = "http://testserver" + API

    def http(self, key: str | None = None) -> httpx.AsyncClient:
        """An httpx client on the app, authenticated with `key` (the admin's by default; "" for none)."""
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

    def add_user(self, login: str, **kwargs: Any) -> str:
        """Create a user and return its key."""
        return self.instance.users.add_user(login, **kwargs).key


def in_process(config: ServerConfig) -> InProcessServer:
    """A serving instance on `config` (initialised, recovered) and its app; the caller closes `instance`."""
    instance = open_instance(config)
    try:
        key = instance.initialize()
        assert key is not None, "the data directory was not fresh"
        return InProcessServer(instance, create_app(instance, validate_responses=True), key.key)
    except BaseException:
        instance.close()
        raise


def start_embedded(data_dir: Path, *, port: int = 0, **overrides: Any) -> EmbeddedServer:
    """Start an embedded server with the test configuration (and `overrides`) on 127.0.0.1; stop it after."""
    return EmbeddedServer(data_dir, port=port, config=make_config(data_dir, **overrides)).start()


@contextmanager
def embedded(data_dir: Path, *, port: int = 0, **overrides: Any) -> Iterator[EmbeddedServer]:
    """An embedded server (`start_embedded`) for the length of the block."""
    server = start_embedded(data_dir, port=port, **overrides)
    try:
        yield server
    finally:
        server.stop()
