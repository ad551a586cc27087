"""The example scripts run, against a configured DSS and against their own embedded server."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from dss_codestudio_testing import DSSTestServer

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


def _run(script: str, *args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(EXAMPLES / script), *args],
        capture_output=True,
        text=True,
        timeout=600,
        env=env,
        check=False,
    )


def _without_dss() -> dict[str, str]:
    return {k: v for k, v in os.environ.items() if not k.startswith("DKU_")}


def test_quickstart_script_against_a_configured_dss(dss_server: DSSTestServer) -> None:
    env = {**_without_dss(), "DKU_DSS_URL": dss_server.url, "DKU_API_KEY": dss_server.admin_key}
    run = _run("quickstart.py", "--project", "EXAMPLE", env=env)
    assert run.returncode == 0, run.stderr
    assert "state: RUNNING" in run.stdout
    assert "state: STOPPED" in run.stdout
    assert "-> 200" in run.stdout
    client = dss_server.client()
    assert client.list_project_keys() == ["EXAMPLE"]
    assert client.get_project("EXAMPLE").list_code_studios() == []  # the script deletes its studio


def test_many_studios_async_on_its_own_embedded_server() -> None:
    run = _run("many_studios_async.py", "--count", "4", "--limit", "2", env=_without_dss())
    assert run.returncode == 0, run.stderr
    assert "embedded reference server" in run.stdout
    assert "4 studios RUNNING" in run.stdout
    assert "4 studios STOPPED" in run.stdout
