"""The calls a user porting code-studio automation from dataikuapi makes next, on the wire.

A project's summary, metadata, settings and permissions; who the key is (`/auth/info`); the code
envs an administrator declared. Each with DSS's permission model: who may read and write what,
an attacker with an API key of their own included, and bad input answered with the DSS error
object, never a 500. Responses are validated against the spec (the `server` fixture).
"""

from __future__ import annotations

import json

import pytest

from tests.server.test_builds_and_futures import add_blocks
from tests.server.test_templates import make_zip
from tests.support.api import assert_dss_error, wait_for_future
from tests.support.servers import InProcessServer

pytestmark = pytest.mark.anyio
FORBIDDEN = "com.dataiku.dip.exceptions.UnauthorizedException"
NOT_FOUND = "com.dataiku.dip.server.controllers.NotFoundException"
BAD_REQUEST = "java.lang.IllegalArgumentException"


@pytest.fixture
async def people(server: InProcessServer) -> dict[str, str]:
    """A project owned by `owner`, with a reader (by group), a writer, a project admin, and an outsider."""
    keys = {
        "owner": server.add_user("owner", may_create_projects=True),
        "reader": server.add_user("reader", groups=("readers",)),
        "writer": server.add_user("writer"),
        "padmin": server.add_user("padmin"),
        "outsider": server.add_user("outsider", may_create_projects=True),
        "admin": server.admin_key,
    }
    permissions = [
        {"group": "readers", "readProjectContent": True},
        {"user": "writer", "writeProjectContent": True},
        {"user": "padmin", "admin": True},
    ]
    async with server.http(keys["owner"]) as http:
        body = {"projectKey": "PROJ", "name": "Proj", "owner": "owner", "permissions": permissions}
        assert (await http.post("/projects/", json=body)).status_code == 200
    return keys


async def test_summary_and_metadata_round_trip(server: InProcessServer, people: dict[str, str]) -> None:
    async with server.http(people["writer"]) as http:
        summary = (await http.get("/projects/PROJ")).json()
        assert summary["projectKey"] == "PROJ"
        assert summary["owner"] == "owner"
        assert summary["name"] == "Proj"
        assert summary["projectStatus"] == "Sandbox"
        assert summary["versionTag"]["versionNumber"] == 0
        metadata = (await http.get("/projects/PROJ/metadata")).json()
        assert metadata == {"label": "Proj", "tags": [], "custom": {"kv": {}}, "checklists": {"checklists": []}}
        metadata.update(
            label="Renamed", tags=["a", "b"], description="long", shortDesc="short", custom={"kv": {"k": "v"}}
        )
        metadata["unknownField"] = {"kept": True}
        assert (await http.put("/projects/PROJ/metadata", json=metadata)).status_code == 204
        assert (await http.get("/projects/PROJ/metadata")).json() == metadata
        summary = (await http.get("/projects/PROJ")).json()
        assert summary["name"] == "Renamed"
        assert summary["tags"] == ["a", "b"]
        assert summary["shortDesc"] == "short"
        assert summary["versionTag"]["versionNumber"] == 1
        assert summary["versionTag"]["lastModifiedBy"] == {"login": "writer"}
        listed = (await http.get("/projects/")).json()
        assert [p["name"] for p in listed if p["projectKey"] == "PROJ"] == ["Renamed"]


async def test_settings_have_dss_defaults_and_round_trip(server: InProcessServer, people: dict[str, str]) -> None:
    server.instance.code_envs.declare("admin", "PYTHON", "py311", python="3.11")
    async with server.http(people["owner"]) as http:
        settings = (await http.get("/projects/PROJ/settings")).json()
        # What dataikuapi's DSSProjectSettings helpers index with [] is there.
        assert settings["settings"]["codeEnvs"]["python"]["mode"] == "USE_BUILTIN_MODE"
        assert {"container", "k8sCluster", "cluster"} <= set(settings["settings"])
        assert settings["exposedObjects"] == {"objects": []}
        settings["settings"]["codeEnvs"]["python"] = {
            "useBuiltinEnv": False,
            "envName": "py311",
            "mode": "EXPLICIT_ENV",
        }
        settings["settings"]["k8sCluster"] = {
            "clusterMode": "EXPLICIT_CLUSTER",
            "clusterId": "c",
            "defaultClusterId": None,
        }
        assert (await http.put("/projects/PROJ/settings", json=settings)).status_code == 204
        assert (await http.get("/projects/PROJ/settings")).json() == settings
        settings["settings"]["codeEnvs"]["r"] = {"useBuiltinEnv": False, "envName": "nope", "mode": "EXPLICIT_ENV"}
        body = assert_dss_error(await http.put("/projects/PROJ/settings", json=settings), 404, NOT_FOUND)
        assert "R nope" in body["message"]
        assert "add-code-env" in body["message"]


async def test_permissions_round_trip_and_take_effect(server: InProcessServer, people: dict[str, str]) -> None:
    async with server.http(people["owner"]) as http:
        perms = (await http.get("/projects/PROJ/permissions")).json()
        assert perms["owner"] == "owner"
        assert {"user": "writer", "writeProjectContent": True} in perms["permissions"]
        perms["permissions"].append({"user": "outsider", "readProjectContent": True, "readDashboards": True})
        assert (await http.put("/projects/PROJ/permissions", json=perms)).status_code == 204
        assert (await http.get("/projects/PROJ/permissions")).json() == perms
    async with server.http(people["outsider"]) as http:
        assert (await http.get("/projects/PROJ")).status_code == 200
        assert "PROJ" in [p["projectKey"] for p in (await http.get("/projects/")).json()]
        assert_dss_error(await http.put("/projects/PROJ/metadata", json={"label": "x"}), 403, FORBIDDEN)
    async with server.http(people["owner"]) as http:
        perms["permissions"] = [p for p in perms["permissions"] if p.get("user") != "outsider"]
        assert (await http.put("/projects/PROJ/permissions", json=perms)).status_code == 204
    async with server.http(people["outsider"]) as http:
        assert_dss_error(await http.get("/projects/PROJ"), 403, FORBIDDEN)


READERS = {"admin", "owner", "padmin", "writer", "reader"}
# Who may make which call: (method, path, body, the callers that get a success).
CALLS = [
    ("GET", "/projects/PROJ", None, READERS),
    ("GET", "/projects/PROJ/metadata", None, READERS),
    ("PUT", "/projects/PROJ/metadata", {"label": "Proj"}, {"admin", "owner", "padmin", "writer"}),
    ("GET", "/projects/PROJ/settings", None, READERS),
    ("PUT", "/projects/PROJ/settings", {"settings": {}}, {"admin", "owner", "padmin"}),
    ("GET", "/projects/PROJ/permissions", None, {"admin", "owner", "padmin"}),
    (
        "PUT",
        "/projects/PROJ/permissions",
        {"permissions": [{"user": "padmin", "admin": True}]},
        {"admin", "owner", "padmin"},
    ),
]


@pytest.mark.parametrize(("method", "path", "body", "allowed"), CALLS)
async def test_who_may_make_each_call(
    server: InProcessServer,
    people: dict[str, str],
    method: str,
    path: str,
    body: dict | None,
    allowed: set[str],
) -> None:
    # The permission items are put last: a success there takes everyone's grants away.
    for who in sorted(people, key=lambda w: w in allowed):
        async with server.http(people[who]) as http:
            response = await http.request(method, path, json=body)
        if who in allowed:
            assert response.status_code in (200, 204), (who, response.text)
        else:
            assert_dss_error(response, 403, FORBIDDEN)


async def test_an_attacker_cannot_probe_take_or_open_up_a_project(
    server: InProcessServer, people: dict[str, str]
) -> None:
    """An outsider with a key of their own: a missing and an existing project look the same, every write is refused."""
    async with server.http(people["outsider"]) as http:
        for path in ("/projects/PROJ", "/projects/NOSUCH", "/projects/NOSUCH/permissions"):
            assert_dss_error(await http.get(path), 403, FORBIDDEN)
        grab = {"owner": "outsider", "permissions": [{"user": "outsider", "admin": True}]}
        assert_dss_error(await http.put("/projects/PROJ/permissions", json=grab), 403, FORBIDDEN)
        # Refused before the body is read: a huge body costs nothing.
        huge = b'{"label": "' + b"x" * (8 << 20) + b'"}'
        assert_dss_error(await http.put("/projects/PROJ/metadata", content=huge), 403, FORBIDDEN)
    async with server.http(people["writer"]) as http:
        # Writing the content does not give the right to grant oneself more.
        assert_dss_error(await http.put("/projects/PROJ/permissions", json=grab), 403, FORBIDDEN)
        assert_dss_error(await http.put("/projects/PROJ/settings", json={"settings": {}}), 403, FORBIDDEN)
    async with server.http(people["padmin"]) as http:
        # A project administrator manages the items but may not take the project.
        take = {"owner": "padmin", "permissions": [{"user": "padmin", "admin": True}]}
        body = assert_dss_error(await http.put("/projects/PROJ/permissions", json=take), 403, FORBIDDEN)
        assert "owner" in body["message"]
    async with server.http() as http:
        assert (await http.get("/projects/PROJ/permissions")).json()["owner"] == "owner"


async def test_the_owner_hands_the_project_over(server: InProcessServer, people: dict[str, str]) -> None:
    async with server.http(people["owner"]) as http:
        body = assert_dss_error(
            await http.put("/projects/PROJ/permissions", json={"owner": "ghost", "permissions": []}), 404, NOT_FOUND
        )
        assert "ghost" in body["message"]
        assert (
            await http.put("/projects/PROJ/permissions", json={"owner": "writer", "permissions": []})
        ).status_code == 204
        # No longer the owner, and granted nothing: the project is gone from their view.
        assert_dss_error(await http.get("/projects/PROJ"), 403, FORBIDDEN)
    async with server.http(people["writer"]) as http:
        assert (await http.get("/projects/PROJ")).json()["owner"] == "writer"
        assert (await http.get("/projects/PROJ/permissions")).json() == {"owner": "writer", "permissions": []}


@pytest.mark.parametrize(
    ("method", "path", "body"),
    [
        ("PUT", "/projects/PROJ/metadata", {"label": ""}),
        ("PUT", "/projects/PROJ/metadata", {"label": "   "}),
        ("PUT", "/projects/PROJ/metadata", {"tags": "not a list"}),
        ("PUT", "/projects/PROJ/metadata", {"tags": [1]}),
        ("PUT", "/projects/PROJ/metadata", {"description": 3}),
        ("PUT", "/projects/PROJ/metadata", ["not", "an", "object"]),
        ("PUT", "/projects/PROJ/settings", {"settings": {"codeEnvs": {"python": {"mode": "EXPLICIT_ENV"}}}}),
        ("PUT", "/projects/PROJ/settings", {"settings": "nope"}),
        ("PUT", "/projects/PROJ/permissions", {"permissions": [{"readProjectContent": True}]}),
        ("PUT", "/projects/PROJ/permissions", {"permissions": [{"group": "", "admin": True}]}),
        ("PUT", "/projects/PROJ/permissions", {"permissions": [{"group": 3}]}),
        ("PUT", "/projects/PROJ/permissions", {"permissions": "all"}),
        ("PUT", "/projects/PROJ/permissions", {"owner": 7}),
        ("GET", "/projects/bad-key!/metadata", None),
        ("GET", "/admin/code-envs/JAVA/x", None),
        ("GET", "/admin/code-envs/PYTHON/a%20b", None),
        ("GET", "/auth/info?withSecrets=maybe", None),
    ],
)
async def test_bad_input_is_a_dss_400(
    server: InProcessServer, people: dict[str, str], method: str, path: str, body: object
) -> None:
    async with server.http(people["owner"]) as http:
        assert_dss_error(await http.request(method, path, json=body), 400)
        assert_dss_error(await http.request(method, path, content=b"{not json" if body is not None else None), 400)


async def test_unknown_user_in_permissions_and_missing_project(server: InProcessServer, people: dict[str, str]) -> None:
    async with server.http(people["owner"]) as http:
        body = {"permissions": [{"user": "ghost", "readProjectContent": True}]}
        assert_dss_error(await http.put("/projects/PROJ/permissions", json=body), 404, NOT_FOUND)
    async with server.http() as http:
        for path in ("/projects/NOSUCH", "/projects/NOSUCH/metadata", "/projects/NOSUCH/settings"):
            assert_dss_error(await http.get(path), 404, NOT_FOUND)
        assert_dss_error(await http.put("/projects/NOSUCH/permissions", json={"permissions": []}), 404, NOT_FOUND)


async def test_auth_info_says_who_the_key_is(server: InProcessServer, people: dict[str, str]) -> None:
    async with server.http(people["reader"]) as http:
        info = (await http.get("/auth/info")).json()
        assert info == {
            "authIdentifier": "reader",
            "associatedDSSUser": "reader",
            "authSource": "PERSONAL_API_KEY",
            "groups": ["readers"],
        }
        assert (await http.get("/auth/info", params={"withSecrets": "True"})).json()["secrets"] == []
    async with server.http("dkuaps-not-a-key") as http:
        assert_dss_error(await http.get("/auth/info"), 401)


async def test_code_envs_are_declared_listed_read_and_saved(server: InProcessServer, people: dict[str, str]) -> None:
    envs = server.instance.code_envs
    envs.declare("admin", "PYTHON", "py311", python="3.11", description="data science", packages=["pandas"])
    envs.declare("admin", "R", "r-base")
    async with server.http(people["outsider"]) as http:
        listed = (await http.get("/admin/code-envs/")).json()
        assert [(e["envLang"], e["envName"]) for e in listed] == [("PYTHON", "py311"), ("R", "r-base")]
        assert listed[0]["pythonInterpreter"] == "PYTHON311"
        assert listed[0]["owner"] == "admin"
        definition = (await http.get("/admin/code-envs/PYTHON/py311")).json()
        assert definition["desc"]["pythonInterpreter"] == "PYTHON311"
        assert definition["specPackageList"] == "pandas"
        assert_dss_error(await http.get("/admin/code-envs/PYTHON/nope"), 404, NOT_FOUND)
        # Only administrators save one, refused before the body is read.
        assert_dss_error(await http.put("/admin/code-envs/PYTHON/py311", json=definition), 403, FORBIDDEN)
    async with server.http() as http:
        edited = {**definition, "specPackageList": "pandas\nrequests", "envName": "renamed", "owner": "mallory"}
        saved = (await http.put("/admin/code-envs/PYTHON/py311", json=edited)).json()
        assert saved["specPackageList"] == "pandas\nrequests"
        assert saved["envName"] == "py311"
        assert saved["owner"] == "admin"
        assert (await http.get("/admin/code-envs/PYTHON/py311")).json() == saved
        assert_dss_error(await http.put("/admin/code-envs/R/nope", json={}), 404, NOT_FOUND)


async def test_a_build_naming_an_undeclared_code_env_fails_clearly(server: InProcessServer) -> None:
    async with server.http() as http:
        await add_blocks(http, "python-workspace", {"type": "add_codeenv", "params": {"envName": "py311"}})
        state = await wait_for_future(http, (await http.post("/admin/code-studios/python-workspace/build")).json())
        messages = state["result"]["messages"]
        assert messages["error"] is True
        unknown = [m for m in messages["messages"] if m.get("code") == "BUILD_CODEENV_UNKNOWN"]
        assert len(unknown) == 1
        assert "py311 (PYTHON) does not exist" in unknown[0]["message"]
        assert "add-code-env py311" in unknown[0]["message"]
        server.instance.code_envs.declare("admin", "PYTHON", "py311")
        state = await wait_for_future(http, (await http.post("/admin/code-studios/python-workspace/build")).json())
        assert state["result"]["messages"]["error"] is False


def test_declaring_code_envs_checks_names(server: InProcessServer) -> None:
    from dss_codestudio_server.domain.errors import Conflict, InvalidRequest, NotFound

    envs = server.instance.code_envs
    envs.declare("admin", "python", "ok-1.0")
    assert envs.exists("PYTHON", "ok-1.0")
    for bad in ("", "../x", "a/b", "-lead", "x" * 101, "sp ace"):
        with pytest.raises(InvalidRequest):
            envs.declare("admin", "PYTHON", bad)
    with pytest.raises(InvalidRequest):
        envs.declare("admin", "JAVA", "x")
    with pytest.raises(InvalidRequest):
        envs.declare("admin", "PYTHON", "y", python="three")
    with pytest.raises(InvalidRequest):
        envs.declare("admin", "R", "y", python="3.11")
    with pytest.raises(Conflict):
        envs.declare("admin", "PYTHON", "ok-1.0")
    envs.remove("PYTHON", "ok-1.0")
    with pytest.raises(NotFound):
        envs.remove("PYTHON", "ok-1.0")


async def test_an_import_says_which_code_envs_the_instance_lacks(server: InProcessServer) -> None:
    server.instance.code_envs.declare("admin", "PYTHON", "py311")
    blocks = [
        {"type": "add_codeenv", "params": {"envName": "old", "envLang": "PYTHON"}},
        {"type": "add_codeenv", "params": {"envName": "other"}},
    ]
    archive = make_zip(
        {"template.json": json.dumps({"type": "block_based", "label": "T", "params": {"blocks": blocks}})}
    )
    remap = {"codeEnvRemapping": [{"source": {"envName": "old"}, "target": {"envLang": "PYTHON", "envName": "py311"}}]}
    async with server.http() as http:
        response = await http.post(
            "/admin/code-studios/import", params={"importSpec": json.dumps(remap)}, files={"file": ("t.zip", archive)}
        )
        assert response.status_code == 200, response.text
        messages = response.json()["messages"]
        unknown = [m["message"] for m in messages["messages"] if m.get("code") == "TEMPLATE_CODEENV_UNKNOWN"]
        assert len(unknown) == 1
        assert unknown[0].startswith("Code env other (PYTHON) does not exist")
        assert messages["warning"] is True
        assert messages["error"] is False
        state = await wait_for_future(
            http, (await http.post(f"/admin/code-studios/{response.json()['id']}/build")).json()
        )
        failed = [m for m in state["result"]["messages"]["messages"] if m.get("code") == "BUILD_CODEENV_UNKNOWN"]
        assert [m["message"].split(" (")[0] for m in failed] == ["Code environment other"]
