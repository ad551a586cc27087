"""`dss-codestudio studios list|create|delete` and how studios are named, against the reference server."""

from __future__ import annotations

from dss_codestudio.cli import ExitCode
from dss_codestudio_testing import DSSTestServer

from tests.support.cli import CliFn

TEMPLATE = "python-workspace"


def test_create_list_delete(cli: CliFn, project: str, dss_session_server: DSSTestServer) -> None:
    created = cli("studios", "create", project, "My studio", "--template", TEMPLATE, "--json")
    assert created.code == 0, created
    settings = created.json()
    studio_id = settings["id"]
    assert settings["name"] == "My studio"
    assert settings["templateId"] == TEMPLATE
    assert settings["owner"] == dss_session_server.admin_login

    human = cli("studios", "create", project, "Other", "-t", TEMPLATE)
    assert human.code == 0
    other_id = human.stdout.strip()

    listed = cli("studios", "list", project, "--json").json()
    assert {s["id"] for s in listed} == {studio_id, other_id}
    table = cli("studios", "list", project)
    assert "My studio" in table.stdout
    assert studio_id in table.stdout

    deleted = cli("studios", "delete", project, "My studio", "--json")  # by name
    assert deleted.code == 0, deleted
    assert deleted.json() == {"projectKey": project, "id": studio_id, "deleted": True}
    assert cli("studios", "delete", project, other_id).code == 0  # by id
    assert cli("studios", "list", project, "--json").json() == []


def test_unknown_and_ambiguous_studios(cli: CliFn, project: str) -> None:
    missing = cli("studios", "status", project, "nope")
    assert missing.code == ExitCode.NOT_FOUND
    assert "no code studio with id or name 'nope'" in missing.error_line()
    for _ in range(2):
        assert cli("studios", "create", project, "twin", "-t", TEMPLATE).code == 0
    ambiguous = cli("studios", "delete", project, "twin")
    assert ambiguous.code == ExitCode.USAGE
    assert "2 code studios" in ambiguous.error_line()


def test_unknown_project_and_template(cli: CliFn, project: str) -> None:
    assert cli("studios", "list", "NOPE_PROJECT").code == ExitCode.NOT_FOUND
    bad_template = cli("studios", "create", project, "x", "-t", "no-such-template")
    assert bad_template.code in (ExitCode.NOT_FOUND, ExitCode.FAILED)
    bad_template.error_line()


def test_another_users_project_is_refused(cli: CliFn, project: str, dss_session_server: DSSTestServer) -> None:
    key = dss_session_server.add_user(f"carol{project.lower()}")
    run = cli("studios", "list", project, key=key)
    assert run.code == ExitCode.AUTH
    assert "HTTP 403" in run.error_line()
