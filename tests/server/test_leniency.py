"""DSS's leniency with query strings, and the version headers of every answer.

DSS ignores query parameters it does not know and takes the first of repeated values (a servlet's
`getParameter`); the parameters an operation declares are still validated strictly. Every answer,
errors included, carries `DSS-Version` and `DSS-API-Version`, as the spec's `info` says.
"""

from __future__ import annotations

import json
import logging

import pytest
from dss_codestudio_server.http.leniency import lenient_query
from dss_codestudio_server.http.spec import load_spec

from tests.conftest import InProcessServer
from tests.server.test_projects_and_libraries import make_project
from tests.server.test_wire import assert_dss_error

pytestmark = pytest.mark.anyio

INFO = load_spec()["info"]


def test_the_spec_says_which_dss_version_the_server_speaks() -> None:
    assert INFO["x-dss-version"] == "13.5.4"
    assert INFO["x-dss-api-version"] == "1"
    headers = load_spec()["components"]["headers"]
    assert set(headers) == {"DSSVersion", "DSSAPIVersion"}


def test_lenient_query_keeps_the_first_value_of_known_parameters_in_order() -> None:
    known = frozenset({"newOwner", "wait"})
    kept, dropped = lenient_query(b"newOwner=x&newOwner=alice&extra=1&wait=True&n%65wOwner=bob", known)
    assert kept == b"newOwner=x&wait=True"
    assert dropped == ["'newOwner' (repeated)", "'extra'", "'newOwner' (repeated)"]
    assert lenient_query(b"&&wait=False&", known) == (b"wait=False", [])


async def test_unknown_query_parameters_are_ignored_and_logged_at_debug(http, caplog: pytest.LogCaptureFixture) -> None:
    await make_project(http)
    with caplog.at_level(logging.DEBUG, logger="dss_codestudio_server.http.leniency"):
        listed = await http.get("/projects/", params={"includeLocation": "true", "foo": "bar", "x y": "1"})
    assert listed.status_code == 200, listed.text
    assert [p["projectKey"] for p in listed.json()] == ["PROJ"]
    assert "ignored query parameter(s) 'foo', 'x y'" in caplog.text
    # An older client's parameter, on a call that writes: ignored, the call made.
    deleted = await http.delete("/projects/PROJ", params={"dropData": "True", "clearManagedDatasets": "False"})
    assert deleted.status_code == 200, deleted.text
    assert (await http.get("/projects/")).json() == []


async def test_known_query_parameters_are_still_validated(http) -> None:
    assert_dss_error(await http.get("/projects/", params={"includeLocation": "maybe", "foo": "1"}), 400)
    # The first value is the one validated: a valid second value does not rescue it.
    assert_dss_error(await http.get("/projects/?includeLocation=maybe&includeLocation=true"), 400)
    assert (await http.get("/projects/?includeLocation=true&includeLocation=maybe")).status_code == 200


async def test_a_repeated_parameter_takes_its_first_value(server: InProcessServer) -> None:
    """`change_owner("x&newOwner=alice")`, unencoded by dataikuapi, makes x the owner, as on DSS."""
    server.add_user("x")
    server.add_user("alice")
    async with server.http() as http:
        await make_project(http)
        created = await http.post(
            "/projects/PROJ/code-studios/", content=json.dumps({"name": "S", "templateId": "python-workspace"})
        )
        studio = created.json()["codeStudio"]["id"]
        changed = await http.post(f"/projects/PROJ/code-studios/{studio}/change-owner?newOwner=x&newOwner=alice")
        assert changed.status_code == 200, changed.text
        assert changed.json()["owner"] == "x"
        assert (await http.get(f"/projects/PROJ/code-studios/{studio}")).json()["owner"] == "x"
        # The first value decides even when it names nobody: refused, the owner unchanged.
        assert_dss_error(
            await http.post(f"/projects/PROJ/code-studios/{studio}/change-owner?newOwner=ghost&newOwner=alice"), 404
        )
        assert (await http.get(f"/projects/PROJ/code-studios/{studio}")).json()["owner"] == "x"


async def test_every_answer_carries_the_version_headers(server: InProcessServer) -> None:
    async with server.http() as http, server.http("") as anonymous, server.http("wrong-key") as wrong:
        answers = [
            await http.get("/projects/"),  # 200
            await http.get("/projects/?includeLocation=maybe"),  # 400
            await anonymous.get("/projects/"),  # 401
            await wrong.get("/admin/code-studios/"),  # 401
            await http.get("/projects/NOPE/code-studios/"),  # 404
            await http.get("/no/such/path"),  # 404 of the router
            await http.patch("/projects/"),  # 405
            await http.get("/admin/code-studios/python-workspace/export"),  # a stream
        ]
    assert [a.status_code for a in answers] == [200, 400, 401, 401, 404, 404, 405, 200]
    for answer in answers:
        assert answer.headers["DSS-Version"] == "13.5.4", answer.request.url
        assert answer.headers["DSS-API-Version"] == "1"
        assert len(answer.headers.get_list("DSS-Version")) == 1
