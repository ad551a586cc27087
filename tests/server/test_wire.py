"""What the official client really sends is accepted; malformed requests get 400, never 500.

Every error answer is the DSS error object.
"""

from __future__ import annotations

import pytest

from tests.support.api import assert_dss_error
from tests.support.servers import InProcessServer

pytestmark = pytest.mark.anyio


async def test_json_bodies_without_content_type_are_parsed(http) -> None:
    for content_type in (None, "text/plain", "application/x-www-form-urlencoded"):
        headers = {"Content-Type": content_type} if content_type else {}
        response = await http.post(
            "/admin/code-studios/",
            content=b'{"label": "No type %s", "type": "block_based"}' % str(content_type).encode(),
            headers=headers,
        )
        assert response.status_code == 200, response.text
        assert response.json()["id"].startswith("no-type-")


async def test_booleans_are_parsed_case_insensitively(http) -> None:
    for value in ("True", "False", "true", "FALSE"):
        response = await http.get("/projects/", params={"includeLocation": value})
        assert response.status_code == 200, response.text
    assert_dss_error(await http.get("/projects/", params={"includeLocation": "maybe"}), 400)


@pytest.mark.parametrize(
    ("body", "fragment"),
    [
        (b'{"label": "a\xff", "type": "block_based"}', "UTF-8"),
        (b'{"label": ', "JSON"),
        (b'{"label": NaN, "type": "x"}', "JSON"),
        (b"[1, 2]", None),
        (b'{"label": 3, "type": "block_based"}', None),
        (b'{"label": "x", "type": "block_based", "extra": 1}', None),
        (b"", None),
    ],
)
async def test_malformed_json_bodies_get_400(http, body: bytes, fragment: str | None) -> None:
    error = assert_dss_error(await http.post("/admin/code-studios/", content=body), 400)
    if fragment:
        assert fragment in error["message"]


async def test_bad_multipart_gets_400(http) -> None:
    for headers in ({"Content-Type": "multipart/form-data"}, {}, {"Content-Type": "application/zip"}):
        assert_dss_error(await http.post("/admin/code-studios/import", content=b"PK", headers=headers), 400)
    assert_dss_error(await http.post("/admin/code-studios/import", files={"other": ("a.zip", b"PK")}), 400)


async def test_unknown_parameters_and_wrong_types_get_400(http) -> None:
    assert_dss_error(await http.get("/futures/", params={"limit": "3"}), 400)
    assert_dss_error(await http.post("/admin/code-studios/python-workspace/build", params={"withNoCache": "yes"}), 400)
    assert_dss_error(await http.get("/projects/MY-PROJ/code-studios/"), 400)
    assert_dss_error(await http.get("/projects/P/libraries/contents/x", params={"dataEncoding": "hex"}), 400)


async def test_wrong_method_gets_405_with_allow_and_unknown_path_404(http) -> None:
    response = await http.put("/admin/code-studios/python-workspace/build")
    assert_dss_error(response, 405)
    assert response.headers["allow"] == "POST"
    assert_dss_error(await http.get("/no/such/path"), 404, "com.dataiku.dip.server.controllers.NotFoundException")


async def test_both_base_paths_serve_the_api(server: InProcessServer) -> None:
    async with server.http() as client:
        for prefix in ("http://testserver/dip/publicapi", "http://testserver/public/api"):
            response = await client.get(prefix + "/admin/code-studios/")
            assert response.status_code == 200
            assert response.json()[0]["id"] == "python-workspace"


async def test_bodies_over_the_limit_get_413(server_factory) -> None:
    server = server_factory(max_json_body=1000, max_upload=2000)
    async with server.http() as client:
        big = b'{"label": "' + b"x" * 2000 + b'", "type": "block_based"}'
        assert_dss_error(
            await client.post("/admin/code-studios/", content=big),
            413,
            "com.dataiku.dip.exceptions.PayloadTooLargeException",
        )
        await client.post("/projects/", json={"projectKey": "P", "name": "P", "owner": "admin"})
        assert_dss_error(await client.post("/projects/P/libraries/contents/f.bin", content=b"x" * 3000), 413)

        async def chunks():  # no Content-Length: the limit is enforced while reading
            for _ in range(10):
                yield b"x" * 500

        assert_dss_error(await client.post("/projects/P/libraries/contents/f.bin", content=chunks()), 413)
        assert (await client.post("/projects/P/libraries/contents/f.bin", content=b"x" * 1500)).status_code == 204
        zip_ = await client.post("/admin/code-studios/import", files={"file": ("t.zip", b"x" * 5000)})
        assert_dss_error(zip_, 413)


async def test_unexpected_errors_are_dss_errors_without_internals(server: InProcessServer, monkeypatch) -> None:
    def boom(*_args, **_kwargs):
        raise RuntimeError("secret internals")

    monkeypatch.setattr(server.instance.templates, "list_items", boom)
    async with server.http() as client:
        body = assert_dss_error(await client.get("/admin/code-studios/"), 500)
    assert "secret internals" not in str(body)
