"""Real IDEs in real studios, driven in headless Chromium (Debian's) through the server's proxy only.

Each test runs on a fresh server whose builds install IDE environments for real. They are installed
once per test session, and kept for the next runs, in a shared IDE cache: `$DSS_CODESTUDIO_IDE_CACHE`,
else `$XDG_CACHE_HOME/dss-codestudio/ide-environments` (`~/.cache/...`: every clone and worktree of
the machine shares it, as pip shares its cache; the store's locks serialise installs across them,
and pytest's own cache folder may be switched off, `-p no:cacheprovider`); the first build of each
IDE pays the install (JupyterLab and Streamlit from the package index, code-server from the npm
registry and the machine's compiler), the others find it.

What the machine lacks (chromium, Node.js) skips a test with the reason, and fails it in CI
(CI=true), where `.ci/run` installs everything. Screenshots of each IDE are left in the test's
temporary folder (`<ide>.png`, `<ide>-failed.png`).
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import httpx
import pytest
from dss_codestudio_server.domain.default_template import deployment_block, sync_block
from dss_codestudio_server.embedded import EmbeddedServer
from playwright.sync_api import Browser, BrowserContext, Page, sync_playwright

from tests.support.futures import finish
from tests.support.servers import TEST_CONFIG

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",  # as root; the page is ours
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
]
PROJECT = "P"
BUILD_TIMEOUT = 1500.0  # a cold code-server build on a loaded 2-core machine
STUDIO_TIMEOUT = 300.0  # a studio start or stop
IDE_TEST_TIMEOUT = 1800


def need(condition: object, reason: str) -> None:
    """Skip the test without `condition` (with the reason); fail it in CI, where .ci/run installs everything."""
    if condition:
        return
    if os.environ.get("CI") == "true":
        pytest.fail(f"{reason} (.ci/run installs it)")
    pytest.skip(reason)


@pytest.fixture(scope="session")
def ide_cache() -> Path:
    """The shared IDE cache of the test session (and of later runs)."""
    configured = os.environ.get("DSS_CODESTUDIO_IDE_CACHE")
    if configured:
        return Path(configured)
    base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    cache = base / "dss-codestudio" / "ide-environments"
    cache.mkdir(parents=True, exist_ok=True)
    return cache


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Browser]:
    """Debian's chromium, headless, driven by Playwright (which never downloads a browser here).

    One per module, not per session: Playwright's sync API keeps an event loop running in this thread
    while it is open, and the async tests a worker runs after this module could not start theirs.
    """
    need(Path(CHROMIUM).exists(), "Debian's chromium is not installed (apt-get install chromium)")
    home = tmp_path_factory.mktemp("chromium-home")  # chromium writes below HOME, even with a fresh profile
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(
            executable_path=CHROMIUM, args=CHROMIUM_ARGS, env={**os.environ, "HOME": str(home)}
        )
        yield launched
        launched.close()


@dataclass
class IdeWorld:
    """A fresh server that installs IDEs (from the session's IDE cache), with an owner and another user."""

    server: EmbeddedServer
    keys: dict[str, str]
    shots: Path
    contexts: list[BrowserContext] = field(default_factory=list)

    def api(self, who: str = "owner") -> httpx.Client:
        return httpx.Client(base_url=self.server.api_url, auth=(self.keys[who], ""), timeout=120)

    def template(self, *blocks: dict[str, Any], label: str = "IDE") -> tuple[str, dict[str, Any]]:
        """A template of the file synchronisation block, the Kubernetes parameters and `blocks`, built."""
        with self.api("admin") as api:
            made = api.post("/admin/code-studios/", json={"label": label, "type": "block_based"}).json()
            settings = api.get(f"/admin/code-studios/{made['id']}").json()
            settings["params"]["blocks"] = [sync_block(), deployment_block(), *blocks]
            settings["defaultPermission"] = {"canUse": True}
            assert api.put(f"/admin/code-studios/{made['id']}", json=settings).status_code == 204
            return str(made["id"]), self.build(str(made["id"]))

    def build(self, template: str) -> dict[str, Any]:
        with self.api("admin") as api:
            built = finish(api, api.post(f"/admin/code-studios/{template}/build").json(), BUILD_TIMEOUT)
        messages = built["result"]["messages"]
        assert messages["error"] is False, messages
        return dict(built["result"])

    def studio(self, template: str, who: str = "owner") -> tuple[str, dict[str, Any]]:
        """A new studio of `who`'s, started; its id and status."""
        with self.api(who) as api:
            made = api.post(f"/projects/{PROJECT}/code-studios/", json={"name": "ide", "templateId": template})
            assert made.status_code == 200, made.text
            studio = str(made.json()["codeStudio"]["id"])
            started = finish(api, api.post(f"/projects/{PROJECT}/code-studios/{studio}/restart").json(), STUDIO_TIMEOUT)
            assert started["result"]["state"] == "RUNNING", started
            return studio, dict(api.get(f"/projects/{PROJECT}/code-studios/{studio}/status").json())

    def page(self, browser: Browser, **options: Any) -> Page:
        """A page of a new browser profile (its own cookies)."""
        context = browser.new_context(viewport={"width": 1280, "height": 800}, **options)
        self.contexts.append(context)
        return context.new_page()

    def open(self, page: Page, studio: str, port: int, who: str = "owner") -> str:
        """Log the page's browser in to a studio's port with a login link; return the port's base URL."""
        with self.api(who) as api:
            link = api.post(f"/projects/{PROJECT}/code-studios/{studio}/browser-login", params={"port": port})
            assert link.status_code == 200, link.text
        page.goto(f"{self.server.url}/{link.json()['url']}")
        return f"{self.server.url}/code-studios/{PROJECT}/{studio}/{port}/"

    def zone(self, status: dict[str, Any], kind: str) -> dict[str, Any]:
        [zone] = [z for z in status["syncedZones"] if z["zone"] == kind]
        return dict(zone)

    def pull(self, studio: str, zone_id: str) -> dict[str, Any]:
        """Pull a zone studio -> DSS; what was copied, keyed by zone id."""
        with self.api() as api:
            pulled = api.get(f"/projects/{PROJECT}/code-studios/{studio}/pull/{zone_id}")
            assert pulled.status_code == 200, pulled.text
            return dict(pulled.json())

    def push(self, studio: str, zone_id: str) -> dict[str, Any]:
        with self.api() as api:
            pushed = api.get(f"/projects/{PROJECT}/code-studios/{studio}/push/{zone_id}")
            assert pushed.status_code == 200, pushed.text
            return dict(pushed.json())

    def stop(self, studio: str) -> None:
        with self.api() as api:
            finish(api, api.post(f"/projects/{PROJECT}/code-studios/{studio}/stop").json(), STUDIO_TIMEOUT)


@pytest.fixture
def ides(tmp_path: Path, ide_cache: Path) -> Iterator[IdeWorld]:
    """A fresh server whose builds install IDEs into (or find them in) the session's IDE cache."""
    data = tmp_path / "data"
    config = replace(TEST_CONFIG, data_dir=data, ide_install=True, ide_cache=ide_cache)
    with EmbeddedServer(data, config=config) as server:
        users = server.instance.users
        keys = {"admin": server.admin_key, "owner": users.add_user("owner").key, "other": users.add_user("other").key}
        admin = users.get("admin")
        server.instance.projects.create(
            admin,
            key=PROJECT,
            name=PROJECT,
            owner="admin",
            permissions=[
                {"user": u, "readProjectContent": True, "writeProjectContent": True} for u in ("owner", "other")
            ],
        )
        world = IdeWorld(server, keys, tmp_path)
        try:
            yield world
        finally:
            for context in world.contexts:
                context.close()
            # The server's close stops every studio; nothing of them survives it.


def shoot(page: Page, folder: Path, name: str) -> Path:
    """Keep a screenshot of the page in the test's folder."""
    path = folder / f"{name}.png"
    page.screenshot(path=str(path))
    return path


def node_available() -> bool:
    """Whether this machine has Node.js and npm (code-server needs them)."""
    return shutil.which("node") is not None and shutil.which("npm") is not None
