"""Fixtures of the CLI tests: the CLI run in process (tests.support.cli) against reference servers from
the project's own pytest plugin, the way a user's CI would.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from dss_codestudio import DSSClient
from dss_codestudio_testing import DSSTestServer, default_config

from tests.support.api import unique
from tests.support.cli import TEMPLATE, CliFn, make_cli


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


@pytest.fixture
def project(cli: CliFn, dss_session_server: DSSTestServer) -> str:
    """A new project of the session's server."""
    key = unique("P")
    assert cli("projects", "create", key, "--owner", dss_session_server.admin_login).code == 0
    return key


@pytest.fixture(scope="module")
def built(dss_session_server: DSSTestServer) -> None:
    """The session server's python-workspace template, built once per module."""
    dss_session_server.client().get_code_studio_template(TEMPLATE).build().wait_for_result(timeout=300)


@pytest.fixture
def admin(dss_session_server: DSSTestServer) -> DSSClient:
    """A facade client of the session server's administrator."""
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
