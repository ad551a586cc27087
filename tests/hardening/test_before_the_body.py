"""Who the caller is, and whether it may make the call, is known before a byte of the body is read.

Every operation with a request body is called with a 16 MiB body by an anonymous caller and by a
user without rights: the answer is 401 or 403 and the application read nothing of the body
(`asgi.call` counts what it takes). Then what a caller with rights sends is bounded before it is
parsed: nesting depth and number of values (400 with the DSS error JSON, never a RecursionError's
500), parsed off the event loop; and an error quotes at most a few hundred characters of the input.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Callable
from typing import Any

import pytest
from dss_codestudio_server.http.authorization import body_rules
from dss_codestudio_server.http.validation import JSONBodyValidator
from dss_codestudio_server.jsonshape import JsonLimits

from tests.hardening.asgi import call
from tests.support.api import assert_dss_error
from tests.support.openapi_spec import Operation, operations
from tests.support.servers import InProcessServer

pytestmark = pytest.mark.anyio
MIB = 1024 * 1024
PARAMS = {"templateId": "python-workspace", "projectKey": "P", "codeStudioId": "abc", "path": "f.bin"}
WITH_BODY = sorted((op for op in operations() if op.body_content), key=lambda op: op.operation_id)
NOT_AUTHENTICATED = "com.dataiku.dip.exceptions.NotAuthenticatedException"
FORBIDDEN = "com.dataiku.dip.exceptions.UnauthorizedException"
LIMITS = JsonLimits()


def _path(op: Operation) -> str:
    path = op.path
    for name, value in PARAMS.items():
        path = path.replace("{" + name + "}", value)
    return path


def _headers(op: Operation) -> dict[str, str]:
    media = next(iter(op.body_content))
    return {"Content-Type": "multipart/form-data; boundary=b0undary" if media.startswith("multipart/") else media}


def _nested(depth: int) -> object:
    value: object = 1
    for level in range(depth):
        value = [value] if level % 2 else {"k": value}
    return value


@pytest.fixture
def project(server: InProcessServer) -> InProcessServer:
    server.instance.projects.create(server.instance.users.get("admin"), key="P", name="P", owner="admin")
    return server


def test_every_operation_with_a_body_has_an_authorization_rule(server: InProcessServer) -> None:
    assert set(body_rules(server.instance)) == {op.operation_id for op in WITH_BODY}
    assert len(WITH_BODY) >= 8


@pytest.mark.parametrize("op", WITH_BODY, ids=lambda op: op.operation_id)
@pytest.mark.parametrize("who", ["anonymous", "outsider", "unknown key"])
async def test_a_caller_who_may_not_make_the_call_gets_no_byte_of_its_body_read(
    project: InProcessServer, op: Operation, who: str
) -> None:
    keys = {"outsider": project.add_user("outsider"), "unknown key": "dkuaps-unknown", "anonymous": None}
    headers = _headers(op)
    if keys[who] is not None:
        headers["Authorization"] = f"Bearer {keys[who]}"
    body = b"[" + b"{}," * (16 * MIB // 3) + b"{}]"
    answer = await call(project.app, op.method.upper(), _path(op), headers=headers, body=body)
    assert answer.read == 0, f"{answer.read} bytes of the body read before refusing"
    expected = (403, FORBIDDEN) if who == "outsider" else (401, NOT_AUTHENTICATED)
    assert (answer.status, answer.json()["errorType"]) == expected, answer.body[:300]


async def test_a_caller_with_rights_gets_its_body_read(project: InProcessServer) -> None:
    body = json.dumps({"projectKey": "Q", "name": "q", "owner": "admin"}).encode()
    headers = {"Authorization": f"Bearer {project.admin_key}"}
    answer = await call(project.app, "POST", "/projects/", headers=headers, body=body)
    assert (answer.status, answer.read) == (200, len(body)), answer.body


async def test_an_anonymous_import_is_401_whatever_its_body(server: InProcessServer) -> None:
    async with server.http(key="") as anonymous:
        for headers in ({}, {"Content-Type": "multipart/form-data"}, {"Content-Type": "text/plain"}):
            response = await anonymous.post("/admin/code-studios/import", content=b"not a form", headers=headers)
            assert_dss_error(response, 401, NOT_AUTHENTICATED)


async def test_json_nested_past_the_limit_is_400_authenticated_or_401_not(project: InProcessServer) -> None:
    deep = json.dumps({"projectKey": "D", "name": "d", "owner": "admin", "settings": _nested(LIMITS.max_depth)})
    bottomless = b"[" * 100_000 + b"]" * 100_000
    async with project.http() as http, project.http(key="") as anonymous:
        for body in (deep.encode(), bottomless):
            error = assert_dss_error(await http.post("/projects/", content=body), 400)
            assert f"nested deeper than {LIMITS.max_depth} levels" in error["message"]
            assert_dss_error(await anonymous.post("/projects/", content=body), 401)
        # Deep template settings, the other way in: no RecursionError on the way out either.
        settings = (await http.get("/admin/code-studios/python-workspace")).json()
        settings["params"]["deep"] = "DEEP"
        text = json.dumps(settings).replace('"DEEP"', '{"k": [' * 1000 + "1" + "]}" * 1000)
        assert_dss_error(await http.put("/admin/code-studios/python-workspace", content=text.encode()), 400)
        # Within the limit: the settings of a project nest as deep as allowed (the body adds a level).
        within = {"projectKey": "W", "name": "w", "owner": "admin", "settings": _nested(LIMITS.max_depth - 1)}
        assert (await http.post("/projects/", json=within)).status_code == 200


async def test_json_with_more_values_than_the_limit_is_400(project: InProcessServer) -> None:
    many = {"projectKey": "M", "name": "m", "owner": "admin", "tags": ["t"] * (LIMITS.max_values + 1)}
    async with project.http() as http:
        error = assert_dss_error(await http.post("/projects/", json=many), 400)
        assert f"more than {LIMITS.max_values} values" in error["message"]
        fewer = {**many, "tags": ["t"] * (LIMITS.max_values // 2)}
        assert (await http.post("/projects/", json=fewer)).status_code == 200


async def test_json_bodies_are_parsed_and_validated_off_the_event_loop(
    project: InProcessServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    threads: list[threading.Thread] = []
    original: Callable[[JSONBodyValidator, bytes], Any] = JSONBodyValidator._parse_and_validate

    def recording(self: JSONBodyValidator, raw: bytes) -> Any:
        threads.append(threading.current_thread())
        return original(self, raw)

    monkeypatch.setattr(JSONBodyValidator, "_parse_and_validate", recording)
    async with project.http() as http:
        assert (
            await http.post("/projects/", json={"projectKey": "T", "name": "t", "owner": "admin"})
        ).status_code == 200
        assert_dss_error(await http.post("/projects/", content=b'{"projectKey": NaN}'), 400)
    assert len(threads) == 2
    assert threading.current_thread() not in threads  # this test runs on the event loop's thread


async def test_an_error_quotes_at_most_a_few_hundred_characters_of_the_input(project: InProcessServer) -> None:
    name = "n" * (8 * 1000 * 1000)
    async with project.http() as http:
        answers = [
            await http.post("/projects/", json={"projectKey": "E", "name": name, "owner": "admin"}),
            await http.post("/projects/", json={"projectKey": "x" * 1_000_000, "name": "e", "owner": "admin"}),
            await http.post("/projects/P/libraries/contents-actions/move", json={"oldPath": "a", "newPath": name}),
            await http.put("/admin/code-studios/python-workspace", json={"type": "block_based", "label": name}),
        ]
    for response in answers:
        error = assert_dss_error(response, 400)
        assert len(response.content) < 1200, response.content[:300]
        assert "characters left out" in error["message"]
