"""Facade clients in tests: a scripted DSS behind httpx's MockTransport, a fake clock, and a client
factory that builds the sync or the async client (`kind`), so one test body covers both.

Tests are `async def` and `await resolve(...)` every facade call: with the async client the call is
a coroutine, with the sync client it already returned. The factory also takes a real base URL and
key, for integration tests against the reference server. The fixtures (`kind`, `fake`, `clock`,
`make_client`) are made available by the conftest of each suite that uses them.
"""

from __future__ import annotations

import inspect
import json as jsonlib
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qs

import httpx
import pytest
from dss_codestudio import AsyncDSSClient, DSSClient
from dss_codestudio._http import API_PREFIX
from openapi_schema_validator import OAS30Validator

from tests.support.openapi_spec import Operation, load_spec, match
from tests.support.openapi_spec import resolve as resolve_ref

Answer = httpx.Response | Exception | Callable[[httpx.Request], "httpx.Response | Exception"]


async def resolve(value: Any) -> Any:
    """The value of a facade call, whether the client is sync (a value) or async (a coroutine)."""
    return await value if inspect.isawaitable(value) else value


def dss_error(status: int, error_type: str = "com.dataiku.dip.exceptions.CodedException", message: str = "boom"):
    """An answer carrying the DSS error object."""
    return httpx.Response(status, json={"errorType": error_type, "message": message, "detailedMessage": message})


@dataclass
class Call:
    """A request the fake DSS received, with the spec operation it matched."""

    operation: str
    request: httpx.Request
    path_params: dict[str, str]

    @property
    def query(self) -> dict[str, str]:
        return {k: v[-1] for k, v in parse_qs(self.request.url.query.decode(), keep_blank_values=True).items()}

    @property
    def json(self) -> Any:
        return jsonlib.loads(self.request.content)


@dataclass
class FakeDSS:
    """A DSS that answers each operation of openapi.yaml with scripted answers and records the calls.

    `fake.on("getCodeStudioStatus", answer1, answer2)` answers the first call with answer1 and every
    later one with answer2. An answer is an httpx.Response, an exception to raise (a connection
    failure), or a function of the request returning either. Requests that match no operation of
    the spec, or whose parameters or body the spec does not allow, fail the test.
    """

    routes: dict[str, list[Answer]] = field(default_factory=dict)
    calls: list[Call] = field(default_factory=list)
    check: bool = True  # check each request against the spec (off for tests of invalid values)

    def on(self, operation: str, *answers: Answer) -> None:
        self.routes[operation] = list(answers)

    def json(self, operation: str, body: Any, status: int = 200) -> None:
        self.on(operation, httpx.Response(status, json=body))

    def operations(self) -> list[str]:
        return [c.operation for c in self.calls]

    def last(self, operation: str) -> Call:
        return [c for c in self.calls if c.operation == operation][-1]

    def handler(self, request: httpx.Request) -> httpx.Response:
        raw_path = request.url.raw_path.decode().split("?")[0]
        assert raw_path.startswith(API_PREFIX), raw_path
        found = match(request.method, raw_path[len(API_PREFIX) :])
        assert found is not None, f"{request.method} {raw_path} matches no operation of openapi.yaml"
        op, params = found
        request.read()
        if self.check:
            check_against_spec(op, params, request)
        self.calls.append(Call(op.operation_id, request, params))
        answers = self.routes.get(op.operation_id)
        assert answers, f"the test scripted no answer for {op.operation_id}"
        answer = answers.pop(0) if len(answers) > 1 else answers[0]
        if callable(answer) and not isinstance(answer, httpx.Response):
            answer = answer(request)
        if isinstance(answer, Exception):
            raise answer
        return answer


def _validate(schema: dict[str, Any], value: Any, where: str) -> None:
    errors = list(OAS30Validator({**schema, "components": load_spec()["components"]}).iter_errors(value))
    assert not errors, f"{where}: {value!r}: {errors[0].message}"


def check_against_spec(op: Operation, path_params: dict[str, str], request: httpx.Request) -> None:
    """Assert that a request the facade sent is one openapi.yaml describes: parameters and body."""
    where = f"{request.method} {request.url} ({op.operation_id})"
    for name, value in path_params.items():
        _validate(op.param(name, "path")["schema"], value, f"{where}: path parameter {name}")
    declared = op.params_in("query")
    sent = parse_qs(request.url.query.decode(), keep_blank_values=True)
    for name, values in sent.items():
        assert name in declared, f"{where}: query parameter {name!r} is not in the spec"
        assert len(values) == 1, f"{where}: repeated query parameter {name}"
        schema = declared[name]["schema"]
        value: Any = values[0]
        if schema.get("type") == "boolean":
            assert value in ("true", "false"), f"{where}: {name}={value!r} is not a boolean"
            value = value == "true"
        elif schema.get("type") == "integer":
            assert value.lstrip("-").isdigit(), f"{where}: {name}={value!r} is not an integer"
            value = int(value)
        _validate(schema, value, f"{where}: query parameter {name}")
    for name, param in declared.items():
        assert not param.get("required") or name in sent, f"{where}: required query parameter {name} missing"
    content = op.body_content
    if not request.content:
        assert not resolve_ref(op.raw.get("requestBody", {})).get("required"), f"{where}: the spec requires a body"
        return
    assert content, f"{where}: sends a body the spec does not describe"
    if "application/json" in content:
        _validate(content["application/json"]["schema"], jsonlib.loads(request.content), f"{where}: body")
    elif "multipart/form-data" in content:
        assert request.headers["content-type"].startswith("multipart/form-data"), where
    else:
        assert "application/octet-stream" in content, where


@dataclass
class FakeClock:
    """Time that only moves when the client sleeps: waits and backoffs run instantly and are recorded."""

    now: float = 1000.0
    sleeps: list[float] = field(default_factory=list)

    def monotonic(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        assert seconds >= 0
        self.sleeps.append(seconds)
        self.now += seconds

    async def asleep(self, seconds: float) -> None:
        self.sleep(seconds)


@pytest.fixture
def fake() -> FakeDSS:
    return FakeDSS()


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture(params=["sync", "async"])
def kind(request: pytest.FixtureRequest) -> str:
    return str(request.param)


ClientFactory = Callable[..., Any]


@pytest.fixture
async def make_client(kind: str, fake: FakeDSS, clock: FakeClock) -> AsyncIterator[ClientFactory]:
    """Build clients of the `kind` under test, on the fake DSS unless a transport is given; closed after."""
    made: list[Any] = []

    def factory(
        host: str = "http://dss.test:11200",
        api_key: str | None = "secret",
        *,
        mock: bool = True,
        fake_time: bool = True,
        **kwargs: Any,
    ) -> Any:
        """A client of `host`: on the fake DSS (`mock`), or on a real server (`mock=False, fake_time=False`)."""
        if mock:
            kwargs.setdefault("transport", httpx.MockTransport(fake.handler))
        client = (DSSClient if kind == "sync" else AsyncDSSClient)(host, api_key, **kwargs)
        if fake_time:
            install_clock(client, clock)
        made.append(client)
        return client

    yield factory
    for client in made:
        await resolve(client.close())


def install_clock(client: Any, clock: FakeClock) -> None:
    """Make a client sleep and tell time with `clock`."""
    transport = client._sender
    transport.clock = clock.monotonic
    transport.sleep = clock.asleep if isinstance(client, AsyncDSSClient) else clock.sleep
