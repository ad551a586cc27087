"""Code studio objects: rows, ids, owners, starter files, and the deletions that stop running studios."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from tests.support.api import assert_dss_error, make_project, wait_for_future
from tests.support.processes import studio_processes
from tests.support.servers import InProcessServer
from tests.support.studios import (
    create_studio,
    entrypoint_block,
    make_template,
    start,
    status,
    stop,
    sync_block,
    zone_of,
)

pytestmark = pytest.mark.anyio


async def new_studio(http, project: str = "PROJ", template: str = "python-workspace") -> dict:
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
        studio = await new_studio(http)
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
        own = await new_studio(as_bob)
        assert own["owner"] == "bob"
        assert (await as_bob.delete(f"/projects/PROJ/code-studios/{own['id']}")).status_code == 204
        assert (await http.delete(f"/projects/PROJ/code-studios/{studio['id']}")).status_code == 204
        assert_dss_error(await http.get(f"/projects/PROJ/code-studios/{studio['id']}"), 404)
        assert_dss_error(await http.post("/projects/PROJ/code-studios/", json={"name": "x", "templateId": "nope"}), 404)


async def test_template_and_project_deletion_stop_and_delete_their_studios(http, server: InProcessServer) -> None:
    await make_project(http)
    template = await make_template(http, "Short lived")
    doomed = await create_studio(http, template=template)
    kept = await create_studio(http)
    await start(http, doomed)
    running = await status(http, doomed)
    Path(zone_of(running, "project_lib_versioned")["studioPath"], "saved.py").write_text("kept by the project\n")
    response = await http.delete(f"/admin/code-studios/{template}", params={"deleteRuntime": "true"})
    assert next(m["code"] for m in response.json()["messages"]) == "TEMPLATE_RUNTIMES_DELETED"
    assert [s["id"] for s in (await http.get("/projects/PROJ/code-studios/")).json()] == [kept]
    # The studio was stopped as a stop does: no process left, its project files pulled, its pod gone.
    assert not studio_processes(server.instance.config.data_dir)
    assert (await http.get("/projects/PROJ/libraries/contents/saved.py")).json()["data"] == "kept by the project\n"
    assert not Path(running["workspacePath"]).exists()

    await wait_for_future(http, (await http.post("/admin/code-studios/python-workspace/build")).json())
    await start(http, kept)
    deleted = (await http.delete("/projects/PROJ")).json()
    assert "PROJECT_STUDIOS_DELETED" in [m["code"] for m in deleted["result"]["messages"]]
    assert server.instance.db.query("SELECT * FROM code_studios") == []
    assert not studio_processes(server.instance.config.data_dir)


async def test_starter_files_are_written_into_zones_at_creation_never_over_existing_files(
    http, server: InProcessServer
) -> None:
    await make_project(http)
    starter = {
        "type": "add_starter_files",
        "params": {
            "files": [
                {"zone": "code_studio_versioned", "path": "streamlit/app.py", "content": "import streamlit\n"},
                {"zone": "user_versioned", "path": "settings.json", "content": "{}\n"},
                {"zone": "project_lib_versioned", "path": "python/starter.py", "content": "STARTER = 1\n"},
                {"zone": "code_studio_versioned", "path": "../../escape.py", "content": "nope\n"},
            ]
        },
    }
    template = await make_template(http, "With starter files", sync_block(), entrypoint_block(), starter)
    first = await create_studio(http, template=template)
    user_settings = Path(server.instance.config.data_dir, "users")
    [settings] = list(user_settings.glob("admin-*/versioned/settings.json"))
    settings.write_text('{"theme": "mine"}\n')  # the user's own settings: a new studio keeps them
    second = await create_studio(http, template=template)
    assert settings.read_text() == '{"theme": "mine"}\n'
    assert first != second
    assert re.fullmatch(r"[0-9A-Za-z]{7}", second)
    assert (await http.get("/projects/PROJ/libraries/contents/python/starter.py")).json()["data"] == "STARTER = 1\n"
    assert not list(server.instance.config.data_dir.rglob("escape.py"))
    result = await start(http, second)
    running = await status(http, second)
    workspace = Path(running["workspacePath"])
    assert (workspace / "code_studio-versioned/streamlit/app.py").read_text() == "import streamlit\n"
    assert (workspace / "user-versioned/settings.json").read_text() == '{"theme": "mine"}\n'
    assert result["pushed"][zone_of(running, "code_studio_versioned")["id"]]["added"] == ["streamlit/app.py"]
    await stop(http, second)
