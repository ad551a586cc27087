"""Fixtures of the facade's integration tests: the real reference server, and facade clients on it.

Each test body runs twice, with the sync `DSSClient` and with the `AsyncDSSClient` (the `kind`
fixture of the facade's unit tests), and `await resolve(...)`s every facade call. The server is the
suite's `live_server` (uvicorn on 127.0.0.1 on a free port, one per module), so tests make their
own projects, templates and users under fresh names instead of relying on an empty server.
The helpers are in tests.support.live_facade.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from dss_codestudio_server.embedded import EmbeddedServer

# The facade's client factory and its `kind` (sync or async) parametrisation, shared with its unit tests.
from tests.support.facade_clients import clock, fake, kind, make_client
from tests.support.live_facade import client, live
from tests.support.servers import start_embedded

__all__ = ["client", "clock", "fake", "kind", "live", "make_client"]


@pytest.fixture(scope="module")
def slow_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[EmbeddedServer]:
    """A live server whose uncached build steps take seconds, so builds are still running when tests look.

    Tests abort the builds they start; stopping the server aborts any left.
    """
    server = start_embedded(tmp_path_factory.mktemp("slow") / "data", build_step_delay=5.0)
    try:
        yield server
    finally:
        server.stop()
