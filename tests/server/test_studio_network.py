"""`serve --studio-network`: each studio in a network of its own (the default), or this machine's, with a warning."""

from __future__ import annotations

import os
from pathlib import Path

import httpx
import pytest

from tests.support.api import finished
from tests.support.ports import free_port
from tests.support.processes import studio_processes
from tests.support.sandbox import sandbox_or_skip
from tests.support.server_process import admin_key, server_process
from tests.support.servers import InProcessServer
from tests.support.waiting import wait_until


def start_default_studio(api: httpx.Client) -> dict[str, object]:
    finished(api, api.post("/admin/code-studios/python-workspace/build").json())
    api.post("/projects/", json={"projectKey": "NET", "name": "n", "owner": "admin"})
    made = api.post("/projects/NET/code-studios/", json={"name": "n", "templateId": "python-workspace"}).json()
    path = f"/projects/NET/code-studios/{made['codeStudio']['id']}"
    assert finished(api, api.post(f"{path}/restart").json()).json()["result"]["state"] == "RUNNING"
    return dict(api.get(f"{path}/status").json())


@pytest.mark.parametrize("mode", ["isolated", "shared"])
def test_serve_runs_studios_in_the_network_asked_for(tmp_path: Path, mode: str) -> None:
    sandbox_or_skip()
    data, port, log = tmp_path / "data", free_port(), tmp_path / "server.log"
    extra = ("--studio-network", mode) if mode == "shared" else ()
    with server_process(data, port, log, build_step_delay=0, extra=extra):
        with httpx.Client(
            base_url=f"http://127.0.0.1:{port}/dip/publicapi", auth=(admin_key(log), ""), timeout=60
        ) as api:
            status = start_default_studio(api)
        serving = [p for p in studio_processes(data) if "workspace_http" in Path(f"/proc/{p}/cmdline").read_text()]
        networks = {os.readlink(f"/proc/{pid}/ns/net") for pid in serving}
        assert serving
        assert (networks == {os.readlink("/proc/self/ns/net")}) is (mode == "shared"), status
        with httpx.Client(base_url=f"http://127.0.0.1:{port}", auth=(admin_key(log), ""), timeout=30) as site:
            assert site.get(f"/{status['exposed'][0]['url']}__health").json() == {"status": "ok"}  # type: ignore[index]
    text = log.read_text()
    assert ("studios share this machine's network (--studio-network shared)" in text) is (mode == "shared")
    wait_until(lambda: not studio_processes(data), timeout=10)


def test_an_unknown_network_mode_is_refused(server_factory: object, tmp_path: Path) -> None:
    del tmp_path
    with pytest.raises(ValueError, match="studio_network must be one of isolated, shared"):
        server_factory(studio_network="bridged")  # type: ignore[operator]


def test_without_bubblewrap_studios_share_the_machines_network(server: InProcessServer) -> None:
    instance = server.instance
    assert instance.studio_network == ("isolated" if instance.sandbox_problem is None else "shared")
