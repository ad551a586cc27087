"""Access control as a matrix: every operation of openapi.yaml against every kind of caller.

Principals, in the order of the matrix's columns:

- three that are not authenticated: no Authorization header, a malformed one, an unknown key (401);
- `outsider`: a valid key whose user has no right on the project;
- `reader`: may read the project (a read flag given to one of its groups);
- `owner`: may write the project's content (a user permission) and owns the code studios and futures
  the requests name;
- `padmin`: a project administrator (the `admin` flag given to one of its groups), not the studio's owner;
- `admin`: an instance administrator.

Each row gives the status every authenticated principal must get. The rules are the spec's (each
operation's description and the `ProjectKey` parameter) and the server's (domain/permissions.py):
templates are for instance administrators; project readers read, writers write, project
administrators delete the project; the owner, a project administrator or an instance administrator
starts, stops and deletes a studio; only the owner synchronises it; the owner or an instance
administrator gives it away; a future is its owner's and the instance administrators'.

Hiding: a denial must not tell whether the object exists. A caller who may not read a project gets
403 for a project that does not exist too; a caller who may not see a future gets 404 as for one that
never existed; a non-administrator gets 403 for any template id. Instance administrators get 404 for
what does not exist.

Requests that change or delete something get a fresh target each (a new project, studio, template,
library file or future), so every cell of the matrix is independent of the others.
"""

from __future__ import annotations

import io
import itertools
import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

import httpx
import pytest
from dss_codestudio_server.domain.jobs import JobContext
from dss_codestudio_server.domain.users import Principal
from dss_codestudio_server.embedded import EmbeddedServer

from tests.support.api import basic, unique
from tests.support.openapi_spec import Operation, operations
from tests.support.waiting import wait_until

PRINCIPALS = ("outsider", "reader", "owner", "padmin", "admin")
UNAUTHENTICATED = {
    "no key": {},
    "malformed header": {"Authorization": "Basic %%%not-base64"},
    "unknown key": {"Authorization": "Bearer dkuaps-0000000000000000000000000000unknown"},
}
NOT_AUTHENTICATED = "com.dataiku.dip.exceptions.NotAuthenticatedException"
FORBIDDEN = "com.dataiku.dip.exceptions.UnauthorizedException"
NOT_FOUND = "com.dataiku.dip.server.controllers.NotFoundException"

# operationId -> the status of outsider, reader, owner, padmin, admin.
MATRIX: dict[str, str] = {
    # Templates: instance administrators only.
    "listCodeStudioTemplates": "403 403 403 403 200",
    "createCodeStudioTemplate": "403 403 403 403 200",
    "importCodeStudioTemplate": "403 403 403 403 200",
    "getCodeStudioTemplateSettings": "403 403 403 403 200",
    "saveCodeStudioTemplateSettings": "403 403 403 403 204",
    "deleteCodeStudioTemplate": "403 403 403 403 200",
    "buildCodeStudioTemplate": "403 403 403 403 200",
    "exportCodeStudioTemplate": "403 403 403 403 200",
    # Projects: everyone lists what they may read; creating needs the right to; deleting, project admin.
    "listProjects": "200 200 200 200 200",
    "createProject": "403 403 403 403 200",
    "deleteProject": "403 403 403 200 200",
    # A project's summary, metadata and settings: readers read; writers change the metadata; project
    # administrators change the settings, and read and change the permissions.
    "getProjectSummary": "403 200 200 200 200",
    "getProjectMetadata": "403 200 200 200 200",
    "setProjectMetadata": "403 403 204 204 204",
    "getProjectSettings": "403 200 200 200 200",
    "saveProjectSettings": "403 403 403 204 204",
    "getProjectPermissions": "403 403 403 200 200",
    "setProjectPermissions": "403 403 403 204 204",
    # Who am I: everyone. Code envs: everyone reads (to choose one), administrators change.
    "getAuthInfo": "200 200 200 200 200",
    "listCodeEnvs": "200 200 200 200 200",
    "getCodeEnv": "200 200 200 200 200",
    "saveCodeEnv": "403 403 403 403 200",
    # Code studios: readers read; writers create; owner or project admin runs and deletes;
    # only the owner synchronises (an unknown zone: 200 with an error for conflicts, else 404).
    "listCodeStudios": "403 200 200 200 200",
    "createCodeStudio": "403 403 200 200 200",
    "getCodeStudioSettings": "403 200 200 200 200",
    "deleteCodeStudio": "403 403 204 204 204",
    "getCodeStudioStatus": "403 200 200 200 200",
    "restartCodeStudio": "403 403 200 200 200",
    "stopCodeStudio": "403 403 200 200 200",
    "checkCodeStudioConflicts": "403 403 200 403 403",
    "pullFromCodeStudio": "403 403 404 403 403",
    "pushToCodeStudio": "403 403 404 403 403",
    "changeCodeStudioOwner": "403 403 200 403 200",
    # Browser login links into a running studio (an extension): its owner alone, not even administrators.
    "createCodeStudioBrowserLogin": "403 403 200 403 403",
    # Project libraries: readers read, writers write.
    "getProjectLibraryContents": "403 200 200 200 200",
    "getProjectLibraryFile": "403 200 200 200 200",
    "writeProjectLibraryFile": "403 403 204 204 204",
    "deleteProjectLibraryItem": "403 403 204 204 204",
    "createProjectLibraryFolder": "403 403 204 204 204",
    "renameProjectLibraryItem": "403 403 204 204 204",
    "moveProjectLibraryItem": "403 403 204 204 204",
    # Futures: the owner's and the administrators'; hidden (404) from everyone else.
    "listFutures": "200 200 200 200 200",
    "getFutureState": "404 404 200 404 200",
    "abortFuture": "404 404 204 404 204",
}

# Which path parameter names the object whose existence a denial must hide, per operation.
HIDDEN_BY = {"projectKey": "NOSUCHPROJECT", "templateId": "no-such-template", "jobId": "NoSuchFuture"}


@dataclass
class Call:
    """One request: its path parameters, query and body."""

    params: dict[str, str]
    query: dict[str, str] = field(default_factory=dict)
    json: Any = None
    content: bytes | None = None
    files: dict[str, Any] | None = None


@dataclass
class World:
    """A server with a project P, principals of every kind, and factories of fresh targets."""

    server: EmbeddedServer
    keys: dict[str, str]
    archive: bytes
    project: str = "P"
    _running_futures: list[str] = field(default_factory=list)
    _running_studio: str | None = None

    @property
    def instance(self) -> Any:
        return self.server.instance

    def principal(self, name: str) -> Principal:
        return self.instance.users.get(name)

    def new_project(self) -> str:
        key = unique("P_")
        self.instance.projects.create(
            self.principal("admin"), key=key, name=key, owner="admin", permissions=PERMISSIONS
        )
        self.instance.libraries.write_file(key, "a.txt", b"a", "admin")
        return key

    def new_studio(self, template: str = "python-workspace") -> str:
        studio = self.instance.code_studios.create(self.principal("owner"), self.project, "s", template)
        return str(studio.id)

    def running_studio(self) -> str:
        """A studio of the owner's, started once (by the owner) and shared by the calls that leave it as it is."""
        if self._running_studio is None:
            studio = self.new_studio()
            state = self.instance.code_studios.restart(self.principal("owner"), self.project, studio)
            assert self.instance.jobs.wait(str(state.job_id), 120)
            self._running_studio = studio
        return self._running_studio

    def new_template(self) -> str:
        template_id, _ = self.instance.templates.create(self.principal("admin"), unique("t-"), "block_based")
        return str(template_id)

    def new_file(self) -> str:
        name = unique("f")
        self.instance.libraries.write_file(self.project, name, b"x", "owner")
        return name

    def new_future(self) -> str:
        """A future of the owner that runs until it is aborted (or the server stops)."""

        def work(ctx: JobContext) -> dict[str, object]:
            ctx.wait(120)
            return {}

        state = self.instance.jobs.start(kind="matrix", owner="owner", display_name="held", work=work)
        self._running_futures.append(str(state.job_id))
        return str(state.job_id)


PERMISSIONS = [
    {"group": "readers", "readProjectContent": True},
    {"user": "owner", "readProjectContent": True, "writeProjectContent": True},
    {"group": "padmins", "admin": True},
]


def _calls(world: World) -> dict[str, Callable[[str], Call]]:
    """How to call each operation as a principal, on a target of its own where the call changes it."""
    p = world.project

    def studio(_who: str) -> Call:
        return Call({"projectKey": p, "codeStudioId": world.new_studio()})

    def studio_zone(_who: str) -> Call:
        return Call({"projectKey": p, "codeStudioId": world.new_studio(), "zone": "project_lib_versioned-none"})

    def settings_of_new_template(_who: str) -> Call:
        template_id = world.new_template()
        body = world.instance.templates.settings(world.principal("admin"), template_id)
        return Call({"templateId": template_id}, json=body)

    return {
        "listCodeStudioTemplates": lambda _w: Call({}),
        "createCodeStudioTemplate": lambda _w: Call({}, json={"label": unique("new "), "type": "block_based"}),
        "importCodeStudioTemplate": lambda _w: Call(
            {}, query={"label": unique("imported ")}, files={"file": ("t.zip", io.BytesIO(world.archive))}
        ),
        "getCodeStudioTemplateSettings": lambda _w: Call({"templateId": "python-workspace"}),
        "saveCodeStudioTemplateSettings": settings_of_new_template,
        "deleteCodeStudioTemplate": lambda _w: Call({"templateId": world.new_template()}),
        "buildCodeStudioTemplate": lambda _w: Call({"templateId": world.new_template()}),
        "exportCodeStudioTemplate": lambda _w: Call({"templateId": "python-workspace"}),
        "listProjects": lambda _w: Call({}),
        "createProject": lambda who: Call({}, json={"projectKey": unique("NEW_"), "name": "n", "owner": who}),
        "deleteProject": lambda _w: Call({"projectKey": world.new_project()}),
        "getProjectSummary": lambda _w: Call({"projectKey": p}),
        "getProjectMetadata": lambda _w: Call({"projectKey": p}),
        "setProjectMetadata": lambda _w: Call({"projectKey": world.new_project()}, json={"label": "renamed"}),
        "getProjectSettings": lambda _w: Call({"projectKey": p}),
        "saveProjectSettings": lambda _w: Call({"projectKey": world.new_project()}, json={"settings": {}}),
        "getProjectPermissions": lambda _w: Call({"projectKey": p}),
        "setProjectPermissions": lambda _w: Call(
            {"projectKey": world.new_project()}, json={"permissions": PERMISSIONS}
        ),
        "getAuthInfo": lambda _w: Call({}, query={"withSecrets": "true"}),
        "listCodeEnvs": lambda _w: Call({}),
        "getCodeEnv": lambda _w: Call({"envLang": "PYTHON", "envName": "py311"}),
        "saveCodeEnv": lambda _w: Call({"envLang": "PYTHON", "envName": "py311"}, json={"specPackageList": "pandas"}),
        "listCodeStudios": lambda _w: Call({"projectKey": p}),
        "createCodeStudio": lambda _w: Call({"projectKey": p}, json={"name": "n", "templateId": "python-workspace"}),
        "getCodeStudioSettings": studio,
        "deleteCodeStudio": studio,
        "getCodeStudioStatus": studio,
        "restartCodeStudio": studio,
        "stopCodeStudio": studio,
        "checkCodeStudioConflicts": studio_zone,
        "pullFromCodeStudio": studio_zone,
        "pushToCodeStudio": studio_zone,
        "createCodeStudioBrowserLogin": lambda _w: Call({"projectKey": p, "codeStudioId": world.running_studio()}),
        "changeCodeStudioOwner": lambda _w: Call(
            {"projectKey": p, "codeStudioId": world.new_studio()}, query={"newOwner": "reader"}
        ),
        "getProjectLibraryContents": lambda _w: Call({"projectKey": p}),
        "getProjectLibraryFile": lambda _w: Call({"projectKey": p, "path": "a.txt"}),
        "writeProjectLibraryFile": lambda _w: Call({"projectKey": p, "path": unique("w")}, content=b"written"),
        "deleteProjectLibraryItem": lambda _w: Call({"projectKey": p, "path": world.new_file()}),
        "createProjectLibraryFolder": lambda _w: Call({"projectKey": p, "path": unique("d")}),
        "renameProjectLibraryItem": lambda _w: Call(
            {"projectKey": p}, json={"oldPath": world.new_file(), "newName": unique("r")}
        ),
        "moveProjectLibraryItem": lambda _w: Call(
            {"projectKey": p}, json={"oldPath": world.new_file(), "newPath": "folder"}
        ),
        "listFutures": lambda _w: Call({}),
        "getFutureState": lambda _w: Call({"jobId": world.new_future()}, query={"peek": "true"}),
        "abortFuture": lambda _w: Call({"jobId": world.new_future()}),
    }


@pytest.fixture(scope="module")
def world(embedded: EmbeddedServer) -> Iterator[World]:
    instance = embedded.instance
    users = instance.users
    keys = {"admin": embedded.admin_key}
    keys["outsider"] = users.add_user("outsider").key
    keys["reader"] = users.add_user("reader", groups=("readers",)).key
    keys["owner"] = users.add_user("owner").key
    keys["padmin"] = users.add_user("padmin", groups=("padmins",)).key
    admin = users.get("admin")
    instance.projects.create(admin, key="P", name="P", owner="admin", permissions=PERMISSIONS)
    instance.libraries.write_file("P", "a.txt", b"a", "admin")
    instance.libraries.mkdir(admin, "P", "folder")
    instance.code_envs.declare("admin", "PYTHON", "py311", python="3.11")
    build = instance.builds.start(admin, "python-workspace")
    assert instance.jobs.wait(str(build.job_id), 60)
    archive = instance.templates.export(admin, "python-workspace")
    made = World(embedded, keys, archive)
    yield made
    for job_id in made._running_futures:
        instance.jobs.cancel(job_id, "end of the access matrix")
    if made._running_studio is not None:
        stopping = instance.code_studios.stop(instance.users.get("owner"), "P", made._running_studio)
        if stopping.job_id is not None:
            instance.jobs.wait(stopping.job_id, 120)


def _send(client: httpx.Client, op: Operation, call: Call, headers: dict[str, str]) -> httpx.Response:
    path = op.path
    for name, value in call.params.items():
        path = path.replace("{" + name + "}", value)
    files = call.files
    if files:  # a fresh stream per request
        files = {k: (n, io.BytesIO(f.getvalue())) for k, (n, f) in files.items()}
    return client.request(
        op.method.upper(),
        path,
        params=call.query,
        json=call.json,
        content=call.content,
        files=files,
        headers=headers,
    )


def _masked(body: dict[str, Any], *secrets_: str) -> tuple[str, str]:
    message = str(body.get("message", ""))
    for value in secrets_:
        message = message.replace(value, "<id>")
    return str(body.get("errorType")), message


OPERATIONS = {op.operation_id: op for op in operations()}


def test_every_operation_of_the_spec_has_a_row_and_every_row_an_operation() -> None:
    assert set(MATRIX) == set(OPERATIONS), "add the new operation to MATRIX (and its call to _calls)"
    for row in MATRIX.values():
        assert len(row.split()) == len(PRINCIPALS)


@pytest.mark.parametrize("operation_id", sorted(MATRIX))
def test_access(world: World, operation_id: str) -> None:
    op = OPERATIONS[operation_id]
    make_call = _calls(world)[operation_id]
    expected = dict(zip(PRINCIPALS, (int(s) for s in MATRIX[operation_id].split()), strict=True))
    with httpx.Client(base_url=world.server.api_url, timeout=30) as client:
        for label, headers in UNAUTHENTICATED.items():
            response = _send(client, op, make_call("admin"), headers)
            assert response.status_code == 401, (operation_id, label, response.text)
            assert response.json()["errorType"] == NOT_AUTHENTICATED
        for who in PRINCIPALS:
            call = make_call(who)
            response = _send(client, op, call, basic(world.keys[who]))
            assert response.status_code == expected[who], (operation_id, who, response.text)
            if response.status_code >= 400:
                body = response.json()
                assert body["errorType"] == {403: FORBIDDEN, 404: NOT_FOUND}[response.status_code], body
                _check_hidden(client, op, call, world.keys[who], who, response)
            elif who != "admin" and response.status_code == 200:
                _check_visible_content(world, operation_id, who, response)


def _check_hidden(client: httpx.Client, op: Operation, call: Call, key: str, who: str, denied: httpx.Response) -> None:
    """A denial that hides existence is the same answer for an object that does not exist."""
    for name, missing in HIDDEN_BY.items():
        if name not in call.params:
            continue
        hides = (
            (name == "projectKey" and who == "outsider")
            or name == "templateId"
            or (name == "jobId" and denied.status_code == 404)
        )
        if not hides:
            continue
        ghost = Call({**call.params, name: missing}, call.query, call.json, call.content, call.files)
        answer = _send(client, op, ghost, basic(key))
        assert answer.status_code == denied.status_code, (op.operation_id, who, name, answer.text)
        assert _masked(answer.json(), missing) == _masked(denied.json(), call.params[name]), (op.operation_id, who)


def _check_visible_content(world: World, operation_id: str, who: str, response: httpx.Response) -> None:
    """Lists show only what the caller may see."""
    if operation_id == "listProjects":
        keys = {p["projectKey"] for p in response.json()}
        assert ("P" in keys) == (who != "outsider"), (who, keys)
    if operation_id == "listFutures":
        owners = {f.get("owner") for f in response.json()}
        assert owners <= {who}, (who, owners)


def test_administrators_get_404_for_what_does_not_exist(world: World) -> None:
    """Instance administrators may read everything, so for them a missing object is plainly missing."""
    admin = basic(world.keys["admin"])
    ghosts = {"projectKey": "NOSUCHPROJECT", "templateId": "no-such-template", "jobId": "NoSuchFuture"}
    ghosts |= {"codeStudioId": "NoSuch1", "zone": "z", "path": "no/such.txt", "envLang": "R", "envName": "no-such"}
    checked = 0
    with httpx.Client(base_url=world.server.api_url, timeout=30) as client:
        for op in OPERATIONS.values():
            names = {p["name"] for p in op.params_in("path").values()}
            if not names:
                continue
            call = _calls(world)[op.operation_id]("admin")
            body = {k: v for k, v in call.json.items() if k != "id"} if isinstance(call.json, dict) else call.json
            ghost = Call({**call.params, **{n: ghosts[n] for n in names}}, call.query, body, call.content)
            if op.operation_id in ("writeProjectLibraryFile", "createProjectLibraryFolder"):
                ghost.params["projectKey"] = "NOSUCHPROJECT"  # a new path in an existing project is created
            if op.operation_id == "abortFuture":
                continue  # aborting what does not run is checked below
            response = _send(client, op, ghost, admin)
            assert response.status_code == 404, (op.operation_id, response.text)
            checked += 1
        assert _send(client, OPERATIONS["abortFuture"], Call({"jobId": "NoSuchFuture"}), admin).status_code == 404
    assert checked >= 20


def test_a_key_never_authenticates_as_another_kind_of_credential(world: World) -> None:
    """A key is accepted as basic user, basic password or bearer, and nothing else is: no partial keys."""
    key = world.keys["reader"]
    with httpx.Client(base_url=world.server.api_url, timeout=30) as client:
        for header in itertools.chain(
            [f"Bearer {key[:-1]}", f"Bearer {key}x", f"Bearer {key.upper()}", f"Token {key}", f"Bearer {key} {key}"],
            ["Basic " + json.dumps(key)],
        ):
            response = client.get("/projects/", headers={"Authorization": header})
            assert response.status_code == 401, (header, response.text)
        assert client.get("/projects/", headers={"Authorization": f"Bearer {key}"}).status_code == 200


def test_a_project_creator_cannot_take_over_an_existing_project(world: World) -> None:
    """Creating a project with the key of an existing one is refused, and the existing one loses nothing."""
    users = world.instance.users
    creator = users.add_user(unique("creator"), may_create_projects=True)
    victim = world.new_project()
    with httpx.Client(base_url=world.server.api_url, timeout=30) as client:
        taken = client.post(
            "/projects/",
            json={"projectKey": victim, "name": "mine", "owner": creator.login},
            headers=basic(creator.key),
        )
        assert taken.status_code == 409, taken.text
        admin = basic(world.keys["admin"])
        assert client.get(f"/projects/{victim}/libraries/contents/a.txt", headers=admin).json()["data"] == "a"
        owners = {p["projectKey"]: p["owner"] for p in client.get("/projects/", headers=admin).json()}
        assert owners[victim] == "admin"


def test_a_studio_started_by_a_project_admin_runs_as_its_owner(world: World) -> None:
    studio = world.new_studio()
    with httpx.Client(base_url=world.server.api_url, timeout=30) as client:
        path = f"/projects/{world.project}/code-studios/{studio}"
        started = client.post(f"{path}/restart", headers=basic(world.keys["padmin"])).json()
        assert started["owner"] == "padmin"  # the future is the caller's...
        status = wait_until(
            lambda: (
                (s := client.get(f"{path}/status", headers=basic(world.keys["owner"])).json())["state"] == "RUNNING"
                and s
            ),
            timeout=60,
        )
        assert isinstance(status, dict)
        assert status["runAsUser"] == "owner"  # ...the studio runs as its owner
        stop = client.post(f"{path}/stop", headers=basic(world.keys["owner"]))
        assert stop.status_code == 200
