"""The dataikuapi object model: every handle method sends the spec's request and reads its answer."""

from __future__ import annotations

import io
import json
import zipfile
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import dss_codestudio as dss
import httpx
import pytest

from tests.support.facade_clients import FakeDSS, resolve

pytestmark = pytest.mark.anyio

SETTINGS = {
    "projectKey": "P",
    "id": "62GsjBq",
    "name": "My VS Code",
    "templateId": "vscode-template",
    "libName": "62GsjBq",
    "owner": "jdoe",
    "tags": ["t1"],
    "versionTag": {"versionNumber": 1, "lastModifiedBy": {"login": "jdoe"}, "lastModifiedOn": 1718100000000},
    "someFutureField": {"nested": [1, 2, {"x": None}]},
}
STATUS = {
    "state": "RUNNING",
    "lastStateChange": 1718100000000,
    "lastTemplateBuilt": 1718000000000,
    "jobId": "Xb7KqLpD",
    "runAsUser": "jdoe",
    "exposableCount": 1,
    "exposed": [
        {"label": "VS Code", "exposedHtml": True, "exposedPort": 8080, "url": "code-studios/MYPROJ/62GsjBq/8080/"},
        {"label": "API", "exposedHtml": False, "exposedPort": 5000, "url": "code-studios/MYPROJ/62GsjBq/5000/"},
    ],
    "syncedZones": [
        {"id": "csz-1", "zone": "code_studio_versioned", "pathInContainer": "/w/cs", "oneWay": False},
        {"id": "csz-2", "zone": "recipes", "pathInContainer": "/w/recipes", "oneWay": True},
    ],
}
TEMPLATE_SETTINGS = {
    "id": "vscode-template",
    "type": "block_based",
    "label": "VS Code",
    "allContainerConfs": False,
    "containerConfs": ["k8s-default"],
    "permissions": [{"group": "g", "canUse": True, "futurePermission": "x"}],
    "params": {"blocks": [{"type": "dss_base_image", "params": {"syncedZones": []}, "unknownBlockField": 1}]},
    "brandNewField": {"a": [1, "b", None]},
}


def project(client: Any) -> Any:
    return client.get_project("P")


def studio(client: Any) -> Any:
    return client.get_project("P").get_code_studio("62GsjBq")


async def test_list_code_studios_as_items_and_objects(make_client, fake: FakeDSS, kind: str) -> None:
    fake.json(
        "listCodeStudios",
        [
            {"id": "a1", "name": "A", "owner": "jdoe", "templateId": "t", "desc": {"label": "T", "shortDesc": "d"}},
            {"id": "b2", "name": "B", "owner": "ann", "templateId": "u"},
        ],
    )
    client = make_client()
    items = await resolve(project(client).list_code_studios())
    assert [(i.id, i.name, i.owner, i.template_id) for i in items] == [
        ("a1", "A", "jdoe", "t"),
        ("b2", "B", "ann", "u"),
    ]
    assert (items[0].template_label, items[0].template_description) == ("T", "d")
    assert (items[1].template_label, items[1].template_description) == ("b2", "")  # dataikuapi's fallbacks
    handle = items[0].to_code_studio()
    assert (handle.project_key, handle.code_studio_id) == ("P", "a1")
    objects = await resolve(project(client).list_code_studios(as_type="objects"))
    assert [o.code_studio_id for o in objects] == ["a1", "b2"]
    expected = dss.DSSCodeStudioObject if kind == "sync" else dss.AsyncDSSCodeStudioObject
    assert all(type(o) is expected for o in objects)
    with pytest.raises(ValueError, match="as_type"):
        await resolve(project(client).list_code_studios(as_type="bogus"))


async def test_settings_keep_every_field(make_client, fake: FakeDSS) -> None:
    fake.json("getCodeStudioSettings", SETTINGS)
    settings = await resolve(studio(make_client()).get_settings())
    assert isinstance(settings, dss.DSSCodeStudioObjectSettings)
    assert (settings.id, settings.name, settings.owner) == ("62GsjBq", "My VS Code", "jdoe")
    assert (settings.template_id, settings.lib_name, settings.tags) == ("vscode-template", "62GsjBq", ["t1"])
    assert settings.get_raw() == SETTINGS
    assert settings.get_raw() is settings.settings
    assert settings["someFutureField"] == {"nested": [1, 2, {"x": None}]}  # dict access, as dataikuapi's dicts
    assert "libName" in settings


async def test_status_typed_accessors(make_client, fake: FakeDSS) -> None:
    fake.json("getCodeStudioStatus", STATUS)
    status = await resolve(studio(make_client()).get_status())
    assert status.state == "RUNNING"
    assert status.state is dss.CodeStudioState.RUNNING
    assert status.last_state_change == datetime(2024, 6, 11, 10, 0, tzinfo=UTC)
    assert status.last_state_change.tzinfo is not None
    assert status.last_template_built is not None
    assert (status.run_as_user, status.job_id) == ("jdoe", "Xb7KqLpD")
    assert status.get_zones() == ["csz-1", "csz-2"]
    assert status.get_zones("names") == status.get_zones("name")
    zones = status.get_zones(as_type="objects")
    assert [(z.id, z.zone, z.path_in_container, z.one_way) for z in zones] == [
        ("csz-1", "code_studio_versioned", "/w/cs", False),
        ("csz-2", "recipes", "/w/recipes", True),
    ]
    assert zones[0]["id"] == "csz-1"  # as dataikuapi's dicts
    port = status.exposed[0]
    assert (port.label, port.exposed_html, port.port, port.url) == (
        "VS Code",
        True,
        8080,
        "code-studios/MYPROJ/62GsjBq/8080/",
    )
    # The URL is relative to DSS's base URL: joined with the client's host, it is where a browser goes.
    assert port.absolute_url == "http://dss.test:11200/code-studios/MYPROJ/62GsjBq/8080/"
    assert status.get_exposed_url() == port.absolute_url, "the first port shown as HTML"
    assert status.get_exposed_url(5000) == "http://dss.test:11200/code-studios/MYPROJ/62GsjBq/5000/"
    assert status.get_exposed_url(1234) is None
    assert status.get_raw() is status.status
    assert status["state"] == "RUNNING"
    assert status.get("missing", 0) == 0
    with pytest.raises(ValueError, match="as_type"):
        status.get_zones("bogus")


@pytest.mark.parametrize(
    ("host", "url", "absolute"),
    [
        ("https://dss.example.com/", "code-studios/P/S/8080/", "https://dss.example.com/code-studios/P/S/8080/"),
        ("http://dss.test:11200", "/code-studios/P/S/80/", "http://dss.test:11200/code-studios/P/S/80/"),
        ("http://dss.test:11200", "http://127.0.0.1:9/", "http://127.0.0.1:9/"),
    ],
)
async def test_exposed_urls_are_joined_with_the_clients_host(
    make_client, fake: FakeDSS, host: str, url: str, absolute: str
) -> None:
    fake.json("getCodeStudioStatus", {"state": "RUNNING", "exposed": [{"exposedPort": 80, "url": url}]})
    status = await resolve(studio(make_client(host=host)).get_status())
    assert status.exposed[0].absolute_url == absolute
    assert dss.DSSExposedPort({"url": url}).absolute_url == (absolute if url.startswith("http") else None)


def test_exposed_urls_are_relative_to_dss_base_url_not_its_api() -> None:
    """A DSS behind a path prefix: the URL is joined with the prefix, never with `/dip/publicapi`."""
    port = dss.DSSExposedPort({"url": "code-studios/P/S/80/"}, "https://corp.example/dss/dip/publicapi")
    assert port.absolute_url == "https://corp.example/dss/code-studios/P/S/80/"


async def test_a_browser_login_link_is_absolute(make_client, fake: FakeDSS) -> None:
    fake.json(
        "createCodeStudioBrowserLogin", {"url": "code-studios/MYPROJ/62GsjBq/__login?ticket=t0k3n", "expiresIn": 60}
    )
    link = await resolve(studio(make_client()).get_browser_login_url(8080))
    assert link == "http://dss.test:11200/code-studios/MYPROJ/62GsjBq/__login?ticket=t0k3n"
    request = fake.last("createCodeStudioBrowserLogin").request
    assert (request.method, request.url.params["port"]) == ("POST", "8080")


async def test_status_of_a_never_started_studio_and_unknown_states(make_client, fake: FakeDSS) -> None:
    fake.on(
        "getCodeStudioStatus",
        httpx.Response(200, json={"state": "STOPPED", "lastStateChange": 0}),
        httpx.Response(200, json={"state": "HIBERNATING"}),
    )
    client = make_client()
    stopped = await resolve(studio(client).get_status())
    assert stopped.last_state_change is None
    assert stopped.get_zones() == []
    assert stopped.exposed == []
    future = await resolve(studio(client).get_status())
    assert future.state == "HIBERNATING"
    assert not future.state.known
    assert future.last_state_change is None


async def test_check_conflicts(make_client, fake: FakeDSS) -> None:
    answer = {
        "csz-2": {
            "commitFrom": "4e1f",
            "commitTo": "9d22",
            "authors": ["alice"],
            "added": [],
            "modified": ["compute_orders.py"],
            "deleted": ["old.py"],
        }
    }
    fake.on("checkCodeStudioConflicts", httpx.Response(200, json=answer), httpx.Response(200, json={"error": "no z9"}))
    client = make_client()
    conflicts = await resolve(studio(client).check_conflicts("csz-2"))
    assert fake.calls[0].path_params["zone"] == "csz-2"
    assert not conflicts.is_error
    assert conflicts.zone == "csz-2"
    assert (conflicts.authors, conflicts.added, conflicts.modified) == (["alice"], [], ["compute_orders.py"])
    assert conflicts.deleted == ["old.py"]
    assert (conflicts.commit_from, conflicts.commit_to, conflicts.count) == ("4e1f", "9d22", 2)
    assert conflicts.has_conflicts
    assert conflicts["csz-2"]["authors"] == ["alice"]  # a dict, as dataikuapi's
    assert conflicts.get_raw() == answer
    unknown = await resolve(studio(client).check_conflicts("z9"))
    assert unknown.is_error
    assert unknown.error == "no z9"
    assert unknown.added == []
    assert not unknown.has_conflicts


async def test_push_and_pull(make_client, fake: FakeDSS) -> None:
    fake.json("pushToCodeStudio", {"count": 14, "size": 48213, "conflicts": ["x.py"]})
    fake.json("pullFromCodeStudio", {"csz-2": {"added": ["n.py"], "modified": ["m.py"], "count": 2, "size": 3120}})
    client = make_client()
    pushed = await resolve(studio(client).push_to_code_studio("csz-2"))
    assert (pushed.count, pushed.size, pushed.conflicts) == (14, 48213, ["x.py"])
    assert pushed["count"] == 14
    pulled = await resolve(studio(client).pull_from_code_studio("csz-2", force=True))
    assert (pulled.count, pulled.size) == (2, 3120)
    assert pulled.zones["csz-2"].added == ["n.py"]
    assert fake.last("pullFromCodeStudio").query == {"force": "true"}
    assert fake.last("pushToCodeStudio").query == {}
    assert fake.last("pushToCodeStudio").request.method == "GET"


async def test_pull_tolerates_an_empty_body(make_client, fake: FakeDSS) -> None:
    fake.on("pullFromCodeStudio", httpx.Response(200, content=b""))
    pulled = await resolve(studio(make_client()).pull_from_code_studio("z"))
    assert pulled.count == 0
    assert pulled.zones == {}


async def test_pull_refused_for_conflicts(make_client, fake: FakeDSS) -> None:
    fake.on("pullFromCodeStudio", httpx.Response(409, json={"errorType": "Conflict", "message": "a.py in conflict"}))
    with pytest.raises(dss.ConflictError, match=r"a\.py in conflict"):
        await resolve(studio(make_client()).pull_from_code_studio("z"))


async def test_change_owner_sends_the_login_and_answers_the_settings(make_client, fake: FakeDSS) -> None:
    fake.json("changeCodeStudioOwner", dict(SETTINGS, owner="alice@example.com"))
    settings = await resolve(studio(make_client()).change_owner("alice@example.com"))
    assert settings.owner == "alice@example.com"
    assert fake.calls[0].query == {"newOwner": "alice@example.com"}
    assert fake.calls[0].request.method == "POST"


async def test_create_and_delete_code_studio(make_client, fake: FakeDSS, kind: str) -> None:
    fake.json("createCodeStudio", {"codeStudio": dict(SETTINGS, id="new1234")})
    fake.on("deleteCodeStudio", httpx.Response(204))
    client = make_client()
    created = await resolve(project(client).create_code_studio("My VS Code", "vscode-template"))
    assert created.code_studio_id == "new1234"
    assert fake.calls[0].json == {"name": "My VS Code", "templateId": "vscode-template"}
    assert await resolve(created.delete()) is None
    assert fake.operations() == ["createCodeStudio", "deleteCodeStudio"]
    assert fake.calls[1].path_params == {"projectKey": "P", "codeStudioId": "new1234"}


async def test_path_values_are_url_encoded(make_client, fake: FakeDSS) -> None:
    fake.check = False  # an id DSS would refuse, to show its encoding
    fake.json("getCodeStudioStatus", {"state": "STOPPED"})
    await resolve(make_client().get_project("P").get_code_studio("a b/c").get_status())
    assert fake.calls[0].request.url.raw_path == b"/dip/publicapi/projects/P/code-studios/a%20b%2Fc/status"


@pytest.mark.parametrize("bad", ["", ".", ".."])
async def test_ids_that_cannot_be_path_segments_are_refused_before_any_call(make_client, fake: FakeDSS, bad) -> None:
    # httpx resolves dot segments: get_code_studio("..").delete() would send DELETE /projects/P.
    client = make_client()
    for make in (
        lambda: client.get_project(bad),
        lambda: client.get_project("P").get_code_studio(bad),
        lambda: client.get_code_studio_template(bad),
        lambda: client.get_future(bad),
    ):
        with pytest.raises(ValueError, match="cannot name an object"):
            make()
    studio = client.get_project("P").get_code_studio("abc1234")
    for call in (studio.check_conflicts, studio.pull_from_code_studio, studio.push_to_code_studio):
        with pytest.raises(ValueError, match="zone id"):
            await resolve(call(bad))
    assert fake.calls == []
    assert client.get_project("P").get_code_studio("a.b").code_studio_id == "a.b"  # dots inside an id are fine


async def test_library_paths_never_reach_the_wire_with_dot_segments(make_client, fake: FakeDSS) -> None:
    fake.json("getProjectLibraryContents", [{"name": "a", "children": [{"name": "..", "children": []}]}])
    fake.on("getProjectLibraryFile", httpx.Response(404, json={"errorType": "NotFound", "message": "no"}))
    fake.on("writeProjectLibraryFile", httpx.Response(204))
    fake.on("createProjectLibraryFolder", httpx.Response(204))
    library = await resolve(project(make_client()).get_library())
    folder = library.get_folder("a")
    made = await resolve(folder.add_file("./sub/../b.py"))
    assert made.path == "/a/b.py"
    assert fake.last("writeProjectLibraryFile").request.url.raw_path.endswith(b"/libraries/contents//a/b.py")
    top = await resolve(folder.add_folder("../top"))
    assert top.path == "/top"
    assert fake.last("createProjectLibraryFolder").request.url.raw_path.endswith(b"/libraries/folders//top")
    for escaping in ("../../etc", "..", ".", "/"):
        with pytest.raises(dss.DataikuException, match="not valid") as caught:
            await resolve(folder.add_file(escaping))
        assert caught.value.error_type == "InvalidPath"
    # A name DSS should never send ("..") keeps its slashes encoded, so it cannot become another API path.
    odd = library.get_folder("a").get_child("..")
    fake.check = False
    fake.on("deleteProjectLibraryItem", httpx.Response(204))
    await resolve(odd.delete())
    assert fake.last("deleteProjectLibraryItem").request.url.raw_path.endswith(b"/libraries/contents/%2Fa%2F..")


async def test_templates_list_and_handles(make_client, fake: FakeDSS) -> None:
    fake.json(
        "listCodeStudioTemplates",
        [
            {
                "id": "vscode",
                "label": "VS Code",
                "type": "block_based",
                "buildFor": ["k8s"],
                "lastBuilt": 1718100000000,
            },
            {"id": "streamlit", "label": "Streamlit", "buildFor": [], "lastBuilt": 0},
        ],
    )
    client = make_client()
    items = await resolve(client.list_code_studio_templates())
    assert [(t.id, t.label, t.type) for t in items] == [
        ("vscode", "VS Code", "block_based"),
        ("streamlit", "Streamlit", None),
    ]
    assert items[0].build_for_configs == ["k8s"]
    assert items[0].last_built == datetime(2024, 6, 11, 10, 0, tzinfo=UTC)
    assert items[1].last_built is None
    assert items[0].to_code_studio_template().template_id == "vscode"
    handles = await resolve(client.list_code_studio_templates(as_type="objects"))
    assert [h.template_id for h in handles] == ["vscode", "streamlit"]


async def test_template_settings_round_trip_every_field(make_client, fake: FakeDSS) -> None:
    fake.json("getCodeStudioTemplateSettings", TEMPLATE_SETTINGS)
    fake.on("saveCodeStudioTemplateSettings", httpx.Response(204))
    template = make_client().get_code_studio_template("vscode-template")
    settings = await resolve(template.get_settings())
    assert settings.get_raw() == TEMPLATE_SETTINGS
    assert settings.get_built_for_all_container_confs() is False
    assert settings.get_built_container_confs() == ["k8s-default"]
    assert settings.blocks[0]["type"] == "dss_base_image"
    settings.set_built_container_confs("k8s-a", "k8s-b")
    settings.get_raw()["label"] = "Renamed"
    await resolve(settings.save())
    sent = fake.last("saveCodeStudioTemplateSettings")
    assert sent.request.method == "PUT"
    expected = dict(TEMPLATE_SETTINGS, containerConfs=["k8s-a", "k8s-b"], label="Renamed")
    assert sent.json == expected  # unknown fields, nested unknowns and nulls included
    settings.set_built_container_confs(all=True)
    await resolve(settings.save())
    assert fake.last("saveCodeStudioTemplateSettings").json["allContainerConfs"] is True
    assert fake.last("saveCodeStudioTemplateSettings").json["containerConfs"] == ["k8s-a", "k8s-b"]


async def test_template_blocks_are_the_live_list_that_save_sends(make_client, fake: FakeDSS) -> None:
    fake.json("getCodeStudioTemplateSettings", {"id": "t", "type": "block_based", "params": {"blocks": []}})
    fake.on("saveCodeStudioTemplateSettings", httpx.Response(204))
    settings = await resolve(make_client().get_code_studio_template("t").get_settings())
    settings.blocks.append({"type": "append_dockerfile", "params": {"dockerfile": "RUN true"}})
    await resolve(settings.save())
    assert fake.last("saveCodeStudioTemplateSettings").json["params"]["blocks"] == [
        {"type": "append_dockerfile", "params": {"dockerfile": "RUN true"}}
    ]


async def test_template_blocks_of_settings_without_or_with_malformed_blocks(make_client, fake: FakeDSS) -> None:
    fake.on(
        "getCodeStudioTemplateSettings",
        httpx.Response(200, json={"id": "t", "type": "block_based"}),
        httpx.Response(200, json={"id": "t", "type": "block_based", "params": {"blocks": [{"type": "a"}, "junk"]}}),
    )
    template = make_client().get_code_studio_template("t")
    settings = await resolve(template.get_settings())
    settings.blocks.append({"type": "dss_base_image"})
    assert settings.get_raw()["params"] == {"blocks": [{"type": "dss_base_image"}]}
    malformed = await resolve(template.get_settings())
    with pytest.raises(dss.DataikuException, match="not a list of blocks"):
        malformed.blocks  # noqa: B018
    assert malformed.get_raw()["params"] == {"blocks": [{"type": "a"}, "junk"]}


async def test_create_template(make_client, fake: FakeDSS) -> None:
    ok = {"id": "my-new-template", "messages": {"error": False, "messages": []}}
    failed = {"id": "x", "messages": {"error": True, "messages": [{"severity": "ERROR", "message": "bad type"}]}}
    fake.on("createCodeStudioTemplate", httpx.Response(200, json=ok), httpx.Response(200, json=failed))
    client = make_client()
    template = await resolve(client.create_code_studio_template("My new template", "block_based"))
    assert template.template_id == "my-new-template"
    assert fake.calls[0].json == {"label": "My new template", "type": "block_based"}
    with pytest.raises(dss.DataikuException, match="bad type"):
        await resolve(client.create_code_studio_template("x", "nope"))


async def test_delete_template_answers_messages(make_client, fake: FakeDSS) -> None:
    messages = {
        "anyMessage": True,
        "warning": True,
        "maxSeverity": "WARNING",
        "messages": [{"severity": "WARNING", "code": "KEPT", "title": "Images kept", "message": "not deleted"}],
    }
    fake.json("deleteCodeStudioTemplate", messages)
    result = await resolve(make_client().get_code_studio_template("t").delete(delete_runtime=True))
    assert fake.calls[0].query == {"deleteRuntime": "true", "deleteImages": "false"}
    assert isinstance(result, dss.DSSInfoMessages)
    assert (result.has_messages, result.has_warning, result.has_error, result.max_severity) == (
        True,
        True,
        False,
        "WARNING",
    )
    assert [(m.severity, m.code, m.title, m.message) for m in result.messages] == [
        ("WARNING", "KEPT", "Images kept", "not deleted")
    ]
    assert str(result.messages[0]) == "WARNING - Images kept - not deleted"


def _zip() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("template.json", json.dumps({"label": "x"}))
        archive.writestr("manifest.json", "{}")
        archive.writestr("big.bin", bytes(range(256)) * 2000)
    return buffer.getvalue()


async def test_export_streams_the_archive(make_client, fake: FakeDSS, tmp_path: Path) -> None:
    archive = _zip()
    fake.on(
        "exportCodeStudioTemplate", httpx.Response(200, content=archive, headers={"content-type": "application/zip"})
    )
    template = make_client().get_code_studio_template("vscode")
    target = tmp_path / "vscode.zip"
    await resolve(template.export_to_file(target))
    assert target.read_bytes() == archive
    stream = await resolve(template.get_export_stream())
    head = await resolve(stream.read(10))
    rest = await resolve(stream.read())
    await resolve(stream.close())
    assert head + rest == archive
    assert len(head) == 10
    assert stream.response.is_closed


async def test_export_of_a_missing_template(make_client, fake: FakeDSS, tmp_path: Path) -> None:
    fake.on("exportCodeStudioTemplate", httpx.Response(404, json={"errorType": "NotFound", "message": "no t"}))
    with pytest.raises(dss.NotFoundError):
        await resolve(make_client().get_code_studio_template("t").export_to_file(tmp_path / "t.zip"))


async def test_import_uploads_the_archive(make_client, fake: FakeDSS, tmp_path: Path) -> None:
    archive = tmp_path / "exported.zip"
    archive.write_bytes(_zip())
    fake.json("importCodeStudioTemplate", {"id": "infra-2", "messages": {"warning": True, "messages": []}})
    spec = {"codeEnvRemapping": [{"source": {"envName": "a"}, "target": {"envName": "b"}}]}
    result = await resolve(make_client().import_code_studio_template(archive, label="Infra", import_spec=spec))
    assert result.id == "infra-2"
    assert result["id"] == "infra-2"
    assert result.messages.has_warning
    call = fake.calls[0]
    assert call.query == {"label": "Infra", "importSpec": json.dumps(spec)}
    assert call.request.headers["content-type"].startswith("multipart/form-data")
    assert archive.read_bytes() in call.request.content  # not a fresh _zip(): its timestamps may differ
    assert b'filename="exported.zip"' in call.request.content


async def test_projects(make_client, fake: FakeDSS, kind: str) -> None:
    fake.json("listProjects", [{"projectKey": "A", "name": "a"}, {"projectKey": "B"}])
    fake.json("createProject", {"projectKey": "NEW"})
    fake.json("deleteProject", {"hasResult": True, "result": {"success": True, "messages": []}})
    client = make_client()
    assert await resolve(client.list_project_keys()) == ["A", "B"]
    assert (await resolve(client.list_projects()))[0]["name"] == "a"
    created = await resolve(
        client.create_project("NEW", "New", "admin", settings={"x": {"y": 1}}, tags=["t"], project_folder_id="F1")
    )
    assert created.project_key == "NEW"
    call = fake.last("createProject")
    assert call.query == {"projectFolderId": "F1"}
    assert call.json == {
        "projectKey": "NEW",
        "name": "New",
        "owner": "admin",
        "description": None,
        "settings": {"x": {"y": 1}},
        "permissions": [],
        "tags": ["t"],
    }
    future = await resolve(created.delete(drop_data=True))
    messages = await resolve(future.wait_for_result())
    assert messages.has_success
    assert fake.last("deleteProject").query == {
        "clearManagedDatasets": "true",
        "clearOutputManagedFolders": "false",
        "clearJobAndScenarioLogs": "true",
        "clearManagedKnowledgeBanks": "false",
        "wait": "true",
    }


LIBRARY = [
    {"name": "python", "children": [{"name": "compute_orders.py"}, {"name": "pkg", "children": []}]},
    {"name": "README.md"},
]


async def test_library_tree_navigation(make_client, fake: FakeDSS) -> None:
    fake.json("getProjectLibraryContents", LIBRARY)
    library = await resolve(project(make_client()).get_library())
    assert [i.name for i in library.list()] == ["README.md", "python"]
    file = library.get_file("/python/compute_orders.py")
    assert file is not None
    assert file.path == "/python/compute_orders.py"
    folder = library.get_folder("python")
    assert folder is not None
    assert [i.name for i in folder.list()] == ["compute_orders.py", "pkg"]
    assert folder.get_file("./compute_orders.py") is file
    assert library.get_folder("python/pkg/..") is folder
    assert library.get_file("missing.py") is None
    assert library.root.is_root()
    with pytest.raises(dss.DataikuException, match="is a folder"):
        library.get_file("python")
    with pytest.raises(dss.DataikuException, match="is a file"):
        library.get_folder("README.md")


async def test_library_files_read_write_and_paths_on_the_wire(make_client, fake: FakeDSS) -> None:
    fake.json("getProjectLibraryContents", LIBRARY)
    fake.on(
        "getProjectLibraryFile",
        httpx.Response(200, json={"path": "python/compute_orders.py", "data": "import dataiku\n"}),
        httpx.Response(200, json={"data": "AAEC/w=="}),
    )
    fake.on("writeProjectLibraryFile", httpx.Response(204))
    library = await resolve(project(make_client()).get_library())
    file = library.get_file("python/compute_orders.py")
    assert await resolve(file.read()) == "import dataiku\n"
    assert await resolve(file.read(as_type="bytes")) == b"\x00\x01\x02\xff"
    assert fake.calls[-1].query == {"dataEncoding": "base64"}
    await resolve(file.write("print('hi')\n"))
    write = fake.last("writeProjectLibraryFile")
    assert write.request.content == b"print('hi')\n"
    # Plain slashes, as dataikuapi sends them (servlet containers refuse encoded ones).
    assert write.request.url.raw_path == b"/dip/publicapi/projects/P/libraries/contents//python/compute_orders.py"
    assert write.path_params["path"] == "/python/compute_orders.py"
    with pytest.raises(ValueError, match="as_type"):
        await resolve(file.read(as_type="text"))


async def test_library_changes_keep_the_local_tree(make_client, fake: FakeDSS) -> None:
    fake.json("getProjectLibraryContents", LIBRARY)
    fake.on("getProjectLibraryFile", httpx.Response(404, json={"errorType": "NotFound", "message": "no"}))
    for op in ("writeProjectLibraryFile", "createProjectLibraryFolder", "renameProjectLibraryItem"):
        fake.on(op, httpx.Response(204))
    fake.on("moveProjectLibraryItem", httpx.Response(204))
    fake.on("deleteProjectLibraryItem", httpx.Response(204))
    library = await resolve(project(make_client()).get_library())
    new_file = await resolve(library.get_folder("python").add_file(" util.py "))
    assert new_file.path == "/python/util.py"
    assert fake.last("writeProjectLibraryFile").request.content == b""
    assert library.get_file("python/util.py") is new_file
    folder = await resolve(library.add_folder("lib/deep"))
    assert folder.path == "/lib/deep"
    assert fake.last("createProjectLibraryFolder").request.url.raw_path.endswith(b"/libraries/folders/lib/deep")
    await resolve(new_file.rename("helpers.py"))
    assert fake.last("renameProjectLibraryItem").json == {"oldPath": "/python/util.py", "newName": "helpers.py"}
    assert library.get_file("python/helpers.py") is new_file
    await resolve(new_file.move_to(folder))
    assert fake.last("moveProjectLibraryItem").json == {"oldPath": "/python/helpers.py", "newPath": "/lib/deep"}
    assert library.get_file("lib/deep/helpers.py") is new_file
    await resolve(new_file.delete())
    assert library.get_file("lib/deep/helpers.py") is None
    assert fake.last("deleteProjectLibraryItem").request.method == "DELETE"
    with pytest.raises(dss.DataikuException, match="root"):
        await resolve(library.root.delete())


async def test_adding_an_existing_file_is_refused(make_client, fake: FakeDSS) -> None:
    fake.json("getProjectLibraryContents", [])
    fake.json("getProjectLibraryFile", {"data": "x"})
    library = await resolve(project(make_client()).get_library())
    with pytest.raises(dss.DataikuException, match="already exists"):
        await resolve(library.add_file("README.md"))
    assert "writeProjectLibraryFile" not in fake.operations()


async def test_adding_a_file_when_the_check_fails_for_another_reason(make_client, fake: FakeDSS) -> None:
    fake.json("getProjectLibraryContents", [])
    fake.on("getProjectLibraryFile", httpx.Response(403, json={"errorType": "Forbidden", "message": "no"}))
    library = await resolve(project(make_client()).get_library())
    with pytest.raises(dss.PermissionDeniedError):
        await resolve(library.add_file("x.py"))
