"""Projects (create, list, delete, permissions) and project libraries (files, change record, confinement)."""

from __future__ import annotations

import os

import pytest
from dss_codestudio_openapi.api.project_libraries import get_project_library_file, write_project_library_file
from dss_codestudio_openapi.api.projects import create_project, list_projects
from dss_codestudio_openapi.models import GetProjectLibraryFileDataEncoding, ProjectCreateRequest
from dss_codestudio_openapi.types import File

from tests.support.api import assert_dss_error, make_project
from tests.support.servers import InProcessServer

pytestmark = pytest.mark.anyio
FORBIDDEN = "com.dataiku.dip.exceptions.UnauthorizedException"


async def test_projects_create_list_delete(server: InProcessServer) -> None:
    client = server.client()
    created = await create_project.asyncio(
        client=client, body=ProjectCreateRequest(project_key="MYPROJ", name="My project", owner="admin", tags=["t"])
    )
    assert created.project_key == "MYPROJ"
    listed = await list_projects.asyncio(client=client, include_location=True)
    assert [p.project_key for p in listed] == ["MYPROJ"]
    assert listed[0].project_location == str(server.instance.projects.folder("MYPROJ"))
    async with server.http() as http:
        assert_dss_error(
            await http.post("/projects/", json={"projectKey": "MYPROJ", "name": "x", "owner": "admin"}), 409
        )
        assert_dss_error(await http.post("/projects/", json={"projectKey": "X", "name": "x", "owner": "ghost"}), 404)
        assert_dss_error(
            await http.post(
                "/projects/",
                params={"projectFolderId": "NOPE"},
                json={"projectKey": "Y", "name": "y", "owner": "admin"},
            ),
            404,
        )
        await http.post("/projects/MYPROJ/libraries/contents/a.py", content=b"x")
        deleted = await http.delete("/projects/MYPROJ", params={"clearManagedDatasets": "False", "wait": "True"})
        assert deleted.status_code == 200
        assert deleted.json()["hasResult"] is True
        assert "jobId" not in deleted.json()
        assert not server.instance.projects.folder("MYPROJ").exists()
        assert_dss_error(await http.delete("/projects/MYPROJ"), 404)
        await make_project(http, "LATER")
        future = (await http.delete("/projects/LATER", params={"wait": "false"})).json()
        assert future["jobId"]
        from tests.support.api import wait_for_future

        done = await wait_for_future(http, future)
        assert done["result"]["success"] is True
        assert (await http.get("/projects/")).json() == []


async def test_project_permissions_follow_dss(server: InProcessServer) -> None:
    alice, bob, carol = (server.add_user(n, groups=g) for n, g in (("alice", ()), ("bob", ("data",)), ("carol", ())))
    async with (
        server.http() as admin,
        server.http(alice) as as_alice,
        server.http(bob) as as_bob,
        server.http(carol) as as_carol,
    ):
        await make_project(
            admin,
            "SHARED",
            permissions=[
                {"group": "data", "readProjectContent": True},
                {"user": "carol", "admin": True},
            ],
        )
        # A non-reader gets 403 whether or not the project exists: keys cannot be probed.
        for key in ("SHARED", "MISSING"):
            assert_dss_error(await as_alice.get(f"/projects/{key}/libraries/contents"), 403, FORBIDDEN)
        assert_dss_error(await admin.get("/projects/MISSING/libraries/contents"), 404)
        assert [p["projectKey"] for p in (await as_alice.get("/projects/")).json()] == []
        # Readers read but do not write; project admins (by permission) write and delete.
        assert [p["projectKey"] for p in (await as_bob.get("/projects/")).json()] == ["SHARED"]
        assert (await as_bob.get("/projects/SHARED/libraries/contents")).status_code == 200
        assert_dss_error(await as_bob.post("/projects/SHARED/libraries/contents/x.py", content=b"x"), 403)
        assert (await as_carol.post("/projects/SHARED/libraries/contents/x.py", content=b"x")).status_code == 204
        assert_dss_error(await as_bob.delete("/projects/SHARED"), 403)
        # Creating projects needs the right to; owning someone else's needs admin.
        assert_dss_error(
            await as_alice.post("/projects/", json={"projectKey": "A", "name": "a", "owner": "alice"}), 403
        )
        assert (await as_carol.delete("/projects/SHARED")).status_code == 200


async def test_library_calls_work_on_real_files_and_record_authors(server: InProcessServer) -> None:
    alice = server.add_user("alice")
    async with server.http() as http, server.http(alice) as as_alice:
        await make_project(http, permissions=[{"user": "alice", "writeProjectContent": True}])
        root = server.instance.libraries.root("PROJ")
        # The official client's shape: a leading slash, no Content-Type.
        assert (
            await http.post("/projects/PROJ/libraries/contents//python/util.py", content=b"print(1)\n")
        ).status_code == 204
        assert (root / "python" / "util.py").read_bytes() == b"print(1)\n"
        # An encoded slash, as the generated client sends it.
        client = server.client(alice)
        await write_project_library_file.asyncio_detailed(
            "PROJ", "python/data.bin", client=client, body=File(payload=b"\xff\x00")
        )
        read = await get_project_library_file.asyncio(
            "PROJ", "python/data.bin", client=client, data_encoding=GetProjectLibraryFileDataEncoding.BASE64
        )
        assert read.data == "/wA="
        assert_dss_error(await http.get("/projects/PROJ/libraries/contents/python/data.bin"), 400)
        assert (await http.get("/projects/PROJ/libraries/contents/python/util.py")).json() == {
            "path": "python/util.py",
            "data": "print(1)\n",
        }
        assert (await http.post("/projects/PROJ/libraries/folders//python/sub folder")).status_code == 204
        assert (await http.post("/projects/PROJ/libraries/folders/python/sub folder")).status_code == 204
        assert_dss_error(await http.post("/projects/PROJ/libraries/folders/python/util.py"), 409)
        rename = await as_alice.post(
            "/projects/PROJ/libraries/contents-actions/rename/",
            content=b'{"oldPath": "/python/util.py", "newName": "tools.py"}',
        )
        assert rename.status_code == 204
        move = await http.post(
            "/projects/PROJ/libraries/contents-actions/move", json={"oldPath": "/python/tools.py", "newPath": "/"}
        )
        assert move.status_code == 204
        assert_dss_error(
            await http.post(
                "/projects/PROJ/libraries/contents-actions/move",
                json={"oldPath": "python", "newPath": "python/sub folder"},
            ),
            400,
        )
        assert_dss_error(
            await http.post(
                "/projects/PROJ/libraries/contents-actions/rename/", json={"oldPath": "tools.py", "newName": "python"}
            ),
            409,
        )
        assert_dss_error(await http.get("/projects/PROJ/libraries/contents/nothing.py"), 404)
        tree = (await http.get("/projects/PROJ/libraries/contents")).json()
        assert tree == [
            {"name": "python", "children": [{"name": "data.bin"}, {"name": "sub folder", "children": []}]},
            {"name": "tools.py"},
        ]
        assert (await http.delete("/projects/PROJ/libraries/contents//python")).status_code == 204
    libraries = server.instance.libraries
    changes = [(c.path, c.action, c.author) for c in libraries.changes_since("PROJ", 0)]
    assert changes == [
        ("python/util.py", "write", "admin"),
        ("python/data.bin", "write", "alice"),
        ("python/util.py", "delete", "alice"),
        ("python/tools.py", "write", "alice"),
        ("python/tools.py", "delete", "admin"),
        ("tools.py", "write", "admin"),
        ("python/data.bin", "delete", "admin"),
    ]
    files = libraries.files("PROJ")
    assert list(files) == ["tools.py"]
    assert files["tools.py"].content_hash == libraries.changes_since("PROJ", 0)[0].content_hash
    head = libraries.head("PROJ")
    assert [c.seq for c in libraries.changes_since("PROJ", head - 1)] == [head]


@pytest.mark.parametrize(
    "path",
    [
        "../escape.py",
        "python/../../escape.py",
        "a/%2E/b.py",
        "a%00b.py",
        "a\\..\\b.py",
        "a//b.py",
        "x" * 300,
        "%2e%2e/escape.py",
    ],
)
async def test_library_paths_never_leave_the_library(http, server: InProcessServer, path: str) -> None:
    await make_project(http)
    response = await http.post(f"/projects/PROJ/libraries/contents/{path}", content=b"x")
    # httpx removes literal dot segments before sending (the request then misses the route: 404);
    # encoded ones reach the server, which refuses them.
    assert_dss_error(response, 404 if path.startswith(("../", "python/..")) else 400)
    data_dir = server.instance.config.data_dir
    assert not list(data_dir.parent.glob("escape*"))
    assert not list(data_dir.glob("**/escape.py"))


async def test_library_refuses_symbolic_links(http, server: InProcessServer, tmp_path) -> None:
    await make_project(http)
    root = server.instance.libraries.root("PROJ")
    root.mkdir(parents=True, exist_ok=True)
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.txt").write_text("secret")
    os.symlink(outside, root / "link")
    assert_dss_error(await http.get("/projects/PROJ/libraries/contents/link/secret.txt"), 400)
    assert_dss_error(await http.post("/projects/PROJ/libraries/contents/link/new.txt", content=b"x"), 400)
    assert not (outside / "new.txt").exists()
    assert (await http.get("/projects/PROJ/libraries/contents")).json() == []


def test_reconcile_records_what_a_crash_left_on_disk(server: InProcessServer) -> None:
    admin = server.instance.users.get("admin")
    server.instance.projects.create(admin, key="PROJ", name="p", owner="admin")
    libraries = server.instance.libraries
    libraries.write_file("PROJ", "kept.py", b"1", "admin")
    libraries.write_file("PROJ", "gone.py", b"2", "admin")
    root = libraries.root("PROJ")
    (root / "gone.py").unlink()
    (root / "new.py").write_bytes(b"3")
    assert libraries.reconcile("PROJ") == 2
    assert libraries.reconcile("PROJ") == 0
    last = libraries.changes_since("PROJ", 2)
    assert {(c.path, c.action) for c in last} == {("gone.py", "delete"), ("new.py", "write")}
    assert {c.author for c in last} == {"(recovered at server start)"}
