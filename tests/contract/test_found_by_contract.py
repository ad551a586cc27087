"""Defects the contract tests found, each pinned as a plain example so it cannot come back unnoticed.

schemathesis found them at random; these say exactly what the server must answer.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.api import assert_dss_error, future_outcome
from tests.support.studios import create_studio, make_template, start, status, wait_for_state

pytestmark = pytest.mark.anyio


async def test_a_multipart_body_that_cannot_be_parsed_is_a_400_not_a_500(http) -> None:
    headers = {"Content-Type": "multipart/form-data; boundary=B"}
    response = await http.post("/admin/code-studios/import", content=b"--B\r\nNone--B--\r\n", headers=headers)
    assert "Malformed multipart body" in assert_dss_error(response, 400)["message"]


async def test_library_paths_below_a_file_are_missing_items_not_server_errors(http) -> None:
    assert (await http.post("/projects/", json={"projectKey": "P", "name": "p", "owner": "admin"})).status_code == 200
    assert (await http.post("/projects/P/libraries/contents/docs", content=b"a file")).status_code == 204
    below = "/projects/P/libraries/contents/docs/guide.md"
    assert_dss_error(await http.get(below), 404)
    assert_dss_error(await http.delete(below), 404)
    assert "A file exists at docs" in assert_dss_error(await http.post(below, content=b"x"), 409)["message"]
    assert_dss_error(await http.post("/projects/P/libraries/folders/docs/sub"), 409)
    rename = {"oldPath": "docs/guide.md", "newName": "x"}
    assert_dss_error(await http.post("/projects/P/libraries/contents-actions/rename/", json=rename), 404)
    move = {"oldPath": "docs/guide.md", "newPath": "/"}
    assert_dss_error(await http.post("/projects/P/libraries/contents-actions/move", json=move), 404)
    into_file = {"oldPath": "docs", "newPath": "docs/x"}
    assert_dss_error(await http.post("/projects/P/libraries/contents-actions/move", json=into_file), 404)


@pytest.mark.parametrize(
    ("method", "path", "allow"),
    [
        ("OPTIONS", "/admin/code-studios/", "GET, HEAD, POST"),
        ("PATCH", "/admin/code-studios/python-workspace", "DELETE, GET, HEAD, PUT"),
        ("PUT", "/projects/P/libraries/contents/a/b.py", "DELETE, GET, HEAD, POST"),
        ("GET", "/projects/P/code-studios/abc/restart", "POST"),
    ],
)
async def test_405_answers_allow_every_method_of_the_path(http, method: str, path: str, allow: str) -> None:
    response = await http.request(method, path)
    assert_dss_error(response, 405)
    assert response.headers["allow"] == allow


@pytest.mark.parametrize(("value", "status"), [(2**63 - 1, 204), (2**63, 400), (-(2**63), 204), (-(2**63) - 1, 400)])
async def test_int64_fields_hold_int64_values_only(http, value: int, status: int) -> None:
    settings = (await http.get("/admin/code-studios/python-workspace")).json()
    settings["creationTag"]["lastModifiedOn"] = value
    response = await http.put("/admin/code-studios/python-workspace", json=settings)
    assert response.status_code == status, response.text


async def test_a_project_for_an_unknown_owner_is_a_404_as_for_change_owner(http) -> None:
    response = await http.post("/projects/", json={"projectKey": "GHOSTS", "name": "g", "owner": "ghost"})
    assert "User does not exist: ghost" in assert_dss_error(response, 404)["message"]


async def test_deleting_a_project_whose_deletion_is_under_way_is_a_409(http) -> None:
    created = await http.post("/projects/", json={"projectKey": "PROJ", "name": "p", "owner": "admin"})
    assert created.status_code == 200
    template = await make_template(http, "Held stops")
    studio = await create_studio(http, "PROJ", template)
    await start(http, studio)
    workspace = Path((await status(http, studio))["workspacePath"])
    (workspace / "hold-stop").touch()  # the studio's entry point ignores SIGTERM until release-stop
    first = await http.delete("/projects/PROJ", params={"wait": "false"})
    assert first.status_code == 200, first.text
    try:
        await wait_for_state(http, studio, "STOPPING")  # the first deletion is stopping the studio
        again = await http.delete("/projects/PROJ")
        assert "already being deleted" in assert_dss_error(again, 409)["message"]
    finally:
        (workspace / "release-stop").touch()
    outcome = await future_outcome(http, first.json())
    assert outcome.status_code == 200, outcome.text
    assert outcome.json()["result"]["success"] is True
