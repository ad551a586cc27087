"""Futures through the facade, sync and async, against the reference server's real jobs.

Builds on `slow_server` take seconds per step, so a test can look at a build while it runs, then
abort it. A failed future comes from a real failure: the server stops in the middle of a build and
starts again, and the build's future reports that it failed.
"""

from __future__ import annotations

import time
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC
from pathlib import Path
from typing import Any

import dss_codestudio as dss
import httpx
import pytest
from dss_codestudio_server.embedded import EmbeddedServer

from tests.support.api import unique
from tests.support.facade_clients import resolve
from tests.support.live_facade import DatabaseLock, Live
from tests.support.servers import start_embedded
from tests.support.waiting import eventually

pytestmark = pytest.mark.anyio

WAIT = 20.0
# The threads a server runs its request handlers in: anyio's default limit, which Starlette uses.
SERVER_THREADS = 40


@pytest.fixture
def slow(live: Live, slow_server: EmbeddedServer) -> Live:
    """The slow server, with clients of the kind under test."""
    return Live(slow_server, live.kind, live.make)


async def times_out(call: Any) -> bool:
    """Whether a facade call times out."""
    try:
        await resolve(call())
    except dss.APITimeoutError:
        return True
    return False


async def start_slow_build(slow: Live, client: Any) -> Any:
    """Start a build that runs for seconds (no cache, on a template of its own); return its future."""
    template = await resolve(client.create_code_studio_template(unique("Slow "), "block_based"))
    return await resolve(template.build(disable_docker_cache=True))


async def test_a_running_build_can_be_watched_then_aborted(slow: Live) -> None:
    client = slow.client()
    future = await start_slow_build(slow, client)
    assert future.job_id

    peeked = await resolve(future.peek_state())
    assert peeked["alive"] is True
    assert peeked["hasResult"] is False
    assert "result" not in peeked
    assert (await resolve(future.get_state()))["jobId"] == future.job_id
    assert await resolve(future.has_result()) is False
    with pytest.raises(dss.DataikuException, match="Result not ready") as not_ready:
        await resolve(future.get_result())
    assert not_ready.value.error_type == "FutureNotReady"

    progress: list[dss.DSSFutureProgress] = []
    with pytest.raises(dss.FutureTimeoutError) as timed_out:
        # 2 s: several polls (130 ms apart at first) however slow the machine, well within the 5 s step.
        await resolve(future.wait_for_result(timeout=2.0, on_progress=progress.append))
    assert isinstance(timed_out.value, dss.WaitTimeoutError)
    assert timed_out.value.job_id == future.job_id
    assert timed_out.value.last_state is not None
    assert timed_out.value.last_state["alive"] is True
    assert len(progress) >= 2
    last = progress[-1]
    assert last.alive is True
    assert last.has_result is False
    assert last.start_time is not None
    assert last.start_time.tzinfo is UTC
    assert last.running_time > 0
    [step] = last.steps
    assert (step.name or "").startswith("Step 1/")  # the first step takes seconds on this server
    assert (step.current, step.unit) == (0, "STEPS")
    assert step.target is not None
    assert step.target >= 2

    # Another handle on the same job, got by id, sees the same future; the wait gave up, the build did not.
    same = client.get_future(future.job_id)
    assert (await resolve(same.peek_state()))["alive"] is True

    assert await resolve(same.abort()) is None
    with pytest.raises(dss.FutureAbortedError) as aborted:
        await resolve(future.wait_for_result(timeout=WAIT))
    assert aborted.value.job_id == future.job_id
    assert aborted.value.status == 409
    assert aborted.value.error_type == "com.dataiku.dip.futures.FutureAbortedException"
    assert "aborted by admin" in str(aborted.value)
    with pytest.raises(dss.FutureAbortedError):
        await resolve(same.peek_state())
    await resolve(same.abort())  # aborting a finished future changes nothing


async def test_list_futures_of_the_caller_and_of_all_users(slow: Live) -> None:
    admin = slow.client()
    _, key = slow.add_user("watcher")
    user = slow.client(key)
    future = await start_slow_build(slow, admin)
    try:
        states = await resolve(admin.list_futures())
        assert future.job_id in [s["jobId"] for s in states]
        mine = next(s for s in states if s["jobId"] == future.job_id)
        assert mine["alive"] is True
        assert mine["owner"] == "admin"
        handles = await resolve(admin.list_futures(as_objects=True, all_users=True))
        expected = dss.AsyncDSSFuture if slow.kind == "async" else dss.DSSFuture
        assert all(isinstance(h, expected) for h in handles)
        [handle] = [h for h in handles if h.job_id == future.job_id]
        assert (await resolve(handle.peek_state()))["alive"] is True
        assert await resolve(admin.list_running_scenarios()) == []

        # Another user sees none of the administrator's futures, and may not list everyone's.
        assert future.job_id not in [s["jobId"] for s in await resolve(user.list_futures())]
        with pytest.raises(dss.PermissionDeniedError) as denied:
            await resolve(user.list_futures(all_users=True))
        assert denied.value.status == 403
        with pytest.raises(dss.NotFoundError):
            await resolve(user.get_future(future.job_id).peek_state())
        with pytest.raises(dss.NotFoundError):
            await resolve(user.get_future(future.job_id).abort())
    finally:
        await resolve(future.abort())
    assert future.job_id not in [s["jobId"] for s in await resolve(admin.list_futures())]


async def test_an_unknown_future_is_not_found(client: Any) -> None:
    future = client.get_future("noSuchJob")
    assert future.job_id == "noSuchJob"
    for call in (future.peek_state, future.get_state, future.has_result, future.get_result, future.abort):
        with pytest.raises(dss.NotFoundError) as caught:
            await resolve(call())
        assert caught.value.status == 404
        assert caught.value.error_type == "com.dataiku.dip.server.controllers.NotFoundException"
    with pytest.raises(dss.NotFoundError):
        await resolve(future.wait_for_result(timeout=WAIT))


async def test_a_finished_future_read_by_id(client: Any) -> None:
    started = await resolve(client.get_code_studio_template("python-workspace").build())
    await resolve(started.wait_for_result(timeout=WAIT))
    by_id = client.get_future(started.job_id)
    assert await resolve(by_id.has_result()) is True
    raw = await resolve(by_id.get_result())  # a future got by id answers the raw result
    assert raw["builds"][0]["configName"] == "local"
    assert await resolve(by_id.wait_for_result(timeout=WAIT)) == raw
    peeked = await resolve(by_id.peek_state())
    assert peeked["hasResult"] is True
    assert "result" not in peeked
    assert await resolve(by_id.get_result()) == raw  # a peek leaves the result out: it is fetched again


async def test_a_build_interrupted_by_a_server_restart_is_a_failed_future(live: Live, tmp_path: Path) -> None:
    server = start_embedded(tmp_path / "data", build_step_delay=5.0)
    port = server.port
    try:
        client = live.make(server.url, server.admin_key, mock=False, fake_time=False)
        future = await start_slow_build(Live(server, live.kind, live.make), client)
        assert (await resolve(future.peek_state()))["alive"] is True
        server.stop()  # the running build is stopped with the server
        server = start_embedded(tmp_path / "data", port=port)
        # The same client and its pool, whose connections to the old process are gone.
        with pytest.raises(dss.FutureFailedError) as failed:
            await resolve(future.wait_for_result(timeout=WAIT))
    finally:
        server.stop()
    error = failed.value
    assert not isinstance(error, dss.BuildFailedError | dss.FutureAbortedError)
    assert error.job_id == future.job_id
    assert error.status == 500
    assert error.error_type == "com.dataiku.dip.exceptions.CodedException"
    assert "The server stopped while this job was running" in str(error)


async def test_a_future_is_read_while_another_writer_holds_the_database(live: Live, tmp_path: Path) -> None:
    # Reading a future used to purge old futures first, waiting for the write lock (10 s) and then
    # answering 500, which a client reads as the failure of the future.
    server = start_embedded(tmp_path / "data", build_step_delay=5.0)  # fresh: its first read of a future purges
    try:
        client = live.make(server.url, server.admin_key, mock=False, fake_time=False)
        future = await start_slow_build(Live(server, live.kind, live.make), client)
        lock = DatabaseLock(server)
        try:
            started = time.monotonic()
            assert (await resolve(future.peek_state()))["alive"] is True
            with pytest.raises(dss.FutureTimeoutError):
                await resolve(future.wait_for_result(timeout=0.5))
            assert time.monotonic() - started < 5
        finally:
            lock.release()
        await resolve(future.abort())
    finally:
        server.stop()


async def test_a_wait_keeps_its_deadline_on_a_saturated_server(live: Live, tmp_path: Path) -> None:
    # Every request thread of the server busy (writes waiting for a locked database): a poll would
    # wait for a thread for as long as the client's read timeout allows. A wait cuts its calls short.
    server = start_embedded(tmp_path / "data", build_step_delay=5.0)
    lock: DatabaseLock | None = None
    try:
        client = live.make(server.url, server.admin_key, mock=False, fake_time=False)
        future = await start_slow_build(Live(server, live.kind, live.make), client)
        lock = DatabaseLock(server)
        with ThreadPoolExecutor(SERVER_THREADS + 8) as pool, httpx.Client(base_url=server.api_url) as http:
            http.headers["Authorization"] = f"Bearer {server.admin_key}"
            project = {"name": "Blocked", "owner": "admin"}
            writes = [
                pool.submit(http.post, "/projects/", timeout=60, json={**project, "projectKey": unique("B")})
                for _ in range(SERVER_THREADS + 8)
            ]
            busy = client.with_options(timeout=0.5, max_retries=0).get_future(future.job_id)
            await eventually(lambda: times_out(busy.peek_state), until=bool, timeout=5)
            started = time.monotonic()
            with pytest.raises(dss.FutureTimeoutError) as info:
                await resolve(future.wait_for_result(timeout=1))
            assert time.monotonic() - started < 5  # not the 60 s read timeout, nor the 10 s the writes wait
            assert isinstance(info.value.__cause__, dss.APITimeoutError)
            lock.release()
            assert all(w.result().status_code == 200 for w in writes)
        await resolve(future.abort())
    finally:
        if lock is not None:
            lock.release()
        server.stop()
