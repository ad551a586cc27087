"""Run a reference server inside the current process, on 127.0.0.1, for tests and quickstarts.

    with EmbeddedServer(tmp_path) as server:
        client = DSSClient(server.url, server.admin_key)

uvicorn serves the application in a background thread on a socket bound before start, so the
port (a free one by default) is known at once. Stopping the server stops its jobs and closes its
database.
"""

from __future__ import annotations

import socket
import threading
import time
from dataclasses import replace
from pathlib import Path
from types import TracebackType

import uvicorn

from dss_codestudio_server.config import ServerConfig
from dss_codestudio_server.domain.instance import Instance
from dss_codestudio_server.http import create_app, open_instance
from dss_codestudio_server.http.connections import uvicorn_options
from dss_codestudio_server.tls import TlsFiles, uvicorn_tls

START_TIMEOUT = 30.0


class EmbeddedServer:
    """A reference server running in a background thread of this process."""

    def __init__(
        self,
        data_dir: Path,
        *,
        port: int = 0,
        host: str = "127.0.0.1",
        config: ServerConfig | None = None,
        tls: TlsFiles | None = None,
    ) -> None:
        self.config = replace(config or ServerConfig(), data_dir=Path(data_dir))
        self.host = host
        self.tls = tls
        self._requested_port = port
        self.port = 0
        self._instance: Instance | None = None
        self._server: uvicorn.Server | None = None
        self._thread: threading.Thread | None = None
        self._session_key: str | None = None
        self.admin_key = ""

    @property
    def url(self) -> str:
        """Return the base URL to give a DSS client (`http://127.0.0.1:<port>`, or https with `tls`)."""
        return f"{'https' if self.tls else 'http'}://{self.host}:{self.port}"

    @property
    def api_url(self) -> str:
        """Return the URL the API is mounted at (`<url>/dip/publicapi`)."""
        return f"{self.url}/dip/publicapi"

    @property
    def instance(self) -> Instance:
        """Return the running instance's services (for tests that look behind the API)."""
        if self._instance is None:
            raise RuntimeError("the server is not running")
        return self._instance

    def start(self) -> EmbeddedServer:
        """Start serving; returns once the server accepts connections."""
        if self._server is not None:
            raise RuntimeError("the server is already running")
        instance = open_instance(self.config)
        try:
            new = instance.initialize()
            if new is None:
                admin = next(u for u in instance.users.all_users() if u.is_admin)
                new = instance.users.add_key(admin.login, "embedded server session")
                self._session_key = new.key
            self.admin_key = new.key
            sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            sock.bind((self.host, self._requested_port))
            self.port = sock.getsockname()[1]
            server = uvicorn.Server(
                uvicorn.Config(
                    create_app(instance),
                    log_level="warning",
                    lifespan="off",
                    access_log=False,
                    **uvicorn_tls(self.tls),
                    **uvicorn_options(self.config.connections),
                )
            )
            thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, name="dss-codestudio-server")
            thread.daemon = True
            thread.start()
        except BaseException:
            instance.close()
            raise
        self._instance, self._server, self._thread = instance, server, thread
        deadline = time.monotonic() + START_TIMEOUT
        while not server.started:
            if not thread.is_alive() or time.monotonic() > deadline:
                self.stop()
                raise RuntimeError("the embedded server did not start")
            time.sleep(0.01)
        return self

    def stop(self) -> None:
        """Stop serving, stop running jobs and close the database."""
        if self._server is not None:
            self._server.should_exit = True
        if self._thread is not None:
            self._thread.join(START_TIMEOUT)
        if self._instance is not None:
            if self._session_key:
                self._instance.users.revoke_key(self._session_key)
            self._instance.close()
        self._instance, self._server, self._thread, self._session_key = None, None, None, None

    def __enter__(self) -> EmbeddedServer:
        return self.start()

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.stop()
