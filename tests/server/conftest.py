"""Every server test stops every studio process it started, children included."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.support.processes import studio_processes
from tests.support.waiting import wait_until


@pytest.fixture(autouse=True)
def no_studio_process_survives(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """Fail a test that leaves a studio process of this test session behind."""
    session = tmp_path_factory.getbasetemp()
    before = studio_processes(session)
    yield
    wait_until(lambda: not (studio_processes(session) - before), timeout=10)
