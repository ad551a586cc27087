"""VS Code (code-server) in a studio: built from the npm registry, its workspace the studio's, its saves synced to DSS.

Also the real DSS 13.5.4 export (a VS Code template asking for code-server 4.91.0, which this npm
registry does not have): it builds with a working VS Code, the newest code-server that runs on this
Node.js, with warnings naming what is not as asked.
"""

from __future__ import annotations

import time

import pytest
from dss_codestudio import DSSClient
from playwright.sync_api import Browser, Page

from tests.ides.conftest import IDE_TEST_TIMEOUT, PROJECT, IdeWorld, need, node_available, shoot
from tests.support.paths import real_export

pytestmark = [pytest.mark.ide, pytest.mark.timeout(IDE_TEST_TIMEOUT)]
BLOCK = {"type": "pycdstdioblk_code-studio-blocks_vscode", "params": {"config": {}}}


@pytest.fixture(autouse=True)
def _node() -> None:
    need(node_available(), "Node.js and npm are not installed: code-server cannot be built")


def explorer_row(page: Page, name: str) -> None:
    """Click a row of VS Code's explorer (a folder opens, a file opens in an editor)."""
    row = page.locator(f'.explorer-folders-view .monaco-list-row[aria-label="{name}"]')
    row.wait_for(timeout=120_000)
    row.click()


def test_a_file_saved_in_vscode_reaches_the_project_library(ides: IdeWorld, browser: Browser) -> None:
    template, built = ides.template(BLOCK, label="VS Code")
    assert any(m["code"] == "BUILD_IDE_READY" for m in built["messages"]["messages"]), built
    with ides.api() as api:
        api.post(f"/projects/{PROJECT}/libraries/contents/hello.py", content=b'print("hi")\n')
    studio, status = ides.studio(template)
    assert status["exposed"] == [
        {"label": "VS Code", "exposedHtml": True, "exposedPort": 8080, "url": f"code-studios/{PROJECT}/{studio}/8080/"}
    ]
    page = ides.page(browser)
    try:
        ides.open(page, studio, 8080)
        explorer_row(page, "project-lib-versioned")  # the workspace's folders are the studio's zones
        explorer_row(page, "hello.py")
        page.locator('.tabs-container .tab[aria-label*="hello.py"]').wait_for(timeout=30_000)
        page.locator(".monaco-editor .view-lines").first.click()
        page.keyboard.press("Control+End")
        page.keyboard.type("x = 2 + 40\n")
        page.keyboard.press("Control+s")
        library = ides.zone(status, "project_lib_versioned")
        deadline = time.monotonic() + 60
        while "hello.py" not in ides.pull(studio, library["id"])[library["id"]]["modified"]:
            assert time.monotonic() < deadline, "the saved file never reached the studio's folder"
            page.wait_for_timeout(200)
        shoot(page, ides.shots, "vscode")
    except Exception:
        shoot(page, ides.shots, "vscode-failed")
        raise
    with ides.api() as api:
        saved = api.get(f"/projects/{PROJECT}/libraries/contents/hello.py").json()["data"]
    assert saved == 'print("hi")\nx = 2 + 40\n'


def test_the_real_dss_13_5_4_export_builds_with_a_working_vscode(ides: IdeWorld, browser: Browser) -> None:
    export = real_export()  # skips without ../shared (fails in CI)
    envs = ides.server.instance.code_envs
    if not envs.exists("PYTHON", "cookiecutter"):  # the export's add_codeenv blocks name it: builds need it declared
        envs.declare("admin", "PYTHON", "cookiecutter")
    with DSSClient(ides.server.url, ides.keys["admin"]) as client:
        imported = client.import_code_studio_template(export, label="Infra")
        assert not imported.messages.has_error
    result = ides.build(imported.id)
    warnings = [m["message"] for m in result["messages"]["messages"] if m["severity"] == "WARNING"]
    codes = {m.get("code") for m in result["messages"]["messages"]}
    assert {"BUILD_IDE_READY", "BUILD_IDE_VERSION", "BUILD_IDE_EXTENSIONS_SKIPPED"} <= codes, result
    [version] = [w for w in warnings if "code-server 4.91.0" in w]
    assert "the newest that runs here, was installed" in version
    studio, status = ides.studio(imported.id, who="admin")  # its permissions name no group of this server
    exposed = {e["exposedPort"]: e["label"] for e in status["exposed"]}
    assert exposed[8080] == "VS Code"
    if ides.server.instance.studio_network == "isolated":
        assert (exposed[4200], exposed[5000]) == ("Dev", "Backend"), "for the servers its user starts in a terminal"
    page = ides.page(browser)
    try:
        ides.open(page, studio, 8080, who="admin")
        for zone in ("code_studio-versioned", "project-lib-versioned", "user-versioned"):
            page.locator(f'.explorer-folders-view .monaco-list-row[aria-label="{zone}"]').wait_for(timeout=120_000)
        shoot(page, ides.shots, "vscode-real-export")
    except Exception:
        shoot(page, ides.shots, "vscode-real-export-failed")
        raise
