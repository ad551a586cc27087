"""Code studio lifecycle through the API: real processes, states, futures, concurrency rules, rights."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import anyio
import httpx
import pytest
from dss_codestudio_openapi.api.code_studios import (
    get_code_studio_status,
    restart_code_studio,
    stop_code_studio,
)
from dss_codestudio_openapi.api.futures import get_future_state
from dss_codestudio_openapi.models import (
    CodeStudioStartFuture,
    CodeStudioStatus,
    CodeStudioStopFuture,
    CodeStudioStopResult,
    DSSError,
    FutureState,
)
from dss_codestudio_server.domain.studio_state import STARTING, STOPPED, StudioStateStore

from tests.support.api import assert_dss_error, future_outcome, make_project, wait_for_future
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
    wait_for_state,
    zone_of,
)

pytestmark = pytest.mark.anyio
BASE = "/projects/PROJ/code-studios"


def proxied(url: str) -> str:
    """The absolute URL, on the in-process server, of an exposed port's `url`."""
    return f"http://testserver/{url}"


def local_socket(server: InProcessServer, studio: str, port: int) -> Path:
    """The unix socket reaching a running studio's port (not in its status: only the proxy uses it).

    Studios have a network of their own: nothing of the machine reaches their ports but through it.
    """
    processes = server.instance.code_studios.lifecycle.runtime.get(f"PROJ/{studio}")
    assert processes is not None
    [found] = [p.socket for p in processes.exposed if p.port == port]
    assert found is not None
    return found


async def test_a_started_studio_is_a_live_process_answering_on_its_port_and_gone_after_stop(
    server: InProcessServer,
) -> None:
    client = server.client()
    data = server.instance.config.data_dir
    async with server.http() as http:
        await make_project(http)
        await http.post("/projects/PROJ/libraries/contents/python/orders.py", content=b"ORDERS = 1\n")
        studio = await create_studio(http)

        stopped = await get_code_studio_status.asyncio("PROJ", studio, client=client)
        assert isinstance(stopped, CodeStudioStatus)
        assert (stopped.state, stopped.last_state_change, stopped.exposed, stopped.synced_zones) == (STOPPED, 0, [], [])

        # The default template was never built: a clear 409, and nothing changed.
        unbuilt = await restart_code_studio.asyncio_detailed("PROJ", studio, client=client)
        assert unbuilt.status_code == 409
        assert isinstance(unbuilt.parsed, DSSError)
        assert "was never built" in str(unbuilt.parsed.message)
        assert (await status(http, studio))["lastStateChange"] == 0
        assert (await http.get("/futures/")).json() == []

        await wait_for_future(http, (await http.post("/admin/code-studios/python-workspace/build")).json())
        started = await restart_code_studio.asyncio("PROJ", studio, client=client)
        assert isinstance(started, CodeStudioStartFuture)
        assert isinstance(started.job_id, str)
        changes = [(await status(http, studio))["lastStateChange"]]
        outcome = await future_outcome(http, started.to_dict())
        assert outcome.status_code == 200, outcome.text
        final = await get_future_state.asyncio(started.job_id, client=client)
        assert isinstance(final, FutureState)
        result = final.result
        assert result["state"] == "RUNNING"
        assert final.progress
        assert final.progress.states
        assert final.progress.states[-1].name == "Running"

        running = await get_code_studio_status.asyncio("PROJ", studio, client=client)
        assert isinstance(running, CodeStudioStatus)
        assert running.state == "RUNNING"
        assert running.run_as_user == "admin"
        assert running.job_id == started.job_id
        assert running.last_template_built
        changes.append(int(running.last_state_change or 0))
        [port] = running.exposed or []
        assert (port.label, port.exposed_port, port.exposed_html) == ("Workspace", 8080, True)
        assert port.url == f"code-studios/PROJ/{studio}/8080/", "relative to the server's base URL, as DSS gives it"
        assert "localPort" not in running.to_dict()["exposed"][0], "the local port is never advertised"
        url = proxied(port.url)
        local = local_socket(server, studio, 8080)
        zones = {z.zone: z for z in running.synced_zones or []}
        assert set(zones) == {
            "code_studio_versioned",
            "code_studio_resources",
            "project_lib_versioned",
            "project_lib_resources",
            "recipes",
            "user_versioned",
            "user_resources",
        }
        assert zones["project_lib_versioned"].path_in_container == "/home/dataiku/workspace/project-lib-versioned"
        assert result["pushed"][zones["project_lib_versioned"].id]["added"] == ["python/orders.py"]

        # A live process of this machine serves the studio's workspace, pushed files included, through the proxy.
        assert studio_processes(data)
        assert (await http.get(url + "project-lib-versioned/python/orders.py")).text == "ORDERS = 1\n"
        assert "project-lib-versioned/" in (await http.get(url + "CodeStudio_README.txt")).text
        assert (await http.get(url + "__health")).json() == {"status": "ok"}
        with httpx.Client(transport=httpx.HTTPTransport(uds=str(local))) as direct:
            assert direct.get("http://127.0.0.1:8080/__health").status_code == 403, "its port answers only the proxy"

        stopping = await stop_code_studio.asyncio("PROJ", studio, client=client)
        assert isinstance(stopping, CodeStudioStopFuture)
        assert stopping.job_id
        stopped_result = (await future_outcome(http, stopping.to_dict())).json()["result"]
        assert stopped_result["state"] == "STOPPED"
        # SIGTERM was enough, no SIGKILL: its shell was terminated (-15), or, sandboxed, it ended once the service did.
        assert stopped_result["exitCodes"]["Workspace browser"] in (0, -15), stopped_result
        after = await status(http, studio)
        assert (after["state"], after["exposed"], after["syncedZones"]) == (STOPPED, [], [])
        changes.append(after["lastStateChange"])
        assert changes == sorted(set(changes))
        assert len(changes) == 3
        assert not local.exists(), "the studio's socket is gone with it"
        assert (await http.get(url)).status_code == 404
        assert not studio_processes(data)

        # Stopping a stopped studio: a completed future without jobId.
        again = await stop_code_studio.asyncio("PROJ", studio, client=client)
        assert isinstance(again, CodeStudioStopFuture)
        assert again.has_result is True
        assert not again.job_id
        assert isinstance(again.result, CodeStudioStopResult)  # typed by the operation's future
        assert again.result.state == STOPPED


async def test_restart_gives_fresh_zone_ids_and_keeps_every_file(http, server: InProcessServer) -> None:
    await make_project(http)
    template = await make_template(http, "Controlled")
    studio = await create_studio(http, template=template)
    await start(http, studio)
    first = await status(http, studio)
    versioned = zone_of(first, "code_studio_versioned")
    Path(versioned["studioPath"], "app.py").write_text("print('v1')\n")
    Path(first["workspacePath"], "write-at-stop").touch()
    restarted = await http.post(f"{BASE}/{studio}/restart")
    result = (await future_outcome(http, restarted.json())).json()["result"]
    second = await status(http, studio)
    assert second["state"] == "RUNNING"
    assert {z["id"] for z in first["syncedZones"]}.isdisjoint({z["id"] for z in second["syncedZones"]})
    assert [z["zone"] for z in first["syncedZones"]] == [z["zone"] for z in second["syncedZones"]]
    assert set(result["pushed"]) == {z["id"] for z in second["syncedZones"]}
    # The restart's stop pulled the file to DSS; the studio still has it.
    assert Path(versioned["dssPath"], "app.py").read_text() == "print('v1')\n"
    # The stop pulled again after the processes ended: what they wrote while stopping is in DSS too.
    assert Path(versioned["dssPath"], "written-at-stop.txt").read_text() == "last words"
    assert Path(zone_of(second, "code_studio_versioned")["studioPath"], "app.py").read_text() == "print('v1')\n"
    # The entry point ran in the workspace with the environment DSS gives a pod.
    env = json.loads(Path(second["workspacePath"], "env.json").read_text())
    port = second["exposed"][0]
    assert env["PORT"] == "9000", "in a network of its own, the port it declares, as in a DSS pod"
    assert env["DSS_CODESTUDIO_PROXY_SECRET"], "the start's secret, which the proxy adds to every request"
    assert env["DKU_CURRENT_PROJECT_KEY"] == "PROJ"
    assert env["DKU_CODE_STUDIO_BROWSER_PATH"] == f"/code-studios/PROJ/{studio}"
    assert env["DKU_CODE_STUDIO_BROWSER_PATH_9000"] == f"/code-studios/PROJ/{studio}/9000"
    assert env["DKU_CODE_STUDIO_VERSIONED_LOCATION"] == zone_of(second, "code_studio_versioned")["studioPath"]
    for zone in second["syncedZones"]:  # DKU_PROJECT_LIB_VERSIONED_LOCATION, DKU_RECIPES_LOCATION...
        assert env[f"DKU_{zone['zone'].upper()}_LOCATION"] == zone["studioPath"]
    # A DSS-like home in the studio's own workspace (what its sandbox shows it), never the server's data directory.
    assert Path(env["DIP_HOME"]).parent == Path(second["workspacePath"])
    assert Path(env["DIP_HOME"]) != server.instance.config.data_dir
    assert str(server.instance.config.data_dir) not in Path(env["DIP_HOME"], "dss-version.json").read_text()
    assert json.loads(Path(env["DIP_HOME"], "dss-version.json").read_text())["product_version"] == "13.5.4"
    assert (port["exposedPort"], port["label"]) == (9000, "App port")
    old = versioned["id"]
    assert (await http.get(f"{BASE}/{studio}/conflicts/{old}")).json().keys() == {"error"}
    await stop(http, studio)


async def test_a_start_that_fails_stops_the_studio_and_fails_its_future(http) -> None:
    await make_project(http)
    template = await make_template(http, "Broken", sync_block(), entrypoint_block("echo 'cannot start' >&2; exit 7"))
    studio = await create_studio(http, template=template)
    response = await http.post(f"{BASE}/{studio}/restart")
    failed = await future_outcome(http, response.json())
    error = assert_dss_error(failed, 500)
    assert "exited with status 7 before it was ready" in error["message"]
    assert "cannot start" in error["detailedMessage"]
    after = await status(http, studio)
    assert after["state"] == STOPPED
    assert after["lastStateChange"] > 0


async def test_an_entry_point_that_dies_moves_the_studio_to_stopped_after_pulling(http) -> None:
    await make_project(http)
    studio = await create_studio(http, template=await make_template(http, "Controlled"))
    await start(http, studio)
    running = await status(http, studio)
    versioned = zone_of(running, "code_studio_versioned")
    Path(versioned["studioPath"], "notes.md").write_text("written just before the crash\n")
    Path(running["workspacePath"], "crash").touch()
    stopped = await wait_for_state(http, studio, STOPPED)
    assert stopped["jobId"] != running["jobId"]
    outcome = await future_outcome(http, {"jobId": stopped["jobId"]})
    result = outcome.json()["result"]
    assert "entry point App exited by itself with status 3" in result["reason"]
    assert result["pulled"][versioned["id"]]["added"] == ["notes.md"]
    assert Path(versioned["dssPath"], "notes.md").read_text() == "written just before the crash\n"
    # The stop that followed the crash is owned by the studio's owner.
    assert outcome.json()["owner"] == "admin"


async def gated_studio(http) -> tuple[str, Path]:
    """A studio of the controlled template whose next start stays STARTING until `go` is written."""
    await make_project(http)
    studio = await create_studio(http, template=await make_template(http, "Controlled"))
    workspace = Path((await status(http, studio))["workspacePath"])
    workspace.mkdir(parents=True)
    (workspace / "gate").touch()
    return studio, workspace


async def test_stop_while_starting_aborts_the_start_and_restart_answers_the_running_start(
    http, server: InProcessServer
) -> None:
    studio, workspace = await gated_studio(http)

    async def restart() -> dict:
        response = await http.post(f"{BASE}/{studio}/restart")
        assert response.status_code == 200, response.text
        return response.json()

    first = await restart()
    starting = await status(http, studio)
    assert starting["state"] == STARTING
    assert starting["jobId"] == first["jobId"]
    assert (starting["syncedZones"], starting["exposed"]) == ([], [])

    async def waiting_for_readiness() -> None:
        with anyio.fail_after(20):
            while True:
                state = (await http.get(f"/futures/{first['jobId']}")).json()
                steps = state.get("progress", {}).get("states", [])
                if steps and steps[0]["name"] == "Waiting for entry point App to be ready":
                    return
                await anyio.sleep(0.02)

    await waiting_for_readiness()
    # Concurrent restarts while STARTING all answer the running start: nothing starts twice.
    answers: list[dict] = []
    async with anyio.create_task_group() as group:
        for _ in range(6):
            group.start_soon(lambda: _append(answers, restart()))
    assert {a["jobId"] for a in answers} == {first["jobId"]}

    stopping = await http.post(f"{BASE}/{studio}/stop")
    assert stopping.json()["jobId"] != first["jobId"]
    stop_result = (await future_outcome(http, stopping.json())).json()["result"]
    assert stop_result["state"] == STOPPED
    assert "aborted" in stop_result["reason"] or "stopped by admin" in stop_result["reason"]
    assert_dss_error(await future_outcome(http, first), 409, "com.dataiku.dip.futures.FutureAbortedException")
    assert (await status(http, studio))["state"] == STOPPED
    assert not studio_processes(workspace)


async def _append(answers: list[dict], call) -> None:
    answers.append(await call)


async def test_aborting_a_start_future_stops_the_studio(http) -> None:
    studio, _workspace = await gated_studio(http)
    started = (await http.post(f"{BASE}/{studio}/restart")).json()
    assert (await http.delete(f"/futures/{started['jobId']}")).status_code == 204
    assert_dss_error(await future_outcome(http, started), 409)
    assert (await wait_for_state(http, studio, STOPPED))["exposed"] == []


async def studio_holding_its_stop(http) -> tuple[str, Path]:
    """A running studio of the controlled template whose next stop stays STOPPING until `release-stop`."""
    await make_project(http)
    studio = await create_studio(http, template=await make_template(http, "Controlled"))
    await start(http, studio)
    workspace = Path((await status(http, studio))["workspacePath"])
    (workspace / "hold-stop").touch()
    return studio, workspace


async def test_restart_while_stopping_is_refused_stop_answers_that_stop_and_delete_waits_for_it(http) -> None:
    studio, workspace = await studio_holding_its_stop(http)
    first = (await http.post(f"{BASE}/{studio}/stop")).json()
    await wait_for_state(http, studio, "STOPPING")
    refused_restart = assert_dss_error(await http.post(f"{BASE}/{studio}/restart"), 409)
    assert "STOPPING" in refused_restart["message"]
    assert (await http.post(f"{BASE}/{studio}/stop")).json()["jobId"] == first["jobId"]

    deleted: list[int] = []

    async def delete() -> None:
        deleted.append((await http.delete(f"{BASE}/{studio}")).status_code)

    async with anyio.create_task_group() as group:
        group.start_soon(delete)
        # The deletion waits for the stop; meanwhile restarts are refused as "being deleted".
        with anyio.fail_after(20):
            while "being deleted" not in (await http.post(f"{BASE}/{studio}/restart")).json()["message"]:
                await anyio.sleep(0.02)
        assert deleted == []
        (workspace / "release-stop").touch()
    assert deleted == [204]
    assert_dss_error(await http.get(f"{BASE}/{studio}/status"), 404)
    assert not workspace.exists()


async def test_restart_of_a_running_studio_is_one_future_and_a_stop_cancels_it(http) -> None:
    studio, workspace = await studio_holding_its_stop(http)
    restart = (await http.post(f"{BASE}/{studio}/restart")).json()
    await wait_for_state(http, studio, "STOPPING")
    # The stop is the first half of a restart: a restart answers the restart's future.
    assert (await http.post(f"{BASE}/{studio}/restart")).json()["jobId"] == restart["jobId"]
    stop_state = (await http.post(f"{BASE}/{studio}/stop")).json()  # wins: the restart is cancelled
    (workspace / "release-stop").touch()
    assert (await future_outcome(http, stop_state)).json()["result"]["state"] == STOPPED
    assert_dss_error(await future_outcome(http, restart), 409)
    assert (await status(http, studio))["state"] == STOPPED


async def test_aborting_a_restart_while_it_stops_leaves_the_studio_stopped_and_startable(http) -> None:
    studio, workspace = await studio_holding_its_stop(http)
    restart = (await http.post(f"{BASE}/{studio}/restart")).json()
    await wait_for_state(http, studio, "STOPPING")
    assert (await http.delete(f"/futures/{restart['jobId']}")).status_code == 204
    assert_dss_error(await future_outcome(http, restart), 409)
    (workspace / "hold-stop").unlink()
    (workspace / "release-stop").touch()
    await wait_for_state(http, studio, STOPPED)
    again = (await http.post(f"{BASE}/{studio}/restart")).json()
    assert again["jobId"] != restart["jobId"]
    assert (await future_outcome(http, again)).json()["result"]["state"] == "RUNNING"
    await stop(http, studio)


async def test_delete_while_starting_aborts_the_start_and_deletes(http) -> None:
    studio, _workspace = await gated_studio(http)
    started = (await http.post(f"{BASE}/{studio}/restart")).json()
    assert (await http.delete(f"{BASE}/{studio}")).status_code == 204
    assert_dss_error(await future_outcome(http, started), 409)
    assert (await http.get(f"{BASE}/")).json() == []


async def test_who_may_run_use_and_give_a_studio(server: InProcessServer) -> None:
    bob = server.add_user("bob")
    carol = server.add_user("carol")
    async with server.http() as http, server.http(bob) as as_bob, server.http(carol) as as_carol:
        await make_project(
            http,
            permissions=[{"user": "bob", "writeProjectContent": True}, {"user": "carol", "admin": True}],
        )
        studio = await create_studio(http, template=await make_template(http, "Controlled"))
        # A writer who does not own the studio may read its status, not run it.
        assert (await as_bob.get(f"{BASE}/{studio}/status")).status_code == 200
        assert_dss_error(await as_bob.post(f"{BASE}/{studio}/restart"), 403)
        # A project administrator may start and stop it; it runs as its owner.
        await start(as_carol, studio)
        running = await status(as_carol, studio)
        assert running["runAsUser"] == "admin"
        zone = running["syncedZones"][0]["id"]
        # Only the owner uses it (synchronises its files).
        for call in ("conflicts", "pull", "push"):
            assert_dss_error(await as_carol.get(f"{BASE}/{studio}/{call}/{zone}"), 403)
        assert (await http.get(f"{BASE}/{studio}/push/{zone}")).status_code == 200
        # Its owner changes only while it is stopped.
        refused_change = assert_dss_error(
            await http.post(f"{BASE}/{studio}/change-owner", params={"newOwner": "bob"}), 409
        )
        assert "stop it first" in refused_change["message"]
        await stop(as_carol, studio)
        changed = await http.post(f"{BASE}/{studio}/change-owner", params={"newOwner": "bob"})
        assert changed.json()["owner"] == "bob"
        await start(as_bob, studio)
        assert (await status(as_bob, studio))["runAsUser"] == "bob"
        assert_dss_error(await as_bob.delete(f"{BASE}/NoSuchS"), 404)
        assert (await as_bob.delete(f"{BASE}/{studio}")).status_code == 204


async def test_closing_the_server_stops_its_studios_and_pulls_their_files(server_factory) -> None:
    server = server_factory()
    async with server.http() as http:
        await make_project(http)
        studio = await create_studio(http, template=await make_template(http, "Controlled"))
        await start(http, studio)
        zone = zone_of(await status(http, studio), "code_studio_versioned")
    Path(zone["studioPath"], "late.txt").write_text("saved at shutdown\n")
    server.instance.close()
    assert Path(zone["dssPath"], "late.txt").read_text() == "saved at shutdown\n"
    with sqlite3.connect(server.instance.config.data_dir / "server.db") as db:
        assert db.execute("SELECT state FROM code_studios WHERE id = ?", (studio,)).fetchone() == (STOPPED,)


def test_last_state_change_never_goes_back_even_if_the_clock_does(server: InProcessServer, monkeypatch) -> None:
    from dss_codestudio_server.domain import studio_state

    db = server.instance.db
    db.query("SELECT 1")
    with db.transaction() as conn:
        conn.execute("INSERT INTO projects (project_key, name, owner, created_ms) VALUES ('P', 'p', 'admin', 0)")
        conn.execute(
            "INSERT INTO code_studios (project_key, id, name, template_id, lib_name, owner, created_ms)"
            " VALUES ('P', 's', 's', 't', 's', 'admin', 0)"
        )
    store = StudioStateStore(db)
    clock = iter([5_000, 1_000, 1_000, 9_000])
    monkeypatch.setattr(studio_state, "now_ms", lambda: next(clock))
    seen = []
    for to, leaving in ((STARTING, STOPPED), ("STOPPING", STARTING), (STOPPED, "STOPPING"), (STARTING, STOPPED)):
        assert store.transition("P", "s", to=to, leaving=(leaving,), job_id="j")
        state = store.get("P", "s")
        assert state is not None
        seen.append(state.changed_ms)
    assert seen == [5_000, 5_001, 5_002, 9_000]
    # A transition from a state the studio is not in, or by a job that does not own it, changes nothing.
    assert not store.transition("P", "s", to=STOPPED, leaving=("STOPPING",))
    assert not store.transition("P", "s", to="RUNNING", leaving=(STARTING,), expect_job="other")
