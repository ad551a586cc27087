"""Authentication and authorisation: keys as basic user, basic password or bearer; bad keys refused."""

from __future__ import annotations

import pytest
from dss_codestudio_server.cli import app as cli
from typer.testing import CliRunner

from tests.support.api import basic
from tests.support.servers import InProcessServer

pytestmark = pytest.mark.anyio
NOT_AUTHENTICATED = "com.dataiku.dip.exceptions.NotAuthenticatedException"


async def test_the_key_is_accepted_as_basic_user_basic_password_or_bearer(server: InProcessServer) -> None:
    async with server.http("") as client:
        for headers in (
            basic(server.admin_key, ""),
            basic("", server.admin_key),
            {"Authorization": f"Bearer {server.admin_key}"},
        ):
            response = await client.get("/admin/code-studios/", headers=headers)
            assert response.status_code == 200, response.text
            assert [t["id"] for t in response.json()] == ["python-workspace"]


@pytest.mark.parametrize(
    ("headers", "message"),
    [
        ({}, "No API key provided"),
        ({"Authorization": "Bearer dkuaps-not-a-key"}, "Unknown API Key"),
        (basic("dkuaps-not-a-key", ""), "Unknown API Key"),
        (basic("someone", "dkuaps-wrong"), "Unknown API Key"),
        ({"Authorization": "Basic %%%not-base64"}, None),
        ({"Authorization": "Bearer"}, None),
    ],
)
async def test_bad_keys_are_refused_with_401(
    server: InProcessServer, headers: dict[str, str], message: str | None
) -> None:
    async with server.http("") as client:
        for path in ("/admin/code-studios/", "/projects/", "/futures/"):
            response = await client.get(path, headers=headers)
            assert response.status_code == 401, response.text
            body = response.json()
            assert body["errorType"] == NOT_AUTHENTICATED
            if message:
                assert body["message"] == message


async def test_admin_operations_need_an_admin_key(server: InProcessServer) -> None:
    key = server.add_user("alice")
    async with server.http(key) as client:
        for method, path in [
            ("GET", "/admin/code-studios/"),
            ("GET", "/admin/code-studios/python-workspace"),
            ("GET", "/admin/code-studios/does-not-exist"),
            ("POST", "/admin/code-studios/python-workspace/build"),
            ("DELETE", "/admin/code-studios/python-workspace"),
            ("GET", "/admin/code-studios/python-workspace/export"),
        ]:
            response = await client.request(method, path)
            assert response.status_code == 403, (method, path, response.text)
            assert response.json()["errorType"] == "com.dataiku.dip.exceptions.UnauthorizedException"
        response = await client.post("/admin/code-studios/", json={"label": "x", "type": "block_based"})
        assert response.status_code == 403
        assert (await client.get("/futures/", params={"allUsers": "true"})).status_code == 403
        assert (await client.get("/futures/")).status_code == 200


def test_only_a_keyed_hash_of_each_key_is_stored(server: InProcessServer) -> None:
    db_files = list((server.instance.config.data_dir).glob("server.db*"))
    content = b"".join(p.read_bytes() for p in db_files)
    assert server.admin_key.encode() not in content
    assert server.instance.users.authenticate(server.admin_key).login == "admin"


def test_command_line_adds_users_and_keys(tmp_path) -> None:
    runner = CliRunner()
    data = str(tmp_path / "cli-data")
    result = runner.invoke(cli, ["add-user", "bob", "--admin", "--data-dir", data])
    assert result.exit_code == 0, result.output
    bob_key = result.output.strip().splitlines()[-1]
    result = runner.invoke(cli, ["add-key", "bob", "--data-dir", data])
    assert result.exit_code == 0, result.output
    second = result.output.strip().splitlines()[-1]
    assert bob_key != second
    assert bob_key.startswith("dkuaps-")
    assert runner.invoke(cli, ["add-user", "bob", "--data-dir", data]).exit_code == 1
    assert runner.invoke(cli, ["add-key", "nobody", "--data-dir", data]).exit_code == 1

    from dss_codestudio_server.domain.instance import open_instance

    instance = open_instance(tmp_path / "cli-data")
    try:
        assert instance.users.authenticate(bob_key).is_admin
        assert instance.users.authenticate(second).login == "bob"
        # bob is an administrator, so the first start creates no other one.
        assert instance.initialize() is None
    finally:
        instance.close()


async def test_generated_client_reports_401_as_a_dss_error(server: InProcessServer) -> None:
    from dss_codestudio_openapi.api.code_studio_templates import list_code_studio_templates
    from dss_codestudio_openapi.models import DSSError

    client = server.client("dkuaps-unknown")
    response = await list_code_studio_templates.asyncio_detailed(client=client)
    assert response.status_code == 401
    assert isinstance(response.parsed, DSSError)
    assert response.parsed.message == "Unknown API Key"
    assert response.parsed.error_type == NOT_AUTHENTICATED
