"""The official dataikuapi client and the facade, side by side on one server, see the same data.

Each comparison reads through dataiku-api-client 15.2.0 (unmodified) and through the facade (sync
and async); writes made through one are read through the other.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path
from typing import Any

import dataikuapi
import dss_codestudio as dss
import pytest
from dataikuapi.utils import DataikuException as OfficialException

from tests.support.api import unique
from tests.support.facade_clients import resolve
from tests.support.live_facade import Live

pytestmark = pytest.mark.anyio


@pytest.fixture
def official(live: Live) -> dataikuapi.DSSClient:
    return dataikuapi.DSSClient(live.server.url, api_key=live.server.admin_key)


def template_json(archive: bytes) -> bytes:
    with zipfile.ZipFile(io.BytesIO(archive)) as zf:
        return zf.read("template.json")


async def test_templates_and_their_settings(live: Live, client: Any, official: dataikuapi.DSSClient) -> None:
    made = official.create_code_studio_template(unique("Official "), "block_based")
    official.get_code_studio_template(made.template_id).build().wait_for_result()

    theirs = {i.id: i for i in official.list_code_studio_templates()}
    ours = {i.id: i for i in await resolve(client.list_code_studio_templates())}
    assert set(ours) == set(theirs)
    for template_id, item in ours.items():
        assert item.label == theirs[template_id].label
        assert item.build_for_configs == theirs[template_id].build_for_configs
        assert item.last_built == theirs[template_id].last_built  # both aware; the facade's in UTC
        assert item.get_raw() == theirs[template_id]._data

    settings = await resolve(client.get_code_studio_template(made.template_id).get_settings())
    assert settings.get_raw() == official.get_code_studio_template(made.template_id).get_settings().get_raw()
    assert settings.get_built_container_confs() == (
        official.get_code_studio_template(made.template_id).get_settings().get_built_container_confs()
    )

    # Saved by the facade, read by the official client.
    settings.get_raw()["shortDesc"] = "written by the facade"
    await resolve(settings.save())
    assert official.get_code_studio_template(made.template_id).get_settings().get_raw()["shortDesc"] == (
        "written by the facade"
    )

    stream = official.get_code_studio_template(made.template_id).get_export_stream()
    theirs_zip = stream.read()
    ours_stream = await resolve(client.get_code_studio_template(made.template_id).get_export_stream())
    try:
        ours_zip = await resolve(ours_stream.read())
    finally:
        await resolve(ours_stream.close())
    assert template_json(ours_zip) == template_json(theirs_zip)


async def test_futures_of_the_one_are_results_for_the_other(
    live: Live, client: Any, official: dataikuapi.DSSClient
) -> None:
    template = await live.new_template()
    ours = await resolve(template.build())
    theirs = official.get_future(ours.job_id)
    raw = theirs.wait_for_result()
    built = await resolve(ours.wait_for_result(timeout=20))
    assert built.get_raw() == raw
    assert await resolve(client.get_future(ours.job_id).get_result()) == raw

    started = official.get_code_studio_template(template.template_id).build()
    assert (await resolve(client.get_future(started.job_id).wait_for_result(timeout=20)))["builds"] == (
        started.wait_for_result()["builds"]
    )


async def test_projects_studios_and_libraries(live: Live, client: Any, official: dataikuapi.DSSClient) -> None:
    key = unique("SIDE")
    official.create_project(key, "Side by side", "admin", description="made by dataikuapi")
    assert sorted(await resolve(client.list_project_keys())) == sorted(official.list_project_keys())

    project = client.get_project(key)
    studio = await resolve(project.create_code_studio("From the facade", "python-workspace"))
    theirs = official.get_project(key).list_code_studios()
    ours = await resolve(project.list_code_studios())
    assert [(i.id, i.name, i.owner, i.template_id, i.template_label, i.template_description) for i in ours] == [
        (i.id, i.name, i.owner, i.template_id, i.template_label, i.template_description) for i in theirs
    ]
    official_studio = official.get_project(key).get_code_studio(studio.code_studio_id)
    assert (await resolve(studio.get_settings())).get_raw() == official_studio.get_settings().get_raw()
    assert (await resolve(studio.change_owner("admin"))).get_raw() == official_studio.change_owner("admin")

    official_library = official.get_project(key).get_library()
    official_library.add_folder("python").add_file("shared.py").write("written by dataikuapi ✓\n")
    library = await resolve(project.get_library())
    shared = library.get_file("python/shared.py")
    assert shared is not None
    assert await resolve(shared.read()) == official_library.get_file("python/shared.py").read()
    await resolve(shared.write("written by the facade ✓\n"))
    assert official.get_project(key).get_library().get_file("/python/shared.py").read() == "written by the facade ✓\n"
    assert [i.name for i in library.list()] == [i.name for i in official.get_project(key).get_library().list()]


async def test_errors_read_alike(client: Any, official: dataikuapi.DSSClient, tmp_path: Path) -> None:
    with pytest.raises(OfficialException) as theirs:
        official.get_code_studio_template("no-such-template").get_settings()
    with pytest.raises(dss.NotFoundError) as ours:
        await resolve(client.get_code_studio_template("no-such-template").get_settings())
    assert str(ours.value) == str(theirs.value)
    assert isinstance(ours.value, dss.DataikuException)
