"""Code studio templates through the facade, sync and async, against the reference server."""

from __future__ import annotations

import copy
import io
import json
import zipfile
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import dss_codestudio as dss
import pytest
from dss_codestudio import models

from tests.support.api import unique
from tests.support.facade_clients import resolve
from tests.support.live_facade import Live, collect
from tests.support.paths import real_export

pytestmark = pytest.mark.anyio

BUILD_TIMEOUT = 30.0
BROKEN_ENTRYPOINT = {"type": "entrypoint", "params": {"label": "Broken", "entrypoint": "python -c 'unterminated"}}


def zip_entries(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


async def add_blocks(template: Any, *blocks: dict[str, Any]) -> None:
    settings = await resolve(template.get_settings())
    settings.blocks.extend(blocks)
    await resolve(settings.save())


async def test_list_templates_as_items_and_as_handles(live: Live, client: Any) -> None:
    template = await live.new_template()
    items = await resolve(client.list_code_studio_templates())
    by_id = {item.id: item for item in items}
    assert {"python-workspace", template.template_id} <= set(by_id)
    mine = by_id[template.template_id]
    assert mine.label.startswith("Template ")
    assert mine.type == "block_based"
    assert mine.build_for_configs == []
    assert mine.last_built is None  # never built
    handle = mine.to_code_studio_template()
    assert handle.template_id == template.template_id
    assert (await resolve(handle.get_settings())).label == mine.label

    objects = await resolve(client.list_code_studio_templates(as_type="objects"))
    expected = dss.AsyncDSSCodeStudioTemplate if live.kind == "async" else dss.DSSCodeStudioTemplate
    assert all(isinstance(o, expected) for o in objects)
    assert {o.template_id for o in objects} == set(by_id)
    with pytest.raises(ValueError, match="as_type"):
        await resolve(client.list_code_studio_templates(as_type="dicts"))


async def test_create_templates_of_each_type(live: Live, client: Any) -> None:
    label = unique("Manual ")
    manual = await resolve(client.create_code_studio_template(label, "manual"))
    assert manual.template_id == label.lower().replace(" ", "-")
    settings = await resolve(manual.get_settings())
    assert (settings.type, settings.label) == ("manual", label)
    block_based = await live.new_template("block_based")
    assert [b["type"] for b in (await resolve(block_based.get_settings())).blocks] == [
        "dss_base_image",
        "simple_deployment",
    ]
    with pytest.raises(dss.BadRequestError) as caught:
        await resolve(client.create_code_studio_template("   ", "block_based"))
    assert caught.value.status == 400
    assert caught.value.error_type == "java.lang.IllegalArgumentException"


async def test_settings_round_trip_every_field_including_unknown_ones(live: Live, client: Any) -> None:
    template = await live.new_template()
    settings = await resolve(template.get_settings())
    raw = settings.get_raw()
    raw["brandNewField"] = {"nested": [1, "two", None, {"deep": True}]}
    raw["shortDesc"] = "Ünïcode déscription ✓"
    settings.blocks[0]["unknownBlockField"] = {"x": [1.5, False]}
    settings.blocks.append({"type": "append_dockerfile", "params": {"dockerfile": "RUN true\n", "futureFlag": 7}})
    settings.set_built_container_confs("local", "k8s-large")
    await resolve(settings.save())

    again = await resolve(template.get_settings())
    saved = again.get_raw()
    assert saved["brandNewField"] == raw["brandNewField"]
    assert saved["shortDesc"] == "Ünïcode déscription ✓"
    assert saved["params"] == raw["params"]
    assert [b["type"] for b in again.blocks][-1] == "append_dockerfile"
    assert again.blocks[0]["unknownBlockField"] == {"x": [1.5, False]}
    assert again.get_built_for_all_container_confs() is False
    assert again.get_built_container_confs() == ["local", "k8s-large"]
    # Every field sent comes back as sent; the server only maintains its own bookkeeping.
    assert {k: v for k, v in saved.items() if k not in ("versionTag", "creationTag")} == {
        k: v for k, v in raw.items() if k not in ("versionTag", "creationTag")
    }

    again.set_built_container_confs(all=True)
    await resolve(again.save())
    assert (await resolve(template.get_settings())).get_built_for_all_container_confs() is True


async def test_saving_another_templates_settings_is_refused(live: Live, client: Any) -> None:
    first, second = await live.new_template(), await live.new_template()
    settings = await resolve(first.get_settings())
    settings.get_raw()["id"] = second.template_id
    with pytest.raises(dss.BadRequestError):
        await resolve(settings.save())


async def test_build_with_and_without_cache(live: Live, client: Any) -> None:
    template = await live.new_template()
    first = await resolve(template.build())
    assert first.job_id
    progress: list[dss.DSSFutureProgress] = []
    result = await resolve(first.wait_for_result(timeout=BUILD_TIMEOUT, on_progress=progress.append))
    assert isinstance(result, dss.DSSCodeStudioTemplateBuildResult)
    assert result.succeeded
    assert [(b.config_name, b.no_cache) for b in result.builds] == [("local", False)]
    assert result.builds[0].image_tag == f"dku-code-studio-{template.template_id}:{first.job_id}"
    assert progress
    assert progress[-1].job_id == first.job_id
    assert progress[-1].job_display_name.startswith("Build code studio template")

    [item] = [i for i in await resolve(client.list_code_studio_templates()) if i.id == template.template_id]
    assert item.build_for_configs == ["local"]
    assert item.last_built is not None
    assert item.last_built.tzinfo is UTC
    assert abs(datetime.now(UTC) - item.last_built) < timedelta(minutes=5)

    cached = await resolve((await resolve(template.build())).wait_for_result(timeout=BUILD_TIMEOUT))
    assert "BUILD_CACHE_USED" in {m.code for m in cached.messages.messages}

    fresh = await resolve((await resolve(template.build(disable_docker_cache=True))).wait_for_result(BUILD_TIMEOUT))
    codes = {m.code for m in fresh.messages.messages}
    assert "BUILD_NO_CACHE" in codes
    assert "BUILD_CACHE_USED" not in codes
    assert fresh.builds[0].no_cache is True


async def test_the_seed_example_builds_the_default_template(client: Any) -> None:
    # client.get_code_studio_template(template_id).build().wait_for_result(), as the seed document writes it.
    result = await resolve(
        (await resolve(client.get_code_studio_template("python-workspace").build())).wait_for_result()
    )
    assert result.succeeded
    assert result["builds"][0]["configName"] == "local"  # still readable as dataikuapi's dict


async def test_a_build_whose_messages_report_an_error_is_a_build_failure(live: Live, client: Any) -> None:
    template = await live.new_template()
    await add_blocks(template, BROKEN_ENTRYPOINT)
    future = await resolve(template.build())
    with pytest.raises(dss.BuildFailedError) as caught:
        await resolve(future.wait_for_result(timeout=BUILD_TIMEOUT))
    error = caught.value
    assert isinstance(error, dss.FutureFailedError)
    assert error.job_id == future.job_id
    assert error.error_type == "BuildFailed"
    assert error.messages.has_error
    assert {m.code for m in error.errors} >= {"BUILD_ENTRYPOINT_INVALID", "BUILD_FAILED"}
    assert "cannot be parsed" in str(error)
    # The template was not built: nothing changed in the list.
    [item] = [i for i in await resolve(client.list_code_studio_templates()) if i.id == template.template_id]
    assert item.last_built is None
    # get_result of the same future fails the same way.
    with pytest.raises(dss.BuildFailedError):
        await resolve(future.get_result())


async def test_export_stream_and_export_to_file(live: Live, client: Any, tmp_path: Path) -> None:
    template = await live.new_template()
    settings = await resolve(template.get_settings())
    settings.get_raw()["exportedField"] = "kept"
    await resolve(settings.save())

    stream = await resolve(template.get_export_stream())
    try:
        head = await resolve(stream.read(2))
        rest = await collect(stream.iter_bytes())
    finally:
        await resolve(stream.close())
    data = head + rest
    assert head == b"PK"
    entries = zip_entries(data)
    assert {"template.json", "manifest.json", "exportSpec.json"} <= set(entries)
    assert json.loads(entries["template.json"])["exportedField"] == "kept"

    if live.kind == "async":
        async with await template.get_export_stream() as managed:
            again = await managed.read()
    else:
        with template.get_export_stream() as managed:
            again = managed.read()
    assert zip_entries(again)["template.json"] == entries["template.json"]
    assert await resolve(managed.read()) == b""  # closed streams give nothing more

    path = tmp_path / "template.zip"
    assert await resolve(template.export_to_file(path)) is None
    assert zip_entries(path.read_bytes())["template.json"] == entries["template.json"]

    with pytest.raises(dss.NotFoundError):
        await resolve(client.get_code_studio_template("no-such-template").get_export_stream())
    with pytest.raises(dss.NotFoundError):
        await resolve(client.get_code_studio_template("no-such-template").export_to_file(tmp_path / "none.zip"))


async def test_export_then_import_keeps_every_field(live: Live, client: Any, tmp_path: Path) -> None:
    template = await live.new_template()
    settings = await resolve(template.get_settings())
    settings.get_raw()["brandNewField"] = {"a": [1, None]}
    await resolve(settings.save())
    path = tmp_path / "exported.zip"
    await resolve(template.export_to_file(path))

    label = unique("Copy ")
    imported = await resolve(client.import_code_studio_template(path, label=label))
    assert isinstance(imported, dss.DSSCodeStudioTemplateImportResult)
    assert imported.id == label.lower().replace(" ", "-")
    assert not imported.messages.has_error
    copy = await resolve(client.get_code_studio_template(imported.id).get_settings())
    assert copy.label == label
    assert copy.get_raw()["brandNewField"] == {"a": [1, None]}
    assert copy.get_raw()["params"] == settings.get_raw()["params"]


async def test_import_of_a_real_dss_13_5_4_export(live: Live, client: Any) -> None:
    original = json.loads(zip_entries(real_export().read_bytes())["template.json"])
    label = unique("Infra ")
    # The export's code env is remapped to one the instance has (else its builds fail, as DSS's would).
    env = unique("py311-").lower()
    live.server.instance.code_envs.declare("admin", "PYTHON", env, python="3.11")
    remap = {
        "codeEnvRemapping": [
            {
                "source": {"envLang": "PYTHON", "envName": "cookiecutter"},
                "target": {"envLang": "PYTHON", "envName": env},
            }
        ]
    }
    imported = await resolve(client.import_code_studio_template(real_export(), label=label, import_spec=remap))
    assert not imported.messages.has_error
    codes = {m.code for m in imported.messages.messages}
    assert "TEMPLATE_CODEENV_REMAPPED" in codes
    assert "TEMPLATE_CODEENV_UNKNOWN" not in codes
    settings = await resolve(client.get_code_studio_template(imported.id).get_settings())
    raw = settings.get_raw()
    assert settings.label == label
    assert settings.type == "block_based"
    assert settings.get_built_for_all_container_confs() is True
    assert raw["shortDesc"] == original["shortDesc"]
    assert raw["codeEnvsExtraSettings"] == original["codeEnvsExtraSettings"]
    assert [b["type"] for b in settings.blocks] == [b["type"] for b in original["params"]["blocks"]]
    envs = [b["params"]["envName"] for b in settings.blocks if b["type"] == "add_codeenv"]
    assert envs
    assert set(envs) == {env}
    # What this server does not do of the real template, the build says, typed: this test server installs no
    # IDE (tests/ides builds this export with a working VS Code), and no extension can be installed.
    result = await resolve((await resolve(client.get_code_studio_template(imported.id).build())).wait_for_result(30))
    codes = {m.code for m in result.messages.messages}
    assert {"BUILD_IDE_NOT_INSTALLED", "BUILD_IDE_EXTENSIONS_SKIPPED", "BUILD_CODEENV_NOT_AVAILABLE"} <= codes


async def test_the_blocks_of_a_real_dss_export_read_typed_and_write_back_exactly(live: Live, client: Any) -> None:
    imported = await resolve(client.import_code_studio_template(real_export(), label=unique("Typed ")))
    template = client.get_code_studio_template(imported.id)
    settings = await resolve(template.get_settings())
    raw_blocks = copy.deepcopy(settings.blocks)
    blocks = settings.get_blocks()
    assert [type(b) for b in blocks] == [
        models.DssBaseImageBlock,
        models.SimpleDeploymentBlock,
        models.VsCodeBlock,
        models.AppendDockerfileBlock,
        models.EntrypointBlock,
        models.EntrypointBlock,
        models.AddCodeEnvBlock,
        models.AddCodeEnvBlock,
    ]
    [base] = settings.get_blocks(models.DssBaseImageBlock)
    assert isinstance(base.params, models.DssBaseImageBlockParams)
    assert isinstance(base.params.synced_zones, list)
    assert [z.zone for z in base.params.synced_zones][:2] == ["code_studio_versioned", "code_studio_resources"]
    [vscode] = settings.get_blocks(models.VsCodeBlock)
    assert isinstance(vscode.params, models.VsCodeBlockParams)
    assert isinstance(vscode.params.config, models.VsCodeBlockParamsConfig)
    assert vscode.params.config.port == 8080
    assert vscode.params.config.code_server_version == "4.91.0"
    assert "pythonExtensionVersion" not in vscode.params.config.additional_properties  # typed, not left over
    ports = [e.params.exposed_port.port for e in settings.get_blocks(models.EntrypointBlock)]  # type: ignore[union-attr]
    assert 4200 in ports
    # Unchanged blocks written back are the raw blocks, to the last field.
    settings.set_blocks(blocks)
    assert settings.blocks == raw_blocks

    # Typed edits, with a plugin block and a type nobody knows, go through save() and come back.
    assert isinstance(blocks[2], models.VsCodeBlock)
    assert isinstance(blocks[2].params, models.VsCodeBlockParams)
    assert isinstance(blocks[2].params.config, models.VsCodeBlockParamsConfig)
    blocks[2].params.config.port = 9090
    plugin = models.OtherTemplateBlock.from_dict(
        {"type": "pycdstdioblk_myplugin_myblock", "params": {"config": {"x": [1, None]}}, "extra": True}
    )
    future = models.OtherTemplateBlock.from_dict({"type": "a_block_of_dss_15", "params": {}})
    settings.set_blocks([*blocks, plugin, future])
    await resolve(settings.save())
    again = await resolve(template.get_settings())
    assert [type(b) for b in again.get_blocks()][-2:] == [models.OtherTemplateBlock, models.OtherTemplateBlock]
    assert again.blocks[-2:] == [plugin.to_dict(), future.to_dict()]
    assert again.blocks[2]["params"]["config"] == {**raw_blocks[2]["params"]["config"], "port": 9090}
    assert again.blocks[:2] == raw_blocks[:2]
    assert again.blocks[3:8] == raw_blocks[3:]


async def test_blocks_the_generated_models_cannot_type_read_as_the_open_fallback(live: Live, client: Any) -> None:
    template = await live.new_template()
    settings = await resolve(template.get_settings())
    settings.blocks.append({"type": "add_codeenv"})  # no params: still typed
    settings.blocks.append({"type": "pycdstdioblk_x_y", "params": {"config": {"port": "not a number"}}})
    await resolve(settings.save())
    settings = await resolve(template.get_settings())
    # Not saved (the server refuses them), but read all the same:
    settings.blocks.append({"type": "dss_base_image", "params": {"syncedZones": "oops"}})  # a shape the spec refuses
    settings.blocks.append({"type": "entrypoint", "params": {"exposedPort": {"port": "x"}}})  # scalars are not checked
    settings.blocks.append({"type": "odd", "params": None})
    codeenv, plugin, base, entrypoint, odd = settings.get_blocks()[-5:]
    assert isinstance(codeenv, models.AddCodeEnvBlock)
    assert isinstance(codeenv.params, models.Unset)
    assert isinstance(plugin, models.OtherTemplateBlock)
    assert isinstance(base, models.OtherTemplateBlock)  # as the generated union reads it
    assert isinstance(entrypoint, models.EntrypointBlock)
    assert isinstance(odd, models.OtherTemplateBlock)
    assert odd.additional_properties == {"params": None}
    assert [b.to_dict() for b in (codeenv, plugin, base, entrypoint, odd)] == settings.blocks[-5:]
    # The server says what is wrong in the known block, not which other types it is not.
    del settings.blocks[-2:]
    with pytest.raises(dss.BadRequestError) as refused:
        await resolve(settings.save())
    assert refused.value.message.endswith("'oops' is not of type 'array' - 'params.blocks.4.params.syncedZones'")
    settings.blocks.append({"params": {}})
    with pytest.raises(dss.DataikuException, match="block 5 of template"):
        settings.get_blocks()


async def test_import_of_a_damaged_archive_is_a_bad_request(client: Any, tmp_path: Path) -> None:
    damaged = tmp_path / "damaged.zip"
    with zipfile.ZipFile(damaged, "w") as zf:  # a whole archive, then cut short
        zf.writestr("template.json", json.dumps({"id": "t", "params": {"blocks": []}}) + " " * 1000)
    damaged.write_bytes(damaged.read_bytes()[:200])
    with pytest.raises(dss.BadRequestError):
        await resolve(client.import_code_studio_template(damaged))
    with pytest.raises(FileNotFoundError):
        await resolve(client.import_code_studio_template(tmp_path / "missing.zip"))


async def test_delete_with_and_without_runtime_and_images(live: Live, client: Any) -> None:
    kept = await live.new_template()
    await resolve((await resolve(kept.build())).wait_for_result(BUILD_TIMEOUT))
    project = await live.new_project()
    studio = await resolve(project.create_code_studio("uses kept", kept.template_id))
    messages = await resolve(kept.delete())
    assert isinstance(messages, dss.DSSInfoMessages)
    assert not messages.has_error
    codes = [m.code for m in messages.messages]
    assert "TEMPLATE_IMAGES_KEPT" in codes
    assert codes[-1] == "TEMPLATE_DELETED"
    # The studio made from it survives (DSS keeps it; it can no longer start); its list item names the template by id.
    assert (await resolve(studio.get_settings())).template_id == kept.template_id
    [item] = await resolve(project.list_code_studios())
    assert (item.template_id, item.template_label, item.template_description) == (
        kept.template_id,
        kept.template_id,
        "",
    )

    doomed = await live.new_template()
    await resolve((await resolve(doomed.build())).wait_for_result(BUILD_TIMEOUT))
    other = await resolve(project.create_code_studio("uses doomed", doomed.template_id))
    messages = await resolve(doomed.delete(delete_runtime=True, delete_images=True))
    assert "TEMPLATE_IMAGES_KEPT" not in {m.code for m in messages.messages}
    assert messages.has_success
    with pytest.raises(dss.NotFoundError):
        await resolve(other.get_settings())
    with pytest.raises(dss.NotFoundError):
        await resolve(doomed.get_settings())
    with pytest.raises(dss.NotFoundError):
        await resolve(doomed.delete())
    assert doomed.template_id not in {i.id for i in await resolve(client.list_code_studio_templates())}
