"""The main job, end to end: `dss-codestudio quickstart` in its own process, as `python3 dev.py quickstart` runs it."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import httpx

from tests.support.ports import listening

QUICKSTART = [sys.executable, "-m", "dss_codestudio.cli", "quickstart"]


def _run(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("DKU_")}
    return subprocess.run(
        [*QUICKSTART, *args], capture_output=True, text=True, timeout=600, cwd=cwd, env=env, check=False
    )


def test_quickstart_runs_end_to_end_and_leaves_nothing_running(tmp_path: Path) -> None:
    data = tmp_path / "data"
    run = _run("--json", "--data-dir", str(data), cwd=tmp_path)
    assert run.returncode == 0, run.stderr
    assert "Traceback" not in run.stderr
    summary = json.loads(run.stdout)
    assert summary["ok"] is True
    assert summary["processesLeft"] == 0
    steps = [s["step"] for s in summary["steps"]]
    for expected in (
        "Build the default template python-workspace",
        "Start it",
        "Open the URL it exposes, through the server's proxy",
        "Open it as a browser does, with a login link",
        "Edit a file on each side",
        "Check every zone for conflicts",
        "Synchronise every zone",
        "Stop the code studio",
        "Check that no process is left",
    ):
        assert expected in steps, expected
    results = {s["step"]: s["result"] for s in summary["steps"]}
    assert "python/greetings.py modified in the studio" in results["Check every zone for conflicts"]
    assert "nothing copied" in results["Synchronise: refused while a file is in conflict"]
    assert "no child process left running" in results["Check that no process is left"]
    assert "-> 401" in results["Open the URL it exposes, through the server's proxy"], "no key, no entry"
    assert "works once" in results["Open it as a browser does, with a login link"]
    # Progress went to stderr, step by step.
    assert "✓ Start it" in run.stderr
    assert "✓ Stop the code studio" in run.stderr
    # Nothing answers any more: neither the studio nor the server.
    for url in (httpx.URL(summary["exposedUrl"]), httpx.URL(summary["serverUrl"])):
        assert not listening(url.port or 80, url.host)
    # The data directory given was kept; the project is there for a second run, which picks another key.
    again = _run("--json", "--data-dir", str(data), cwd=tmp_path)
    assert again.returncode == 0, again.stderr
    assert json.loads(again.stdout)["projectKey"] != summary["projectKey"]


def test_quickstart_for_people_prints_a_summary_and_cleans_up(tmp_path: Path) -> None:
    run = _run(cwd=tmp_path)
    assert run.returncode == 0, run.stderr
    # Piped (here), the summary's table is its rows, whole, without a title; the last line says it all ended.
    assert "Quickstart summary" not in run.stdout
    assert "built for local" in run.stdout
    assert run.stdout.splitlines()[-1].startswith("All done in ")
    assert "no process left running" in run.stdout
    # Its own temporary data directory (other runs on this machine may have theirs meanwhile) is gone.
    [used] = re.findall(r"data in (\S*dss-codestudio-quickstart-\S+)", run.stdout)
    assert not Path(used).exists(), "the temporary data directory was not deleted"
