"""Templates: create, list, settings round trip, delete, export and import (the real DSS export too)."""

from __future__ import annotations

import copy
import io
import json
import stat
import warnings
import zipfile

import pytest
from dss_codestudio_openapi.api.code_studio_templates import (
    create_code_studio_template,
    get_code_studio_template_settings,
    import_code_studio_template,
    list_code_studio_templates,
)
from dss_codestudio_openapi.models import CodeStudioTemplateCreateRequest, CodeStudioTemplateImportForm
from dss_codestudio_openapi.types import File
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.support.api import assert_dss_error, wait_for_future
from tests.support.paths import real_export
from tests.support.servers import InProcessServer

pytestmark = pytest.mark.anyio
SERVER_MAINTAINED = {"versionTag", "creationTag"}


async def test_create_derives_a_readable_unique_id(server: InProcessServer) -> None:
    client = server.client()
    ids = []
    for label in ("My VS Code", "My VS Code", "  Ünïcode / label!  ", "???"):
        response = await create_code_studio_template.asyncio_detailed(
            client=client, body=CodeStudioTemplateCreateRequest(label=label, type_="block_based")
        )
        assert response.status_code == 200, response.content
        ids.append(response.parsed.id)
        assert response.parsed.messages.error is False
    assert ids == ["my-vs-code", "my-vs-code-2", "n-code-label", "template"]
    items = {t.id: t for t in (await list_code_studio_templates.asyncio(client=client))}
    assert items["my-vs-code"].label == "My VS Code"
    assert items["my-vs-code"].build_for == []
    assert items["my-vs-code"].last_built == 0
    settings_ = await get_code_studio_template_settings.asyncio("my-vs-code", client=client)
    blocks = settings_.params.blocks
    assert [b.type_ for b in blocks] == ["dss_base_image", "simple_deployment"]
    assert settings_.owner == "admin"


async def test_create_refuses_blank_labels_and_warns_on_unknown_types(http) -> None:
    for label in ("", "   "):
        assert_dss_error(await http.post("/admin/code-studios/", json={"label": label, "type": "block_based"}), 400)
    response = await http.post("/admin/code-studios/", json={"label": "Plugin one", "type": "my-plugin-type"})
    assert response.status_code == 200
    assert response.json()["messages"]["warning"] is True
    manual = await http.post("/admin/code-studios/", json={"label": "Manual", "type": "manual"})
    assert manual.json()["id"] == "manual"


unknown_values = st.recursive(
    st.none() | st.booleans() | st.integers(-(2**53), 2**53) | st.text(max_size=20),
    lambda children: st.lists(children, max_size=3) | st.dictionaries(st.text(max_size=10), children, max_size=3),
    max_leaves=10,
)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(extra=st.dictionaries(st.from_regex(r"x[A-Za-z]{1,10}", fullmatch=True), unknown_values, max_size=4))
async def test_settings_round_trip_every_field(server: InProcessServer, extra: dict) -> None:
    async with server.http() as http:
        original = (await http.get("/admin/code-studios/python-workspace")).json()
        changed = copy.deepcopy(original)
        changed.update(extra)
        changed["params"]["blocks"].append({"type": "pycdstdioblk_p_b", "params": {"deep": extra}, "unknownKey": [1]})
        changed["description"] = "saved"
        assert (await http.put("/admin/code-studios/python-workspace", json=changed)).status_code == 204
        saved = (await http.get("/admin/code-studios/python-workspace")).json()
    for key in set(changed) - SERVER_MAINTAINED:
        assert saved[key] == changed[key], key
    assert saved["versionTag"]["versionNumber"] == original["versionTag"]["versionNumber"] + 1
    assert saved["creationTag"] == original["creationTag"]


async def test_save_refuses_another_templates_id_and_invalid_settings(http) -> None:
    settings_ = (await http.get("/admin/code-studios/python-workspace")).json()
    assert_dss_error(await http.put("/admin/code-studios/python-workspace", json={**settings_, "id": "other"}), 400)
    assert_dss_error(await http.put("/admin/code-studios/python-workspace", json={**settings_, "tags": [1]}), 400)
    assert_dss_error(await http.put("/admin/code-studios/python-workspace", json={**settings_, "label": " "}), 400)
    no_id = {k: v for k, v in settings_.items() if k != "id"}
    assert_dss_error(await http.put("/admin/code-studios/nope", json=no_id), 404)


async def test_delete_answers_info_messages(http) -> None:
    await http.post("/admin/code-studios/", json={"label": "Doomed", "type": "block_based"})
    build = (await http.post("/admin/code-studios/doomed/build")).json()
    await wait_for_future(http, build)
    response = await http.delete(
        "/admin/code-studios/doomed", params={"deleteRuntime": "False", "deleteImages": "False"}
    )
    assert response.status_code == 200
    codes = [m["code"] for m in response.json()["messages"]]
    assert codes == ["TEMPLATE_IMAGES_KEPT", "TEMPLATE_DELETED"]
    assert response.json()["warning"] is True
    assert_dss_error(await http.get("/admin/code-studios/doomed"), 404)
    assert_dss_error(await http.delete("/admin/code-studios/doomed"), 404)


# -- export and import ---------------------------------------------------------------------------


def zip_entries(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        return {name: zf.read(name) for name in zf.namelist()}


def without_server_fields(document: dict) -> dict:
    return {k: v for k, v in document.items() if k not in SERVER_MAINTAINED | {"tags", "label"}}


async def test_real_dss_export_imports_exports_and_imports_again_without_losing_a_field(
    server: InProcessServer,
) -> None:
    original = zip_entries(real_export().read_bytes())
    original_template = json.loads(original["template.json"])
    client = server.client()
    imported = await import_code_studio_template.asyncio(
        client=client,
        body=CodeStudioTemplateImportForm(file=File(payload=io.BytesIO(real_export().read_bytes()), file_name="t.zip")),
    )
    assert imported.id == "infra-16-09-2025"
    async with server.http() as http:
        first = zip_entries((await http.get(f"/admin/code-studios/{imported.id}/export")).content)
        assert set(first) == set(original)
        first_template = json.loads(first["template.json"])
        assert set(first_template) == set(original_template)
        assert without_server_fields(first_template) == without_server_fields(original_template)
        assert first_template["label"] == original_template["label"]
        assert first_template["tags"] == [*original_template["tags"], "Imported"]
        assert json.loads(first["exportSpec.json"]) == json.loads(original["exportSpec.json"])
        manifest = json.loads(first["manifest.json"])
        assert manifest["templateDataModelVersion"] == "1"
        assert manifest["exportUserInfo"]["exportedBy"] == "admin"

        again = await http.post(
            "/admin/code-studios/import",
            params={"label": "Copy"},
            files={"file": ("t.zip", (await http.get(f"/admin/code-studios/{imported.id}/export")).content)},
        )
        assert again.status_code == 200, again.text
        assert again.json()["id"] == "copy"
        second = json.loads(zip_entries((await http.get("/admin/code-studios/copy/export")).content)["template.json"])
        assert set(second) == set(original_template)
        assert without_server_fields(second) == without_server_fields(original_template)
        assert second["label"] == "Copy"
        settings_ = (await http.get("/admin/code-studios/copy")).json()
        assert settings_["id"] == "copy"
        assert settings_["owner"] == "admin"


async def test_import_keeps_resources_and_remaps_code_envs(http) -> None:
    archive = make_zip(
        {
            "template.json": json.dumps(
                {
                    "type": "block_based",
                    "label": "With resources",
                    "params": {"blocks": [{"type": "add_codeenv", "params": {"envName": "old", "envLang": "PYTHON"}}]},
                }
            ),
            "manifest.json": "{}",
            "template-resources/": "",
            "template-resources/conf/app.yaml": "a: 1\n",
            "notes.txt": "ignored",
        }
    )
    spec = json.dumps(
        {
            "codeEnvRemapping": [
                {"source": {"envLang": "PYTHON", "envName": "old"}, "target": {"envLang": "PYTHON", "envName": "new"}}
            ]
        }
    )
    response = await http.post(
        "/admin/code-studios/import", params={"importSpec": spec}, files={"file": ("t.zip", archive)}
    )
    assert response.status_code == 200, response.text
    codes = [m.get("code") for m in response.json()["messages"]["messages"]]
    assert "TEMPLATE_CODEENV_REMAPPED" in codes
    assert "ARCHIVE_ENTRY_IGNORED" in codes
    exported = zip_entries((await http.get("/admin/code-studios/with-resources/export")).content)
    assert exported["template-resources/conf/app.yaml"] == b"a: 1\n"
    assert json.loads(exported["template.json"])["params"]["blocks"][0]["params"]["envName"] == "new"
    assert json.loads(exported["exportSpec.json"])["usedCodeEnvRefs"] == [{"envLang": "PYTHON", "envName": "new"}]
    assert_dss_error(
        await http.post(
            "/admin/code-studios/import", params={"importSpec": "{not json"}, files={"file": ("t.zip", archive)}
        ),
        400,
    )


def make_zip(
    entries: dict[str, str | bytes], *, symlink: str | None = None, compression: int = zipfile.ZIP_DEFLATED
) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", compression=compression) as zf:
        for name, content in entries.items():
            zf.writestr(name, content)
        if symlink:
            info = zipfile.ZipInfo(symlink)
            info.external_attr = (stat.S_IFLNK | 0o777) << 16
            zf.writestr(info, "/etc/passwd")
    return buf.getvalue()


TEMPLATE = json.dumps({"type": "block_based", "label": "Hostile"})


def lying_zip() -> bytes:
    """An entry whose headers say 10 bytes but that inflates to 1 MiB."""
    data = bytearray(make_zip({"template.json": TEMPLATE, "template-resources/big.bin": b"\0" * (1 << 20)}))
    name = b"template-resources/big.bin"
    # The uncompressed size is at offset 22 of the local header and 24 of the central directory entry.
    for signature, size_offset, name_offset in ((b"PK\x03\x04", 22, 30), (b"PK\x01\x02", 24, 46)):
        start = 0
        while (start := data.find(signature, start)) >= 0:
            if data[start + name_offset : start + name_offset + len(name)] == name:
                data[start + size_offset : start + size_offset + 4] = (10).to_bytes(4, "little")
            start += 4
    return bytes(data)


HOSTILE = {
    "traversal": make_zip({"template.json": TEMPLATE, "template-resources/../../escape.txt": "x"}),
    "absolute": make_zip({"template.json": TEMPLATE, "/etc/cron.d/evil": "x"}),
    "backslash": make_zip({"template.json": TEMPLATE, "template-resources\\..\\evil": "x"}),
    "symlink": make_zip({"template.json": TEMPLATE}, symlink="template-resources/link"),
    "too-many-entries": make_zip({"template.json": TEMPLATE, **{f"template-resources/f{i}": "" for i in range(60)}}),
    "too-large": make_zip(
        {"template.json": TEMPLATE, "template-resources/big.bin": b"\1" * 300_000}, compression=zipfile.ZIP_STORED
    ),
    "bomb-by-ratio": make_zip({"template.json": TEMPLATE, "template-resources/zeros.bin": b"\0" * 200_000}),
    "lying-header": lying_zip(),
    "not-a-zip": b"this is not a zip",
    "no-template": make_zip({"manifest.json": "{}"}),
    "bad-template-json": make_zip({"template.json": "[1, 2]"}),
    "invalid-settings": make_zip({"template.json": json.dumps({"label": "x", "tags": [1]})}),
}


def _with_duplicate() -> bytes:
    buf = io.BytesIO()
    with warnings.catch_warnings(), zipfile.ZipFile(buf, "w") as zf:
        warnings.simplefilter("ignore")
        zf.writestr("template.json", TEMPLATE)
        zf.writestr("template-resources/a", "1")
        zf.writestr("template-resources/a", "2")
    return buf.getvalue()


HOSTILE["duplicate"] = _with_duplicate()


def snapshot(root) -> set[str]:
    return {str(p.relative_to(root)) for p in root.rglob("*") if not p.name.startswith("server.db")}


@pytest.mark.parametrize("name", sorted(HOSTILE))
async def test_hostile_archives_are_refused_with_400_and_nothing_written(server_factory, tmp_path, name: str) -> None:
    from dss_codestudio_server.config import ArchiveLimits

    limits = ArchiveLimits(max_entries=50, max_total_size=256_000, max_ratio=100, ratio_floor=64_000)
    server = server_factory(archive_limits=limits)
    data_dir = server.instance.config.data_dir
    before_files, before_templates = (
        snapshot(data_dir),
        server.instance.templates.list_items(server.instance.users.get("admin")),
    )
    async with server.http() as http:
        response = await http.post("/admin/code-studios/import", files={"file": ("t.zip", HOSTILE[name])})
    assert_dss_error(response, 400)
    assert snapshot(data_dir) == before_files
    assert server.instance.templates.list_items(server.instance.users.get("admin")) == before_templates
    assert not (tmp_path / "escape.txt").exists()
