"""A server killed with SIGKILL (mid-build, or with a studio running) starts again with nothing lost or left running."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import sys
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from dss_codestudio_server.runtime import reconcile

from tests.support.api import finished
from tests.support.ports import reserved_port
from tests.support.processes import studio_processes
from tests.support.sandbox import machine_sandbox
from tests.support.server_process import admin_key, server_process
from tests.support.waiting import wait_until

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL")


@pytest.fixture
def port() -> Iterator[int]:
    """The server's port, kept for it while it is down (killed, then restarted)."""
    with reserved_port() as reserved:
        yield reserved


def test_sigkill_during_a_build_leaves_data_intact_and_fails_the_build_future(tmp_path: Path, port: int) -> None:
    data, log = tmp_path / "data", tmp_path / "server.log"
    base = f"http://127.0.0.1:{port}/dip/publicapi"
    with server_process(data, port, log) as proc:
        key = next(
            line.split(": ", 1)[1] for line in log.read_text().splitlines() if line.startswith("admin API key: ")
        )
        api = httpx.Client(base_url=base, auth=(key, ""), timeout=10)
        first = api.post("/admin/code-studios/python-workspace/build").json()
        wait_until(
            lambda: api.get(f"/futures/{first['jobId']}", params={"peek": "true"}).json()["hasResult"], timeout=30
        )
        output = data / "builds"
        current = next(output.glob("*/current"))
        published = os.readlink(current)
        last_built = api.get("/admin/code-studios/").json()[0]["lastBuilt"]
        api.post("/projects/", json={"projectKey": "KEPT", "name": "k", "owner": "admin"})
        api.post("/projects/KEPT/libraries/contents/a.py", content=b"print('kept')\n")

        second = api.post("/admin/code-studios/python-workspace/build", params={"withNoCache": "True"}).json()

        def in_second_step() -> bool:
            state = api.get(f"/futures/{second['jobId']}", params={"peek": "true"}).json()
            return state["alive"] and state["progress"]["states"][0]["name"].startswith("Step 2/")

        wait_until(in_second_step, timeout=30)
        assert list(current.parent.glob(".staging-*")), "the killed build must be mid-way"
        proc.send_signal(signal.SIGKILL)
        proc.wait(20)
        api.close()

    with sqlite3.connect(data / "server.db") as db:
        assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"

    with server_process(data, port, log):
        api = httpx.Client(base_url=base, auth=(key, ""), timeout=10)
        failed = api.get(f"/futures/{second['jobId']}")
        assert failed.status_code == 500
        assert failed.json()["message"] == "The server stopped while this job was running"
        assert api.get(f"/futures/{first['jobId']}").json()["result"]["messages"]["error"] is False
        # The previous output is still the published one, whole; the killed build left nothing behind.
        assert os.readlink(current) == published
        entrypoints = json.loads((current / "entrypoints.json").read_text())
        assert entrypoints["entrypoints"][0]["label"] == "Workspace browser"
        assert (current / "Dockerfile").read_text().count("FROM ") == 1
        assert not list(current.parent.glob(".staging-*"))
        assert api.get("/admin/code-studios/").json()[0]["lastBuilt"] == last_built
        assert api.get("/projects/KEPT/libraries/contents/a.py").json()["data"] == "print('kept')\n"
        # And the template builds again.
        third = api.post("/admin/code-studios/python-workspace/build").json()
        wait_until(
            lambda: api.get(f"/futures/{third['jobId']}", params={"peek": "true"}).json()["hasResult"], timeout=30
        )
        assert os.readlink(current) != published
        api.close()


def test_sigkill_while_a_studio_runs_leaves_no_process_and_loses_no_file(tmp_path: Path, port: int) -> None:
    data, log = tmp_path / "data", tmp_path / "server.log"
    base = f"http://127.0.0.1:{port}/dip/publicapi"
    try:
        with server_process(data, port, log, build_step_delay=0) as proc:
            api = httpx.Client(base_url=base, auth=(admin_key(log), ""), timeout=30)
            finished(api, api.post("/admin/code-studios/python-workspace/build").json())
            api.post("/projects/", json={"projectKey": "KEPT", "name": "k", "owner": "admin"})
            api.post("/projects/KEPT/libraries/contents/lib.py", content=b"from the library\n")
            studio = api.post("/projects/KEPT/code-studios/", json={"name": "s", "templateId": "python-workspace"})
            path = f"/projects/KEPT/code-studios/{studio.json()['codeStudio']['id']}"
            start = api.post(f"{path}/restart").json()
            assert finished(api, start).json()["result"]["state"] == "RUNNING"
            running = api.get(f"{path}/status").json()
            workspace = Path(running["workspacePath"])
            (workspace / "project-lib-versioned" / "unsaved.py").write_text("written in the studio\n")
            url = f"http://127.0.0.1:{port}/{running['exposed'][0]['url']}"
            assert httpx.get(url + "project-lib-versioned/lib.py", auth=api.auth).text == "from the library\n"
            proc.send_signal(signal.SIGKILL)
            proc.wait(20)
            api.close()
        if machine_sandbox() is not None:
            # Sandboxed, the studio's processes die with the server (bubblewrap's --die-with-parent)...
            wait_until(lambda: not studio_processes(data), timeout=10)
        else:
            # ...unsandboxed, they outlive it (they have their own sessions)...
            assert studio_processes(data)
        with server_process(data, port, log, build_step_delay=0):
            # ...until the next start kills them, before it answers anything.
            assert not studio_processes(data)
            api = httpx.Client(base_url=base, auth=(admin_key(log), ""), timeout=30)
            after = api.get(f"{path}/status").json()
            assert (after["state"], after["exposed"], after["syncedZones"]) == ("STOPPED", [], [])
            assert after["lastStateChange"] > running["lastStateChange"]
            assert api.get(f"/futures/{start['jobId']}").status_code == 200  # the start had ended: kept
            # Its files stay where they were, and the next start and stop synchronise them.
            assert (workspace / "project-lib-versioned" / "unsaved.py").read_text() == "written in the studio\n"
            assert finished(api, api.post(f"{path}/restart").json()).json()["result"]["state"] == "RUNNING"
            stopped = finished(api, api.post(f"{path}/stop").json()).json()["result"]
            assert ["unsaved.py"] in [z["added"] for z in stopped["pulled"].values()]
            assert api.get("/projects/KEPT/libraries/contents/unsaved.py").json()["data"] == "written in the studio\n"
            assert api.get("/projects/KEPT/libraries/contents/lib.py").json()["data"] == "from the library\n"
            api.close()
        with sqlite3.connect(data / "server.db") as db:
            assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    finally:
        reconcile(data / "runtime", grace=1)  # a failing test must not leave the studio's processes behind
