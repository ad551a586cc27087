"""Which processes of this machine a test started: to check that none outlives the test.

Other test sessions on the machine (another pytest worker, another checkout's suite) run studios
too: a test counts only the processes working below its own folders.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from pathlib import Path

import pytest
from dss_codestudio_server.runtime import RUN_TOKEN_VAR
from dss_codestudio_server.runtime.procinfo import all_pids, is_running

from tests.support.waiting import DEADLINE, wait_until


def studio_processes(root: Path) -> set[int]:
    """Live processes carrying a studio run token and working below `root` (a test's folder)."""
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


def processes_with(marker: str, *, but: tuple[bytes, ...] = (b"setsid", b" -c ")) -> list[int]:
    """Live processes whose command line holds `marker` (not those holding one of `but`: their launchers)."""
    found = []
    for pid in all_pids():
        try:
            with open(f"/proc/{pid}/cmdline", "rb") as f:
                cmdline = f.read().replace(b"\0", b" ")
        except OSError:
            continue
        if marker.encode() in cmdline and not any(b in cmdline for b in but) and is_running(pid):
            found.append(pid)
    return found


def assert_all_gone(pids: Iterable[int], *, timeout: float = DEADLINE) -> None:
    """Wait until none of `pids` runs any more; fail after `timeout` seconds."""
    pids = list(pids)
    wait_until(lambda: not any(is_running(p) for p in pids), timeout=timeout, what=f"processes {pids} to be gone")


@pytest.fixture(autouse=True)
def no_studio_process_survives(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """Fail a test that leaves a studio process of this test session behind (for a suite's conftest)."""
    session = tmp_path_factory.getbasetemp()
    before = studio_processes(session)
    yield
    wait_until(lambda: not (studio_processes(session) - before), timeout=10, what="the test's studio processes to end")
