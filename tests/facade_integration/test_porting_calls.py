"""The porting calls through the facade, sync and async, against the reference server.

A project's summary, metadata, settings (with dataikuapi's helpers) and permissions; who the key
is; the code envs an administrator declared. Typed views, and typed errors for what the caller may
not do.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

import dss_codestudio as dss
import pytest

from tests.support.api import unique
from tests.support.facade_clients import resolve
from tests.support.live_facade import Live

pytestmark = pytest.mark.anyio


async def test_summary_and_metadata(live: Live, client: Any) -> None:
    project = await live.new_project()
    summary = await resolve(project.get_summary())
    assert isinstance(summary, dss.DSSProjectSummary)
    assert summary.project_key == project.project_key
    assert summary["projectKey"] == project.project_key  # as dataikuapi's dict
    assert summary.owner == "admin"
    assert summary.project_status == "Sandbox"
    assert isinstance(summary.created_on, datetime)
    md = await resolve(project.get_metadata())
    md["tags"] = ["tag1"]
    md["label"] = "Renamed ✓"
    md["custom"]["kv"]["team"] = "data"
    await resolve(project.set_metadata(md))
    assert await resolve(project.get_metadata()) == md
    summary = await resolve(project.get_summary())
    assert (summary.name, summary.tags, summary.last_modified_by) == ("Renamed ✓", ["tag1"], "admin")
    assert summary.last_modified_on is not None
    assert summary.created_on is not None
    assert summary.last_modified_on >= summary.created_on
    with pytest.raises(dss.BadRequestError):
        await resolve(project.set_metadata({"label": " "}))


async def test_settings_helpers_and_save(live: Live, client: Any) -> None:
    env = unique("py").lower()
    live.server.instance.code_envs.declare("admin", "PYTHON", env, python="3.11")
    project = await live.new_project()
    settings = await resolve(project.get_settings())
    expected = dss.AsyncDSSProjectSettings if live.kind == "async" else dss.DSSProjectSettings
    assert isinstance(settings, expected)
    settings.get_raw()["somethingNew"] = {"kept": True}
    settings.set_python_code_env(env)
    settings.set_container_exec_config("k8s")
    settings.set_k8s_cluster("c1", "c2")
    settings.add_exposed_object("DATASET", "orders", "OTHER")
    settings.add_exposed_object("DATASET", "orders", "OTHER")  # no change the second time
    await resolve(settings.save())
    raw = (await resolve(project.get_settings())).get_raw()
    assert raw == settings.get_raw()
    assert raw["somethingNew"] == {"kept": True}
    assert raw["settings"]["codeEnvs"]["python"]["envName"] == env
    assert raw["settings"]["k8sCluster"] == {
        "clusterMode": "EXPLICIT_CLUSTER",
        "clusterId": "c1",
        "defaultClusterId": "c2",
    }
    assert raw["exposedObjects"]["objects"] == [
        {"type": "DATASET", "localName": "orders", "rules": [{"targetProject": "OTHER"}]}
    ]
    model = settings.to_model()
    assert model.settings.code_envs.python.mode == "EXPLICIT_ENV"
    settings.set_python_code_env(None)
    assert settings.get_raw()["settings"]["codeEnvs"]["python"]["useBuiltinEnv"] is True
    settings.set_python_code_env("nowhere")
    with pytest.raises(dss.NotFoundError, match="add-code-env"):
        await resolve(settings.save())


async def test_permissions_and_who_may_change_them(live: Live, client: Any) -> None:
    project = await live.new_project()
    login, key = live.add_user("member")
    perms = await resolve(project.get_permissions())
    assert perms == {"owner": "admin", "permissions": []}
    perms["permissions"].append({"user": login, "writeProjectContent": True})
    await resolve(project.set_permissions(perms))
    assert await resolve(project.get_permissions()) == perms
    member = live.client(key).get_project(project.project_key)
    assert (await resolve(member.get_summary())).project_key == project.project_key
    await resolve(member.set_metadata({"label": "by the member"}))
    with pytest.raises(dss.PermissionDeniedError):
        await resolve(member.get_permissions())
    with pytest.raises(dss.PermissionDeniedError):
        await resolve(member.set_permissions({"owner": login, "permissions": []}))
    with pytest.raises(dss.PermissionDeniedError):
        await resolve((await resolve(member.get_settings())).save())
    _, outsider = live.add_user("outsider")
    with pytest.raises(dss.PermissionDeniedError):
        await resolve(live.client(outsider).get_project(project.project_key).get_summary())


async def test_who_am_i_then_take_a_studio(live: Live, client: Any) -> None:
    login, key = live.add_user("me", groups=("data_team",))
    mine = live.client(key)
    info = await resolve(mine.get_auth_info())
    assert isinstance(info, dss.DSSAuthInfo)
    assert (info.auth_identifier, info.login, info.groups, info.auth_source) == (
        login,
        login,
        ["data_team"],
        "PERSONAL_API_KEY",
    )
    assert info["authIdentifier"] == login
    assert info.secrets == {}
    assert "secrets" in (await resolve(mine.get_auth_info(with_secrets=True))).get_raw()
    project = await live.new_project(permissions=[{"user": login, "writeProjectContent": True}])
    template = await live.new_template()
    studio = await resolve(project.create_code_studio("handed over", template.template_id))
    await resolve(studio.change_owner(info.login))
    taken = mine.get_project(project.project_key).get_code_studio(studio.code_studio_id)
    assert (await resolve(taken.get_settings())).owner == login


async def test_code_envs(live: Live, client: Any) -> None:
    name = unique("env-").lower()
    live.server.instance.code_envs.declare("admin", "PYTHON", name, python="3.12", packages=["pandas"])
    _, key = live.add_user("user")
    user = live.client(key)
    items = await resolve(user.list_code_envs())
    [item] = [i for i in items if i.env_name == name]
    assert (item.env_lang, item.python_interpreter, item["envName"]) == ("PYTHON", "PYTHON312", name)
    handles = await resolve(user.list_code_envs(as_objects=True))
    assert name in [h.env_name for h in handles]
    env = item.to_code_env()
    assert (await resolve(env.get_definition()))["specPackageList"] == "pandas"
    settings = await resolve(client.get_code_env("python", name).get_settings())
    assert settings.python_interpreter == "PYTHON312"
    assert settings.get_required_packages(as_list=True) == ["pandas"]
    settings.set_required_packages("pandas", "requests")
    await resolve(settings.save())
    assert (await resolve(env.get_settings())).get_required_packages() == "pandas\nrequests"
    with pytest.raises(dss.PermissionDeniedError):
        await resolve((await resolve(env.get_settings())).save())
    with pytest.raises(dss.NotFoundError):
        await resolve(user.get_code_env("R", name).get_definition())
    with pytest.raises(ValueError, match="PYTHON or R"):
        user.get_code_env("JAVA", name)


async def test_settings_helpers_change_what_dataikuapis_change(live: Live, client: Any) -> None:
    """The same helper calls through dataikuapi 15.2.0 and the facade leave the same settings."""
    import dataikuapi

    project = await live.new_project()
    official = dataikuapi.DSSClient(live.server.url, api_key=live.server.admin_key)
    theirs = official.get_project(project.project_key).get_settings()
    ours = await resolve(project.get_settings())
    assert ours.get_raw() == theirs.get_raw()
    for settings in (theirs, ours):
        settings.set_python_code_env("x")
        settings.set_python_code_env(None)
        settings.set_r_code_env("r")
        settings.set_container_exec_config("k8s")
        settings.set_container_exec_config(None)
        settings.set_k8s_cluster("c1", "c2")
        settings.set_cluster("h")
        settings.set_cluster(None)
        settings.add_exposed_object("DATASET", "a", "B")
        settings.add_exposed_object("DATASET", "a", "C")
        settings.add_exposed_object("DATASET", "a", "B")
        settings.add_exposed_object("MANAGED_FOLDER", "f", "B")
    assert ours.get_raw() == theirs.get_raw()
