"""dataiku-api-client 15.2.0, unmodified, against the reference server on a live port.

Every template, future, project, library and code studio method of the official client works,
the methods that run studios on real processes included, and so does the client's own documented
example (check the conflicts of every zone, stop only if there are none). The methods come from
the client's classes (as in test_requests_match_the_spec), so a method added to the client fails
`test_every_method_is_driven` until it is driven here.
"""

from __future__ import annotations

import secrets
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import pytest
from dataikuapi import DSSClient
from dataikuapi.dss.admin import (
    DSSCodeEnv,
    DSSCodeStudioTemplate,
    DSSCodeStudioTemplateListItem,
    DSSDesignCodeEnvSettings,
)
from dataikuapi.dss.codestudio import (
    DSSCodeStudioObject,
    DSSCodeStudioObjectConflicts,
    DSSCodeStudioObjectListItem,
    DSSCodeStudioObjectStatus,
)
from dataikuapi.dss.future import DSSFuture
from dataikuapi.dss.project import DSSProjectSettings
from dataikuapi.dss.projectlibrary import DSSLibraryFile, DSSLibraryFolder
from dataikuapi.utils import DataikuException
from dss_codestudio_server.domain.jobs import FutureState
from dss_codestudio_server.embedded import EmbeddedServer

from tests.compat.test_requests_match_the_spec import EXCLUDED, public_methods
from tests.support.paths import real_export


@dataclass
class Live:
    """A live server, an official client on it, and a fresh project, template and studio."""

    client: DSSClient
    server: EmbeddedServer
    tmp: Path
    key: str
    template_id: str
    studio_id: str

    @property
    def project(self):
        return self.client.get_project(self.key)

    @property
    def studio(self) -> DSSCodeStudioObject:
        return self.project.get_code_studio(self.studio_id)

    @property
    def template(self) -> DSSCodeStudioTemplate:
        return self.client.get_code_studio_template(self.template_id)

    def library(self):
        return self.project.get_library()


@pytest.fixture
def live(live_server: EmbeddedServer, tmp_path: Path) -> Live:
    client = DSSClient(live_server.url, api_key=live_server.admin_key)
    key = "P" + secrets.token_hex(4).upper()
    project = client.create_project(key, "Project " + key, "admin")
    library = project.get_library()
    library.add_folder("python").add_file("compute_orders.py").write("import dataiku\n")
    library.add_file("README.md").write("# readme\n")
    template = client.create_code_studio_template("Template " + key, "block_based")
    studio = project.create_code_studio("My studio", template.template_id)
    return Live(client, live_server, tmp_path, key, template.template_id, studio.code_studio_id)


def ensure(condition: object) -> None:
    """Assert a condition inside a one-line driver."""
    assert condition


# -- drivers ----------------------------------------------------------------------------------------


def _templates(c: Live) -> None:
    items = c.client.list_code_studio_templates()
    assert {"python-workspace", c.template_id} <= {i.id for i in items}
    objects = c.client.list_code_studio_templates(as_type="objects")
    assert all(isinstance(o, DSSCodeStudioTemplate) for o in objects)


def _create_template(c: Live) -> None:
    handle = c.client.create_code_studio_template("Another " + c.key, "manual")
    assert handle.get_settings().get_raw()["type"] == "manual"


def _import(c: Live) -> None:
    result = c.client.import_code_studio_template(
        str(real_export()), label="Imported " + c.key, import_spec={"codeEnvRemapping": []}
    )
    assert result["id"] == f"imported-{c.key.lower()}"
    assert result["messages"]["error"] is False
    raw = c.client.get_code_studio_template(result["id"]).get_settings().get_raw()
    assert raw["params"]["blocks"][2]["type"] == "pycdstdioblk_code-studio-blocks_vscode"


def _list_futures(c: Live) -> None:
    release = threading.Event()
    state = _blocking_job(c, release)
    try:
        listed = c.client.list_futures()
        assert state.job_id in [f["jobId"] for f in listed]
        objects = c.client.list_futures(as_objects=True, all_users=True)
        assert state.job_id in [f.job_id for f in objects]
    finally:
        release.set()


def _blocking_job(c: Live, release: threading.Event) -> FutureState:
    """A real job owned by the admin that runs until released or aborted."""

    def work(ctx):
        while not release.is_set():
            ctx.wait(0.02)
        return {"done": True}

    return c.server.instance.jobs.start(kind="test", owner="admin", display_name="blocking", work=work)


def _abort(c: Live) -> None:
    release = threading.Event()
    state = _blocking_job(c, release)
    future = c.client.get_future(state.job_id)
    assert future.peek_state()["alive"] is True
    future.abort()
    with pytest.raises(DataikuException, match="FutureAbortedException"):
        future.wait_for_result()


def _create_project(c: Live) -> None:
    c.client.create_project("N" + c.key, "New", "admin")
    c.client.create_project(
        "O" + c.key, "Other", "admin", description="d", settings={"x": 1}, project_folder_id="ROOT", tags=["t"]
    )
    keys = c.client.list_project_keys()
    assert {"N" + c.key, "O" + c.key} <= set(keys)


def _project_delete(c: Live) -> None:
    result = c.project.delete()
    assert result.wait_for_result()["success"] is True
    c.client.create_project("L" + c.key, "Later", "admin")
    future = c.client.get_project("L" + c.key).delete(clear_managed_datasets=True, wait=False)
    assert future.wait_for_result()["success"] is True
    assert c.key not in c.client.list_project_keys()


def _studio_delete(c: Live) -> None:
    c.studio.delete()
    assert c.project.list_code_studios() == []


def _change_owner(c: Live) -> None:
    login = f"alice+{c.key.lower()}@example.com"
    c.server.instance.users.add_user(login)
    changed = c.studio.change_owner(login)
    assert changed["owner"] == login
    assert c.studio.get_settings().owner == login


def _build(c: Live) -> None:
    future = c.template.build()
    result = future.wait_for_result()
    assert result["messages"]["error"] is False
    again = c.template.build(disable_docker_cache=True).wait_for_result()
    assert again["builds"][0]["noCache"] is True
    item = next(i for i in c.client.list_code_studio_templates() if i.id == c.template_id)
    assert item.build_for_configs == ["local"]
    assert item.last_built is not None


def _export_stream(c: Live) -> bytes:
    data = c.template.get_export_stream().read()
    assert data[:2] == b"PK"
    return data


def _export_file(c: Live) -> None:
    target = c.tmp / "export.zip"
    c.template.export_to_file(str(target))
    imported = c.client.import_code_studio_template(str(target))
    assert imported["id"] == f"{c.template_id}-2"


def _template_delete(c: Live) -> None:
    messages = c.template.delete()
    assert messages.has_messages is True
    assert messages.has_error is False
    assert messages.max_severity == "WARNING"  # the studio made from it is kept, and said so
    assert c.template_id not in [i.id for i in c.client.list_code_studio_templates()]
    other = c.client.create_code_studio_template("Runtime " + c.key, "block_based")
    c.project.create_code_studio("Uses it", other.template_id)
    result = other.delete(delete_runtime=True, delete_images=True)
    assert result.has_error is False
    assert [m.code for m in result.messages] == [
        "TEMPLATE_RUNTIMES_DELETED",
        "TEMPLATE_IMAGES_DELETED",
        "TEMPLATE_DELETED",
    ]
    # DSSInfoMessage.__str__ prints severity, title and details: each message has both.
    assert [str(m) for m in result.messages] == [
        "INFO - Code studios deleted - 1 code studio(s) made from the template deleted",
        "INFO - Images deleted - Template images and build folders deleted",
        f"SUCCESS - Template deleted - Template {other.template_id} deleted",
    ]
    assert "None" not in str([str(m) for m in messages.messages])
    assert [s.template_id for s in c.project.list_code_studios()] == [c.template_id]


def _set_confs_and_save(c: Live) -> None:
    settings = c.template.get_settings()
    settings.set_built_container_confs("local", "k8s-gpu")
    settings.save()
    assert c.template.get_settings().get_built_container_confs() == ["local", "k8s-gpu"]
    settings.set_built_container_confs(all=True)
    settings.save()
    assert c.template.get_settings().get_built_for_all_container_confs() is True


def _save(c: Live) -> None:
    settings = c.template.get_settings()
    settings.get_raw()["shortDesc"] = "saved by the official client"
    settings.get_raw()["someFutureField"] = {"nested": [1, 2]}
    settings.save()
    raw = c.template.get_settings().get_raw()
    assert raw["shortDesc"] == "saved by the official client"
    assert raw["someFutureField"] == {"nested": [1, 2]}


def _finished_build(c: Live) -> DSSFuture:
    future = c.template.build()
    future.wait_for_result()
    return c.client.get_future(future.job_id)


def _future_methods(name: str) -> Callable[[Live], Any]:
    def driver(c: Live) -> Any:
        future = _finished_build(c)
        if name == "get_state":
            assert future.get_state()["result"]["messages"]["error"] is False
        elif name == "peek_state":
            state = future.peek_state()
            assert state["hasResult"] is True
            assert "result" not in state
        elif name == "get_result":
            assert "builds" in future.get_result()
        elif name == "has_result":
            assert future.has_result() is True
        elif name == "wait_for_result":
            assert "messages" in future.wait_for_result()
        elif name == "get_result_wait_if_needed":
            fresh = c.template.build()
            assert "builds" in DSSFuture.get_result_wait_if_needed(c.client, fresh.state)
        with pytest.raises(DataikuException, match="NotFoundException"):
            c.client.get_future("NoSuchJob").get_state()

    return driver


def _library_file(c: Live) -> DSSLibraryFile:
    f = c.library().get_file("python/compute_orders.py")
    assert isinstance(f, DSSLibraryFile)
    return f


def _library_folder(c: Live) -> DSSLibraryFolder:
    f = c.library().get_folder("python")
    assert isinstance(f, DSSLibraryFolder)
    return f


def _add_file(parent: Callable[[Live], Any], expected_path: str) -> Callable[[Live], Any]:
    def driver(c: Live) -> Any:
        item = parent(c).add_file("new_module.py")
        item.write("print('hello')\n")
        assert c.library().get_file(expected_path).read() == "print('hello')\n"
        with pytest.raises(DataikuException, match="already exists"):
            parent(c).add_file("new_module.py")
        return item

    return driver


def _changes(c: Live) -> list[tuple[str, str, str]]:
    return [(ch.path, ch.action, ch.author) for ch in c.server.instance.libraries.changes_since(c.key, 0)]


def _delete_item(c: Live) -> None:
    _library_file(c).delete()
    assert c.library().get_file("python/compute_orders.py") is None
    assert _changes(c)[-1] == ("python/compute_orders.py", "delete", "admin")


def _rename(c: Live) -> None:
    _library_file(c).rename("orders.py")
    assert c.library().get_file("python/orders.py").read() == "import dataiku\n"


def _move(c: Live) -> None:
    library = c.library()
    library.get_file("README.md").move_to(library.get_folder("python"))
    assert [i.name for i in c.library().get_folder("python").list()] == ["README.md", "compute_orders.py"]


def _read(c: Live) -> None:
    assert _library_file(c).read() == "import dataiku\n"
    assert _library_file(c).read(as_type="bytes") == b"import dataiku\n"


def _write(c: Live) -> None:
    content = "import dataiku\nprint('ünïcode')\n".encode()
    _library_file(c).write(content)
    assert _library_file(c).read(as_type="bytes") == content
    path = c.server.instance.libraries.root(c.key) / "python" / "compute_orders.py"
    assert path.read_bytes() == content


def _settings_prop(name: str, expected: Callable[[Live], Any]) -> Callable[[Live], Any]:
    def driver(c: Live) -> None:
        assert getattr(c.studio.get_settings(), name) == expected(c)

    return driver


def _list_item_prop(name: str, expected: Callable[[Live], Any]) -> Callable[[Live], Any]:
    def driver(c: Live) -> None:
        [item] = c.project.list_code_studios()
        assert getattr(item, name) == expected(c)

    return driver


def _template_item_prop(name: str) -> Callable[[Live], Any]:
    def driver(c: Live) -> None:
        c.template.build().wait_for_result()
        item = next(i for i in c.client.list_code_studio_templates() if i.id == c.template_id)
        value = getattr(item, name)
        expected = {"label": "Template " + c.key, "id": c.template_id, "build_for_configs": ["local"]}
        if name in expected:
            assert value == expected[name]
        else:
            assert value is not None
            assert value.year >= 2024

    return driver


DRIVERS: dict[str, Callable[[Live], Any]] = {
    "DSSClient.list_code_studio_templates": _templates,
    "DSSClient.get_code_studio_template": lambda c: c.client.get_code_studio_template(c.template_id).get_settings(),
    "DSSClient.create_code_studio_template": _create_template,
    "DSSClient.import_code_studio_template": _import,
    "DSSClient.list_futures": _list_futures,
    "DSSClient.list_running_scenarios": lambda c: ensure(c.client.list_running_scenarios(all_users=True) == []),
    "DSSClient.get_future": lambda c: ensure(c.client.get_future("Xb7KqLpD").job_id == "Xb7KqLpD"),
    "DSSClient.list_project_keys": lambda c: ensure(c.key in c.client.list_project_keys()),
    "DSSClient.list_projects": lambda c: ensure(
        next(p for p in c.client.list_projects(include_location=True) if p["projectKey"] == c.key)["projectLocation"]
        == "/"
    ),
    "DSSClient.get_project": lambda c: c.client.get_project(c.key).get_library(),
    "DSSClient.create_project": _create_project,
    "DSSProject.list_code_studios": lambda c: ensure(
        [s.id for s in c.project.list_code_studios(as_type="listitems")] == [c.studio_id]
        and isinstance(c.project.list_code_studios(as_type="objects")[0], DSSCodeStudioObject)
    ),
    "DSSProject.get_code_studio": lambda c: c.project.get_code_studio(c.studio_id).get_settings(),
    "DSSProject.create_code_studio": lambda c: ensure(
        len(c.project.create_code_studio("Second", "python-workspace").code_studio_id) == 7
    ),
    "DSSProject.get_library": lambda c: ensure(c.project.get_library().get_file("README.md").read() == "# readme\n"),
    "DSSProject.delete": _project_delete,
    "DSSCodeStudioObject.delete": _studio_delete,
    "DSSCodeStudioObject.get_settings": lambda c: ensure(c.studio.get_settings().get_raw()["libName"] == c.studio_id),
    "DSSCodeStudioObject.change_owner": _change_owner,
    **{
        f"DSSCodeStudioObjectListItem.{name}": _list_item_prop(name, expected)
        for name, expected in {
            "name": lambda c: "My studio",
            "id": lambda c: c.studio_id,
            "owner": lambda c: "admin",
            "template_id": lambda c: c.template_id,
            "template_label": lambda c: "Template " + c.key,
            "template_description": lambda c: "",
        }.items()
    },
    "DSSCodeStudioObjectListItem.to_code_studio": lambda c: ensure(
        isinstance(c.project.list_code_studios()[0].to_code_studio(), DSSCodeStudioObject)
    ),
    **{
        f"DSSCodeStudioObjectSettings.{name}": _settings_prop(name, expected)
        for name, expected in {
            "id": lambda c: c.studio_id,
            "name": lambda c: "My studio",
            "owner": lambda c: "admin",
            "template_id": lambda c: c.template_id,
            "lib_name": lambda c: c.studio_id,
        }.items()
    },
    "DSSCodeStudioObjectSettings.get_raw": lambda c: ensure(c.studio.get_settings().get_raw()["projectKey"] == c.key),
    **{
        f"DSSCodeStudioTemplateListItem.{name}": _template_item_prop(name)
        for name in ("label", "id", "build_for_configs", "last_built")
    },
    "DSSCodeStudioTemplateListItem.to_code_studio_template": lambda c: ensure(
        isinstance(c.client.list_code_studio_templates()[0].to_code_studio_template(), DSSCodeStudioTemplate)
    ),
    "DSSCodeStudioTemplate.get_settings": lambda c: ensure(c.template.get_settings().get_raw()["id"] == c.template_id),
    "DSSCodeStudioTemplate.build": _build,
    "DSSCodeStudioTemplate.get_export_stream": _export_stream,
    "DSSCodeStudioTemplate.export_to_file": _export_file,
    "DSSCodeStudioTemplate.delete": _template_delete,
    "DSSCodeStudioTemplateSettings.get_raw": lambda c: ensure(
        c.template.get_settings().get_raw()["label"] == "Template " + c.key
    ),
    "DSSCodeStudioTemplateSettings.get_built_for_all_container_confs": lambda c: ensure(
        c.template.get_settings().get_built_for_all_container_confs() is False
    ),
    "DSSCodeStudioTemplateSettings.get_built_container_confs": lambda c: ensure(
        c.template.get_settings().get_built_container_confs() == []
    ),
    "DSSCodeStudioTemplateSettings.set_built_container_confs": _set_confs_and_save,
    "DSSCodeStudioTemplateSettings.save": _save,
    "DSSFuture.abort": _abort,
    **{
        f"DSSFuture.{name}": _future_methods(name)
        for name in (
            "get_state",
            "peek_state",
            "get_result",
            "has_result",
            "wait_for_result",
            "get_result_wait_if_needed",
        )
    },
    "DSSFuture.from_resp": lambda c: ensure(
        DSSFuture.from_resp(c.client, {"hasResult": True, "result": {"x": 1}}).wait_for_result() == {"x": 1}
    ),
    "DSSLibrary.list": lambda c: ensure(sorted(i.name for i in c.library().list()) == ["README.md", "python"]),
    "DSSLibrary.get_file": _read,
    "DSSLibrary.get_folder": lambda c: ensure([i.name for i in _library_folder(c).list()] == ["compute_orders.py"]),
    "DSSLibrary.add_file": _add_file(lambda c: c.library(), "new_module.py"),
    "DSSLibrary.add_folder": lambda c: ensure(
        c.library().add_folder("notebooks") and c.server.instance.libraries.root(c.key).joinpath("notebooks").is_dir()
    ),
    "DSSLibraryItem.path": lambda c: ensure(_library_file(c).path == "/python/compute_orders.py"),
    "DSSLibraryItem.is_root": lambda c: ensure(
        (c.library().root.is_root(), _library_file(c).is_root()) == (True, False)
    ),
    "DSSLibraryItem.delete": _delete_item,
    "DSSLibraryItem.rename": _rename,
    "DSSLibraryItem.move_to": _move,
    "DSSLibraryFolder.get_child": lambda c: ensure(
        _library_folder(c).get_child("compute_orders.py").read() == "import dataiku\n"
    ),
    "DSSLibraryFolder.get_file": lambda c: ensure(
        _library_folder(c).get_file("compute_orders.py").read() == "import dataiku\n"
    ),
    "DSSLibraryFolder.get_folder": lambda c: ensure(c.library().root.get_folder("python").name == "python"),
    "DSSLibraryFolder.list": lambda c: ensure([i.name for i in _library_folder(c).list()] == ["compute_orders.py"]),
    "DSSLibraryFolder.add_file": _add_file(_library_folder, "python/new_module.py"),
    "DSSLibraryFolder.add_folder": lambda c: ensure(
        _library_folder(c).add_folder("sub folder")
        and c.server.instance.libraries.root(c.key).joinpath("python", "sub folder").is_dir()
    ),
    "DSSLibraryFile.read": _read,
    "DSSLibraryFile.write": _write,
}
for _sub in ("DSSLibraryFile", "DSSLibraryFolder"):
    for _name in ("path", "is_root", "delete", "rename", "move_to"):
        DRIVERS[f"{_sub}.{_name}"] = DRIVERS[f"DSSLibraryItem.{_name}"]

# -- the porting calls: project summary, metadata, settings, permissions; who am I; code envs -------


def _summary(c: Live) -> None:
    summary = c.project.get_summary()
    assert summary["projectKey"] == c.key
    assert summary["owner"] == "admin"
    assert summary["name"] == "Project " + c.key
    assert summary["versionTag"]["lastModifiedOn"] >= summary["creationTag"]["lastModifiedOn"]


def _metadata(c: Live) -> None:
    md = c.project.get_metadata()
    assert md["label"] == "Project " + c.key
    md["tags"] = ["tag1", "tag2"]
    md["custom"]["kv"]["team"] = "data"
    c.project.set_metadata(md)
    assert c.project.get_metadata() == md
    assert c.project.get_summary()["tags"] == ["tag1", "tag2"]


def _project_settings(c: Live) -> None:
    c.server.instance.code_envs.declare("admin", "PYTHON", "py-" + c.key.lower(), python="3.11")
    settings = c.project.get_settings()
    assert isinstance(settings, DSSProjectSettings)
    settings.set_python_code_env("py-" + c.key.lower())
    settings.set_r_code_env(None)
    settings.set_container_exec_config("k8s")
    settings.set_k8s_cluster("c1", "c2")
    settings.set_cluster(None)
    settings.add_exposed_object("DATASET", "orders", "OTHER")
    settings.save()
    raw = c.project.get_settings().get_raw()
    assert raw == settings.get_raw()
    assert raw["settings"]["codeEnvs"]["python"] == {
        "mode": "EXPLICIT_ENV",
        "useBuiltinEnv": False,
        "envName": "py-" + c.key.lower(),
    }
    assert raw["exposedObjects"]["objects"] == [
        {"type": "DATASET", "localName": "orders", "rules": [{"targetProject": "OTHER"}]}
    ]
    settings.set_python_code_env("not-declared")
    with pytest.raises(DataikuException, match="NotFoundException"):
        settings.save()


def _permissions(c: Live) -> None:
    login = "reader-" + c.key.lower()
    c.server.instance.users.add_user(login)
    perms = c.project.get_permissions()
    assert perms == {"owner": "admin", "permissions": []}
    perms["permissions"].append({"user": login, "readProjectContent": True, "readDashboards": True})
    c.project.set_permissions(perms)
    assert c.project.get_permissions() == perms


def _auth_info(c: Live) -> None:
    """Who am I, then change_owner to oneself: what porting code does with it."""
    login = "me-" + c.key.lower()
    key = c.server.instance.users.add_user(login, groups=("data_team",)).key
    project = c.client.get_project(c.key)
    perms = project.get_permissions()
    perms["permissions"].append({"user": login, "writeProjectContent": True})
    project.set_permissions(perms)
    mine = DSSClient(c.server.url, api_key=key)
    info = mine.get_auth_info()
    assert (info["authIdentifier"], info["associatedDSSUser"], info["groups"]) == (login, login, ["data_team"])
    assert "secrets" not in info
    assert mine.get_auth_info(with_secrets=True)["secrets"] == []
    # The admin hands the studio to the caller, who then reads it as its own.
    c.studio.change_owner(info.get("associatedDSSUser") or info["authIdentifier"])
    assert mine.get_project(c.key).get_code_studio(c.studio_id).get_settings().owner == login


def _code_envs(c: Live) -> None:
    name = "env-" + c.key.lower()
    c.server.instance.code_envs.declare("admin", "PYTHON", name, python="3.10", packages=["pandas"])
    listed = c.client.list_code_envs()
    assert {"envLang": "PYTHON", "envName": name} in [{k: e[k] for k in ("envLang", "envName")} for e in listed]
    handles = c.client.list_code_envs(as_objects=True)
    assert name in [h.env_name for h in handles if isinstance(h, DSSCodeEnv)]


def _code_env(c: Live) -> DSSCodeEnv:
    name = "env-" + c.key.lower()
    if not c.server.instance.code_envs.exists("PYTHON", name):
        c.server.instance.code_envs.declare("admin", "PYTHON", name, python="3.10", packages=["pandas"])
    return c.client.get_code_env("PYTHON", name)


def _code_env_definition(c: Live) -> None:
    definition = _code_env(c).get_definition()
    assert definition["desc"]["pythonInterpreter"] == "PYTHON310"
    definition["specPackageList"] = "pandas\nrequests"
    saved = _code_env(c).set_definition(definition)
    assert saved["specPackageList"] == "pandas\nrequests"


def _code_env_settings(c: Live) -> None:
    settings = _code_env(c).get_settings()
    assert isinstance(settings, DSSDesignCodeEnvSettings)
    assert (settings.env_lang, settings.env_name) == ("PYTHON", "env-" + c.key.lower())
    assert settings.get_required_packages(as_list=True) == ["pandas"]
    settings.set_required_packages("pandas", "scikit-learn")
    settings.set_built_container_confs("local")
    assert list(settings.get_built_container_confs()) == ["local"]
    settings.save()
    again = _code_env(c).get_settings()
    assert again.get_required_packages() == "pandas\nscikit-learn"
    assert again.get_raw()["containerConfs"] == ["local"]


DRIVERS.update(
    {
        "DSSProject.get_summary": _summary,
        "DSSProject.get_metadata": _metadata,
        "DSSProject.set_metadata": _metadata,
        "DSSProject.get_settings": _project_settings,
        **{
            f"DSSProjectSettings.{name}": _project_settings
            for name in (
                "get_raw",
                "save",
                "set_python_code_env",
                "set_r_code_env",
                "set_container_exec_config",
                "set_k8s_cluster",
                "set_cluster",
                "add_exposed_object",
            )
        },
        "DSSProject.get_permissions": _permissions,
        "DSSProject.set_permissions": _permissions,
        "DSSClient.get_auth_info": _auth_info,
        "DSSClient.list_code_envs": _code_envs,
        "DSSClient.get_code_env": _code_env_definition,
        "DSSCodeEnv.get_definition": _code_env_definition,
        "DSSCodeEnv.set_definition": _code_env_definition,
        "DSSCodeEnv.get_settings": _code_env_settings,
        **{
            f"DSSDesignCodeEnvSettings.{name}": _code_env_settings
            for name in (
                "get_raw",
                "save",
                "env_lang",
                "env_name",
                "get_required_packages",
                "set_required_packages",
                "get_built_container_confs",
                "set_built_container_confs",
            )
        },
    }
)

# -- running studios ---------------------------------------------------------------------------------


@contextmanager
def running_studio(c: Live) -> Iterator[DSSCodeStudioObject]:
    """A studio of the default template, started through the official client; stopped at the end."""
    c.client.get_code_studio_template("python-workspace").build().wait_for_result()
    studio = c.project.create_code_studio("Runs", "python-workspace")
    try:
        assert studio.restart().wait_for_result()["state"] == "RUNNING"
        yield studio
    finally:
        studio.stop().wait_for_result()


def zone_path(studio: DSSCodeStudioObject, kind: str) -> tuple[str, Path]:
    """(zone id, folder in the studio's workspace) of a zone of a running studio."""
    zone = next(z for z in studio.get_status().get_zones(as_type="objects") if z["zone"] == kind)
    return zone["id"], Path(zone["studioPath"])


def _restart(c: Live) -> None:
    with running_studio(c) as studio:
        first = studio.get_status()
        [exposed] = first.get_raw()["exposed"]
        # As code written for DSS does: the URL is relative to the host the client was given.
        url = f"{c.client.host}/{exposed['url']}"
        assert exposed["url"] == f"code-studios/{c.key}/{studio.code_studio_id}/8080/"
        key = (c.server.admin_key, "")
        assert httpx.get(url + "project-lib-versioned/README.md", auth=key).text == "# readme\n"
        result = studio.restart().wait_for_result()
        assert result["state"] == "RUNNING"
        second = studio.get_status()
        assert set(first.get_zones()).isdisjoint(second.get_zones())
        assert second.last_state_change > first.last_state_change


def _stop(c: Live) -> None:
    with running_studio(c) as studio:
        [exposed] = studio.get_status().get_raw()["exposed"]
        url, key = f"{c.client.host}/{exposed['url']}", (c.server.admin_key, "")
        assert httpx.get(url, auth=key).status_code == 200
        result = studio.stop().wait_for_result()
        assert result["state"] == "STOPPED"
        assert httpx.get(url, auth=key).status_code == 404
        again = studio.stop()  # already stopped: a completed future, no job id
        assert again.job_id is None
        assert again.wait_for_result()["state"] == "STOPPED"


def _status_prop(check: Callable[[DSSCodeStudioObjectStatus], object]) -> Callable[[Live], None]:
    def driver(c: Live) -> None:
        stopped = c.studio.get_status()
        assert stopped.get_zones() == []
        assert stopped.last_state_change is None  # never started
        with running_studio(c) as studio:
            assert check(studio.get_status())

    return driver


def _conflicting(c: Live, studio: DSSCodeStudioObject) -> str:
    """Make python/compute_orders.py change on both sides; return the library zone's id."""
    zone, folder = zone_path(studio, "project_lib_versioned")
    (folder / "python" / "compute_orders.py").write_text("import dataiku  # edited in the studio\n")
    c.library().get_file("python/compute_orders.py").write("import dataiku  # edited in DSS\n")
    return zone


def _conflicts_prop(check: Callable[[DSSCodeStudioObjectConflicts], object]) -> Callable[[Live], None]:
    def driver(c: Live) -> None:
        with running_studio(c) as studio:
            conflicts = studio.check_conflicts(_conflicting(c, studio))
            assert isinstance(conflicts, DSSCodeStudioObjectConflicts)
            assert check(conflicts)
            unknown = studio.check_conflicts("no-such-zone")
            assert unknown.is_error is True
            assert unknown.added == unknown.modified == unknown.deleted == unknown.authors == []

    return driver


def _check_conflicts(c: Live) -> None:
    with running_studio(c) as studio:
        zone = _conflicting(c, studio)
        conflicts = studio.check_conflicts(zone)
        assert (conflicts.added, conflicts.modified, conflicts.deleted) == ([], ["python/compute_orders.py"], [])
        assert conflicts.authors == ["admin"]
        # Pulling refuses the conflict, names it, and copies nothing.
        with pytest.raises(DataikuException, match=r"python/compute_orders\.py"):
            studio.pull_from_code_studio(zone)
        assert c.library().get_file("python/compute_orders.py").read() == "import dataiku  # edited in DSS\n"


def _pull(c: Live) -> None:
    with running_studio(c) as studio:
        zone, folder = zone_path(studio, "project_lib_versioned")
        (folder / "python" / "from_studio.py").write_text("print('pulled')\n")
        (folder / "README.md").unlink()
        assert studio.pull_from_code_studio(zone) is None
        assert c.library().get_file("python/from_studio.py").read() == "print('pulled')\n"
        assert c.library().get_file("README.md") is None
        changes = _changes(c)[-2:]
        assert sorted(changes) == [("README.md", "delete", "admin"), ("python/from_studio.py", "write", "admin")]


def _push(c: Live) -> None:
    with running_studio(c) as studio:
        zone, folder = zone_path(studio, "project_lib_versioned")
        assert studio.push_to_code_studio(zone)["count"] == 0  # nothing changed since the start
        c.library().get_folder("python").add_file("from_dss.py").write("print('pushed')\n")
        pushed = studio.push_to_code_studio(zone)
        assert (pushed["count"], pushed["size"]) == (1, len("print('pushed')\n"))
        assert (folder / "python" / "from_dss.py").read_text() == "print('pushed')\n"


RUNTIME_DRIVERS: dict[str, Callable[[Live], Any]] = {
    "DSSCodeStudioObject.restart": _restart,
    "DSSCodeStudioObject.stop": _stop,
    "DSSCodeStudioObject.get_status": _status_prop(lambda s: s.state == "RUNNING"),
    "DSSCodeStudioObject.check_conflicts": _check_conflicts,
    "DSSCodeStudioObject.pull_from_code_studio": _pull,
    "DSSCodeStudioObject.push_to_code_studio": _push,
    "DSSCodeStudioObjectStatus.get_raw": _status_prop(lambda s: s.get_raw()["exposed"][0]["exposedPort"] == 8080),
    "DSSCodeStudioObjectStatus.state": _status_prop(lambda s: s.state == "RUNNING"),
    "DSSCodeStudioObjectStatus.last_state_change": _status_prop(lambda s: s.last_state_change.year >= 2024),
    "DSSCodeStudioObjectStatus.get_zones": _status_prop(
        lambda s: len(s.get_zones()) == 7 and s.get_zones("objects")[0]["id"] == s.get_zones("names")[0]
    ),
    "DSSCodeStudioObjectConflicts.get_raw": _conflicts_prop(lambda c: next(iter(c.get_raw().values()))["count"] == 1),
    "DSSCodeStudioObjectConflicts.is_error": _conflicts_prop(lambda c: c.is_error is False),
    "DSSCodeStudioObjectConflicts.authors": _conflicts_prop(lambda c: c.authors == ["admin"]),
    "DSSCodeStudioObjectConflicts.added": _conflicts_prop(lambda c: c.added == []),
    "DSSCodeStudioObjectConflicts.modified": _conflicts_prop(lambda c: c.modified == ["python/compute_orders.py"]),
    "DSSCodeStudioObjectConflicts.deleted": _conflicts_prop(lambda c: c.deleted == []),
}
DRIVERS.update(RUNTIME_DRIVERS)


def test_every_method_is_driven() -> None:
    methods = public_methods() - EXCLUDED.keys()
    assert methods - DRIVERS.keys() == set()
    assert DRIVERS.keys() - methods == set()


@pytest.mark.parametrize("name", sorted(DRIVERS))
def test_official_client_method_works(name: str, live: Live) -> None:
    DRIVERS[name](live)


def documented_example(code_studio: DSSCodeStudioObject) -> bool:
    """The client's own example (`check_conflicts` docstring), verbatim but for returning whether it stopped."""
    # stop a code studio if there's no conflict in any zone
    status = code_studio.get_status()
    conflict_count = 0
    for zone in status.get_zones(as_type="names"):
        conflicts = code_studio.check_conflicts(zone)
        conflict_count += len(conflicts.added)
        conflict_count += len(conflicts.modified)
        conflict_count += len(conflicts.deleted)
    if conflict_count == 0:
        code_studio.stop().wait_for_result()
        return True
    return False


def test_the_documented_example_stops_only_a_studio_without_conflicts(live: Live) -> None:
    with running_studio(live) as studio:
        zone = _conflicting(live, studio)
        assert documented_example(studio) is False
        assert studio.get_status().state == "RUNNING"
        # The official client cannot force a pull: the reference server's `force=true` resolves it.
        forced = httpx.get(
            f"{live.server.api_url}/projects/{live.key}/code-studios/{studio.code_studio_id}/pull/{zone}",
            params={"force": "true"},
            auth=(live.server.admin_key, ""),
        )
        assert forced.json()[zone]["modified"] == ["python/compute_orders.py"]
        assert documented_example(studio) is True
        assert studio.get_status().state == "STOPPED"
    assert live.library().get_file("python/compute_orders.py").read() == "import dataiku  # edited in the studio\n"


def test_list_item_of_a_studio_whose_template_is_gone(live: Live) -> None:
    live.template.delete()
    [item] = live.project.list_code_studios()
    assert item.template_label == live.template_id
    assert isinstance(item, DSSCodeStudioObjectListItem)
    assert isinstance(live.client.list_code_studio_templates()[0], DSSCodeStudioTemplateListItem)
