"""The plugin's fixtures, used directly the way a user's test suite uses them."""

from __future__ import annotations

from pathlib import Path

import httpx
import pytest
from dss_codestudio import AsyncDSSClient, AuthenticationError, DSSClient, PermissionDeniedError
from dss_codestudio_testing import DSSTestServer, running_server

from tests.support.ports import listening


def test_dss_server_is_fresh_and_local(dss_server: DSSTestServer, tmp_path: Path) -> None:
    assert dss_server.url.startswith("http://127.0.0.1:")
    assert dss_server.data_dir.is_relative_to(tmp_path)
    answer = httpx.get(f"{dss_server.url}/dip/publicapi/projects/", auth=(dss_server.admin_key, ""))
    assert answer.status_code == 200
    assert answer.json() == []


def test_dss_client_is_an_admin_client(dss_client: DSSClient, dss_server: DSSTestServer) -> None:
    assert dss_client.host == dss_server.url
    assert "python-workspace" in [t.id for t in dss_client.list_code_studio_templates()]
    dss_client.create_project("ADMINPROJ", "Admin's", dss_server.admin_login)
    assert dss_client.list_project_keys() == ["ADMINPROJ"]


def test_users_and_keys(dss_server: DSSTestServer, dss_client: DSSClient) -> None:
    alice_key = dss_server.add_user("alice", may_create_projects=True)
    bob_key = dss_server.add_user("bob")
    alice = dss_server.client(alice_key)
    alice.create_project("ALICE", "Alice's", "alice")
    assert alice.list_project_keys() == ["ALICE"]
    bob = dss_server.client(bob_key)
    assert bob.list_project_keys() == []
    with pytest.raises(PermissionDeniedError):
        bob.create_project("BOB", "Bob's", "bob")
    with pytest.raises(PermissionDeniedError):
        bob.list_code_studio_templates()  # templates are for administrators
    second = dss_server.add_key("alice", "ci")
    assert second != alice_key
    assert dss_server.client(second).list_project_keys() == ["ALICE"]
    with pytest.raises(AuthenticationError):
        dss_server.client("not-a-key").list_project_keys()
    assert set(dss_client.list_project_keys()) == {"ALICE"}


def test_admin_user(dss_server: DSSTestServer) -> None:
    key = dss_server.add_user("root2", admin=True)
    assert "python-workspace" in [t.id for t in dss_server.client(key).list_code_studio_templates()]


@pytest.mark.anyio
async def test_dss_async_client(dss_async_client: AsyncDSSClient, dss_server: DSSTestServer) -> None:
    await dss_async_client.create_project("ASYNC", "Async", dss_server.admin_login)
    studio = await dss_async_client.get_project("ASYNC").create_code_studio("s", "python-workspace")
    settings = await studio.get_settings()
    assert settings.template_id == "python-workspace"


def test_session_server_is_shared(dss_session_server: DSSTestServer, dss_session_client: DSSClient) -> None:
    assert dss_session_client.host == dss_session_server.url
    assert dss_session_server.data_dir.name.startswith("dss-session-server")


def test_session_server_is_the_same_for_every_test(dss_session_server: DSSTestServer, request) -> None:
    cache = request.config.stash.setdefault(_SEEN, [])
    cache.append(dss_session_server.url)
    assert len(set(cache)) == 1


def test_session_server_is_the_same_for_every_test_too(dss_session_server: DSSTestServer, request) -> None:
    test_session_server_is_the_same_for_every_test(dss_session_server, request)


_SEEN = pytest.StashKey[list[str]]()


def test_running_server_outside_fixtures_stops_and_closes_its_clients(tmp_path: Path) -> None:
    with running_server(tmp_path / "data") as server:
        client = server.client()
        assert client.list_project_keys() == []
        port = server.port
        assert listening(port)
    assert not listening(port)
    assert client.is_closed
