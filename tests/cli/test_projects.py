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


def test_show_a_project(cli: CliFn, dss_session_server: DSSTestServer, project: str) -> None:
    shown = cli("projects", "show", project, "--json")
    assert shown.code == 0, shown
    assert shown.json()["summary"]["projectKey"] == project
    assert shown.json()["metadata"]["label"] == project
    human = cli("projects", "show", project)
    assert "owner" in human.stdout
    assert dss_session_server.admin_login in human.stdout
    key = dss_session_server.add_user(unique("eve").lower())
    refused = cli("projects", "show", project, key=key)
    assert refused.code == ExitCode.AUTH
    assert "HTTP 403" in refused.error_line()


def test_whoami(cli: CliFn, dss_session_server: DSSTestServer) -> None:
    login = unique("carol").lower()
    key = dss_session_server.add_user(login, groups=("data_team",))
    me = cli("whoami", "--json", key=key)
    assert me.code == 0, me
    assert (me.json()["authIdentifier"], me.json()["groups"]) == (login, ["data_team"])
    human = cli("whoami", key=key)
    assert human.stdout.startswith(f"{login} on http")
    assert "data_team" in human.stdout


def test_code_envs_list(cli: CliFn, dss_session_server: DSSTestServer) -> None:
    name = unique("env-").lower()
    dss_session_server.add_code_env(name, python="3.11")
    listed = cli("code-envs", "list", "--json")
    assert listed.code == 0, listed
    assert {"envLang": "PYTHON", "envName": name} in [{k: e[k] for k in ("envLang", "envName")} for e in listed.json()]
    human = cli("code-envs", "list")
    assert name in human.stdout
    assert "PYTHON311" in human.stdout
