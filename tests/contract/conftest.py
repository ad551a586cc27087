"""The server the schemathesis runs test: the reference server on a live port, one per test module.

Named `live_contract_server`: `server` is the suite's in-process server, which `http` (used by
test_found_by_contract.py) is made from.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from dss_codestudio_server.embedded import EmbeddedServer

from tests.support.processes import studio_processes
from tests.support.servers import embedded


@pytest.fixture(scope="module")
def live_contract_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[EmbeddedServer]:
    data = tmp_path_factory.mktemp("contract") / "data"
    with embedded(data) as server:
        yield server
    # The server stops every studio on shutdown, those the run started included.
    assert studio_processes(data) == set()
