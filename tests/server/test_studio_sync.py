"""Zone synchronisation through the API: what moves, what conflicts, and that no file is ever lost."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from dss_codestudio_openapi.api.code_studios import (
    check_code_studio_conflicts,
    pull_from_code_studio,
    push_to_code_studio,
)
from dss_codestudio_openapi.models import CodeStudioConflicts, CodeStudioPullResult, CodeStudioPushResult, DSSError
from dss_codestudio_server.domain.default_template import deployment_block

from tests.support.api import assert_dss_error, future_outcome, make_project
from tests.support.files import tree
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
BASE = "/projects/PROJ/code-studios"
LIB = "project_lib_versioned"


async def write_library(http, path: str, data: str) -> None:
    response = await http.post(f"/projects/PROJ/libraries/contents/{path}", content=data.encode())
    assert response.status_code in (200, 204), response.text


def library_changes(server: InProcessServer) -> list[tuple[str, str, str]]:
    return [(c.path, c.action, c.author) for c in server.instance.libraries.changes_since("PROJ", 0)]


async def test_start_pushes_and_stop_pulls_exactly_the_changed_files(server: InProcessServer) -> None:
    client = server.client()
    async with server.http() as http:
        await make_project(http)
        for path, data in {"python/a.py": "A1\n", "python/b.py": "B1\n", "README.md": "R\n"}.items():
            await write_library(http, path, data)
        studio = await create_studio(http, template=await make_template(http, "Controlled"))
        started = await start(http, studio)
        running = await status(http, studio)
        lib = zone_of(running, LIB)
        assert started["pushed"][lib["id"]] == {
            "added": ["README.md", "python/a.py", "python/b.py"],
            "modified": [],
            "deleted": [],
            "count": 3,
            "size": 8,
            "conflicts": [],
            "skipped": [],
        }
        assert all(p["count"] == 0 for zone, p in started["pushed"].items() if zone != lib["id"])

        folder = Path(lib["studioPath"])
        (folder / "python" / "a.py").write_text("A2 edited\n")
        (folder / "README.md").unlink()
        (folder / "python" / "c.py").write_text("C\n")
        (folder / "python" / "__pycache__").mkdir()
        (folder / "python" / "__pycache__" / "c.cpython-311.pyc").write_bytes(b"\0compiled")
        (folder / "notes.tmp").write_text("scratch")  # excludedFromSync: *.tmp

        pulled = await pull_from_code_studio.asyncio("PROJ", studio, lib["id"], client=client)
        assert isinstance(pulled, CodeStudioPullResult)
        changes = pulled[lib["id"]]
        assert (changes.added, changes.modified, changes.deleted) == (["python/c.py"], ["python/a.py"], ["README.md"])
        assert (changes.count, changes.size) == (3, len("A2 edited\n") + len("C\n"))
        again = await pull_from_code_studio.asyncio("PROJ", studio, lib["id"], client=client)
        assert isinstance(again, CodeStudioPullResult)
        assert again[lib["id"]].count == 0
        nothing = await push_to_code_studio.asyncio("PROJ", studio, lib["id"], client=client)
        assert isinstance(nothing, CodeStudioPushResult)
        assert (nothing.count, nothing.size) == (0, 0)

        library = server.instance.libraries.root("PROJ")
        assert tree(library) == {"python/a.py": b"A2 edited\n", "python/b.py": b"B1\n", "python/c.py": b"C\n"}
        # The pull is in the library's change log, by the studio's owner.
        assert sorted(library_changes(server)[-3:]) == [
            ("README.md", "delete", "admin"),
            ("python/a.py", "write", "admin"),
            ("python/c.py", "write", "admin"),
        ]

        await write_library(http, "python/b.py", "B2\n")
        pushed = await push_to_code_studio.asyncio("PROJ", studio, lib["id"], client=client)
        assert isinstance(pushed, CodeStudioPushResult)
        assert (pushed.modified, pushed.count, pushed.size) == (["python/b.py"], 1, 3)
        assert (folder / "python" / "b.py").read_text() == "B2\n"

        stopped = await stop(http, studio)
        assert all(p["count"] == 0 for p in stopped["pulled"].values())
        assert stopped["conflicts"] == {}
        restarted = await start(http, studio)
        assert all(p["count"] == 0 for p in restarted["pushed"].values())  # nothing changed, nothing copied
        await stop(http, studio)


async def test_edits_on_both_sides_give_exactly_the_documented_conflicts(server: InProcessServer) -> None:
    client = server.client()
    carol = server.add_user("carol")
    async with server.http() as http, server.http(carol) as as_carol:
        await make_project(http, permissions=[{"user": "carol", "writeProjectContent": True}])
        for name in ("m1", "m2", "d1", "gone", "s", "k"):
            await write_library(http, f"{name}.py", f"{name} base\n")
        studio = await create_studio(http, template=await make_template(http, "Controlled"))
        await start(http, studio)
        running = await status(http, studio)
        lib = zone_of(running, LIB)
        folder = Path(lib["studioPath"])

        # In the studio.
        for name in ("m1", "m2", "s"):
            (folder / f"{name}.py").write_text(f"{name} studio\n")
        for name in ("d1", "gone"):
            (folder / f"{name}.py").unlink()
        (folder / "a1.py").write_text("a1 studio\n")
        (folder / "a2.py").write_text("same\n")
        # In DSS, by carol.
        for name in ("m1", "d1", "k"):
            await write_library(as_carol, f"{name}.py", f"{name} dss\n")
        for name in ("m2", "gone"):
            assert (await as_carol.delete(f"/projects/PROJ/libraries/contents/{name}.py")).status_code == 204
        await write_library(as_carol, "a1.py", "a1 dss\n")
        await write_library(as_carol, "a2.py", "same\n")

        report = await check_code_studio_conflicts.asyncio("PROJ", studio, lib["id"], client=client)
        assert isinstance(report, CodeStudioConflicts)
        conflicts = report[lib["id"]]
        assert (conflicts.added, conflicts.modified, conflicts.deleted) == (["a1.py"], ["m1.py", "m2.py"], ["d1.py"])
        assert conflicts.authors == ["carol"]
        assert conflicts.count == 4
        assert conflicts.commit_from != conflicts.commit_to
        # A zone nobody changed in DSS: no authors, the same commit.
        quiet_id = zone_of(running, "code_studio_versioned")["id"]
        quiet = (await http.get(f"{BASE}/{studio}/conflicts/{quiet_id}")).json()[quiet_id]
        assert (quiet["authors"], quiet["count"], quiet["commitFrom"]) == ([], 0, quiet["commitTo"])

        library = server.instance.libraries.root("PROJ")
        dss_before = tree(library)
        refused = await pull_from_code_studio.asyncio_detailed("PROJ", studio, lib["id"], client=client)
        assert refused.status_code == 409
        assert isinstance(refused.parsed, DSSError)
        for name in ("a1.py", "m1.py", "m2.py", "d1.py"):
            assert name in str(refused.parsed.message)
        assert tree(library) == dss_before  # a refused pull copies nothing, not even s.py

        pushed = await push_to_code_studio.asyncio("PROJ", studio, lib["id"], client=client)
        assert isinstance(pushed, CodeStudioPushResult)
        assert (pushed.added, pushed.modified, pushed.deleted) == ([], ["k.py"], [])
        assert pushed.conflicts == ["a1.py", "d1.py", "m1.py", "m2.py"]
        assert (folder / "m1.py").read_text() == "m1 studio\n"  # a conflict is never overwritten

        forced = await pull_from_code_studio.asyncio("PROJ", studio, lib["id"], force=True, client=client)
        assert isinstance(forced, CodeStudioPullResult)
        assert forced[lib["id"]].count == 5  # the four conflicts and s.py
        expected = {
            "a1.py": b"a1 studio\n",
            "a2.py": b"same\n",
            "k.py": b"k dss\n",
            "m1.py": b"m1 studio\n",
            "m2.py": b"m2 studio\n",
            "s.py": b"s studio\n",
        }
        assert tree(library) == expected
        assert {k: v for k, v in tree(folder).items()} == expected
        settled = (await http.get(f"{BASE}/{studio}/conflicts/{lib['id']}")).json()[lib["id"]]
        assert settled["count"] == 0
        await stop(http, studio)


async def test_stop_keeps_conflicts_on_both_sides_and_delete_refuses_to_lose_them(http) -> None:
    await make_project(http)
    await write_library(http, "m1.py", "base\n")
    studio = await create_studio(http, template=await make_template(http, "Controlled"))
    await start(http, studio)
    lib = zone_of(await status(http, studio), LIB)
    folder = Path(lib["studioPath"])
    (folder / "m1.py").write_text("studio\n")
    (folder / "new.py").write_text("new\n")
    await write_library(http, "m1.py", "dss\n")

    stopped = await stop(http, studio)
    assert stopped["pulled"][lib["id"]]["added"] == ["new.py"]
    assert stopped["conflicts"][lib["id"]]["modified"] == ["m1.py"]
    assert (folder / "m1.py").read_text() == "studio\n"
    assert (await http.get("/projects/PROJ/libraries/contents/m1.py")).json()["data"] == "dss\n"

    refused = assert_dss_error(await http.delete(f"{BASE}/{studio}"), 409)
    assert "m1.py" in refused["message"]
    assert (await status(http, studio))["state"] == "STOPPED"

    restarted = await start(http, studio)
    lib = zone_of(await status(http, studio), LIB)
    assert restarted["pushed"][lib["id"]]["conflicts"] == ["m1.py"]
    assert (folder / "m1.py").read_text() == "studio\n"
    assert (await http.get(f"{BASE}/{studio}/pull/{lib['id']}", params={"force": "true"})).status_code == 200
    assert (await http.delete(f"{BASE}/{studio}")).status_code == 204
    assert (await http.get("/projects/PROJ/libraries/contents/m1.py")).json()["data"] == "studio\n"


async def test_zone_ids_are_only_those_of_the_running_studio(server: InProcessServer) -> None:
    client = server.client()
    async with server.http() as http:
        await make_project(http)
        studio = await create_studio(http, template=await make_template(http, "Controlled"))
        unknown = await check_code_studio_conflicts.asyncio("PROJ", studio, "code_studio_versioned-abc", client=client)
        assert isinstance(unknown, CodeStudioConflicts)
        assert "STOPPED" in str(unknown.error)
        await start(http, studio)
        zone = zone_of(await status(http, studio), LIB)["id"]
        answer = (await http.get(f"{BASE}/{studio}/conflicts/not-a-zone")).json()
        assert set(answer) == {"error"}
        for call in ("pull", "push"):
            assert_dss_error(await http.get(f"{BASE}/{studio}/{call}/not-a-zone"), 404)
        await stop(http, studio)
        for call in ("pull", "push"):
            assert "STOPPED" in assert_dss_error(await http.get(f"{BASE}/{studio}/{call}/{zone}"), 404)["message"]


async def test_one_way_zones_exclusions_and_links_are_honoured(http, tmp_path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("outside the studio")
    await make_project(http)
    await write_library(http, "lib.py", "library\n")
    zones = [(LIB, "project-lib-versioned"), ("code_studio_versioned", "code_studio-versioned")]
    template = await make_template(
        http,
        "One way",
        sync_block(zones, excluded=["*.log", "build/"], one_way={LIB}),
        deployment_block(),
        entrypoint_block(),
    )
    studio = await create_studio(http, template=template)
    await start(http, studio)
    running = await status(http, studio)
    lib, own = zone_of(running, LIB), zone_of(running, "code_studio_versioned")
    assert (lib["oneWay"], own["oneWay"]) == (True, False)
    Path(lib["studioPath"], "lib.py").write_text("edited in the studio\n")
    folder = Path(own["studioPath"])
    (folder / "real.txt").write_text("real\n")
    (folder / "x.log").write_text("log\n")
    (folder / "build").mkdir()
    (folder / "build" / "out.bin").write_bytes(b"\1")
    os.symlink(secret, folder / "link.txt")

    pulled = (await http.get(f"{BASE}/{studio}/pull/{own['id']}")).json()[own["id"]]
    assert pulled["added"] == ["real.txt"]
    assert [(s["path"], s["side"]) for s in pulled["skipped"]] == [("link.txt", "studio")]
    assert tree(Path(own["dssPath"])) == {"real.txt": b"real\n"}
    assert not Path(own["dssPath"], "link.txt").exists()
    # A one-way zone is never pulled, not even by a stop; its studio edits stay in the studio.
    assert (await http.get(f"{BASE}/{studio}/pull/{lib['id']}")).json()[lib["id"]]["count"] == 0
    stopped = await stop(http, studio)
    assert lib["id"] not in stopped["pulled"]
    assert (await http.get("/projects/PROJ/libraries/contents/lib.py")).json()["data"] == "library\n"
    assert Path(lib["studioPath"], "lib.py").read_text() == "edited in the studio\n"
    assert secret.read_text() == "outside the studio"
    assert (await http.delete(f"{BASE}/{studio}")).status_code == 204  # one-way edits are not DSS's to keep


async def test_zone_folders_never_lead_outside_the_studio(http, tmp_path) -> None:
    await make_project(http)
    escaping = sync_block([("recipes", "../../../etc")])
    response = await http.post("/admin/code-studios/", json={"label": "Escaping", "type": "block_based"})
    template = response.json()["id"]
    settings = (await http.get(f"/admin/code-studios/{template}")).json()
    settings["params"]["blocks"] = [escaping, deployment_block(), entrypoint_block()]
    await http.put(f"/admin/code-studios/{template}", json=settings)
    built = await future_outcome(http, (await http.post(f"/admin/code-studios/{template}/build")).json())
    assert built.json()["result"]["messages"]["error"] is True
    studio = await create_studio(http, template=template)
    assert "never built" in assert_dss_error(await http.post(f"{BASE}/{studio}/restart"), 409)["message"]

    # A link planted where a zone's folder goes: the start fails, nothing is written through it.
    outside = tmp_path / "outside"
    outside.mkdir()
    await write_library(http, "lib.py", "library\n")
    studio = await create_studio(http, template=await make_template(http, "Controlled"))
    workspace = Path((await status(http, studio))["workspacePath"])
    workspace.mkdir(parents=True)
    os.symlink(outside, workspace / "project-lib-versioned")
    failed = await future_outcome(http, (await http.post(f"{BASE}/{studio}/restart")).json())
    assert "cannot be synchronised" in assert_dss_error(failed, 500)["message"]
    assert list(outside.iterdir()) == []
    assert (await status(http, studio))["state"] == "STOPPED"


async def test_user_zones_follow_the_user_and_project_zones_the_project(http) -> None:
    await make_project(http)
    await make_project(http, key="OTHER")
    template = await make_template(http, "Controlled")
    first = await create_studio(http, template=template)
    await start(http, first)
    running = await status(http, first)
    Path(zone_of(running, "user_versioned")["studioPath"], "settings.json").write_text('{"theme": "dark"}\n')
    Path(zone_of(running, "recipes")["studioPath"], "compute.py").write_text("RECIPE = 1\n")
    Path(zone_of(running, "code_studio_versioned")["studioPath"], "mine.py").write_text("only this studio\n")
    await stop(http, first)

    same_project = await create_studio(http, template=template)
    elsewhere = await create_studio(http, project="OTHER", template=template)
    await start(http, same_project)
    await start(http, elsewhere, project="OTHER")
    same = Path((await status(http, same_project))["workspacePath"])
    other = Path((await status(http, elsewhere, project="OTHER"))["workspacePath"])
    assert (same / "user-versioned/settings.json").read_text() == '{"theme": "dark"}\n'
    assert (other / "user-versioned/settings.json").read_text() == '{"theme": "dark"}\n'
    assert (same / "recipes/compute.py").read_text() == "RECIPE = 1\n"
    assert not (other / "recipes/compute.py").exists()
    assert not (same / "code_studio-versioned/mine.py").exists()
    await stop(http, same_project)
    await stop(http, elsewhere, project="OTHER")


async def test_conflicts_name_who_pulled_into_shared_zones(server: InProcessServer) -> None:
    bob = server.add_user("bob")
    async with server.http() as http, server.http(bob) as as_bob:
        await make_project(http, permissions=[{"user": "bob", "writeProjectContent": True}])
        template = await make_template(http, "Controlled")
        mine, his = await create_studio(http, template=template), await create_studio(as_bob, template=template)
        await start(http, mine)
        Path(zone_of(await status(http, mine), "recipes")["studioPath"], "compute.py").write_text("v1\n")
        await stop(http, mine)
        await start(http, mine)
        await start(as_bob, his)
        recipes, his_recipes = (
            zone_of(await status(http, mine), "recipes"),
            zone_of(await status(as_bob, his), "recipes"),
        )
        Path(his_recipes["studioPath"], "compute.py").write_text("bob's v2\n")
        assert (await as_bob.get(f"{BASE}/{his}/pull/{his_recipes['id']}")).json()[his_recipes["id"]]["count"] == 1
        Path(recipes["studioPath"], "compute.py").write_text("my v2\n")
        report = (await http.get(f"{BASE}/{mine}/conflicts/{recipes['id']}")).json()[recipes["id"]]
        assert (report["modified"], report["authors"]) == (["compute.py"], ["bob"])
        await stop(http, mine)
        await stop(as_bob, his)
