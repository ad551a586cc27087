"""Run the `dss-codestudio` CLI in process (typer's CliRunner) against reference servers from the
project's own pytest plugin, the way a user's CI would.
"""

from __future__ import annotations

import json
import socket
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import httpx
import pytest
from click.testing import Result
from dss_codestudio import DSSClient
from dss_codestudio.cli import app
from dss_codestudio_testing import DSSTestServer, default_config
from typer.testing import CliRunner


@dataclass
class Run:
    """The outcome of one CLI run."""

    result: Result

    @property
    def code(self) -> int:
        return self.result.exit_code

    @property
    def stdout(self) -> str:
        return self.result.stdout

    @property
    def stderr(self) -> str:
        return self.result.stderr

    def json(self) -> Any:
        return json.loads(self.stdout)

    def error_line(self) -> str:
        """The one `error:` line of a failed run; fails if there is a traceback or several."""
        assert "Traceback" not in self.stderr, self.stderr
        errors = [line for line in self.stderr.splitlines() if line.startswith("error: ")]
        assert len(errors) == 1, self.stderr
        return errors[0]

    def __repr__(self) -> str:
        return f"Run(code={self.code}, stdout={self.stdout!r}, stderr={self.stderr!r})"


CliFn = Callable[..., Run]


def make_cli(server: DSSTestServer | None, home: Path) -> CliFn:
    """Return `cli(*args, key=..., env=...)`: one run of the CLI configured for `server` by the environment."""

    def cli(*args: str, key: str | None = None, env: dict[str, str | None] | None = None) -> Run:
        environment: dict[str, str | None] = {
            "HOME": str(home),
            "DKU_DSS_URL": server.url if server else None,
            "DKU_API_KEY": (key or server.admin_key) if server else None,
            "DSS_CODESTUDIO_DEBUG": None,
            "COLUMNS": "200",
        }
        environment.update(env or {})
        result = CliRunner().invoke(app, list(args), env=environment, catch_exceptions=False)
        return Run(result)

    return cli


@pytest.fixture
def cli(dss_session_server: DSSTestServer, tmp_path: Path) -> CliFn:
    """Run the CLI against the session's reference server, as its administrator."""
    return make_cli(dss_session_server, tmp_path)


@pytest.fixture
def unconfigured_cli(tmp_path: Path) -> CliFn:
    """Run the CLI with no DSS configured (no environment, an empty home)."""
    return make_cli(None, tmp_path)


@pytest.fixture
def slow_server(tmp_path: Path) -> Iterator[DSSTestServer]:
    """A server whose template builds take seconds (each uncached step 2 s): for waits, timeouts, aborts."""
    with DSSTestServer(tmp_path / "slow", config=replace(default_config(), build_step_delay=2.0)) as server:
        yield server


@pytest.fixture
def slow_cli(slow_server: DSSTestServer, tmp_path: Path) -> CliFn:
    """Run the CLI against `slow_server`."""
    return make_cli(slow_server, tmp_path)


def unique(prefix: str) -> str:
    """A project key (or name) no other test uses."""
    return f"{prefix}{uuid.uuid4().hex[:8].upper()}"


@pytest.fixture
def project(cli: CliFn, dss_session_server: DSSTestServer) -> str:
    """A new project of the session's server."""
    key = unique("P")
    assert cli("projects", "create", key, "--owner", dss_session_server.admin_login).code == 0
    return key


def answers(url: str) -> bool:
    """Whether something accepts connections at the host and port of `url`."""
    parsed = httpx.URL(url)
    try:
        with socket.create_connection((parsed.host, parsed.port or 80), timeout=1):
            return True
    except OSError:
        return False


def free_port() -> int:
    """A port of 127.0.0.1 nothing listens on (just released by the system)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


TEMPLATE = "python-workspace"
LIB = "project_lib_versioned"


@pytest.fixture(scope="module")
def built(dss_session_server: DSSTestServer) -> None:
    dss_session_server.client().get_code_studio_template(TEMPLATE).build().wait_for_result(timeout=300)


@pytest.fixture
def admin(dss_session_server: DSSTestServer) -> DSSClient:
    return dss_session_server.client()


@pytest.fixture
def studio(cli: CliFn, project: str, built: None, admin: DSSClient) -> Iterator[str]:
    """A new code studio of `project`, stopped after the test whatever happened."""
    run = cli("studios", "create", project, "studio", "-t", TEMPLATE)
    assert run.code == 0, run
    studio_id = run.stdout.strip()
    yield studio_id
    if studio_id in {s.id for s in admin.get_project(project).list_code_studios()}:  # tests may delete it
        admin.get_project(project).get_code_studio(studio_id).stop(wait=True, timeout=120)


def start_studio(cli: CliFn, project: str, studio: str) -> dict[str, Any]:
    run = cli("studios", "start", project, studio, "--json")
    assert run.code == 0, run
    status: dict[str, Any] = run.json()["status"]
    return status


def zone_of(status: dict[str, Any], kind: str) -> dict[str, Any]:
    zone: dict[str, Any] = next(z for z in status["syncedZones"] if z["zone"] == kind)
    return zone


def running_with_a_conflict(cli: CliFn, project: str, studio: str, admin: DSSClient, path: str) -> Path:
    """Start the studio with a library file, then change that file on both sides; return the zone's folder."""
    admin.get_project(project).get_library().add_file(path).write("original\n")
    folder = Path(zone_of(start_studio(cli, project, studio), LIB)["studioPath"])
    on_dss = admin.get_project(project).get_library().get_file(path)
    assert on_dss is not None
    on_dss.write("dss 2\n")
    (folder / path).write_text("studio 2\n")
    return folder
