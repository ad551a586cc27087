"""The project library handles through the facade, sync and async, against the reference server's real files."""

from __future__ import annotations

from typing import Any

import dss_codestudio as dss
import pytest

from tests.support.facade_clients import resolve
from tests.support.live_facade import Live

pytestmark = pytest.mark.anyio

BINARY = bytes(range(256)) * 4 + b"\x00\xff\xfe"
UNICODE = "# -*- coding: utf-8 -*-\nnom = 'Ünïcødé ✓ 🐍'\n"


def tree(folder: Any) -> dict[str, Any]:
    """The local tree of a library folder: folders as dicts, files as None."""
    return {
        item.name: tree(item) if isinstance(item, dss.DSSLibraryFolder | dss.AsyncDSSLibraryFolder) else None
        for item in folder.list()
    }


async def test_build_a_library_and_read_it_back(live: Live, client: Any) -> None:
    project = await live.new_project()
    library = await resolve(project.get_library())
    assert library.list() == []

    python = await resolve(library.add_folder("python"))
    module = await resolve(python.add_file("util.py"))
    assert module.path == "/python/util.py"
    assert await resolve(module.read()) == ""  # created empty
    await resolve(module.write(UNICODE))
    blob = await resolve(library.add_file("data/blob.bin"))  # missing folders are created too
    await resolve(blob.write(BINARY))
    nested = await resolve(python.add_folder("pkg/sub"))
    await resolve((await resolve(nested.add_file("__init__.py"))).write(b""))

    expected = {"data": {"blob.bin": None}, "python": {"pkg": {"sub": {"__init__.py": None}}, "util.py": None}}
    assert tree(library.root) == expected
    fresh = await resolve(project.get_library())  # what the server holds is what the handle kept locally
    assert tree(fresh.root) == expected

    util = fresh.get_file("/python/util.py")
    assert util is not None
    assert await resolve(util.read()) == UNICODE
    assert await resolve(util.read("bytes")) == UNICODE.encode("utf-8")
    stored = fresh.get_file("data/blob.bin")
    assert stored is not None
    assert await resolve(stored.read("bytes")) == BINARY
    with pytest.raises(dss.BadRequestError, match="not UTF-8"):
        await resolve(stored.read())  # binary content is not text: a clear error, not mojibake
    with pytest.raises(ValueError, match="as_type"):
        await resolve(stored.read("json"))

    sub = fresh.get_folder("python/pkg/sub")
    assert sub is not None
    assert sub.get_file("../../util.py") is not None
    assert [i.name for i in fresh.list("python")] == ["pkg", "util.py"]
    with pytest.raises(dss.DataikuException):
        fresh.list("nowhere")


async def test_rename_move_and_delete(live: Live) -> None:
    project = await live.new_project()
    library = await resolve(project.get_library())
    src = await resolve(library.add_folder("src"))
    dest = await resolve(library.add_folder("dest"))
    file = await resolve(src.add_file("old.py"))
    await resolve(file.write("x = 1\n"))

    await resolve(file.rename("new.py"))
    assert file.path == "/src/new.py"
    await resolve(file.move_to(dest))
    assert file.path == "/dest/new.py"
    assert await resolve(file.read()) == "x = 1\n"
    await resolve(src.rename("source"))
    assert src.path == "/source"
    await resolve(src.move_to(dest))
    assert src.path == "/dest/source"

    expected = {"dest": {"new.py": None, "source": {}}}
    assert tree(library.root) == expected
    assert tree((await resolve(project.get_library())).root) == expected

    await resolve(dest.delete())  # a folder with everything in it
    assert library.list() == []
    assert (await resolve(project.get_library())).list() == []
    with pytest.raises(dss.NotFoundError):
        await resolve(file.read())
    with pytest.raises(dss.DataikuException, match="root"):
        await resolve(library.root.delete())


async def test_library_errors_from_the_server(live: Live) -> None:
    project = await live.new_project()
    library = await resolve(project.get_library())
    first = await resolve(library.add_file("a.py"))
    await resolve(first.write("a"))
    with pytest.raises(dss.DataikuException, match="already exists") as exists:
        await resolve(library.add_file("a.py"))
    assert exists.value.error_type == "FileExists"
    assert await resolve(first.read()) == "a"  # not overwritten

    other = await resolve(library.add_file("b.py"))
    with pytest.raises(dss.ConflictError, match="already exists"):
        await resolve(other.rename("a.py"))
    with pytest.raises(dss.BadRequestError):
        await resolve(other.rename("sub/a.py"))
    with pytest.raises(dss.ConflictError, match="A file exists"):
        await resolve(library.add_folder("a.py"))
    folder = await resolve(library.add_folder("folder"))
    with pytest.raises(dss.BadRequestError, match="into itself"):
        await resolve(folder.move_to(folder))
    assert other.name == "b.py"  # the local tree follows only what succeeded

    stale = await resolve(project.get_library())
    await resolve(first.delete())
    gone = stale.get_file("a.py")
    assert gone is not None
    with pytest.raises(dss.NotFoundError):
        await resolve(gone.delete())
    with pytest.raises(dss.NotFoundError):
        await resolve(gone.read())


async def test_library_access_follows_project_permissions(live: Live) -> None:
    reader, reader_key = live.add_user("libreader")
    writer, writer_key = live.add_user("libwriter")
    project = await live.new_project(
        permissions=[
            {"user": reader, "readProjectContent": True},
            {"user": writer, "writeProjectContent": True},
        ]
    )
    await resolve((await resolve((await resolve(project.get_library())).add_file("shared.py"))).write("v1"))

    as_reader = await resolve(live.client(reader_key).get_project(project.project_key).get_library())
    shared = as_reader.get_file("shared.py")
    assert shared is not None
    assert await resolve(shared.read()) == "v1"
    with pytest.raises(dss.PermissionDeniedError):
        await resolve(shared.write("v2"))
    with pytest.raises(dss.PermissionDeniedError):
        await resolve(as_reader.add_folder("mine"))

    as_writer = await resolve(live.client(writer_key).get_project(project.project_key).get_library())
    writable = as_writer.get_file("shared.py")
    assert writable is not None
    await resolve(writable.write("v2"))
    assert await resolve(shared.read()) == "v2"


@pytest.mark.parametrize("name", ["données é ✓.py", "100% sure.txt", "a+b=c.py", "what?.md", "#hash.py", "semi;colon"])
async def test_names_that_need_encoding_in_urls(live: Live, name: str) -> None:
    project = await live.new_project()
    library = await resolve(project.get_library())
    folder = await resolve(library.add_folder("dossier ü"))
    file = await resolve(folder.add_file(name))
    await resolve(file.write(name))
    fresh = await resolve(project.get_library())
    assert tree(fresh.root) == {"dossier ü": {name: None}}
    stored = fresh.get_file(f"dossier ü/{name}")
    assert stored is not None
    assert await resolve(stored.read()) == name
    await resolve(stored.rename("renamed " + name))
    await resolve(stored.delete())
    assert tree((await resolve(project.get_library())).root) == {"dossier ü": {}}


@pytest.mark.parametrize("name", ["line\nbreak.py", "tab\there.py", "bell\x07.py"])
async def test_names_with_control_characters_are_a_bad_request(live: Live, name: str) -> None:
    project = await live.new_project()
    library = await resolve(project.get_library())
    with pytest.raises(dss.BadRequestError, match="control characters"):
        await resolve(library.add_file(name))
    with pytest.raises(dss.BadRequestError, match="control characters"):
        await resolve(library.add_folder(name))
    assert (await resolve(project.get_library())).list() == []
