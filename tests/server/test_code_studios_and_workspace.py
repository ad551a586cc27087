"""Code studio objects (rows, owners, deletion hooks) and the default template's workspace service."""

from __future__ import annotations

import json
import threading
from http.server import ThreadingHTTPServer

import httpx
import pytest
from dss_codestudio_server.workspace_service import make_handler

from tests.conftest import InProcessServer
from tests.server.test_projects_and_libraries import make_project
from tests.server.test_wire import assert_dss_error

pytestmark = pytest.mark.anyio


async def create_studio(http, project: str = "PROJ", template: str = "python-workspace") -> dict:
    response = await http.post(
        f"/projects/{project}/code-studios/", content=json.dumps({"name": "My studio", "templateId": template})
    )
    assert response.status_code == 200, response.text
    return response.json()["codeStudio"]


async def test_studio_objects_create_list_get_change_owner_delete(server: InProcessServer) -> None:
    server.add_user("alice+ops@example.com")
    bob = server.add_user("bob")
    async with server.http() as http, server.http(bob) as as_bob:
        await make_project(http, permissions=[{"user": "bob", "writeProjectContent": True}])
        studio = await create_studio(http)
        assert len(studio["id"]) == 7
        assert studio["libName"] == studio["id"]
        assert studio["owner"] == "admin"
        listed = (await http.get("/projects/PROJ/code-studios/")).json()
        assert listed == [
            {
                "id": studio["id"],
                "name": "My studio",
                "owner": "admin",
                "templateId": "python-workspace",
                "projectKey": "PROJ",
                "desc": {"label": "Python workspace", "shortDesc": listed[0]["desc"]["shortDesc"]},
            }
        ]
        assert (await http.get(f"/projects/PROJ/code-studios/{studio['id']}")).json()["name"] == "My studio"
        # Unencoded, as the official client sends it: '+' arrives as a space.
        changed = await http.post(
            f"/projects/PROJ/code-studios/{studio['id']}/change-owner?newOwner=alice+ops@example.com"
        )
        assert changed.status_code == 200, changed.text
        assert changed.json()["owner"] == "alice+ops@example.com"
        assert_dss_error(
            await http.post(f"/projects/PROJ/code-studios/{studio['id']}/change-owner", params={"newOwner": "ghost"}),
            404,
        )
        # bob writes in the project but neither owns the studio nor administers the project.
        assert_dss_error(
            await as_bob.post(f"/projects/PROJ/code-studios/{studio['id']}/change-owner", params={"newOwner": "bob"}),
            403,
        )
        assert_dss_error(await as_bob.delete(f"/projects/PROJ/code-studios/{studio['id']}"), 403)
        own = await create_studio(as_bob)
        assert own["owner"] == "bob"
        assert (await as_bob.delete(f"/projects/PROJ/code-studios/{own['id']}")).status_code == 204
        assert (await http.delete(f"/projects/PROJ/code-studios/{studio['id']}")).status_code == 204
        assert_dss_error(await http.get(f"/projects/PROJ/code-studios/{studio['id']}"), 404)
        assert_dss_error(await http.post("/projects/PROJ/code-studios/", json={"name": "x", "templateId": "nope"}), 404)


async def test_running_studios_answers_501_until_the_runtime_exists(http) -> None:
    await make_project(http)
    studio = await create_studio(http)
    base = f"/projects/PROJ/code-studios/{studio['id']}"
    for method, path in [
        ("GET", "/status"),
        ("POST", "/restart"),
        ("POST", "/stop"),
        ("GET", "/conflicts/z1"),
        ("GET", "/pull/z1"),
        ("GET", "/push/z1"),
    ]:
        error = assert_dss_error(
            await http.request(method, base + path), 501, "java.lang.UnsupportedOperationException"
        )
        assert "not implemented by this server yet" in error["message"]
        assert_dss_error(await http.request(method, "/projects/PROJ/code-studios/NoSuchS" + path), 404)


async def test_template_and_project_deletion_delete_their_studios(http, server: InProcessServer) -> None:
    await make_project(http)
    await http.post("/admin/code-studios/", json={"label": "Short lived", "type": "block_based"})
    await create_studio(http, template="short-lived")
    kept = await create_studio(http)
    response = await http.delete("/admin/code-studios/short-lived", params={"deleteRuntime": "true"})
    assert next(m["code"] for m in response.json()["messages"]) == "TEMPLATE_RUNTIMES_DELETED"
    assert [s["id"] for s in (await http.get("/projects/PROJ/code-studios/")).json()] == [kept["id"]]
    deleted = (await http.delete("/projects/PROJ")).json()
    assert "PROJECT_STUDIOS_DELETED" in [m["code"] for m in deleted["result"]["messages"]]
    assert server.instance.db.query("SELECT * FROM code_studios") == []


def test_workspace_service_serves_the_workspace_and_nothing_else(tmp_path) -> None:
    workspace = tmp_path / "ws"
    (workspace / "code").mkdir(parents=True)
    (workspace / "code" / "app.py").write_text("print('hi')\n")
    (tmp_path / "secret.txt").write_text("secret")
    (workspace / "escape").symlink_to(tmp_path)
    server = ThreadingHTTPServer(("127.0.0.1", 0), make_handler(workspace))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    base = f"http://127.0.0.1:{server.server_address[1]}"
    try:
        assert httpx.get(base + "/__health").text == "ok\n"
        listing = httpx.get(base + "/", params={"format": "json"}).json()
        assert listing["entries"] == [{"name": "code", "type": "folder", "size": 0}]
        assert "app.py" in httpx.get(base + "/code/").text
        assert httpx.get(base + "/code/app.py").text == "print('hi')\n"
        assert httpx.get(base + "/escape/secret.txt").status_code == 403
        assert httpx.get(base + "/code/%2e%2e/%2e%2e/secret.txt").status_code == 403
        assert httpx.get(base + "/missing").status_code == 404
    finally:
        server.shutdown()
        server.server_close()
        thread.join(10)
