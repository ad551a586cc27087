"""Every server test stops every studio process it started, children included."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.conftest import wait_until
from tests.server.studio_helpers import processes_in


@pytest.fixture(autouse=True)
def no_studio_process_survives(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """Fail a test that leaves a studio process of this test session behind."""
    session = tmp_path_factory.getbasetemp()
    before = processes_in(session)
    yield
    wait_until(lambda: not (processes_in(session) - before), timeout=10)
