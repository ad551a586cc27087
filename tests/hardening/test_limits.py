"""Size limits: every operation with a request body answers 413 (DSS error JSON) past its limit, and
archive limits hold exactly at their bounds.

tests/server/test_wire.py checks 413 for a few bodies and tests/server/test_templates.py the hostile
archives one by one; this enumerates every operation of openapi.yaml that takes a body (a new one
is covered without a change here), sends bodies one byte over the limit, with and without a
Content-Length, and checks the archive bounds one under and one over: entry count, total
uncompressed size spread over many small entries, and colliding entries.
"""

from __future__ import annotations

import io
import json
import zipfile
from collections.abc import AsyncIterator, Callable

import pytest
from dss_codestudio_server.config import ArchiveLimits

from tests.support.api import assert_dss_error
from tests.support.openapi_spec import operations
from tests.support.servers import InProcessServer

pytestmark = pytest.mark.anyio
JSON_LIMIT, UPLOAD_LIMIT = 2_000, 4_000
TOO_LARGE = "com.dataiku.dip.exceptions.PayloadTooLargeException"
PARAMS = {"templateId": "python-workspace", "projectKey": "P", "codeStudioId": "abc", "path": "f.bin", "zone": "z"}
WITH_BODY = sorted(
    (op for op in operations() if op.body_content),
    key=lambda op: op.operation_id,
)


@pytest.fixture
def limited(server_factory: Callable[..., InProcessServer]) -> InProcessServer:
    return server_factory(max_json_body=JSON_LIMIT, max_upload=UPLOAD_LIMIT)


@pytest.fixture
def bounded(server_factory: Callable[..., InProcessServer]) -> InProcessServer:
    return server_factory(archive_limits=ArchiveLimits(max_entries=20, max_total_size=100_000))


def test_every_operation_with_a_body_is_covered() -> None:
    assert len(WITH_BODY) >= 8, [op.operation_id for op in WITH_BODY]


@pytest.mark.parametrize("op", WITH_BODY, ids=lambda op: op.operation_id)
@pytest.mark.parametrize("streamed", [False, True], ids=["content-length", "chunked"])
async def test_a_body_one_byte_over_the_limit_is_413(limited: InProcessServer, op, streamed: bool) -> None:
    path = op.path
    for name, value in PARAMS.items():
        path = path.replace("{" + name + "}", value)
    media = next(iter(op.body_content))
    limit = JSON_LIMIT if media == "application/json" else UPLOAD_LIMIT
    if media == "application/json":
        body = json.dumps({"padding": "x" * limit}).encode()[: limit + 1]
        headers = {"Content-Type": media}
    elif media.startswith("multipart/"):
        boundary = "b0undary"
        part = f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="t.zip"\r\n\r\n'.encode()
        body = part + b"x" * (limit + 1 - len(part))
        headers = {"Content-Type": f"multipart/form-data; boundary={boundary}"}
    else:
        body, headers = b"x" * (limit + 1), {}
    assert len(body) == limit + 1

    async def chunks() -> AsyncIterator[bytes]:
        for start in range(0, len(body), 500):
            yield body[start : start + 500]

    async with limited.http() as http:
        await http.post("/projects/", json={"projectKey": "P", "name": "P", "owner": "admin"})
        response = await http.request(op.method.upper(), path, content=chunks() if streamed else body, headers=headers)
    assert_dss_error(response, 413, TOO_LARGE)


async def test_bodies_within_the_limit_are_accepted_chunked_too(server: InProcessServer) -> None:
    """Clients that stream (no Content-Length) are served like the others, not refused as bodiless."""
    archive = _zip({"template-resources/a.txt": b"a"})
    boundary = "b0undary"
    form = (
        (
            f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="t.zip"\r\n'
            "Content-Type: application/zip\r\n\r\n"
        ).encode()
        + archive
        + f"\r\n--{boundary}--\r\n".encode()
    )

    def chunked(body: bytes) -> Callable[[], AsyncIterator[bytes]]:
        async def chunks() -> AsyncIterator[bytes]:
            for start in range(0, len(body), 100):
                yield body[start : start + 100]

        return chunks

    async with server.http() as http:
        created = await http.post(
            "/projects/",
            content=chunked(json.dumps({"projectKey": "C", "name": "c", "owner": "admin"}).encode())(),
            headers={"Content-Type": "application/json"},
        )
        assert created.status_code == 200, created.text
        imported = await http.post(
            "/admin/code-studios/import",
            content=chunked(form)(),
            headers={"Content-Type": f"multipart/form-data; boundary={boundary}"},
        )
        assert imported.status_code == 200, imported.text


def _zip(entries: dict[str, bytes]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", compression=zipfile.ZIP_STORED) as zf:
        zf.writestr("template.json", json.dumps({"type": "block_based", "label": "bounded"}))
        for name, data in entries.items():
            zf.writestr(name, data)
    return buf.getvalue()


def _resources(count: int, size: int) -> dict[str, bytes]:
    return {f"template-resources/r{n:03d}.bin": bytes([n % 256]) * size for n in range(count)}


@pytest.mark.parametrize(
    ("name", "entries", "accepted"),
    [
        ("entries at the limit", _resources(19, 10), True),  # template.json + 19 = 20
        ("one entry over", _resources(20, 10), False),
        ("total size at the limit, in small entries", _resources(10, 9_900), True),
        ("total size over, in small entries", _resources(11, 9_900), False),
        ("a file and a folder of the same name", {"template-resources/a": b"1", "template-resources/a/b": b"2"}, False),
        ("a folder and a file of the same name", {"template-resources/a/b": b"1", "template-resources/a": b"2"}, False),
    ],
)
async def test_archive_bounds(bounded: InProcessServer, name: str, entries: dict[str, bytes], accepted: bool) -> None:
    data_dir = bounded.instance.config.data_dir
    before = sorted(p.relative_to(data_dir) for p in (data_dir / "templates").rglob("*"))
    async with bounded.http() as http:
        response = await http.post("/admin/code-studios/import", files={"file": ("t.zip", _zip(entries))})
    if accepted:
        assert response.status_code == 200, response.text
    else:
        assert_dss_error(response, 400)
        assert sorted(p.relative_to(data_dir) for p in (data_dir / "templates").rglob("*")) == before
