"""JupyterLab in a studio: built from the package index, opened in a browser, its notebooks synced to DSS.

Also who may open it: the owner's browser only; another user's browser, logged in as them, gets
403, and a browser with no login 401.
"""

from __future__ import annotations

import json
import re
import time

import pytest
from playwright.sync_api import Browser, Page

from tests.ides.conftest import IDE_TEST_TIMEOUT, PROJECT, IdeWorld, shoot

pytestmark = [pytest.mark.ide, pytest.mark.timeout(IDE_TEST_TIMEOUT)]
BLOCK = {"type": "pycdstdioblk_code-studio-blocks_jupyterlab", "params": {"config": {}}}


def wait_for_connected_kernel(page: Page, base: str, timeout: float = 90) -> None:
    """Wait until the server has a kernel whose WebSocket is connected and idle.

    The notebook's own "idle" shows before its kernel's WebSocket is up, and a cell run then is dropped.
    """
    deadline = time.monotonic() + timeout
    while True:
        answer = page.request.get(base + "api/kernels")
        kernels = answer.json() if answer.ok else []
        if not isinstance(kernels, list):  # an answer of another shape: not a kernel list yet
            kernels = []
        if any(k.get("connections", 0) >= 1 and k.get("execution_state") == "idle" for k in kernels):
            return
        assert time.monotonic() < deadline, f"no connected idle kernel: {answer.status} {answer.text()[:300]}"
        page.wait_for_timeout(100)


def saved_output(page: Page, url: str, timeout: float = 30) -> str:
    """Poll the notebook through JupyterLab's contents API until it is saved with an output; return it."""
    deadline = time.monotonic() + timeout
    while True:
        answer = page.request.get(url)
        if answer.ok:
            cells = answer.json()["content"]["cells"]
            outputs = [o for c in cells for o in c.get("outputs", [])]
            if outputs:
                return "".join(outputs[0]["data"]["text/plain"])
        assert time.monotonic() < deadline, f"the notebook was not saved with its output: {answer.status}"
        page.wait_for_timeout(200)


def test_a_notebook_made_in_jupyterlab_reaches_the_project_library(ides: IdeWorld, browser: Browser) -> None:
    template, built = ides.template(BLOCK, label="JupyterLab")
    [installed] = built["messages"]["messages"][-1:]
    assert installed["code"] == "BUILD_IDE_READY", built
    log = (ides.server.instance.templates.build_output(template) / "build.log").read_text()
    assert re.search(r"JupyterLab: jupyterlab 4\.\d+\.\d+, ipykernel \d", log), "what was installed, with versions"
    # Built again, the unchanged block installs nothing: its environment is found by what it is made of.
    [again] = [m for m in ides.build(template)["messages"]["messages"] if m.get("code") == "BUILD_IDE_READY"]
    assert again["message"].endswith("(found in the shared IDE cache)")
    studio, status = ides.studio(template)
    assert status["exposed"] == [
        {
            "label": "JupyterLab",
            "exposedHtml": True,
            "exposedPort": 8888,
            "url": f"code-studios/{PROJECT}/{studio}/8888/",
        }
    ]
    page = ides.page(browser)
    try:
        base = ides.open(page, studio, 8888)
        page.goto(base + "lab/tree/project-lib-versioned?reset")
        card = page.locator('.jp-LauncherCard[data-category="Notebook"]').first
        card.wait_for(timeout=90_000)
        card.click()
        wait_for_connected_kernel(page, base)
        editor = page.locator(".jp-NotebookPanel .jp-Cell .cm-content").first
        editor.click()
        editor.fill("2 + 40")
        page.keyboard.press("Shift+Enter")
        output = page.locator(".jp-NotebookPanel .jp-OutputArea-output").first
        output.wait_for(timeout=60_000)
        assert output.inner_text().strip() == "42"
        page.keyboard.press("Control+s")
        assert saved_output(page, base + "api/contents/project-lib-versioned/Untitled.ipynb") == "42"
        shoot(page, ides.shots, "jupyterlab")
    except Exception:
        shoot(page, ides.shots, "jupyterlab-failed")
        raise
    library = ides.zone(status, "project_lib_versioned")
    assert "Untitled.ipynb" in ides.pull(studio, library["id"])[library["id"]]["added"]
    with ides.api() as api:
        stored = api.get(f"/projects/{PROJECT}/libraries/contents/Untitled.ipynb")
    assert stored.status_code == 200, stored.text
    cells = json.loads(stored.json()["data"])["cells"]
    assert "".join(cells[0]["source"]) == "2 + 40"
    assert "".join(cells[0]["outputs"][0]["data"]["text/plain"]) == "42", "with its output, in the project library"


def test_only_the_owners_browser_opens_the_ide(ides: IdeWorld, browser: Browser) -> None:
    template, _ = ides.template(BLOCK, label="JupyterLab")
    studio, _ = ides.studio(template)
    base = f"{ides.server.url}/code-studios/{PROJECT}/{studio}/8888/lab"
    # A browser with no login (its request, as the page would send it: a navigation would open the
    # browser's sign-in dialog, where an API key works as the user name).
    refused = ides.page(browser).request.get(base)
    assert refused.status == 401, "no login: 401"
    assert refused.headers["www-authenticate"].startswith("Basic")
    assert refused.json()["errorType"].startswith("com.dataiku")
    # Another user's browser, logged in as them (their credentials, and a session of a studio of their own).
    theirs, _ = ides.studio(template, who="other")
    other = ides.page(browser, http_credentials={"username": ides.keys["other"], "password": ""})
    ides.open(other, theirs, 8888, who="other")
    answer = other.goto(base)
    assert answer is not None
    assert answer.status == 403, "another user, logged in: 403"
    assert "only the owner" in (answer.json()["message"])
    shoot(other, ides.shots, "jupyterlab-other-user")
    mine = ides.page(browser)
    ides.open(mine, studio, 8888)
    mine.locator(".jp-LauncherCard").first.wait_for(timeout=90_000)
