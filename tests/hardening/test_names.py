"""Names are bounded in bytes, before any file is made; reserved names are refused; odd templates are 400s.

- A library file name may take the 255 bytes of UTF-8 a file system holds (236 to 255 bytes used to
  be 500s: the temporary file of the write added its own prefix and suffix to the name); one byte
  more, or a path past 1024 bytes, is 400 and nothing is made. Limits count bytes, not characters.
- The zone synchronisation names its temporary files `.~dss-sync-...` and the server's atomic writes
  `.~dsscs-...`; both are hidden from listings and may be removed as stale, so the library API
  refuses such names (400) in every segment, for every call.
- Templates: an import whose `importSpec` remaps code envs while `template.json` holds blocks that
  are not objects, an `importSpec` or a `template.json` nested past the JSON bounds: 400, not 500.
"""

from __future__ import annotations

import io
import json
import os
import zipfile
from pathlib import Path
from urllib.parse import quote

import httpx
import pytest

from tests.support.api import assert_dss_error
from tests.support.servers import InProcessServer

pytestmark = pytest.mark.anyio
RESERVED = [".~dsscs-x", ".~dsscs-a.b.tmp", ".~dss-sync-1-0123456789abcdef.tmp", ".~dss-sync-"]


@pytest.fixture
def library(server: InProcessServer) -> InProcessServer:
    server.instance.projects.create(server.instance.users.get("admin"), key="P", name="P", owner="admin")
    return server


def _root(server: InProcessServer) -> Path:
    return server.instance.libraries.root("P")


def _everything(root: Path) -> list[str]:
    return sorted(str(p.relative_to(root)) for p in root.rglob("*")) if root.exists() else []


async def _write(http: httpx.AsyncClient, path: str, data: bytes = b"x") -> httpx.Response:
    return await http.post(f"/projects/P/libraries/contents/{quote(path)}", content=data)


@pytest.mark.parametrize("size", [235, 236, 240, 254, 255])
async def test_a_file_name_of_up_to_255_bytes_is_written_and_read(library: InProcessServer, size: int) -> None:
    name = "n" * size
    async with library.http() as http:
        assert (await _write(http, f"dir/{name}", b"content")).status_code == 204
        read = await http.get(f"/projects/P/libraries/contents/dir/{name}")
        assert read.json() == {"path": f"dir/{name}", "data": "content"}
    assert _everything(_root(library)) == ["dir", f"dir/{name}"]  # no temporary file left behind


async def test_names_and_paths_past_their_bytes_are_400_and_make_nothing(library: InProcessServer) -> None:
    three_bytes = "\u20ac"  # 3 bytes in UTF-8
    async with library.http() as http:
        assert (await _write(http, three_bytes * 85)).status_code == 204  # 85 characters, 255 bytes
        paths = [
            "n" * 256,
            three_bytes * 86,  # 86 characters: 258 bytes
            f"new-folder/{'n' * 256}",  # the folder would be made first
            "/".join(["d" * 200] * 5) + "/f",  # 1,006 bytes: within the limit
            "/".join([three_bytes * 60] * 6),  # 365 characters, 1,085 bytes
        ]
        statuses = [(await _write(http, path)).status_code for path in paths]
        mkdir = await http.post(f"/projects/P/libraries/folders/{quote('n' * 256)}")
        rename = await http.post(
            "/projects/P/libraries/contents-actions/rename/", json={"oldPath": three_bytes * 85, "newName": "m" * 256}
        )
    assert statuses == [400, 400, 400, 204, 400]
    assert_dss_error(mkdir, 400)
    assert_dss_error(rename, 400)
    made = _everything(_root(library))
    assert three_bytes * 85 in made
    assert not any("new-folder" in p or "n" * 256 in p or three_bytes * 86 in p for p in made), made


@pytest.mark.parametrize("name", RESERVED)
async def test_the_synchronisations_reserved_names_are_refused_by_the_library_api(
    library: InProcessServer, name: str
) -> None:
    async with library.http() as http:
        assert (await _write(http, "kept.py")).status_code == 204
        answers = [
            await _write(http, name),
            await _write(http, f"sub/{name}"),
            await _write(http, f"{name}/file.py"),
            await http.post(f"/projects/P/libraries/folders/{quote(name)}"),
            await http.get(f"/projects/P/libraries/contents/{quote(name)}"),
            await http.delete(f"/projects/P/libraries/contents/{quote(name)}"),
            await http.post(
                "/projects/P/libraries/contents-actions/rename/", json={"oldPath": "kept.py", "newName": name}
            ),
            await http.post(
                "/projects/P/libraries/contents-actions/move", json={"oldPath": "kept.py", "newPath": name}
            ),
        ]
    for answer in answers:
        error = assert_dss_error(answer, 400)
        assert "reserved for temporary files" in error["message"], error
    assert _everything(_root(library)) == ["kept.py"]


def _archive(template: dict[str, object] | str) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("template.json", template if isinstance(template, str) else json.dumps(template))
    return buf.getvalue()


async def test_odd_template_imports_are_400_not_500(server: InProcessServer) -> None:
    remap = json.dumps({"codeEnvRemapping": [{"source": {"envName": "a"}, "target": {"envName": "b"}}]})
    odd_blocks = {"type": "block_based", "label": "Odd blocks", "params": {"blocks": ["text", 3, None, ["x"]]}}
    deep_json = '{"type": "block_based", "label": "Deep", "x": ' + "[" * 5000 + "]" * 5000 + "}"
    templates = server.instance.config.data_dir / "templates"
    before = sorted(os.listdir(templates))
    async with server.http() as http:

        async def imported(archive: bytes, spec: str | None = None) -> httpx.Response:
            params = {"importSpec": spec} if spec is not None else {}
            return await http.post("/admin/code-studios/import", params=params, files={"file": ("t.zip", archive)})

        odd = await imported(_archive(odd_blocks), remap)
        deep_archive = await imported(_archive(deep_json))
        deep_spec = await imported(_archive({"type": "block_based", "label": "Spec"}), "[" * 2000 + "]" * 2000)
    # The blocks are left as they are by the remapping, then refused by the settings' schema.
    assert "is not of type 'object'" in assert_dss_error(odd, 400)["message"]
    for response in (deep_archive, deep_spec):
        error = assert_dss_error(response, 400)
        assert "nested deeper than 64 levels" in error["message"]
    assert sorted(os.listdir(templates)) == before
