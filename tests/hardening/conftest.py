"""Fixtures of the hardening tests: a live reference server per module, and principals of every kind."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from dss_codestudio_server.embedded import EmbeddedServer

from tests.support.servers import embedded as embedded_server


@pytest.fixture(scope="module")
def embedded(tmp_path_factory: pytest.TempPathFactory) -> Iterator[EmbeddedServer]:
    """A reference server on 127.0.0.1 (uvicorn in a thread), shared by the tests of a module."""
    with embedded_server(tmp_path_factory.mktemp("hardening") / "data") as server:
        yield server
