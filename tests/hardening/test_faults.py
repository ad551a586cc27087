"""The server killed with SIGKILL in the middle of a studio start, a stop, a push and a pull.

Each test runs `dss-codestudio-server serve` in a subprocess, kills it mid-way through the work,
checks the database file while it is down, starts it again on the same data directory, and checks:

- `PRAGMA integrity_check` is ok;
- the future of the killed work is failed ("The server stopped while this job was running");
- no studio process survives (the restarted server kills what the dead one left before answering);
- the studio is STOPPED, and no half-written file is visible on either side of its zones: every
  file there has the whole content of one version that was written;
- the studio starts again, and a stop brings every file to DSS.

(A SIGKILL during a build is tests/server/test_crash.py's.) A studio process killed from outside
(as the OOM killer would) is noticed and its studio stopped.
"""

from __future__ import annotations

import contextlib
import os
import signal
import sqlite3
import sys
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import anyio
import httpx
import pytest
from dss_codestudio_server.runtime import reconcile
from dss_codestudio_server.zonesync.tempfiles import TEMP_PREFIX

from tests.hardening.settings import LONG
from tests.support.api import finished
from tests.support.ports import reserved_port
from tests.support.processes import studio_processes
from tests.support.sandbox import machine_sandbox
from tests.support.server_process import admin_key, server_process
from tests.support.studios import make_template, zone_of
from tests.support.waiting import wait_until

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL")
SERVER_STOPPED = "The server stopped while this job was running"
FILES = 2500
# The long version kills each kind of work this many times (the kill lands at a different point each time).
ROUNDS = range(10 if LONG else 1)


@dataclass
class Deployment:
    """A server subprocess's data directory, port and log, with a project P and a controlled template."""

    data: Path
    port: int
    log: Path
    template: str = ""

    def client(self) -> httpx.Client:
        base = f"http://127.0.0.1:{self.port}/dip/publicapi"
        return httpx.Client(base_url=base, auth=(admin_key(self.log), ""), timeout=60)

    @contextmanager
    def running(self) -> Iterator[tuple[Any, httpx.Client]]:
        with server_process(self.data, self.port, self.log, build_step_delay=0) as proc, self.client() as api:
            yield proc, api


@pytest.fixture
def port() -> Iterator[int]:
    """The deployment's port, kept for it while its server is down (killed, then restarted)."""
    with reserved_port() as reserved:
        yield reserved


@pytest.fixture
def deployment(tmp_path: Path, port: int) -> Iterator[Deployment]:
    made = Deployment(tmp_path / "data", port, tmp_path / "server.log")
    try:
        with made.running() as (_proc, api):

            async def controlled() -> str:
                async with httpx.AsyncClient(base_url=str(api.base_url), auth=(admin_key(made.log), "")) as http:
                    return await make_template(http, "Controlled")

            made.template = anyio.run(controlled)
            assert api.post("/projects/", json={"projectKey": "P", "name": "P", "owner": "admin"}).status_code == 200
        yield made
    finally:
        reconcile(made.data / "runtime", grace=1)  # a failing test must not leave studio processes behind


def new_studio(api: httpx.Client, template: str) -> tuple[str, dict[str, Any]]:
    created = api.post("/projects/P/code-studios/", json={"name": "s", "templateId": template})
    assert created.status_code == 200, created.text
    path = f"/projects/P/code-studios/{created.json()['codeStudio']['id']}"
    return path, api.get(f"{path}/status").json()


def running_studio(api: httpx.Client, template: str) -> tuple[str, dict[str, Any]]:
    """A new studio, started: its path and its RUNNING status."""
    path, _ = new_studio(api, template)
    assert finished(api, api.post(f"{path}/restart").json()).status_code == 200
    return path, api.get(f"{path}/status").json()


def kill(proc: Any, data: Path) -> None:
    proc.send_signal(signal.SIGKILL)
    proc.wait(20)
    with sqlite3.connect(data / "server.db") as db:
        assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def assert_recovered(api: httpx.Client, data: Path, path: str, killed_job: str | None) -> dict[str, Any]:
    """What every restart after a kill must show; returns the studio's status."""
    assert not studio_processes(data), "the restarted server answered before killing the dead one's studio processes"
    status = api.get(f"{path}/status").json()
    assert (status["state"], status["exposed"], status["syncedZones"]) == ("STOPPED", [], [])
    if killed_job is not None:
        failed = api.get(f"/futures/{killed_job}")
        assert failed.status_code == 500, failed.text
        assert failed.json()["message"] == SERVER_STOPPED
    assert api.get("/futures/", params={"allUsers": "true"}).json() == []
    return status


def start_and_stop(api: httpx.Client, path: str) -> dict[str, Any]:
    """The studio starts again and stops; returns the stop's result."""
    started = finished(api, api.post(f"{path}/restart").json())
    assert started.status_code == 200, started.text
    assert started.json()["result"]["state"] == "RUNNING"
    stopped = finished(api, api.post(f"{path}/stop").json())
    assert stopped.status_code == 200, stopped.text
    result: dict[str, Any] = stopped.json()["result"]
    assert result["state"] == "STOPPED"
    return result


def visible_files(folder: Path) -> dict[str, bytes]:
    """Regular files below a folder, temporaries of copies in flight left out (nobody sees those)."""
    out = {}
    for here, _dirs, files in os.walk(folder):
        for name in files:
            if not name.startswith(TEMP_PREFIX):
                path = Path(here, name)
                out[str(path.relative_to(folder))] = path.read_bytes()
    return out


def content(number: int) -> bytes:
    return f"file {number:05d} ".encode() * 400  # 4.4 kB, distinct per file


def write_many(folder: Path) -> dict[str, bytes]:
    written = {f"bulk/f{n:05d}.txt": content(n) for n in range(FILES)}
    (folder / "bulk").mkdir(parents=True, exist_ok=True)
    for name, data in written.items():
        (folder / name).write_bytes(data)
    return written


def assert_whole(folder: Path, versions: dict[str, bytes]) -> int:
    """Every visible file below `folder` named in `versions` has its whole content; returns how many there are."""
    found = {k: v for k, v in visible_files(folder).items() if k.startswith("bulk/")}
    for name, data in found.items():
        assert data == versions[name], f"{name} is half-written ({len(data)} of {len(versions[name])} bytes)"
    return len(found)


def kill_mid_transfer(
    proc: Any, data: Path, call: Callable[[], object], destination: Path, total: int
) -> tuple[int, BaseException | None]:
    """Make `call` (a push or a pull) in a thread, SIGKILL the server once part of the files arrived."""
    outcome: list[BaseException | None] = [None]

    def run() -> None:
        try:
            call()
        except BaseException as exc:  # the connection dies with the server
            outcome[0] = exc

    thread = threading.Thread(target=run)
    thread.start()
    bulk = destination / "bulk"
    wait_until(lambda: bulk.is_dir() and len(os.listdir(bulk)) >= 50, timeout=60, interval=0.005)
    kill(proc, data)
    thread.join(60)
    arrived = len([n for n in os.listdir(bulk) if not n.startswith(TEMP_PREFIX)])
    assert arrived < total, "the transfer ended before the kill: make it longer"
    return arrived, outcome[0]


@pytest.mark.parametrize("round_", ROUNDS)
def test_sigkill_during_a_studio_start(deployment: Deployment, round_: int) -> None:
    with deployment.running() as (proc, api):
        path, status = new_studio(api, deployment.template)
        workspace = Path(status["workspacePath"])
        workspace.mkdir(parents=True, exist_ok=True)
        (workspace / "gate").touch()  # the entry point waits for "go" before listening: the start stays STARTING
        start = api.post(f"{path}/restart").json()
        wait_until(lambda: (workspace / "env.json").exists() and studio_processes(deployment.data), timeout=60)
        assert api.get(f"{path}/status").json()["state"] == "STARTING"
        kill(proc, deployment.data)
    if machine_sandbox() is not None:  # sandboxed, the studio's processes die with the server...
        wait_until(lambda: not studio_processes(deployment.data), timeout=10)
    else:
        assert studio_processes(deployment.data), "the studio's processes outlive the killed server..."
    with deployment.running() as (_proc, api):
        assert_recovered(api, deployment.data, path, start["jobId"])  # ...or until it starts again
        (workspace / "gate").unlink()
        start_and_stop(api, path)


@pytest.mark.parametrize("round_", ROUNDS)
def test_sigkill_during_a_studio_stop(deployment: Deployment, round_: int) -> None:
    with deployment.running() as (proc, api):
        path, running = running_studio(api, deployment.template)
        workspace = Path(running["workspacePath"])
        versioned = zone_of(running, "code_studio_versioned")
        Path(versioned["studioPath"], "before-stop.txt").write_text("written before the stop\n")
        (workspace / "hold-stop").touch()  # the entry point ignores SIGTERM: the stop stays STOPPING

        stop = api.post(f"{path}/stop").json()

        def terminating() -> bool:
            steps = api.get(f"/futures/{stop['jobId']}", params={"peek": "true"}).json()["progress"]["states"]
            return bool(steps) and steps[0]["name"] == "Stopping entry points"  # no step yet at its very start

        wait_until(terminating, timeout=60)
        kill(proc, deployment.data)
    with deployment.running() as (_proc, api):
        assert_recovered(api, deployment.data, path, stop["jobId"])
        # The first pull of the stop had brought the file to DSS; nothing was lost.
        assert Path(versioned["dssPath"], "before-stop.txt").read_text() == "written before the stop\n"
        (workspace / "hold-stop").unlink()
        start_and_stop(api, path)
        assert Path(versioned["studioPath"], "before-stop.txt").read_text() == "written before the stop\n"


@pytest.mark.parametrize("round_", ROUNDS)
@pytest.mark.parametrize("direction", ["push", "pull"])
def test_sigkill_during_a_push_or_a_pull(deployment: Deployment, direction: str, round_: int) -> None:
    with deployment.running() as (proc, api):
        path, running = running_studio(api, deployment.template)
        zone = zone_of(running, "code_studio_versioned")
        source, destination = (
            (Path(zone["dssPath"]), Path(zone["studioPath"]))
            if direction == "push"
            else (Path(zone["studioPath"]), Path(zone["dssPath"]))
        )
        written = write_many(source)
        url = f"{path}/{direction}/{zone['id']}"
        arrived, error = kill_mid_transfer(proc, deployment.data, lambda: api.get(url), destination, FILES)
        assert isinstance(error, httpx.TransportError), error
        assert 0 < assert_whole(destination, written) < FILES
    with deployment.running() as (_proc, api):
        assert_recovered(api, deployment.data, path, None)
        assert assert_whole(destination, written) == arrived  # nothing half-written appeared or vanished
        assert_whole(source, written)
        result = start_and_stop(api, path)
        assert "errors" not in result, result
        # The next start pushes and the stop pulls: both sides hold every file, whole, and nothing else.
        for side in (Path(zone["dssPath"]), Path(zone["studioPath"])):
            assert {k: v for k, v in visible_files(side).items() if k.startswith("bulk/")} == written
            assert not [n for n in os.listdir(side / "bulk") if n.startswith(TEMP_PREFIX)]


@pytest.mark.parametrize("round_", ROUNDS)
def test_a_studio_process_killed_from_outside_stops_its_studio(deployment: Deployment, round_: int) -> None:
    with deployment.running() as (_proc, api):
        path, running = running_studio(api, deployment.template)
        versioned = zone_of(running, "code_studio_versioned")
        Path(versioned["studioPath"], "unsaved.txt").write_text("written before the kill\n")
        for pid in studio_processes(deployment.data):
            with contextlib.suppress(ProcessLookupError):  # a sandbox's processes die with its first one
                os.kill(pid, signal.SIGKILL)  # as the OOM killer would

        def stopped() -> dict[str, Any] | None:
            status = api.get(f"{path}/status").json()
            return status if status["state"] == "STOPPED" else None

        after = wait_until(stopped, timeout=60)
        assert isinstance(after, dict)
        assert after["lastStateChange"] > running["lastStateChange"]
        stop = finished(api, {"jobId": after["jobId"]})
        assert stop.status_code == 200, stop.text
        assert stop.json()["result"]["exitCodes"] == {"App": -9}
        assert Path(versioned["dssPath"], "unsaved.txt").read_text() == "written before the kill\n"
        assert not studio_processes(deployment.data)
        start_and_stop(api, path)
