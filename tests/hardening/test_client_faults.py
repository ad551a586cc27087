"""The client under faults, against real sockets: a typed error or a retry, never a hang or a double call.

A misbehaving HTTP server on 127.0.0.1 (tests/support/misbehaving_http.py) resets connections
before or in the middle of an answer, stalls past the client's timeout, answers 502/503/504 bursts
with and without Retry-After, or sends cut JSON; a closed port refuses connections. Each case is
made with a call that is safe to repeat (reading a studio's status) and with calls that change
state (a restart, a POST; a push, a GET that copies files): the first is retried and succeeds (or
fails with the documented typed error once retries are spent), the others fail at once with the
typed error after exactly one request. Every call ends within a bound of its timeout and retries.
(tests/facade has the same rules as unit tests over a mock transport.)
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

import anyio
import pytest
from dss_codestudio import (
    APIConnectionError,
    APIResponseValidationError,
    APITimeoutError,
    AsyncDSSClient,
    DSSClient,
    InternalServerError,
)

from tests.support.misbehaving_http import Answer, Behaviour, MisbehavingServer, Reset, ResetMidBody, Stall, Truncated
from tests.support.ports import free_port

STATUS = {"state": "RUNNING", "lastStateChange": 1718100000000, "exposed": [], "syncedZones": []}
STARTED = {"hasResult": True, "alive": False, "aborted": False, "unknown": False, "result": {"state": "RUNNING"}}
PUSHED = {"count": 0, "size": 0, "conflicts": []}
TIMEOUT = 0.5
# What each kind of call answers when all goes well.
OK = {"status": Answer(200, STATUS), "restart": Answer(200, STARTED), "push": Answer(200, PUSHED)}


def call(url: str, what: str, kind: str = "sync") -> Any:
    """Make one facade call (`status`, `restart` or `push`) with a 1 s timeout and the default retries."""
    if kind == "sync":
        with DSSClient(url, "key", timeout=TIMEOUT) as client:
            studio = client.get_project("P").get_code_studio("s1")
            return {
                "status": studio.get_status,
                "restart": studio.restart,
                "push": lambda: studio.push_to_code_studio("z"),
            }[what]()

    async def run() -> Any:
        async with AsyncDSSClient(url, "key", timeout=TIMEOUT) as client:
            studio = client.get_project("P").get_code_studio("s1")
            calls: dict[str, Callable[[], Any]] = {
                "status": studio.get_status,
                "restart": studio.restart,
                "push": lambda: studio.push_to_code_studio("z"),
            }
            return await calls[what]()

    return anyio.run(run)


def timed(function: Callable[[], Any]) -> tuple[Any, float]:
    started = time.monotonic()
    try:
        return function(), time.monotonic() - started
    except Exception as exc:
        return exc, time.monotonic() - started


FAULTS: dict[str, tuple[list[Behaviour], type[Exception]]] = {
    "reset before the answer": ([Reset()], APIConnectionError),
    "reset in the middle of the answer": ([ResetMidBody()], APIConnectionError),
    "stalled past the timeout": ([Stall()], APITimeoutError),
    "502": ([Answer(502, None)], InternalServerError),
    "503": ([Answer(503, {"errorType": "x", "message": "restarting"})], InternalServerError),
    "504": ([Answer(504, None)], InternalServerError),
}


@pytest.mark.parametrize(
    ("fault", "kind"),
    [(fault, "sync") for fault in sorted(FAULTS)]
    + [(fault, "async") for fault in ("reset in the middle of the answer", "stalled past the timeout", "503")],
)
def test_a_repeatable_call_is_retried_through_a_transient_fault(fault: str, kind: str) -> None:
    script, _ = FAULTS[fault]
    with MisbehavingServer(*script, OK["status"]) as server:
        value, elapsed = timed(lambda: call(server.url, "status", kind))
        assert not isinstance(value, Exception), value
        assert value.state == "RUNNING"
        assert len(server.requests) == 2
    assert elapsed < TIMEOUT + 1.0 + 2.0  # one timeout at most, one backoff (0.5 s), slack for a slow machine


@pytest.mark.parametrize("what", ["restart", "push"])
@pytest.mark.parametrize("fault", sorted(FAULTS))
def test_a_call_that_changes_state_is_never_repeated_once_sent(fault: str, what: str) -> None:
    script, error = FAULTS[fault]
    with MisbehavingServer(*script, OK[what]) as server:
        value, elapsed = timed(lambda: call(server.url, what))
        assert isinstance(value, error), value
        assert len(server.requests) == 1, server.requests
    assert elapsed < TIMEOUT + 2.0


def test_a_burst_longer_than_the_retries_ends_with_the_typed_error() -> None:
    with MisbehavingServer(Answer(503, None), Answer(502, None), Answer(504, None), OK["status"]) as server:
        value, elapsed = timed(lambda: call(server.url, "status"))
        assert isinstance(value, InternalServerError), value
        assert value.status == 504
        assert len(server.requests) == 3  # the call and its two retries
    assert elapsed < 0.5 + 1.0 + 3.0


def test_retry_after_is_waited_for() -> None:
    busy = Answer(503, None, {"Retry-After": "1"})
    with MisbehavingServer(busy, busy, OK["status"]) as server:
        value, elapsed = timed(lambda: call(server.url, "status"))
        assert not isinstance(value, Exception), value
        assert len(server.requests) == 3
    assert 2.0 <= elapsed < 2.0 + 3.0


def test_a_retry_after_beyond_the_cap_fails_at_once_instead_of_hanging() -> None:
    with MisbehavingServer(Answer(503, None, {"Retry-After": "3600"}), OK["status"]) as server:
        value, elapsed = timed(lambda: call(server.url, "status"))
        assert isinstance(value, InternalServerError), value
        assert len(server.requests) == 1
    assert elapsed < 2.0


@pytest.mark.parametrize("what", ["status", "restart", "push"])
def test_truncated_json_is_a_validation_error_not_a_retry(what: str) -> None:
    with MisbehavingServer(Truncated(b'{"state": "RUNN'), OK[what]) as server:
        value, _ = timed(lambda: call(server.url, what))
        assert isinstance(value, APIResponseValidationError), value
        assert len(server.requests) == 1


@pytest.mark.parametrize("what", ["status", "restart"])
def test_a_refused_connection_is_a_connection_error_after_bounded_retries(what: str) -> None:
    value, elapsed = timed(lambda: call(f"http://127.0.0.1:{free_port()}", what))
    assert isinstance(value, APIConnectionError), value
    assert not isinstance(value, APITimeoutError)
    assert elapsed < 0.5 + 1.0 + 3.0  # nothing was sent, so every call retries: two backoffs


def test_a_stalled_server_never_hangs_a_call_with_retries() -> None:
    """A server that accepts and never answers: the call ends after its timeout and two retries."""
    with MisbehavingServer(Stall()) as server:
        value, elapsed = timed(lambda: call(server.url, "status"))
        assert isinstance(value, APITimeoutError), value
        assert len(server.requests) == 3
    assert elapsed < 3 * TIMEOUT + 0.5 + 1.0 + 3.0
