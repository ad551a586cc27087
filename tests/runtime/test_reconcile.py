"""Reconciliation: after the supervising server is SIGKILLed, its studios' processes are found and killed."""

from __future__ import annotations

import json
import signal
import subprocess
import sys
from pathlib import Path

from dss_codestudio_server.runtime import reconcile
from dss_codestudio_server.runtime.procinfo import is_running, read_stat
from dss_codestudio_server.runtime.records import ProcessRecord, StudioRecord, record_path, write_record

from .conftest import assert_all_gone, read_json_when_written

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


def test_reconcile_never_kills_a_process_that_reused_a_recorded_pid(tmp_path: Path) -> None:
    bystander = subprocess.Popen(["sleep", "600"], start_new_session=True)
    try:
        st = read_stat(bystander.pid)
        assert st is not None
        record = StudioRecord(
            "PROJ/other",
            # the same boot, but a start time that is not the bystander's: its pid was "reused"
            Path("/proc/sys/kernel/random/boot_id").read_text().strip(),
            "token-of-a-dead-run",
            (ProcessRecord("Old", bystander.pid, bystander.pid, st.start_ticks - 1, "old command"),),
        )
        write_record(tmp_path, record)
        report = reconcile(tmp_path, grace=0.5)
        assert [f.pid for f in report.reused] == [bystander.pid]
        assert report.killed == ()
        assert is_running(bystander.pid)
        assert not record_path(tmp_path, "PROJ/other").exists()
    finally:
        bystander.kill()
        bystander.wait(timeout=10)


def test_records_of_another_boot_describe_nothing_alive(tmp_path: Path) -> None:
    bystander = subprocess.Popen(["sleep", "600"], start_new_session=True)
    try:
        st = read_stat(bystander.pid)
        assert st is not None
        record = StudioRecord(
            "PROJ/old", "another-boot", "t", (ProcessRecord("Old", bystander.pid, bystander.pid, st.start_ticks, "c"),)
        )
        write_record(tmp_path, record)
        report = reconcile(tmp_path, grace=0.5)
        assert [f.pid for f in report.gone] == [bystander.pid]
        assert is_running(bystander.pid)
    finally:
        bystander.kill()
        bystander.wait(timeout=10)
