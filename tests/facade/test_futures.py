"""Futures and waits: deadlines, progress, aborts, failures, builds that fail in their messages."""

from __future__ import annotations

import itertools
from typing import Any

import dss_codestudio as dss
import httpx
import pytest
from dss_codestudio._polling import INITIAL_POLL_INTERVAL, MAX_POLL_INTERVAL, POLL_GROWTH, PollSchedule

from tests.support.facade_clients import FakeClock, FakeDSS, dss_error, resolve

pytestmark = pytest.mark.anyio

RUNNING = {"jobId": "J1", "hasResult": False, "alive": True, "aborted": False, "unknown": False}


def scripted_future(clock: FakeClock, done_after: float, result: Any, *, progress: dict[str, Any] | None = None) -> Any:
    """An answer to getFutureState: running until `done_after` fake seconds from now, then done."""
    done_at = clock.now + done_after

    def answer(request: httpx.Request) -> httpx.Response:
        if clock.now < done_at:
            state: dict[str, Any] = dict(RUNNING, runningTime=int((clock.now - done_at + done_after) * 1000))
            if progress is not None:
                state["progress"] = progress
            return httpx.Response(200, json=state)
        state = {"jobId": "J1", "hasResult": True, "alive": False, "aborted": False, "unknown": False}
        if request.url.params.get("peek") != "true":
            state["result"] = result
        return httpx.Response(200, json=state)

    return answer


def studio(client: Any) -> Any:
    return client.get_project("P").get_code_studio("cs1")


def test_poll_schedule_starts_short_and_grows_slowly_to_a_cap() -> None:
    schedule = PollSchedule()
    intervals = [schedule.next_interval() for _ in range(400)]
    assert intervals[0] == INITIAL_POLL_INTERVAL == 0.13
    assert intervals[1] == pytest.approx(0.13 * POLL_GROWTH)
    assert all(b >= a for a, b in itertools.pairwise(intervals))
    assert max(intervals) == MAX_POLL_INTERVAL


async def test_a_result_present_at_once_needs_no_polling(make_client, fake: FakeDSS, clock: FakeClock) -> None:
    fake.json("restartCodeStudio", {"hasResult": True, "alive": False, "result": {"state": "RUNNING"}})
    future = await resolve(studio(make_client()).restart())
    assert future.job_id is None
    result = await resolve(future.wait_for_result())
    assert isinstance(result, dss.DSSCodeStudioStartResult)
    assert result.state == dss.CodeStudioState.RUNNING
    assert fake.operations() == ["restartCodeStudio"]
    assert clock.sleeps == []
    assert await resolve(future.get_result()) == result  # no job id to ask: the state holds it
    assert await resolve(future.abort()) is None
    assert fake.operations() == ["restartCodeStudio"]


async def test_wait_polls_the_whole_state_and_the_poll_seeing_the_end_carries_the_result(
    make_client, fake: FakeDSS, clock: FakeClock
) -> None:
    fake.json("restartCodeStudio", RUNNING)
    pushed = {"z1": {"count": 3, "size": 120, "added": ["a.py"]}}
    fake.on("getFutureState", scripted_future(clock, 2.0, {"state": "RUNNING", "pushed": pushed}))
    start = clock.now
    result = await resolve(studio(make_client()).restart(wait=True))
    assert result.state == "RUNNING"
    assert result.pushed["z1"].count == 3
    assert result.pushed["z1"].added == ["a.py"]
    polls = [c for c in fake.calls if c.operation == "getFutureState"]
    assert [c.query["peek"] for c in polls] == ["false"] * len(polls)
    # The restart's answer needs no re-reading, and the last poll is the one that saw the end.
    assert len(polls) == len(clock.sleeps)
    assert all(c.path_params["jobId"] == "J1" for c in polls)
    # Noticed within one poll interval of the end, and without polling at once after the start.
    assert clock.sleeps[0] == INITIAL_POLL_INTERVAL
    assert 2.0 <= clock.now - start < 2.0 + 0.2
    assert len(polls) <= 14


async def test_a_state_over_without_its_result_yet_is_read_once_more(
    make_client, fake: FakeDSS, clock: FakeClock
) -> None:
    fake.json("restartCodeStudio", RUNNING)
    answers = iter(
        [
            {"jobId": "J1", "hasResult": False, "alive": False, "aborted": False},
            {"jobId": "J1", "hasResult": True, "alive": False, "aborted": False, "result": {"state": "RUNNING"}},
        ]
    )
    fake.on("getFutureState", lambda request: httpx.Response(200, json=next(answers)))
    result = await resolve(studio(make_client()).restart(wait=True))
    assert result.state == "RUNNING"
    assert [c.operation for c in fake.calls].count("getFutureState") == 2
    assert len(clock.sleeps) == 1  # the second read follows the first at once


async def test_on_progress_sees_each_poll(make_client, fake: FakeDSS, clock: FakeClock) -> None:
    fake.json("buildCodeStudioTemplate", RUNNING)
    progress = {"states": [{"name": "Building image", "unit": "FILES", "cur": 3, "target": 10}]}
    result = {"messages": {"error": False, "messages": []}, "builds": [{"configName": "k8s", "imageTag": "t:1"}]}
    fake.on("getFutureState", scripted_future(clock, 1.0, result, progress=progress))
    seen: list[dss.DSSFutureProgress] = []
    future = await resolve(make_client().get_code_studio_template("tpl").build())
    built = await resolve(future.wait_for_result(timeout=30, on_progress=seen.append))
    assert built.succeeded
    assert [b.config_name for b in built.builds] == ["k8s"]
    assert built.builds[0].image_tag == "t:1"
    assert len(seen) >= 3
    assert seen[0].alive
    assert seen[0].steps == []  # the answer to the build call itself
    assert seen[1].steps[0].name == "Building image"
    assert (seen[1].steps[0].current, seen[1].steps[0].target) == (3, 10)
    assert seen[-1].has_result
    assert seen[2].running_time >= seen[1].running_time > 0


async def test_wait_ends_with_a_typed_error_at_the_deadline(make_client, fake: FakeDSS, clock: FakeClock) -> None:
    fake.json("restartCodeStudio", RUNNING)
    fake.on("getFutureState", scripted_future(clock, 3600.0, {}))
    future = await resolve(studio(make_client()).restart())
    start = clock.now
    with pytest.raises(dss.FutureTimeoutError) as info:
        await resolve(future.wait_for_result(timeout=5))
    assert clock.now - start == pytest.approx(5.0)
    err = info.value
    assert err.job_id == "J1"
    assert err.last_state is not None
    assert err.last_state["alive"] is True
    assert isinstance(err, dss.WaitTimeoutError)
    assert isinstance(err, dss.FutureError)
    assert "abortFuture" not in fake.operations()  # the task keeps running


async def test_zero_timeout_polls_once(make_client, fake: FakeDSS, clock: FakeClock) -> None:
    fake.on("getFutureState", scripted_future(clock, 10.0, {}))
    with pytest.raises(dss.FutureTimeoutError):
        await resolve(make_client().get_future("J1").wait_for_result(timeout=0))
    assert fake.operations() == ["getFutureState"]


async def test_aborted_future_answering_409(make_client, fake: FakeDSS, clock: FakeClock) -> None:
    fake.json("restartCodeStudio", RUNNING)
    fake.on(
        "getFutureState",
        httpx.Response(200, json=RUNNING),
        dss_error(409, "com.dataiku.dip.futures.FutureAbortedException", "Future J1 was aborted"),
    )
    future = await resolve(studio(make_client()).restart())
    with pytest.raises(dss.FutureAbortedError) as info:
        await resolve(future.wait_for_result())
    assert info.value.job_id == "J1"
    assert info.value.status == 409
    assert str(info.value) == "com.dataiku.dip.futures.FutureAbortedException: Future J1 was aborted"


async def test_aborted_future_answering_a_state(make_client, fake: FakeDSS) -> None:
    fake.on(
        "getFutureState",
        httpx.Response(200, json=RUNNING),
        httpx.Response(200, json=dict(RUNNING, alive=False, aborted=True)),
    )
    with pytest.raises(dss.FutureAbortedError):
        await resolve(make_client().get_future("J1").wait_for_result())


async def test_failed_future_answering_500(make_client, fake: FakeDSS, clock: FakeClock) -> None:
    fake.json("restartCodeStudio", RUNNING)
    message = "Code studio cs1 failed to start: entry point exited with status 1"
    fake.on("getFutureState", httpx.Response(200, json=RUNNING), dss_error(500, "com.dataiku.CodedException", message))
    future = await resolve(studio(make_client()).restart())
    with pytest.raises(dss.FutureFailedError) as info:
        await resolve(future.wait_for_result())
    err = info.value
    assert err.error_type == "com.dataiku.CodedException"
    assert err.message == message
    assert err.status == 500
    assert err.job_id == "J1"
    assert len(fake.operations()) == 3  # a 500 is the failure itself: never retried


async def test_a_gateway_error_while_polling_is_retried_not_a_failure(make_client, fake: FakeDSS) -> None:
    done = {"jobId": "J1", "hasResult": True, "alive": False, "result": {"x": 1}}
    fake.on("getFutureState", dss_error(503), httpx.Response(200, json=done))
    assert await resolve(make_client().get_future("J1").wait_for_result()) == {"x": 1}


async def test_a_future_that_ends_without_result_is_a_failure(make_client, fake: FakeDSS) -> None:
    fake.json("getFutureState", dict(RUNNING, alive=False))
    with pytest.raises(dss.FutureFailedError, match="without a result"):
        await resolve(make_client().get_future("J1").wait_for_result())


async def test_an_unknown_future_is_not_found(make_client, fake: FakeDSS) -> None:
    fake.on("getFutureState", dss_error(404, "com.dataiku.dip.server.controllers.NotFoundException", "no J9"))
    with pytest.raises(dss.NotFoundError):
        await resolve(make_client().get_future("J9").wait_for_result())


async def test_build_whose_messages_report_an_error_fails(make_client, fake: FakeDSS, clock: FakeClock) -> None:
    result = {
        "messages": {
            "anyMessage": True,
            "error": True,
            "maxSeverity": "ERROR",
            "messages": [
                {"severity": "INFO", "message": "Using cache"},
                {"severity": "ERROR", "code": "DOCKER_BUILD", "message": "RUN yum install -y nodejs failed"},
            ],
        },
        "builds": [],
    }
    fake.json("buildCodeStudioTemplate", RUNNING)
    fake.on("getFutureState", scripted_future(clock, 0.5, result))
    future = await resolve(make_client().get_code_studio_template("tpl").build(disable_docker_cache=True))
    assert fake.last("buildCodeStudioTemplate").query == {"withNoCache": "true"}
    with pytest.raises(dss.BuildFailedError) as info:
        await resolve(future.wait_for_result())
    err = info.value
    assert isinstance(err, dss.FutureFailedError)
    assert err.job_id == "J1"
    assert "RUN yum install -y nodejs failed" in str(err)
    assert err.messages.has_error
    assert [m.code for m in err.errors] == ["DOCKER_BUILD"]


async def test_build_with_a_fatal_message_at_once_fails(make_client, fake: FakeDSS) -> None:
    result = {"messages": {"fatal": True, "messages": [{"severity": "FATAL", "message": "no docker"}]}}
    fake.json("buildCodeStudioTemplate", {"hasResult": True, "result": result})
    future = await resolve(make_client().get_code_studio_template("tpl").build())
    with pytest.raises(dss.BuildFailedError, match="no docker"):
        await resolve(future.wait_for_result())


async def test_get_result_and_has_result(make_client, fake: FakeDSS) -> None:
    fake.on(
        "getFutureState",
        httpx.Response(200, json=RUNNING),
        httpx.Response(200, json=RUNNING),
        httpx.Response(200, json={"jobId": "J1", "hasResult": True, "result": [1, 2]}),
    )
    future = make_client().get_future("J1")
    with pytest.raises(dss.DataikuException, match="Result not ready"):
        await resolve(future.get_result())
    assert await resolve(future.has_result()) is False
    assert await resolve(future.has_result()) is True
    assert await resolve(future.get_result()) == [1, 2]
    assert [c.query["peek"] for c in fake.calls] == ["false"] * 3


async def test_peek_and_get_state_return_the_raw_state(make_client, fake: FakeDSS) -> None:
    fake.json("getFutureState", dict(RUNNING, jobDisplayName="Build", extra={"kept": True}))
    future = make_client().get_future("J1")
    state = await resolve(future.peek_state())
    assert state["extra"] == {"kept": True}
    assert future.state is state
    assert future.state_is_peek is True
    await resolve(future.get_state())
    assert future.state_is_peek is False


async def test_abort_deletes_the_future(make_client, fake: FakeDSS) -> None:
    fake.on("abortFuture", httpx.Response(204))
    await resolve(make_client().get_future("J1").abort())
    assert fake.operations() == ["abortFuture"]
    assert fake.calls[0].request.method == "DELETE"


async def test_list_futures(make_client, fake: FakeDSS) -> None:
    fake.json("listFutures", [dict(RUNNING, owner="admin")])
    client = make_client()
    states = await resolve(client.list_futures(all_users=True))
    assert states[0]["owner"] == "admin"
    assert fake.calls[0].query == {"withScenarios": "false", "withNotScenarios": "true", "allUsers": "true"}
    futures = await resolve(client.list_futures(as_objects=True))
    assert futures[0].job_id == "J1"
    assert futures[0].state["owner"] == "admin"
    await resolve(client.list_running_scenarios())
    assert fake.calls[-1].query["withScenarios"] == "true"


async def test_from_resp_with_a_result_wrapper(make_client, kind: str) -> None:
    client = make_client()
    future_cls = dss.DSSFuture if kind == "sync" else dss.AsyncDSSFuture
    future = future_cls.from_resp(client, {"hasResult": True, "result": {"n": 2}}, lambda r: r["n"] * 10)
    assert await resolve(future.wait_for_result()) == 20
    plain = future_cls.from_resp(client, {"jobId": "J7", "hasResult": False})
    assert plain.job_id == "J7"


async def test_stop_wait_returns_the_typed_stop_result(make_client, fake: FakeDSS, clock: FakeClock) -> None:
    result = {
        "state": "STOPPED",
        "pulled": {"z1": {"modified": ["a.py"], "count": 1, "size": 9}},
        "conflicts": {"z1": {"modified": ["b.py"], "authors": ["alice"]}},
    }
    fake.json("stopCodeStudio", RUNNING)
    fake.on("getFutureState", scripted_future(clock, 1.0, result))
    stopped = await resolve(studio(make_client()).stop(wait=True, timeout=60))
    assert stopped.state == "STOPPED"
    assert stopped.pulled["z1"].modified == ["a.py"]
    assert stopped.conflicts["z1"].modified == ["b.py"]
    assert stopped.conflicts["z1"].authors == ["alice"]
    assert stopped["state"] == "STOPPED"  # dict access, as dataikuapi's raw results


async def test_stop_of_a_stopped_studio_is_a_finished_future(make_client, fake: FakeDSS) -> None:
    fake.json("stopCodeStudio", {"hasResult": True, "alive": False, "result": {}})
    future = await resolve(studio(make_client()).stop())
    assert future.job_id is None
    assert (await resolve(future.wait_for_result())).state is None
    assert fake.operations() == ["stopCodeStudio"]


async def test_start_leaves_a_running_studio_alone(make_client, fake: FakeDSS) -> None:
    fake.json("getCodeStudioStatus", {"state": "RUNNING"})
    result = await resolve(studio(make_client()).start(wait=True))
    assert result.state == "RUNNING"
    assert fake.operations() == ["getCodeStudioStatus"]


async def test_start_starts_a_stopped_studio(make_client, fake: FakeDSS, clock: FakeClock) -> None:
    fake.json("getCodeStudioStatus", {"state": "STOPPED"})
    fake.json("restartCodeStudio", RUNNING)
    fake.on("getFutureState", scripted_future(clock, 1.0, {"state": "RUNNING"}))
    result = await resolve(studio(make_client()).start(wait=True, timeout=30))
    assert result.state == "RUNNING"
    assert fake.operations()[:2] == ["getCodeStudioStatus", "restartCodeStudio"]
    future = await resolve(studio(make_client()).start())
    assert isinstance(future, dss.DSSFuture | dss.AsyncDSSFuture)


async def test_start_waits_for_a_stopping_studio_first(make_client, fake: FakeDSS, clock: FakeClock) -> None:
    fake.on(
        "getCodeStudioStatus",
        httpx.Response(200, json={"state": "STOPPING"}),
        httpx.Response(200, json={"state": "STOPPING"}),
        httpx.Response(200, json={"state": "STOPPED"}),
    )
    fake.json("restartCodeStudio", {"hasResult": True, "result": {"state": "RUNNING"}})
    result = await resolve(studio(make_client()).start(wait=True))
    assert result.state == "RUNNING"
    assert fake.operations() == ["getCodeStudioStatus"] * 3 + ["restartCodeStudio"]


async def test_wait_for_state(make_client, fake: FakeDSS, clock: FakeClock) -> None:
    fake.on(
        "getCodeStudioStatus",
        httpx.Response(200, json={"state": "STARTING"}),
        httpx.Response(200, json={"state": "STARTING"}),
        httpx.Response(200, json={"state": "RUNNING", "syncedZones": [{"id": "z1", "zone": "recipes"}]}),
    )
    status = await resolve(studio(make_client()).wait_for_state("RUNNING", timeout=10))
    assert status.state is dss.CodeStudioState.RUNNING
    assert status.get_zones() == ["z1"]
    assert len(clock.sleeps) == 2


async def test_wait_for_one_of_several_states(make_client, fake: FakeDSS) -> None:
    fake.json("getCodeStudioStatus", {"state": "STOPPED"})
    status = await resolve(studio(make_client()).wait_for_state(["RUNNING", dss.CodeStudioState.STOPPED]))
    assert status.state == "STOPPED"


async def test_wait_for_an_unknown_state_is_refused_before_any_call(make_client, fake: FakeDSS) -> None:
    fake.json("getCodeStudioStatus", {"state": "STOPPED"})
    for wrong in ("RUNING", ["RUNNING", "running"], []):
        with pytest.raises(ValueError, match=r"RUNING|running|at least one") as caught:
            await resolve(studio(make_client()).wait_for_state(wrong))  # type: ignore[arg-type]
        assert wrong == [] or "STOPPED, STARTING, RUNNING, STOPPING" in str(caught.value)
    assert fake.operations() == []


async def test_wait_for_state_times_out(make_client, fake: FakeDSS, clock: FakeClock) -> None:
    fake.json("getCodeStudioStatus", {"state": "STARTING"})
    start = clock.now
    with pytest.raises(dss.WaitTimeoutError, match="is STARTING, not RUNNING"):
        await resolve(studio(make_client()).wait_for_state("RUNNING", timeout=2.5))
    assert clock.now - start == pytest.approx(2.5)


async def test_the_calls_of_a_wait_are_given_only_the_time_left(make_client, fake: FakeDSS, clock: FakeClock) -> None:
    running = scripted_future(clock, 3600.0, {})
    seen: list[tuple[float, dict[str, float]]] = []

    def answer(request: httpx.Request) -> httpx.Response:
        seen.append((clock.now, request.extensions["timeout"]))
        return running(request)

    fake.on("getFutureState", answer)
    fake.json("getCodeStudioStatus", {"state": "STOPPED"})
    client = make_client()
    start = clock.now
    with pytest.raises(dss.FutureTimeoutError):
        await resolve(client.get_future("J1").wait_for_result(timeout=5))
    assert len(seen) > 3
    for now, timeout in seen:
        expected = max(5 - (now - start), 1.0)  # what is left, but never less than a second
        assert timeout["read"] == pytest.approx(expected)
        assert timeout["connect"] == pytest.approx(min(expected, 10.0))
    # Outside waits, calls keep the client's timeouts.
    await resolve(studio(client).get_status())
    assert fake.last("getCodeStudioStatus").request.extensions["timeout"]["read"] == 60.0
    await resolve(client.get_future("J1").peek_state())
    assert seen[-1][1]["read"] == 60.0


async def test_a_slow_answer_at_the_deadline_ends_the_wait_as_a_timeout(
    make_client, fake: FakeDSS, clock: FakeClock
) -> None:
    running = scripted_future(clock, 3600.0, {})
    start = clock.now
    slow: list[float] = []

    def answer(request: httpx.Request) -> httpx.Response:
        if clock.now - start < 4:
            return running(request)
        given = request.extensions["timeout"]["read"]
        slow.append(given)
        clock.now += given  # the answer does not come within the time the call was given
        raise httpx.ReadTimeout("timed out", request=request)

    fake.on("getFutureState", answer)
    with pytest.raises(dss.FutureTimeoutError) as info:
        await resolve(make_client(max_retries=5).get_future("J1").wait_for_result(timeout=5))
    assert isinstance(info.value.__cause__, dss.APITimeoutError)
    assert info.value.last_state is not None
    assert info.value.last_state["alive"] is True
    assert slow == [1.0]  # not the client's 60 s, and not retried past the deadline
    assert clock.now - start <= 5 + 1.0


async def test_a_slow_status_at_the_deadline_ends_wait_for_state(make_client, fake: FakeDSS, clock: FakeClock) -> None:
    start = clock.now

    def answer(request: httpx.Request) -> httpx.Response:
        if clock.now - start < 2:
            return httpx.Response(200, json={"state": "STARTING"})
        clock.now += request.extensions["timeout"]["read"]
        raise httpx.ReadTimeout("timed out", request=request)

    fake.on("getCodeStudioStatus", answer)
    with pytest.raises(dss.WaitTimeoutError, match=r"is STARTING, not RUNNING, after 2\.5 s") as info:
        await resolve(studio(make_client()).wait_for_state("RUNNING", timeout=2.5))
    assert isinstance(info.value.__cause__, dss.APITimeoutError)
    assert clock.now - start <= 2.5 + 1.0


async def test_a_slow_answer_before_the_deadline_is_still_a_timeout_error(
    make_client, fake: FakeDSS, clock: FakeClock
) -> None:
    def answer(request: httpx.Request) -> httpx.Response:
        raise httpx.ReadTimeout("timed out", request=request)  # at once: the deadline is far

    fake.on("getFutureState", answer)
    with pytest.raises(dss.APITimeoutError):
        await resolve(make_client(max_retries=1).get_future("J1").wait_for_result(timeout=600))
    assert len(fake.calls) == 2  # retried as any call that is safe to repeat


def test_waits_refuse_negative_timeouts() -> None:
    with pytest.raises(ValueError, match="timeout"):
        dss.DSSClient("http://dss", "k").get_future("J").wait_for_result(timeout=-1)
