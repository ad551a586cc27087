"""Settings round-trip through the facade and the reference server, field for field.

Template settings come from the spec's schemas (tests/support/schema_strategies.py): blocks of every
documented type with the params schema of their type, plugin blocks, blocks of unknown types, unknown
fields at every level, and unicode, empty and large strings. The rule the server follows, and these
tests assert exactly:

- `save()` then `get_settings()` returns what was saved, every field and value as sent (unknown ones
  included), except the fields the server maintains: `id` is the template's, `versionTag` is the
  saver's (its number one above the previous one, `lastModifiedOn` the time of the save) and
  `creationTag` is the template's own (a body cannot rewrite history).
- An export holds those settings without `id` and `owner`; importing it creates a template with a new
  id, and a second export differs from the first only where the import is documented to change
  things: `Imported` appended to `tags`, `versionTag` and `creationTag` those of the importer. The
  real DSS 13.5.4 export follows the same rule.
- A code studio's settings are stable across reads and listings, and changing its owner changes
  `owner` and nothing else (the server has no call that stores other studio fields).

Each property runs with the sync client and with the async one.
"""

from __future__ import annotations

import copy
import io
import json
import secrets
import time
import zipfile
from collections.abc import Awaitable, Callable
from typing import Any, TypeVar

import anyio
import pytest
from dss_codestudio import AsyncDSSClient, DSSClient
from dss_codestudio_server.embedded import EmbeddedServer
from dss_codestudio_server.http.spec import settings_validator
from hypothesis import given
from hypothesis import strategies as st

from tests.support.budget import property_settings
from tests.support.openapi_spec import ecma_regex, load_spec, schema_of
from tests.support.paths import real_export
from tests.support.schema_strategies import known_blocks, template_settings, tricky_text

T = TypeVar("T")
ROUND_TRIPS = property_settings(15)
SERVER_MAINTAINED = ("id", "versionTag", "creationTag")
IMPORT_CHANGES = ("tags", "versionTag", "creationTag")
NON_BLANK = ecma_regex(schema_of("CodeStudioCreateRequest")["properties"]["name"]["pattern"])


class Facade:
    """Facade clients of one kind, sync or async: `facade.call(work)` awaits `work(client)` with a fresh one.

    Test bodies are coroutines that `await resolved(...)` every facade call, which works for both.
    """

    def __init__(self, kind: str, server: EmbeddedServer) -> None:
        self.kind = kind
        self.url, self.key = server.url, server.admin_key

    def call(self, work: Callable[[Any], Awaitable[T]]) -> T:
        async def run() -> T:
            if self.kind == "sync":
                with DSSClient(self.url, self.key) as client:
                    return await work(client)
            async with AsyncDSSClient(self.url, self.key) as client:
                return await work(client)

        return anyio.run(run)


async def resolved(value: Any) -> Any:
    """The value of a facade call, whether the client is sync (a value) or async (a coroutine)."""
    return await value if isinstance(value, Awaitable) else value


@pytest.fixture(params=["sync", "async"])
def facade(request: pytest.FixtureRequest, live_server: EmbeddedServer) -> Facade:
    return Facade(str(request.param), live_server)


@pytest.fixture(scope="module")
def project(live_server: EmbeddedServer) -> str:
    key = "RT" + secrets.token_hex(4).upper()
    with DSSClient(live_server.url, live_server.admin_key) as client:
        client.create_project(key, "Round trips", "admin")
    return key


def new_template(facade: Facade) -> str:
    label = "Round trip " + secrets.token_hex(4)
    handle = facade.call(lambda c: resolved(c.create_code_studio_template(label, "block_based")))
    return str(handle.template_id)


# -- the strategies themselves -------------------------------------------------------------------------


def test_every_block_params_schema_of_the_spec_has_its_block_type() -> None:
    documented = {name for name in load_spec()["components"]["schemas"] if name.endswith("BlockParams")}
    assert documented == set(known_blocks().values())
    description = schema_of("CodeStudioTemplateBlock")["description"]
    assert all(f"`{kind}`" in description for kind in known_blocks())


@property_settings(50)
@given(template_settings(tricky_text))
def test_generated_settings_are_valid_settings(document: dict[str, Any]) -> None:
    settings_validator()(document)  # the server's own check against the spec: raises if invalid


# -- template settings -----------------------------------------------------------------------------------


@ROUND_TRIPS
@given(document=template_settings(tricky_text), with_id=st.booleans())
def test_saved_template_settings_come_back_field_for_field(
    facade: Facade, document: dict[str, Any], with_id: bool
) -> None:
    template_id = new_template(facade)

    async def round_trip(client: Any) -> tuple[dict[str, Any], dict[str, Any], float, float]:
        handle = client.get_code_studio_template(template_id)
        current = await resolved(handle.get_settings())
        before = copy.deepcopy(current.get_raw())
        raw = current.get_raw()
        raw.clear()
        raw.update(copy.deepcopy(document))
        if with_id:
            raw["id"] = template_id
        else:
            raw.pop("id", None)
        start = time.time() * 1000
        await resolved(current.save())
        end = time.time() * 1000
        after = await resolved(handle.get_settings())
        return before, after.get_raw(), start, end

    before, after, start, end = facade.call(lambda c: round_trip(c))
    assert after["id"] == template_id
    assert {k: v for k, v in after.items() if k not in SERVER_MAINTAINED} == {
        k: v for k, v in document.items() if k not in SERVER_MAINTAINED
    }
    assert after["creationTag"] == before["creationTag"]
    assert after["versionTag"]["versionNumber"] == before["versionTag"]["versionNumber"] + 1
    assert after["versionTag"]["lastModifiedBy"] == {"login": "admin"}
    assert start - 1 <= after["versionTag"]["lastModifiedOn"] <= end + 1


# -- export, import, export ------------------------------------------------------------------------------


def archive_documents(data: bytes) -> dict[str, Any]:
    """The JSON documents of an export archive, and the names of its resource entries."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        names = archive.namelist()
        documents: dict[str, Any] = {
            name: json.loads(archive.read(name)) for name in ("template.json", "manifest.json", "exportSpec.json")
        }
        documents["resources"] = sorted(n for n in names if n.startswith("template-resources/"))
    return documents


async def export(client: Any, template_id: str) -> bytes:
    stream = await resolved(client.get_code_studio_template(template_id).get_export_stream())
    try:
        return bytes(await resolved(stream.read()))
    finally:
        await resolved(stream.close())


async def import_archive(client: Any, data: bytes, tmp: Any) -> str:
    path = tmp / f"{secrets.token_hex(4)}.zip"
    path.write_bytes(data)
    result = await resolved(client.import_code_studio_template(str(path)))
    return str(result.id)


def assert_second_export_differs_only_as_documented(first: dict[str, Any], second: dict[str, Any]) -> None:
    """Export -> import -> export: what an import may change, and nothing else."""
    a, b = first["template.json"], second["template.json"]
    assert {k: v for k, v in b.items() if k not in IMPORT_CHANGES} == {
        k: v for k, v in a.items() if k not in IMPORT_CHANGES
    }
    assert b["tags"] == [*a.get("tags", []), "Imported"]
    for tag in ("versionTag", "creationTag"):
        assert b[tag]["lastModifiedBy"] == {"login": "admin"}
        assert b[tag]["versionNumber"] == 0
    assert "id" not in b
    assert "owner" not in b
    assert second["exportSpec.json"] == first["exportSpec.json"]
    assert second["resources"] == first["resources"]
    assert second["manifest.json"]["exportUserInfo"]["exportedBy"] == "admin"


@ROUND_TRIPS
@given(document=template_settings(tricky_text))
def test_export_import_export_changes_only_what_an_import_changes(
    facade: Facade, document: dict[str, Any], tmp_path_factory: pytest.TempPathFactory
) -> None:
    template_id = new_template(facade)
    tmp = tmp_path_factory.mktemp("exports")

    async def cycle(client: Any) -> tuple[dict[str, Any], dict[str, Any], dict[str, Any], str]:
        handle = client.get_code_studio_template(template_id)
        current = await resolved(handle.get_settings())
        current.get_raw().clear()
        current.get_raw().update({**copy.deepcopy(document), "id": template_id})
        await resolved(current.save())
        saved = (await resolved(handle.get_settings())).get_raw()
        first = await export(client, template_id)
        imported = await import_archive(client, first, tmp)
        second = await export(client, imported)
        return saved, archive_documents(first), archive_documents(second), imported

    saved, first, second, imported = facade.call(cycle)
    assert imported != template_id
    # The first export is the settings, without id and owner.
    assert first["template.json"] == {k: v for k, v in saved.items() if k not in ("id", "owner")}
    assert_second_export_differs_only_as_documented(first, second)


def test_the_real_dss_export_survives_import_and_export(facade: Facade, tmp_path) -> None:
    """The DSS 13.5.4 export: import, export, import, export; every step changes only what it documents."""
    original = archive_documents(real_export().read_bytes())

    async def cycle(client: Any) -> tuple[dict[str, Any], dict[str, Any]]:
        first_id = await import_archive(client, real_export().read_bytes(), tmp_path)
        first = await export(client, first_id)
        second_id = await import_archive(client, first, tmp_path)
        return archive_documents(first), archive_documents(await export(client, second_id))

    first, second = facade.call(cycle)
    assert_second_export_differs_only_as_documented(original, first)
    assert_second_export_differs_only_as_documented(first, second)
    assert first["exportSpec.json"]["usedCodeEnvRefs"] == [{"envLang": "PYTHON", "envName": "cookiecutter"}]


# -- code studio settings ----------------------------------------------------------------------------------


@ROUND_TRIPS
@given(name=tricky_text.filter(lambda n: 0 < len(n) <= 1000 and NON_BLANK.search(n) is not None))
def test_code_studio_settings_are_stable_and_change_owner_changes_only_the_owner(
    facade: Facade, project: str, live_server: EmbeddedServer, name: str
) -> None:
    login = "owner-" + secrets.token_hex(3)
    live_server.instance.users.add_user(login)

    async def lifecycle(client: Any) -> tuple[Any, ...]:
        proj = client.get_project(project)
        studio = await resolved(proj.create_code_studio(name, "python-workspace"))
        first = (await resolved(studio.get_settings())).get_raw()
        second = (await resolved(studio.get_settings())).get_raw()
        listed = [i.get_raw() for i in await resolved(proj.list_code_studios()) if i.id == studio.code_studio_id]
        changed = (await resolved(studio.change_owner(login))).get_raw()
        after = (await resolved(studio.get_settings())).get_raw()
        await resolved(studio.delete())
        return studio.code_studio_id, first, second, listed, changed, after

    studio_id, first, second, listed, changed, after = facade.call(lifecycle)
    assert first == second
    assert {k: first[k] for k in ("projectKey", "id", "name", "templateId", "libName", "owner")} == {
        "projectKey": project,
        "id": studio_id,
        "name": name,
        "templateId": "python-workspace",
        "libName": studio_id,
        "owner": "admin",
    }
    assert len(studio_id) == 7
    assert studio_id.isalnum()
    [item] = listed
    assert {k: item[k] for k in ("id", "name", "owner", "templateId", "projectKey")} == {
        k: first[k] for k in ("id", "name", "owner", "templateId", "projectKey")
    }
    assert changed == after == {**first, "owner": login}
