"""Fixtures of the hardening tests: a live reference server per module, and principals of every kind."""

from __future__ import annotations

import base64
from collections.abc import Iterator
from dataclasses import replace

import pytest
from dss_codestudio_server.embedded import EmbeddedServer

from tests.support.servers import TEST_CONFIG


def basic(key: str) -> dict[str, str]:
    """The Authorization header dataikuapi sends: the key as the basic user name, an empty password."""
    return {"Authorization": "Basic " + base64.b64encode(f"{key}:".encode()).decode()}


@pytest.fixture(scope="module")
def embedded(tmp_path_factory: pytest.TempPathFactory) -> Iterator[EmbeddedServer]:
    """A reference server on 127.0.0.1 (uvicorn in a thread), shared by the tests of a module."""
    data = tmp_path_factory.mktemp("hardening") / "data"
    with EmbeddedServer(data, config=replace(TEST_CONFIG, data_dir=data)) as server:
        yield server
