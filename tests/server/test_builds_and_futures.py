"""Template builds (real outputs, messages, cache, one at a time, abort) and futures."""

from __future__ import annotations

import json
import os

import anyio
import pytest
from dss_codestudio_openapi.api.code_studio_templates import build_code_studio_template
from dss_codestudio_openapi.api.futures import get_future_state
from dss_codestudio_server.domain.errors import InvalidRequest

from tests.support.api import assert_dss_error, wait_for_future
from tests.support.servers import InProcessServer

pytestmark = pytest.mark.anyio


def output_of(server: InProcessServer, template_id: str):
    return server.instance.templates.build_output(template_id)


async def add_blocks(http, template_id: str, *blocks: dict) -> None:
    settings = (await http.get(f"/admin/code-studios/{template_id}")).json()
    settings["params"]["blocks"] += list(blocks)
    assert (await http.put(f"/admin/code-studios/{template_id}", json=settings)).status_code == 204


async def test_default_template_builds_into_a_runnable_output(server: InProcessServer) -> None:
    client = server.client()
    started = await build_code_studio_template.asyncio("python-workspace", client=client, with_no_cache=False)
    assert started.job_id
    assert started.alive in (True, False)
    async with server.http() as http:
        state = await wait_for_future(http, started.to_dict())
        items = (await http.get("/admin/code-studios/")).json()
    result = state["result"]
    assert result["messages"]["error"] is False
    assert [b["configName"] for b in result["builds"]] == ["local"]
    assert items[0]["buildFor"] == ["local"]
    assert items[0]["lastBuilt"] > 0
    output = output_of(server, "python-workspace")
    assert output is not None
    entrypoints = json.loads((output / "entrypoints.json").read_text())
    [entry] = entrypoints["entrypoints"]
    assert entry["argv"][:3] == ["${python}", "-m", "dss_codestudio_server.runtime.workspace_http"]
    assert entry["port"] == 8080
    assert entry["exposeHtml"] is True
    assert entry["readiness"] == {"type": "http", "url": "${baseUrl}/__health"}
    zones = json.loads((output / "zones.json").read_text())["zones"]
    assert {
        "zone": "project_lib_versioned",
        "pathInContainer": "/home/dataiku/workspace/project-lib-versioned",
        "workspacePath": "project-lib-versioned",
        "oneWay": False,
    } in zones
    dockerfile = (output / "Dockerfile").read_text()
    assert dockerfile.splitlines()[2].startswith("FROM ")
    assert "Step 3/3 (entrypoint)" in (output / "build.log").read_text()
    # The generated client reads the finished future too.
    final = await get_future_state.asyncio(started.job_id, client=client)
    assert final.has_result is True


async def test_unsupported_blocks_are_reported_not_fatal_and_cache_is_used(http, server: InProcessServer) -> None:
    server.instance.code_envs.declare("admin", "PYTHON", "py311", python="3.11")  # add_codeenv names a declared env
    await add_blocks(
        http,
        "python-workspace",
        {"type": "pycdstdioblk_code-studio-blocks_vscode", "params": {"config": {"port": 8081}}},
        {"type": "pycdstdioblk_other-plugin_block", "params": {"config": {}}},
        {"type": "append_dockerfile", "params": {"dockerfile": "RUN echo ${dip.home}\n", "runAsRoot": True}},
        {"type": "add_codeenv", "params": {"envName": "py311", "envLang": "PYTHON"}},
    )
    first = await wait_for_future(http, (await http.post("/admin/code-studios/python-workspace/build")).json())
    messages = first["result"]["messages"]
    assert messages["error"] is False
    assert messages["warning"] is True
    codes = {m.get("code") for m in messages["messages"]}
    expected = {"BUILD_BLOCK_UNSUPPORTED", "BUILD_CODEENV_NOT_AVAILABLE", "BUILD_DOCKERFILE_NOT_RUN"}
    assert expected | {"BUILD_IDE_NOT_INSTALLED"} <= codes, "this test server installs no IDE: said, not fatal"
    assert "BUILD_CACHE_USED" not in codes
    dockerfile = (output_of(server, "python-workspace") / "Dockerfile").read_text()
    assert "USER root\nRUN echo /home/dataiku/dss\nUSER dataiku" in dockerfile
    second = await wait_for_future(http, (await http.post("/admin/code-studios/python-workspace/build")).json())
    assert any(
        m.get("code") == "BUILD_CACHE_USED" and "7 of 7" in m["message"]
        for m in second["result"]["messages"]["messages"]
    )
    third = await wait_for_future(
        http, (await http.post("/admin/code-studios/python-workspace/build", params={"withNoCache": "True"})).json()
    )
    third_codes = {m.get("code") for m in third["result"]["messages"]["messages"]}
    assert "BUILD_NO_CACHE" in third_codes
    assert "BUILD_CACHE_USED" not in third_codes
    assert third["result"]["builds"][0]["noCache"] is True


async def test_a_failed_build_keeps_the_previous_output(http, server: InProcessServer) -> None:
    await wait_for_future(http, (await http.post("/admin/code-studios/python-workspace/build")).json())
    before = output_of(server, "python-workspace")
    last_built = (await http.get("/admin/code-studios/")).json()[0]["lastBuilt"]
    # Valid for the spec, impossible for the builder: an unparsable command, a zone outside the workspace.
    await add_blocks(
        http,
        "python-workspace",
        {"type": "entrypoint", "params": {"label": "Broken", "entrypoint": "python -c 'unterminated"}},
        {"type": "dss_base_image", "params": {"syncedZones": [{"zone": "recipes", "pathInContainer": "/x/../../etc"}]}},
    )
    state = await wait_for_future(http, (await http.post("/admin/code-studios/python-workspace/build")).json())
    assert state["result"]["messages"]["error"] is True
    codes = {m.get("code") for m in state["result"]["messages"]["messages"]}
    assert {"BUILD_ENTRYPOINT_INVALID", "BUILD_ZONE_INVALID", "BUILD_FAILED"} <= codes
    assert state["result"]["builds"] == []
    assert output_of(server, "python-workspace") == before
    assert (before / "Dockerfile").is_file()
    assert (await http.get("/admin/code-studios/")).json()[0]["lastBuilt"] == last_built


async def test_builds_of_one_template_run_one_at_a_time_and_abort_keeps_the_previous_output(server_factory) -> None:
    server = server_factory(build_step_delay=0.3)
    async with server.http() as http:
        await wait_for_future(http, (await http.post("/admin/code-studios/python-workspace/build")).json())
        before = output_of(server, "python-workspace")
        first = (await http.post("/admin/code-studios/python-workspace/build", params={"withNoCache": "true"})).json()
        second = (await http.post("/admin/code-studios/python-workspace/build", params={"withNoCache": "true"})).json()
        peek = (await http.get(f"/futures/{second['jobId']}", params={"peek": "true"})).json()
        assert peek["alive"] is True
        assert peek["progress"]["states"][0]["name"].startswith("Waiting for the previous build")
        running = (await http.get("/futures/")).json()
        assert {f["jobId"] for f in running} == {first["jobId"], second["jobId"]}
        assert_dss_error(await http.delete("/admin/code-studios/python-workspace"), 409)
        assert (await http.delete(f"/futures/{first['jobId']}")).status_code == 204
        aborted = await http.get(f"/futures/{first['jobId']}")
        assert_dss_error(aborted, 409, "com.dataiku.dip.futures.FutureAbortedException")
        assert (await http.delete(f"/futures/{second['jobId']}")).status_code == 204
        assert output_of(server, "python-workspace") == before
        build_dir = before.parent
        assert not [p for p in os.listdir(build_dir) if p.startswith(".staging")]
        # Aborting a finished future changes nothing.
        assert (await http.delete(f"/futures/{first['jobId']}")).status_code == 204


async def test_futures_unknown_peek_and_visibility(server: InProcessServer) -> None:
    alice = server.add_user("alice")
    async with server.http() as http, server.http(alice) as as_alice:
        assert_dss_error(await http.get("/futures/NoSuchJob"), 404)
        assert_dss_error(await http.delete("/futures/NoSuchJob"), 404)
        state = await wait_for_future(http, (await http.post("/admin/code-studios/python-workspace/build")).json())
        peeked = (await http.get(f"/futures/{state['jobId']}", params={"peek": "True"})).json()
        assert peeked["hasResult"] is True
        assert "result" not in peeked
        assert "result" in (await http.get(f"/futures/{state['jobId']}", params={"peek": "False"})).json()
        assert_dss_error(await as_alice.get(f"/futures/{state['jobId']}"), 404)
        assert_dss_error(await as_alice.delete(f"/futures/{state['jobId']}"), 404)


async def test_failed_work_answers_500_and_forgotten_futures_404(server: InProcessServer) -> None:
    admin = server.instance.users.get("admin")
    jobs = server.instance.jobs

    def failing(_ctx):
        raise InvalidRequest("the work failed for a reason")

    state = jobs.start(kind="test", owner="admin", display_name="fails", work=failing)
    assert jobs.wait(str(state.job_id), 10)
    async with server.http() as http:
        # Kept for the retention time (minutes): read as often and as late as a slow client likes.
        for _ in range(2):
            error = assert_dss_error(await http.get(f"/futures/{state.job_id}"), 500)
            assert error["message"] == "the work failed for a reason"
        jobs.retention_ms = 0  # from now on, finished futures are forgotten at the next purge
        with anyio.fail_after(20):
            while (await http.get(f"/futures/{state.job_id}")).status_code != 404:
                await anyio.sleep(0.05)
    assert jobs.list_running(admin) == []


def test_futures_running_at_a_crash_are_failed_at_the_next_start(server: InProcessServer, tmp_path) -> None:
    from dss_codestudio_server.http import open_instance

    db = server.instance.db
    with db.transaction() as conn:
        conn.execute(
            "INSERT INTO futures (job_id, kind, owner, display_name, state, start_ms)"
            " VALUES ('Crashed1', 'x', 'admin', 'x', 'RUNNING', 1)"
        )
    server.instance.close()
    reopened = open_instance(server.instance.config)
    try:
        admin = reopened.users.get("admin")
        with pytest.raises(Exception, match="server stopped"):
            reopened.jobs.state(admin, "Crashed1")
    finally:
        reopened.close()


async def test_a_build_published_but_not_recorded_is_recorded_at_the_next_start(server: InProcessServer) -> None:
    from dss_codestudio_server.http import open_instance

    async with server.http() as http:
        await wait_for_future(http, (await http.post("/admin/code-studios/python-workspace/build")).json())
    with server.instance.db.transaction() as conn:  # as if the server died between publishing and recording
        conn.execute("UPDATE templates SET last_built_ms = 0, build_for_json = '[]'")
    server.instance.close()
    reopened = open_instance(server.instance.config)
    try:
        [item] = reopened.templates.list_items(reopened.users.get("admin"))
        assert item.build_for == ["local"]
        assert item.last_built_ms > 0
    finally:
        reopened.close()


def test_job_threads_give_their_database_connection_back(server: InProcessServer) -> None:
    db = server.instance.db
    before = len(db._all)
    for _ in range(5):
        state = server.instance.jobs.start(kind="test", owner="admin", display_name="quick", work=lambda _ctx: {})
        assert server.instance.jobs.wait(str(state.job_id), 10)
    assert len(db._all) <= before + 1
