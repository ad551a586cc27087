"""A reference DSS server for tests, on a free port of 127.0.0.1, with helpers for users, keys and clients."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING

from dss_codestudio import AsyncDSSClient, DSSClient

if TYPE_CHECKING:
    from dss_codestudio_server.config import ServerConfig
    from dss_codestudio_server.embedded import EmbeddedServer

SERVER_EXTRA = "pip install 'dss-codestudio[server]'"


class ServerNotInstalledError(RuntimeError):
    """The reference server (the `server` extra of dss-codestudio) is not installed."""


def _embedded() -> type[EmbeddedServer]:
    try:
        from dss_codestudio_server.embedded import EmbeddedServer
    except ImportError as exc:
        raise ServerNotInstalledError(
            f"the dss-codestudio fixtures need the reference server ({exc}): {SERVER_EXTRA}"
        ) from exc
    return EmbeddedServer


def default_config() -> ServerConfig:
    """Return the configuration test servers use unless told otherwise (responses checked against the spec)."""
    try:
        from dss_codestudio_server.config import ServerConfig
    except ImportError as exc:
        raise ServerNotInstalledError(f"the reference server is not installed ({exc}): {SERVER_EXTRA}") from exc
    return ServerConfig(validate_responses=True, future_retention_minutes=5)


class DSSTestServer:
    """A reference DSS code-studio server for a test: its URL, an administrator key, users and clients.

    `add_user("alice")` returns a new user's API key; `client()` is a `DSSClient` (the
    administrator's, or a user's with `api_key=`) that the server closes when it stops.
    """

    def __init__(self, data_dir: Path, *, config: ServerConfig | None = None, port: int = 0) -> None:
        self.data_dir = Path(data_dir)
        base = config if config is not None else default_config()
        self._server = _embedded()(self.data_dir, port=port, config=replace(base, data_dir=self.data_dir))
        self._clients: list[DSSClient] = []

    @property
    def url(self) -> str:
        """The base URL to give a client: `http://127.0.0.1:<port>`."""
        return self._server.url

    @property
    def port(self) -> int:
        """The port the server listens on (127.0.0.1)."""
        return self._server.port

    @property
    def admin_key(self) -> str:
        """An API key of the instance administrator."""
        return self._server.admin_key

    @property
    def embedded(self) -> EmbeddedServer:
        """The underlying `EmbeddedServer` (its `instance` gives the server's services, for white-box tests)."""
        return self._server

    @property
    def admin_login(self) -> str:
        """The login of the instance administrator."""
        return next(u.login for u in self._server.instance.users.all_users() if u.is_admin)

    def start(self) -> DSSTestServer:
        """Start serving; returns once the server accepts connections."""
        self._server.start()
        return self

    def stop(self) -> None:
        """Close the clients made by `client()`, then stop the server, its jobs and its code studios."""
        for client in self._clients:
            client.close()
        self._clients.clear()
        self._server.stop()

    def __enter__(self) -> DSSTestServer:
        return self.start()

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.stop()

    def add_user(
        self,
        login: str,
        *,
        admin: bool = False,
        may_create_projects: bool = False,
        groups: tuple[str, ...] = (),
        display_name: str | None = None,
    ) -> str:
        """Create a user and return its first API key."""
        return self._server.instance.users.add_user(
            login, admin=admin, may_create_projects=may_create_projects, groups=groups, display_name=display_name
        ).key

    def add_code_env(
        self, name: str, *, lang: str = "PYTHON", python: str | None = None, packages: tuple[str, ...] = ()
    ) -> None:
        """Declare a code env, as `dss-codestudio server add-code-env` does.

        Templates' `add_codeenv` blocks, imports' `codeEnvRemapping` and project settings may then name it.
        """
        self._server.instance.code_envs.declare(self.admin_login, lang, name, python=python, packages=list(packages))

    def add_key(self, login: str, label: str = "") -> str:
        """Create another API key for a user and return it."""
        return self._server.instance.users.add_key(login, label).key

    def client(self, api_key: str | None = None, *, max_retries: int = 0, timeout: float = 60.0) -> DSSClient:
        """Return a `DSSClient` of this server (the administrator's unless `api_key`), closed when the server stops.

        Retries are off by default: a test should see the first failure.
        """
        client = DSSClient(self.url, api_key or self.admin_key, max_retries=max_retries, timeout=timeout)
        self._clients.append(client)
        return client

    def async_client(
        self, api_key: str | None = None, *, max_retries: int = 0, timeout: float = 60.0
    ) -> AsyncDSSClient:
        """Return an `AsyncDSSClient` of this server; use it with `async with` (it must be closed in its loop)."""
        return AsyncDSSClient(self.url, api_key or self.admin_key, max_retries=max_retries, timeout=timeout)

    def __repr__(self) -> str:
        return f"DSSTestServer({self.url}, data_dir={str(self.data_dir)!r})"


@contextmanager
def running_server(data_dir: Path, *, config: ServerConfig | None = None, port: int = 0) -> Iterator[DSSTestServer]:
    """Run a reference server for the duration of a `with` block (outside pytest too)."""
    with DSSTestServer(data_dir, config=config, port=port) as server:
        yield server
