"""Helpers for the runtime tests: a runtime in a temporary folder, and checks that processes are gone."""

from __future__ import annotations

import json
import os
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from dss_codestudio_server.runtime import RUN_TOKEN_VAR, LocalRuntime, PodSpec
from dss_codestudio_server.runtime.procinfo import all_pids, is_running

DEADLINE = 20.0


def wait_for(condition: Callable[[], bool], timeout: float = DEADLINE, what: str = "condition") -> None:
    """Poll `condition` until it holds, failing after `timeout` seconds."""
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        time.sleep(0.02)


def read_json_when_written(path: Path) -> dict[str, object]:
    wait_for(lambda: path.exists() and path.read_text().endswith("}"), what=f"{path.name} to be written")
    data = json.loads(path.read_text())
    assert isinstance(data, dict)
    return data


def assert_all_gone(pids: list[int]) -> None:
    wait_for(lambda: not any(is_running(p) for p in pids), what=f"processes {pids} to be gone")


def studio_processes(root: Path) -> set[int]:
    """Live processes carrying a studio run token and working below `root` (a test's folder).

    Processes of other tests (another pytest worker's studios) work in other folders: they are
    not this test's to stop, and may outlive it.
    """
    marker = RUN_TOKEN_VAR.encode() + b"="
    root = root.resolve()
    found = set()
    for pid in all_pids():
        try:
            with open(f"/proc/{pid}/environ", "rb") as f:
                env = f.read()
            cwd = Path(os.readlink(f"/proc/{pid}/cwd"))
        except OSError:
            continue
        if (env.startswith(marker) or b"\0" + marker in env) and cwd.is_relative_to(root) and is_running(pid):
            found.add(pid)
    return found


@pytest.fixture(autouse=True)
def no_process_survives(tmp_path: Path) -> Iterator[None]:
    """Every test stops every studio process it started, children included."""
    yield
    wait_for(lambda: not studio_processes(tmp_path), what="studio processes to be gone")


@pytest.fixture
def pod(tmp_path: Path) -> PodSpec:
    return PodSpec("PROJ", "abc1234", tmp_path / "workspace", tmp_path / "logs", versioned_location="/ws/versioned")


@pytest.fixture
def runtime(tmp_path: Path) -> Iterator[LocalRuntime]:
    rt = LocalRuntime(tmp_path / "runtime-state")
    yield rt
    rt.stop_all(grace=1.0)  # a failing test must not leave processes behind
