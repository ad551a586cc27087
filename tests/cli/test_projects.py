"""`dss-codestudio projects ...` against the reference server."""

from __future__ import annotations

from dss_codestudio.cli import ExitCode
from dss_codestudio_testing import DSSTestServer

from tests.support.api import unique
from tests.support.cli import CliFn


def test_create_then_list(cli: CliFn, dss_session_server: DSSTestServer) -> None:
    key = unique("PROJ")
    owner = dss_session_server.admin_login
    created = cli("projects", "create", key, "--owner", owner, "--name", "My project", "--json")
    assert created.code == 0, created
    assert created.json() == {"projectKey": key, "name": "My project", "owner": owner}
    listed = {p["projectKey"]: p for p in cli("projects", "list", "--json").json()}
    assert listed[key]["name"] == "My project"
    human = cli("projects", "list")
    assert key in human.stdout
    assert "My project" in human.stdout


def test_duplicate_key_fails_and_missing_owner_is_a_usage_error(cli: CliFn, project: str) -> None:
    again = cli("projects", "create", project, "--owner", "admin")
    assert again.code == ExitCode.FAILED
    assert "HTTP 409" in again.error_line()
    no_owner = cli("projects", "create", unique("P"))
    assert no_owner.code == ExitCode.USAGE
    assert "--owner" in no_owner.stderr


def test_a_user_sees_only_their_projects(cli: CliFn, dss_session_server: DSSTestServer, project: str) -> None:
    key = dss_session_server.add_user(unique("bob").lower())
    listed = cli("projects", "list", "--json", key=key)
    assert listed.code == 0, listed
    assert project not in {p["projectKey"] for p in listed.json()}
    refused = cli("projects", "create", unique("P"), "--owner", "admin", key=key)
    assert refused.code == ExitCode.AUTH
    assert "HTTP 403" in refused.error_line()
