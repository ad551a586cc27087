"""Hostile input never reaches the file system unchecked, and never gets a 500.

A hypothesis fuzz drives hostile paths and names (hostile.py: dot segments raw and encoded, encoded
slashes, NUL, overlong UTF-8, unicode look-alikes, RTL overrides, normalisation variants, absurd
lengths) through every place a name becomes a file: library paths (URL and bodies), project keys,
studio and template ids, zone ids, future ids, archive entries, a template's zone folders and
starter files. The data directory lives in a sandbox folder next to a decoy folder; after every
example, everything in the sandbox but the data directory must be byte-identical, no link in the
data directory may point out of it, and no answer may be a 500.
"""

from __future__ import annotations

import io
import json
import os
import warnings
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import quote

import httpx
import pytest
from dss_codestudio_server.embedded import EmbeddedServer
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from tests.hardening.hostile import RawClient, links_leaving, make_sandbox, snapshot, text_paths, wire, wire_paths
from tests.hardening.settings import examples
from tests.support.api import basic
from tests.support.servers import embedded
from tests.support.waiting import wait_until

API = "/dip/publicapi"


@dataclass
class Sandbox:
    server: EmbeddedServer
    raw: RawClient
    root: Path
    data: Path
    before: dict[str, Any]
    studio: str
    zone: str

    def check(self, status: int, body: bytes) -> None:
        assert status < 500, body[:500]
        if status >= 400 and body:
            error = json.loads(body)
            assert {"errorType", "message"} <= set(error), error
        assert snapshot(self.root, skip=self.data) == self.before, "something outside the data directory changed"
        assert not links_leaving(self.data)


@pytest.fixture(scope="module")
def sandbox(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Sandbox]:
    root, data = make_sandbox(tmp_path_factory.mktemp("hostile"))
    with embedded(data) as server:
        with httpx.Client(base_url=server.api_url, headers=basic(server.admin_key), timeout=60) as http:
            assert http.post("/projects/", json={"projectKey": "P", "name": "P", "owner": "admin"}).status_code == 200
            _finish(http, http.post("/admin/code-studios/python-workspace/build").json())
            studio = http.post("/projects/P/code-studios/", json={"name": "s", "templateId": "python-workspace"}).json()
            studio_id = studio["codeStudio"]["id"]
            _finish(http, http.post(f"/projects/P/code-studios/{studio_id}/restart").json())
            zone = http.get(f"/projects/P/code-studios/{studio_id}/status").json()["syncedZones"][0]["id"]
        before = snapshot(root, skip=data)
        yield Sandbox(
            server, RawClient("127.0.0.1", server.port, server.admin_key), root, data, before, studio_id, zone
        )


def _finish(http: httpx.Client, state: dict[str, Any]) -> httpx.Response:
    def done() -> httpx.Response | None:
        if "jobId" not in state:
            return httpx.Response(200, json=state)
        response = http.get(f"/futures/{state['jobId']}")
        return response if response.status_code != 200 or response.json()["hasResult"] else None

    result = wait_until(done, timeout=60)
    assert isinstance(result, httpx.Response)
    return result


def _bare_template(
    http: httpx.Client, label: str, *, zones: list[tuple[str, str]], starters: list[tuple[str, str]]
) -> str:
    """A built template with these zones and starter files and no entry point.

    Its studios start at once (their zones pushed) and stop by themselves (pulled): no process runs.
    """
    template_id = http.post("/admin/code-studios/", json={"label": label, "type": "block_based"}).json()["id"]
    settings_ = http.get(f"/admin/code-studios/{template_id}").json()
    settings_["params"]["blocks"] = [
        {
            "type": "dss_base_image",
            "params": {
                "syncedZones": [{"zone": kind, "pathInContainer": path, "oneWay": False} for kind, path in zones],
                "excludedFromSync": [],
            },
        },
        {
            "type": "add_starter_files",
            "params": {"files": [{"zone": kind, "path": path, "content": "starter"} for kind, path in starters]},
        },
    ]
    saved = http.put(f"/admin/code-studios/{template_id}", json=settings_)
    assert saved.status_code < 500, saved.text
    if saved.status_code != 204:
        return str(template_id)
    built = _finish(http, http.post(f"/admin/code-studios/{template_id}/build").json())
    assert built.status_code < 500, built.text
    return str(template_id)


PATH_TARGETS = [
    ("GET", "/projects/P/libraries/contents/{x}"),
    ("POST", "/projects/P/libraries/contents/{x}"),
    ("DELETE", "/projects/P/libraries/contents/{x}"),
    ("POST", "/projects/P/libraries/folders/{x}"),
    ("GET", "/projects/{x}/libraries/contents"),
    ("GET", "/projects/{x}/code-studios/"),
    ("GET", "/projects/P/code-studios/{x}/status"),
    ("POST", "/projects/P/code-studios/{x}/stop"),
    ("GET", "/projects/P/code-studios/{studio}/push/{x}"),
    ("GET", "/projects/P/code-studios/{studio}/pull/{x}"),
    ("GET", "/projects/P/code-studios/{studio}/conflicts/{x}"),
    ("GET", "/admin/code-studios/{x}"),
    ("GET", "/admin/code-studios/{x}/export"),
    ("POST", "/admin/code-studios/{x}/build"),
    ("DELETE", "/admin/code-studios/{x}"),
    ("GET", "/futures/{x}"),
    ("DELETE", "/futures/{x}"),
]


@settings(**examples(ci=300, long=5000), suppress_health_check=[HealthCheck.too_slow])
@given(target=st.sampled_from(PATH_TARGETS), path=wire_paths)
def test_hostile_url_paths(sandbox: Sandbox, target: tuple[str, str], path: str) -> None:
    method, template = target
    event(template)
    url = API + template.replace("{studio}", sandbox.studio).replace("{x}", path)
    body = b"fuzz" if method == "POST" else None
    status, answer = sandbox.raw.request(method, url, body)
    sandbox.check(status, answer)


BODY_TARGETS = ["rename", "move", "createProject", "createCodeStudio", "changeOwner", "writeNested"]


@settings(**examples(ci=200, long=3000), suppress_health_check=[HealthCheck.too_slow])
@given(target=st.sampled_from(BODY_TARGETS), first=text_paths, second=text_paths, existing=st.booleans())
def test_hostile_names_in_bodies_and_queries(
    sandbox: Sandbox, target: str, first: str, second: str, existing: bool
) -> None:
    instance = sandbox.server.instance
    instance.libraries.write_file("P", "victim/file.txt", b"victim", "admin")
    old = "victim/file.txt" if existing else first
    raw = sandbox.raw
    if target == "rename":
        status, answer = raw.json(
            "POST", f"{API}/projects/P/libraries/contents-actions/rename/", {"oldPath": old, "newName": second}
        )
    elif target == "move":
        status, answer = raw.json(
            "POST", f"{API}/projects/P/libraries/contents-actions/move", {"oldPath": old, "newPath": second}
        )
    elif target == "createProject":
        status, answer = raw.json("POST", f"{API}/projects/", {"projectKey": first, "name": second, "owner": "admin"})
        if status == 200:
            key = json.loads(answer)["projectKey"]
            assert (sandbox.data / "projects" / key).is_dir()
            assert raw.request("DELETE", f"{API}/projects/{key}")[0] == 200, key
    elif target == "createCodeStudio":
        status, answer = raw.json("POST", f"{API}/projects/P/code-studios/", {"name": first, "templateId": second})
    elif target == "changeOwner":
        status, answer = raw.request(
            "POST", f"{API}/projects/P/code-studios/{sandbox.studio}/change-owner?newOwner={quote(first, safe='')}"
        )
    else:
        status, answer = raw.request(
            "POST", f"{API}/projects/P/libraries/contents/{'victim/' if existing else ''}{wire(first)}", b"x"
        )
    event(f"{target}: {status}")
    sandbox.check(status, answer)


def _zip(entries: list[str]) -> bytes:
    buf = io.BytesIO()
    with warnings.catch_warnings(), zipfile.ZipFile(buf, "w") as zf:
        warnings.simplefilter("ignore")  # duplicate names are part of the fuzz
        zf.writestr("template.json", json.dumps({"type": "block_based", "label": "fuzzed"}))
        for number, name in enumerate(entries):
            zf.writestr(zipfile.ZipInfo(name), f"entry {number}")
    return buf.getvalue()


@settings(**examples(ci=80, long=1500), suppress_health_check=[HealthCheck.too_slow])
@given(entries=st.lists(st.one_of(text_paths, text_paths.map(lambda p: "template-resources/" + p)), max_size=4))
def test_hostile_archive_entries(sandbox: Sandbox, entries: list[str]) -> None:
    with httpx.Client(base_url=sandbox.server.api_url, headers=basic(sandbox.server.admin_key), timeout=60) as http:
        response = http.post("/admin/code-studios/import", files={"file": ("t.zip", _zip(entries))})
        event(f"import: {response.status_code}")
        sandbox.check(response.status_code, response.content)
        if response.status_code == 200:
            template = sandbox.server.instance.templates.get(response.json()["id"])
            resources = sandbox.server.instance.templates.resources_dir(template).resolve()
            for folder, _dirs, files in os.walk(resources):
                for name in files:
                    assert (Path(folder) / name).resolve().is_relative_to(resources)
            assert http.delete(f"/admin/code-studios/{template.id}").status_code == 200


ZONE_KINDS = ["project_lib_versioned", "code_studio_versioned", "user_versioned", "recipes", "mystery"]
PLAIN = ["lib", "a/b", "code", "x.py", "deep/er/file.txt"]  # so that starts get past the refusals
kinds = st.one_of(*[st.sampled_from(ZONE_KINDS)] * 4, text_paths)


@settings(**examples(ci=40, long=600), suppress_health_check=[HealthCheck.too_slow])
@given(
    zones=st.lists(
        st.tuples(kinds, (st.sampled_from(PLAIN) | text_paths).map(lambda p: "/home/dataiku/workspace/" + p)),
        min_size=1,
        max_size=2,
    ),
    starters=st.lists(st.tuples(kinds, st.sampled_from(PLAIN) | text_paths), max_size=3),
)
def test_hostile_zone_folders_and_starter_files(
    sandbox: Sandbox, zones: list[tuple[str, str]], starters: list[tuple[str, str]]
) -> None:
    """A template's zones and starter files name folders and files: they stay in the studio's folders."""
    with httpx.Client(base_url=sandbox.server.api_url, headers=basic(sandbox.server.admin_key), timeout=60) as http:
        template = _bare_template(http, "fuzzed zones", zones=zones, starters=starters)
        created = http.post("/projects/P/code-studios/", json={"name": "z", "templateId": template})
        sandbox.check(created.status_code, created.content)
        event(f"studio created: {created.status_code}")
        if created.status_code == 200:
            path = f"/projects/P/code-studios/{created.json()['codeStudio']['id']}"
            started = http.post(f"{path}/restart")
            sandbox.check(started.status_code, started.content)
            event(f"start: {started.status_code}")
            if started.status_code == 200:
                outcome = _finish(http, started.json())
                sandbox.check(outcome.status_code if outcome.status_code != 500 else 409, outcome.content)
                assert outcome.status_code in (200, 500), outcome.text  # a start may fail, cleanly
                stopped = _finish(http, http.post(f"{path}/stop").json())
                sandbox.check(stopped.status_code, stopped.content)
            deleted = http.delete(path)
            sandbox.check(deleted.status_code, deleted.content)
        removed = http.delete(f"/admin/code-studios/{template}", params={"deleteImages": "true"})
        sandbox.check(removed.status_code, removed.content)


@pytest.mark.parametrize(
    ("method", "url", "body"),
    [
        ("GET", "/projects/P/libraries/contents/blocker.txt/below", None),
        ("POST", "/projects/P/libraries/contents/blocker.txt/below", b"x"),
        ("DELETE", "/projects/P/libraries/contents/blocker.txt/below", None),
        ("POST", "/projects/P/libraries/folders/blocker.txt/below/deeper", None),
        ("POST", "/projects/P/libraries/contents-actions/rename/", {"oldPath": "blocker.txt/below", "newName": "x"}),
        (
            "POST",
            "/projects/P/libraries/contents-actions/move",
            {"oldPath": "blocker.txt", "newPath": "blocker.txt/in"},
        ),
    ],
)
def test_paths_through_a_file_are_answered_without_500(sandbox: Sandbox, method: str, url: str, body: Any) -> None:
    """Found by the long fuzz: a path going through a file made the path check itself fail (500)."""
    sandbox.server.instance.libraries.write_file("P", "blocker.txt", b"a file, not a folder", "admin")
    if isinstance(body, dict):
        status, answer = sandbox.raw.json(method, API + url, body)
    else:
        status, answer = sandbox.raw.request(method, API + url, body)
    assert status in (400, 404, 409), answer
    sandbox.check(status, answer)
    assert (sandbox.data / "projects" / "P" / "library" / "blocker.txt").read_bytes() == b"a file, not a folder"


def test_an_archive_entry_with_an_empty_name_is_refused(sandbox: Sandbox) -> None:
    """Found by the long fuzz: an entry named "" broke the archive check (500)."""
    with httpx.Client(base_url=sandbox.server.api_url, headers=basic(sandbox.server.admin_key), timeout=60) as http:
        response = http.post("/admin/code-studios/import", files={"file": ("t.zip", _zip([""]))})
    assert response.status_code == 400, response.text
    sandbox.check(response.status_code, response.content)


def test_a_project_key_or_zone_kind_ending_with_a_newline_is_refused(sandbox: Sandbox) -> None:
    """`$` in a Python regex matches before a final newline: keys and kinds must match whole."""
    status, answer = sandbox.raw.json("POST", f"{API}/projects/", {"projectKey": "NL\n", "name": "n", "owner": "admin"})
    assert status == 400, answer
    assert not [p for p in (sandbox.data / "projects").iterdir() if "\n" in p.name]
    with httpx.Client(base_url=sandbox.server.api_url, headers=basic(sandbox.server.admin_key), timeout=60) as http:
        template = _bare_template(http, "newline zone", zones=[("mystery\n", "/home/dataiku/workspace/m")], starters=[])
        created = http.post("/projects/P/code-studios/", json={"name": "z", "templateId": template}).json()
        path = f"/projects/P/code-studios/{created['codeStudio']['id']}"
        assert http.post(f"{path}/restart").status_code == 409
        assert http.delete(path).status_code == 204
    assert not [p for p in sandbox.data.rglob("*") if "\n" in p.name]
