"""`serve` stopped by SIGTERM (systemd, `docker stop`, a cancelled CI job) or SIGINT shuts down cleanly.

uvicorn re-raises the signal it captured once it has shut down; `serve` turns it into the clean
shutdown: every studio stopped (its files pulled one last time), no process of theirs left, exit 0.
"""

from __future__ import annotations

import signal
from pathlib import Path

import httpx
import pytest

from tests.support.api import finished
from tests.support.ports import free_port
from tests.support.processes import studio_processes
from tests.support.server_process import admin_key, server_process
from tests.support.waiting import wait_until


@pytest.mark.parametrize("stop_signal", [signal.SIGTERM, signal.SIGINT])
def test_a_stop_signal_stops_every_studio_pulls_its_files_and_exits_0(
    tmp_path: Path, stop_signal: signal.Signals
) -> None:
    data, port, log = tmp_path / "data", free_port(), tmp_path / "server.log"
    with server_process(data, port, log, build_step_delay=0) as proc:
        with httpx.Client(
            base_url=f"http://127.0.0.1:{port}/dip/publicapi", auth=(admin_key(log), ""), timeout=60
        ) as api:
            finished(api, api.post("/admin/code-studios/python-workspace/build").json())
            api.post("/projects/", json={"projectKey": "SIG", "name": "s", "owner": "admin"})
            studio = api.post("/projects/SIG/code-studios/", json={"name": "s", "templateId": "python-workspace"})
            path = f"/projects/SIG/code-studios/{studio.json()['codeStudio']['id']}"
            assert finished(api, api.post(f"{path}/restart").json()).json()["result"]["state"] == "RUNNING"
            running = api.get(f"{path}/status").json()
        Path(running["workspacePath"], "project-lib-versioned", "last-words.py").write_text("unsaved = True\n")
        assert studio_processes(data)
        proc.send_signal(stop_signal)
        assert proc.wait(120) == 0, log.read_text()[-2000:]
    assert f"stopped by {stop_signal.name}" in log.read_text()
    wait_until(lambda: not studio_processes(data), timeout=10)
    # The last pull happened: the file is in the project library, recorded as its owner's.
    assert (data / "projects" / "SIG" / "library" / "last-words.py").read_text() == "unsaved = True\n"
