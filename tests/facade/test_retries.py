"""Retries: only operations safe to repeat, with jittered exponential backoff that honours Retry-After."""

from __future__ import annotations

import email.utils

import dss_codestudio as dss
import httpx
import pytest
from dss_codestudio._retry import MAX_RETRY_AFTER, backoff_delay, retry_after
from dss_codestudio_openapi.operations import OPERATIONS, RetryPolicy

from tests.support.facade_clients import FakeClock, FakeDSS, dss_error, resolve
from tests.support.openapi_spec import operations

pytestmark = pytest.mark.anyio

STATUS_OK = {"state": "STOPPED"}


# The policies regen read from the spec's x-dss-retry, by operation id.
RETRY_POLICIES = {op.operation_id: op.retry for op in OPERATIONS.values()}


def test_every_operation_of_the_spec_declares_its_retry_policy_next_to_it() -> None:
    assert {op.operation_id: op.raw.get("x-dss-retry") for op in operations()} == {
        op_id: policy.value for op_id, policy in RETRY_POLICIES.items()
    }


def test_state_changing_operations_are_never_repeated() -> None:
    # DSS's push and pull are GETs that change state: the policy is per operation, not per method.
    never = {
        "pushToCodeStudio",
        "pullFromCodeStudio",
        "restartCodeStudio",
        "stopCodeStudio",
        "buildCodeStudioTemplate",
        "createCodeStudio",
        "createCodeStudioTemplate",
        "importCodeStudioTemplate",
        "createProject",
        "changeCodeStudioOwner",
        "writeProjectLibraryFile",
        "createProjectLibraryFolder",
        "renameProjectLibraryItem",
        "moveProjectLibraryItem",
        "deleteProjectLibraryItem",
    }
    assert {op for op in never if RETRY_POLICIES[op] is not RetryPolicy.UNSENT_ONLY} == set()
    for op in operations():
        if op.method == "post":
            assert RETRY_POLICIES[op.operation_id] is RetryPolicy.UNSENT_ONLY, op.operation_id


def test_backoff_grows_exponentially_with_bounded_jitter() -> None:
    class Fixed:
        def __init__(self, value: float) -> None:
            self.value = value

        def random(self) -> float:
            return self.value

    for attempt, base in enumerate([0.5, 1.0, 2.0, 4.0, 8.0, 8.0]):
        assert backoff_delay(attempt, Fixed(0.0)) == base  # type: ignore[arg-type]
        assert backoff_delay(attempt, Fixed(0.999)) == pytest.approx(base * 0.75, rel=1e-3)  # type: ignore[arg-type]


def test_retry_after_reads_seconds_dates_and_milliseconds() -> None:
    now = 1_700_000_000.0
    assert retry_after(httpx.Headers({"retry-after": "3"}), now) == 3.0
    assert retry_after(httpx.Headers({"retry-after": "1.5"}), now) == 1.5
    assert retry_after(httpx.Headers({"retry-after-ms": "250"}), now) == 0.25
    date = email.utils.formatdate(now + 7, usegmt=True)
    assert retry_after(httpx.Headers({"retry-after": date}), now) == pytest.approx(7.0)
    past = email.utils.formatdate(now - 30, usegmt=True)
    assert retry_after(httpx.Headers({"retry-after": past}), now) == 0.0
    assert retry_after(httpx.Headers({"retry-after": "soon"}), now) is None
    assert retry_after(httpx.Headers({}), now) is None


@pytest.mark.parametrize("status", [408, 429, 502, 503, 504])
async def test_transient_status_then_success_is_retried(
    make_client, fake: FakeDSS, clock: FakeClock, status: int
) -> None:
    fake.on("getCodeStudioStatus", dss_error(status), httpx.Response(200, json=STATUS_OK))
    status_ = await resolve(make_client().get_project("P").get_code_studio("c").get_status())
    assert status_.state == "STOPPED"
    assert fake.operations() == ["getCodeStudioStatus"] * 2
    assert len(clock.sleeps) == 1
    assert 0.375 <= clock.sleeps[0] <= 0.5


async def test_retry_after_is_honoured(make_client, fake: FakeDSS, clock: FakeClock) -> None:
    fake.on(
        "listCodeStudioTemplates",
        httpx.Response(429, headers={"Retry-After": "4"}, json={"errorType": "RateLimit", "message": "slow down"}),
        httpx.Response(503, headers={"Retry-After": "0"}),
        httpx.Response(200, json=[]),
    )
    assert await resolve(make_client().list_code_studio_templates()) == []
    assert clock.sleeps == [4.0, 0.0]


async def test_a_retry_after_beyond_the_cap_is_not_waited_for(make_client, fake: FakeDSS, clock: FakeClock) -> None:
    wait = str(int(MAX_RETRY_AFTER) + 1)
    fake.on("listProjects", httpx.Response(429, headers={"Retry-After": wait}, json={"errorType": "R", "message": "m"}))
    with pytest.raises(dss.RateLimitError) as info:
        await resolve(make_client().list_projects())
    assert info.value.headers["retry-after"] == wait
    assert clock.sleeps == []
    assert len(fake.calls) == 1


async def test_retries_stop_after_max_retries(make_client, fake: FakeDSS, clock: FakeClock) -> None:
    fake.on("listProjects", dss_error(503))
    with pytest.raises(dss.InternalServerError):
        await resolve(make_client(max_retries=3).list_projects())
    assert len(fake.calls) == 4
    assert len(clock.sleeps) == 3
    assert clock.sleeps[0] < clock.sleeps[1] < clock.sleeps[2]


async def test_500_is_not_retried(make_client, fake: FakeDSS, clock: FakeClock) -> None:
    # DSS answers business failures with 500 (a failed future, a missing code env): repeating changes nothing.
    fake.on("listProjects", dss_error(500))
    with pytest.raises(dss.InternalServerError):
        await resolve(make_client().list_projects())
    assert len(fake.calls) == 1


@pytest.mark.parametrize(
    "failure",
    [
        lambda r: httpx.RemoteProtocolError("Server disconnected without sending a response.", request=r),
        lambda r: httpx.ReadError("[Errno 104] Connection reset by peer", request=r),
        lambda r: httpx.ReadTimeout("timed out", request=r),
        lambda r: httpx.ConnectError("[Errno 111] Connection refused", request=r),
    ],
)
async def test_repeatable_calls_survive_broken_connections(
    make_client, fake: FakeDSS, clock: FakeClock, failure
) -> None:
    fake.on(
        "getCodeStudioSettings",
        failure,
        httpx.Response(200, json={"id": "c", "name": "n", "templateId": "t", "libName": "c", "owner": "o"}),
    )
    settings = await resolve(make_client().get_project("P").get_code_studio("c").get_settings())
    assert settings.name == "n"
    assert len(fake.calls) == 2


def _push(client):
    return client.get_project("P").get_code_studio("c").push_to_code_studio("z1")


def _pull(client):
    return client.get_project("P").get_code_studio("c").pull_from_code_studio("z1")


def _restart(client):
    return client.get_project("P").get_code_studio("c").restart()


def _build(client):
    return client.get_code_studio_template("t").build()


def _create(client):
    return client.get_project("P").create_code_studio("n", "t")


STATE_CHANGING = [
    ("pushToCodeStudio", _push),
    ("pullFromCodeStudio", _pull),
    ("restartCodeStudio", _restart),
    ("buildCodeStudioTemplate", _build),
    ("createCodeStudio", _create),
]


@pytest.mark.parametrize(("operation", "call"), STATE_CHANGING)
@pytest.mark.parametrize(
    "failure",
    [
        lambda r: dss_error(503),
        lambda r: httpx.RemoteProtocolError("Server disconnected without sending a response.", request=r),
        lambda r: httpx.ReadTimeout("timed out", request=r),
    ],
)
async def test_state_changing_calls_are_never_repeated_once_sent(
    make_client, fake: FakeDSS, clock: FakeClock, operation, call, failure
) -> None:
    fake.on(operation, failure, httpx.Response(200, json={}))
    with pytest.raises(dss.DataikuException):
        await resolve(call(make_client(max_retries=5)))
    assert fake.operations() == [operation]
    assert clock.sleeps == []


@pytest.mark.parametrize(("operation", "call"), STATE_CHANGING)
async def test_state_changing_calls_are_retried_when_the_connection_never_opened(
    make_client, fake: FakeDSS, clock: FakeClock, operation, call
) -> None:
    answer = {
        "count": 1,
        "size": 2,
        "codeStudio": {"id": "new", "name": "n", "templateId": "t", "libName": "new", "owner": "me"},
        "jobId": "J",
        "hasResult": False,
        "alive": True,
    }
    fake.on(
        operation,
        lambda r: httpx.ConnectError("[Errno 111] Connection refused", request=r),
        httpx.Response(200, json=answer),
    )
    await resolve(call(make_client()))
    assert fake.operations() == [operation, operation]
    assert len(clock.sleeps) == 1


async def test_with_options_max_retries_zero_disables_retries(make_client, fake: FakeDSS, clock: FakeClock) -> None:
    fake.on("listProjects", dss_error(503), httpx.Response(200, json=[]))
    client = make_client()
    with pytest.raises(dss.InternalServerError):
        await resolve(client.with_options(max_retries=0).list_projects())
    assert await resolve(client.list_projects()) == []  # the original keeps its retries


def test_the_facade_calls_every_operation_of_the_spec() -> None:
    # Each call passes its generated operation module's function, which picks its policies: all are reachable.
    from tests.support.paths import ROOT

    sources = "\n".join(p.read_text() for p in (ROOT / "facade" / "dss_codestudio" / "_async").glob("*.py"))
    names = {module.__name__.rsplit(".", 1)[1]: op.operation_id for module, op in OPERATIONS.items()}
    missing = {op_id for name, op_id in names.items() if f"{name}.asyncio_detailed" not in sources}
    assert missing == {"exportCodeStudioTemplate"}  # streamed: `_stream(export_code_studio_template, ...)`
    assert "_stream(export_code_studio_template," in sources
