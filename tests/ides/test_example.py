"""The JupyterLab example (examples/jupyterlab_studio.py) runs; its studio opens with `dss-codestudio studios open`."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from playwright.sync_api import Browser

from tests.ides.conftest import IDE_TEST_TIMEOUT, IdeWorld, shoot

pytestmark = [pytest.mark.ide, pytest.mark.timeout(IDE_TEST_TIMEOUT)]
ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "examples" / "jupyterlab_studio.py"
CLI = Path(sys.executable).with_name("dss-codestudio")


def test_the_jupyterlab_example_and_studios_open(ides: IdeWorld, browser: Browser) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("DKU_")}
    env |= {"DKU_DSS_URL": ides.server.url, "DKU_API_KEY": ides.keys["admin"]}
    run = subprocess.run(
        [sys.executable, str(EXAMPLE), "--project", "NOTEBOOKS", "--keep"],
        capture_output=True,
        text=True,
        timeout=IDE_TEST_TIMEOUT,
        env=env,
        check=False,
    )
    assert run.returncode == 0, run.stderr
    assert "build: INFO JupyterLab: jupyterlab " in run.stdout
    assert "0 kernel(s) running" in run.stdout, "JupyterLab answered through the proxy"
    found = re.search(r"studios open (NOTEBOOKS) (\w+)", run.stdout)
    assert found is not None, run.stdout
    opened = subprocess.run(
        [str(CLI), "studios", "open", *found.groups()],
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
        check=False,
    )
    assert opened.returncode == 0, opened.stderr
    link = opened.stdout.strip()
    assert link.startswith(f"{ides.server.url}/code-studios/NOTEBOOKS/{found.group(2)}/__login?ticket=")
    page = ides.page(browser)
    page.goto(link)
    page.locator(".jp-LauncherCard").first.wait_for(timeout=90_000)
    assert page.url.startswith(f"{ides.server.url}/code-studios/NOTEBOOKS/{found.group(2)}/8888/lab")
    shoot(page, ides.shots, "jupyterlab-example")
