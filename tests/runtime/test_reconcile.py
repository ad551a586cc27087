"""Reconciliation: after the supervising server is SIGKILLed, its studios' processes are found and killed."""

from __future__ import annotations

import json
import signal
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from dss_codestudio_server.runtime import reconcile
from dss_codestudio_server.runtime.procinfo import boot_id, is_running, read_stat
from dss_codestudio_server.runtime.records import ProcessRecord, StudioRecord, record_path, write_record

from tests.support.files import read_json_when_written
from tests.support.processes import assert_all_gone

ROOT = Path(__file__).resolve().parents[2]


def test_reconcile_kills_what_a_killed_server_left_running(tmp_path: Path) -> None:
    state, workspace, logs = tmp_path / "state", tmp_path / "ws", tmp_path / "logs"
    server = subprocess.Popen(
        [sys.executable, "-m", "tests.runtime.supervisor_child", str(state), str(workspace), str(logs)],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert server.stdout is not None
        line = server.stdout.readline()
        pids = json.loads(line)["pids"]
        children = read_json_when_written(workspace / "children.json")
        survivors = [*pids, int(str(children["escaped"])), int(str(children["grandchild"]))]
        server.send_signal(signal.SIGKILL)
        server.wait(timeout=10)
        assert all(is_running(p) for p in survivors), "a SIGKILLed server leaves its studio processes running"

        report = reconcile(state, grace=2.0)
        assert report.studios == ("PROJ/abc1234",)
        killed = {f.pid for f in report.killed}
        assert set(survivors) <= killed
        assert {f.label for f in report.killed if f.pid in pids} == {"Workspace", "Escaper"}
        assert_all_gone(survivors)
        assert not list(state.glob("*.procs.json"))
        assert reconcile(state) == type(report)(), "a second reconciliation finds nothing"
    finally:
        server.kill()
        server.wait(timeout=10)


@pytest.fixture
def bystander() -> Iterator[tuple[int, int]]:
    """An unrelated process, and its start time."""
    process = subprocess.Popen(["sleep", "600"], start_new_session=True)
    try:
        st = read_stat(process.pid)
        assert st is not None
        yield process.pid, st.start_ticks
    finally:
        process.kill()
        process.wait(timeout=10)


def test_reconcile_never_kills_a_process_that_reused_a_recorded_pid(tmp_path: Path, bystander: tuple[int, int]) -> None:
    pid, start_ticks = bystander
    # The same boot, but a start time that is not the bystander's: its pid was "reused".
    old = ProcessRecord("Old", pid, pid, start_ticks - 1, "c")
    write_record(tmp_path, StudioRecord("PROJ/other", boot_id(), "token-of-a-dead-run", (old,)))
    report = reconcile(tmp_path, grace=0.5)
    assert [f.pid for f in report.reused] == [pid]
    assert report.killed == ()
    assert is_running(pid)
    assert not record_path(tmp_path, "PROJ/other").exists()


def test_records_of_another_boot_describe_nothing_alive(tmp_path: Path, bystander: tuple[int, int]) -> None:
    pid, start_ticks = bystander
    old = ProcessRecord("Old", pid, pid, start_ticks, "c")
    write_record(tmp_path, StudioRecord("PROJ/old", "another-boot", "t", (old,)))
    report = reconcile(tmp_path, grace=0.5)
    assert [f.pid for f in report.gone] == [pid]
    assert is_running(pid)
