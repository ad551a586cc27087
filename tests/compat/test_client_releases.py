"""Every dataiku-api-client release since code studios drives one code-studio scenario, unmodified.

Each release is installed in a venv of its own, made by the test run and cached (one folder per release
and Python version, under `$DSS_CODESTUDIO_COMPAT_CACHE`, by default ~/.cache/dss-codestudio-compat):
`python -m venv --without-pip`, then this project's pip installs into it
(`pip --python <venv> install dataiku-api-client==X six`). `six`: every release imports it without
declaring it, and python-dateutil 4 no longer brings it. The four venvs are made at once (threads), the
first time one is needed. Then `release_scenario.py` runs under each release, in a subprocess, against
one live reference server: templates, a project and its library, a studio started, its zones, push,
pull, a conflict, futures (listed, read, a start aborted), stop, change of owner, deletions.

Releases: the last of each major line that has code studios, 12.6.4, 13.5.6, 14.7.5, 15.2.0. Not
11.4.x: 11.4.1 is broken as published (its sdist lacks the `dataikuapi.govern` package, so
`import dataikuapi` fails with `ModuleNotFoundError: No module named 'dataikuapi.govern'`; 11.4.1.1
republished it). Releases before 13.2.3 poll futures every 5 s, so the 12.6.4 run costs about 10 s more.

Installing needs the package index: without it the tests skip, except in CI (`CI=true`), where they fail.
"""

from __future__ import annotations

import fcntl
import json
import os
import secrets
import shutil
import subprocess
import sys
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx
import pytest
from dss_codestudio_server.domain.default_template import deployment_block
from dss_codestudio_server.embedded import EmbeddedServer

from tests.support.ci import unavailable
from tests.support.processes import studio_processes
from tests.support.servers import embedded
from tests.support.studios import entrypoint_block, sync_block
from tests.support.waiting import wait_until

RELEASES = ("12.6.4", "13.5.6", "14.7.5", "15.2.0")
SCENARIO = Path(__file__).with_name("release_scenario.py")
ZONES = [("project_lib_versioned", "project-lib-versioned"), ("code_studio_versioned", "code_studio-versioned")]
PY = f"py{sys.version_info.major}.{sys.version_info.minor}"
INSTALL_TIMEOUT = 600
DIST = "dataiku-api-client"
PIP = [sys.executable, "-m", "pip", "--disable-pip-version-check"]
SCENARIO_TIMEOUT = 300


def cache_root() -> Path:
    """Where the releases' venvs are kept between runs."""
    configured = os.environ.get("DSS_CODESTUDIO_COMPAT_CACHE")
    return Path(configured) if configured else Path.home() / ".cache" / "dss-codestudio-compat"


def venv_python(folder: Path) -> Path:
    return folder / "bin" / "python"


def installed(folder: Path, release: str) -> bool:
    """Whether the cached venv holds the release and imports it."""
    if not (folder / "ready").is_file() or (folder / "ready").read_text() != release:
        return False
    check = subprocess.run(
        [venv_python(folder), "-c", f"import dataikuapi, importlib.metadata as m; print(m.version({DIST!r}))"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    return check.returncode == 0 and check.stdout.strip() == release


def make_venv(release: str) -> Path | str:
    """Return the venv of a release (made, or taken from the cache), or why it could not be made."""
    root = cache_root()
    root.mkdir(parents=True, exist_ok=True)
    folder = root / f"dataiku-api-client-{release}-{PY}"
    with (root / f".{folder.name}.lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # other test sessions may be making the same venv
        if installed(folder, release):
            return folder
        shutil.rmtree(folder, ignore_errors=True)
        subprocess.run([sys.executable, "-m", "venv", "--without-pip", folder], check=True, timeout=INSTALL_TIMEOUT)
        pip = subprocess.run(
            [*PIP, "--python", venv_python(folder), "install", "--quiet", f"{DIST}=={release}", "six"],
            capture_output=True,
            text=True,
            timeout=INSTALL_TIMEOUT,
        )
        if pip.returncode != 0:
            shutil.rmtree(folder, ignore_errors=True)
            return f"pip could not install dataiku-api-client=={release}: {pip.stderr.strip()[-1500:]}"
        (folder / "ready").write_text(release)
        if not installed(folder, release):
            return f"dataiku-api-client=={release} was installed but does not import"
        return folder


@pytest.fixture(scope="module")
def venvs() -> dict[str, Path | str]:
    """The venv of each release, made in parallel (pip mostly waits on the network and on sdist builds)."""
    with ThreadPoolExecutor(len(RELEASES)) as pool:
        return dict(zip(RELEASES, pool.map(make_venv, RELEASES), strict=True))


def finished(http: httpx.Client, job_id: str) -> dict[str, object] | None:
    """The state of a future once it has its result, else None."""
    answer = http.get(f"/futures/{job_id}")
    assert answer.status_code == 200, answer.text
    state: dict[str, object] = answer.json()
    return state if state.get("hasResult") else None


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[EmbeddedServer, str, str]]:
    """A live server, a built template with two synced zones and an entry point, and a second user."""
    data = tmp_path_factory.mktemp("releases") / "data"
    with embedded(data) as server:
        other = server.instance.users.add_user("compat-other").login
        headers = {"Authorization": f"Bearer {server.admin_key}"}
        with httpx.Client(base_url=server.api_url, headers=headers, timeout=60) as http:
            template = http.post("/admin/code-studios/", json={"label": "Compat", "type": "block_based"}).json()["id"]
            settings = http.get(f"/admin/code-studios/{template}").json()
            settings["params"]["blocks"] = [sync_block(ZONES), deployment_block(), entrypoint_block()]
            assert http.put(f"/admin/code-studios/{template}", json=settings).status_code in (200, 204)
            job = http.post(f"/admin/code-studios/{template}/build").json()
            state = job if job.get("hasResult") else wait_until(lambda: finished(http, job["jobId"]), timeout=120)
            assert isinstance(state, dict)
            assert state["result"]["messages"]["error"] is False, state
        yield server, template, other
    assert studio_processes(data) == set()


@pytest.mark.parametrize("release", RELEASES)
def test_a_code_studio_scenario_with_each_release(
    release: str, venvs: dict[str, Path | str], server: tuple[EmbeddedServer, str, str]
) -> None:
    folder = venvs[release]
    if isinstance(folder, str):
        unavailable(folder)
    live, template, other = server
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "DSS_URL": live.url,
        "DSS_API_KEY": live.admin_key,
        "TEMPLATE_ID": template,
        "OTHER_USER": other,
        "KEY_SUFFIX": secrets.token_hex(3),
    }
    run = subprocess.run(
        [venv_python(folder), SCENARIO], capture_output=True, text=True, env=env, timeout=SCENARIO_TIMEOUT
    )
    assert run.returncode == 0, f"dataikuapi {release}:\n{run.stdout[-3000:]}\n{run.stderr[-6000:]}"
    summary = json.loads(run.stdout.strip().splitlines()[-1])
    assert summary["release"] == release
    expected = {
        "templates listed",
        "template saved and built",
        "project created",
        "library written and read",
        "studio created",
        "studio started",
        "pushed",
        "pulled",
        "conflict refused, then resolved",
        "studio stopped",
        "start aborted",
        "owner changed",
        "studio and project deleted",
    }
    if release.startswith("15."):
        expected.add("templates created, exported, imported, deleted")
    assert set(summary["steps"]) == expected
    print(f"dataikuapi {release}: {sum(summary['steps'].values()):.1f} s {summary['steps']}")
