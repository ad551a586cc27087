"""Fixtures of the runtime tests: a runtime in a temporary folder, and a check that no process outlives a test."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from dss_codestudio_server.runtime import LocalRuntime, PodSpec

from tests.support.processes import studio_processes
from tests.support.waiting import wait_until


@pytest.fixture(autouse=True)
def no_process_survives(tmp_path: Path) -> Iterator[None]:
    """Every test stops every studio process it started, children included (only its own: below tmp_path)."""
    yield
    wait_until(lambda: not studio_processes(tmp_path), what="studio processes to be gone")


@pytest.fixture
def pod(tmp_path: Path) -> PodSpec:
    return PodSpec("PROJ", "abc1234", tmp_path / "workspace", tmp_path / "logs", versioned_location="/ws/versioned")


@pytest.fixture
def runtime(tmp_path: Path) -> Iterator[LocalRuntime]:
    rt = LocalRuntime(tmp_path / "runtime-state")
    yield rt
    rt.stop_all(grace=1.0)  # a failing test must not leave processes behind
