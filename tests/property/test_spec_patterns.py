"""The patterns and integer formats of openapi.yaml say exactly what the server accepts.

A value the spec allows must not be refused by the server, and a value the server refuses must be one
the spec already rules out (or one the spec documents as a 400 it cannot express), so that a client
that validates against the spec and the server agree. Each property compares a pattern of the spec,
read as JSON Schema reads it, with what the server does on arbitrary input: unicode, and the
characters each rule is about (separators, dots, whitespace of every kind, controls, a final newline).
"""

from __future__ import annotations

import secrets
from typing import Any
from urllib.parse import quote

import httpx
import pytest
from dss_codestudio_server.embedded import EmbeddedServer
from dss_codestudio_server.storage import PathRefused
from dss_codestudio_server.storage.files import MAX_SEGMENT_LENGTH, split_relative
from hypothesis import example, given
from hypothesis import strategies as st

from tests.support.budget import property_settings
from tests.support.openapi_spec import ecma_regex, load_spec, schema_of

PATTERNS = property_settings(150)
# Every character Python's str.strip() or JSON Schema's `\s` calls whitespace, and a few that are not.
WHITESPACE = "\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f \x85\xa0\u1680\u2000\u200a\u2028\u2029\u202f\u205f\u3000\ufeff"
blankish = st.text(alphabet=st.sampled_from([*WHITESPACE, "a", "é", "\x00", "\x7f"]), max_size=4)


def parameter_pattern(name: str) -> Any:
    return ecma_regex(load_spec()["components"]["parameters"][name]["schema"]["pattern"])


def property_pattern(schema: str, prop: str) -> Any:
    return ecma_regex(schema_of(schema)["properties"][prop]["pattern"])


# -- library paths: the server's path rules ----------------------------------------------------------

LIBRARY_PATH = parameter_pattern("LibraryPath")
path_text = st.text(alphabet=st.sampled_from(["/", ".", "\\", "a", "é", "\x00", "\n", "\x7f", " "]), max_size=12)


def server_accepts_path(raw: str) -> bool:
    """Whether the server's path rules accept `raw` as the path of a library item (not the root)."""
    try:
        return bool(split_relative(raw))
    except PathRefused:
        return False


def fits_file_system(raw: str) -> bool:
    """The one rule the spec states in words only: no segment longer than 255 bytes in UTF-8."""
    return all(len(segment.encode()) <= MAX_SEGMENT_LENGTH for segment in raw.split("/"))


@PATTERNS
@given(st.one_of(path_text, st.text(max_size=40), st.from_regex(LIBRARY_PATH, fullmatch=True)))
@example("/python/util.py")
@example("folder/")
@example("a//b")
@example("./a")
@example("a/..")
@example("...")
@example(".hidden/..x")
@example("//")
@example("a\n")
@example("é" * 128)
def test_library_path_pattern_is_the_servers_rule(raw: str) -> None:
    if len(raw) <= 1024:
        assert server_accepts_path(raw) == (LIBRARY_PATH.search(raw) is not None and fits_file_system(raw))


RENAME_NAME = property_pattern("LibraryRenameRequest", "newName")
MOVE_FOLDER = property_pattern("LibraryMoveRequest", "newPath")


def test_library_item_paths_in_bodies_have_the_path_parameters_rules() -> None:
    item = load_spec()["components"]["parameters"]["LibraryPath"]["schema"]["pattern"]
    assert schema_of("LibraryRenameRequest")["properties"]["oldPath"]["pattern"] == item
    assert schema_of("LibraryMoveRequest")["properties"]["oldPath"]["pattern"] == item


@PATTERNS
@given(st.one_of(path_text, st.text(max_size=20)))
@example("")
@example("/")
@example("a/b/")
def test_move_destination_pattern_is_the_servers_rule(raw: str) -> None:
    """The destination of a move may be the root (`/` or empty)."""
    try:
        split_relative(raw)
        accepted = True
    except PathRefused:
        accepted = False
    assert accepted == (MOVE_FOLDER.search(raw) is not None and fits_file_system(raw))


@PATTERNS
@given(st.one_of(path_text, st.text(max_size=20)))
@example("orders.py")
@example("..")
@example("a/b")
def test_rename_name_pattern_is_the_servers_rule(name: str) -> None:
    """A new name is one segment: the server refuses a `/`, then resolves the name next to the old one."""
    accepted = "/" not in name and server_accepts_path(f"folder/{name}") and len(split_relative(f"folder/{name}")) == 2
    assert accepted == (RENAME_NAME.search(name) is not None and fits_file_system(name))


# -- request bodies: what the server answers -----------------------------------------------------------


@pytest.fixture(scope="module")
def api(live_server: EmbeddedServer) -> httpx.Client:
    with httpx.Client(base_url=live_server.api_url, auth=(live_server.admin_key, ""), timeout=30) as client:
        yield client


def fresh_key() -> str:
    return "K" + secrets.token_hex(6).upper()


PROJECT_KEY = property_pattern("ProjectCreateRequest", "projectKey")
PROJECT_NAME = property_pattern("ProjectCreateRequest", "name")


@PATTERNS
@given(st.one_of(st.text(max_size=8), st.from_regex(PROJECT_KEY, fullmatch=True).map(lambda k: k[:90])))
@example("ABC\n")
@example("A B")
@example("")
def test_project_keys_the_spec_allows_are_created_and_no_others(api: httpx.Client, key: str) -> None:
    key = f"{key}{secrets.token_hex(4)}" if key.strip() and PROJECT_KEY.search(key) else key  # fresh, if valid
    answer = api.post("/projects/", json={"projectKey": key, "name": "x", "owner": "admin"})
    assert answer.status_code == (200 if PROJECT_KEY.search(key) else 400), answer.text
    if answer.status_code == 200:
        assert answer.json()["projectKey"] == key
        assert api.delete(f"/projects/{key}").status_code == 200


@PATTERNS
@given(st.one_of(blankish, st.text(max_size=6)))
@example("\x1c")
@example("\ufeff")
@example("\xa0 x")
def test_non_blank_names_are_the_servers_rule(api: httpx.Client, name: str) -> None:
    """Template labels and types, project names and studio names: allowed by the spec exactly when accepted."""
    expected = 200 if name and PROJECT_NAME.search(name) else 400
    created = api.post("/admin/code-studios/", json={"label": name, "type": "block_based"})
    assert created.status_code == expected, created.text
    typed = api.post("/admin/code-studios/", json={"label": "typed", "type": name})
    assert typed.status_code == expected, typed.text
    project = api.post("/projects/", json={"projectKey": fresh_key(), "name": name, "owner": "admin"})
    assert project.status_code == expected, project.text
    studio = api.post("/projects/PATTERNS/code-studios/", json={"name": name, "templateId": "python-workspace"})
    assert studio.status_code == expected, studio.text
    for answer in (created, typed):
        if answer.status_code == 200:
            assert api.delete(f"/admin/code-studios/{answer.json()['id']}").status_code == 200


def test_every_non_blank_field_has_the_same_pattern() -> None:
    patterns = {
        (schema, prop): schema_of(schema)["properties"][prop].get("pattern")
        for schema, prop in [
            ("CodeStudioTemplateCreateRequest", "label"),
            ("CodeStudioTemplateCreateRequest", "type"),
            ("CodeStudioTemplateSettings", "label"),
            ("ProjectCreateRequest", "name"),
            ("CodeStudioCreateRequest", "name"),
        ]
    }
    assert len(set(patterns.values())) == 1, patterns


@pytest.fixture(scope="module", autouse=True)
def patterns_project(api: httpx.Client) -> None:
    assert api.post("/projects/", json={"projectKey": "PATTERNS", "name": "p", "owner": "admin"}).status_code == 200


@pytest.fixture(scope="module")
def stopped_studio(api: httpx.Client) -> str:
    studio = api.post("/projects/PATTERNS/code-studios/", json={"name": "z", "templateId": "python-workspace"})
    return f"/projects/PATTERNS/code-studios/{studio.json()['codeStudio']['id']}"


ZONE = parameter_pattern("ZoneId")


@PATTERNS
@given(st.one_of(blankish, st.text(max_size=10)).filter(lambda z: z and "/" not in z and z not in (".", "..")))
@example("code_studio_versioned-x8Kq2T")
@example("zone\n")
def test_zone_ids_the_spec_allows_are_looked_up(api: httpx.Client, stopped_studio: str, zone: str) -> None:
    """A zone id the spec allows is looked up (a stopped studio has none: 200 with `error`, or 404), never refused."""
    segment = quote(zone, safe="")
    conflicts = api.get(f"{stopped_studio}/conflicts/{segment}")
    pull = api.get(f"{stopped_studio}/pull/{segment}")
    if ZONE.search(zone):
        assert conflicts.status_code == 200, conflicts.text
        assert "error" in conflicts.json()
        assert pull.status_code == 404, pull.text
    else:
        assert (conflicts.status_code, pull.status_code) == (400, 400)


@pytest.fixture(scope="module")
def template_settings_doc(api: httpx.Client) -> dict[str, Any]:
    created = api.post("/admin/code-studios/", json={"label": "Integer formats", "type": "block_based"}).json()
    settings_doc: dict[str, Any] = api.get(f"/admin/code-studios/{created['id']}").json()
    return settings_doc


@PATTERNS
@given(st.integers(-(2**65), 2**65) | st.sampled_from([2**63 - 1, 2**63, -(2**63), -(2**63) - 1]))
def test_int64_fields_take_exactly_the_int64_range(
    api: httpx.Client, template_settings_doc: dict[str, Any], value: int
) -> None:
    """`format: int64` is a range: the server refuses with 400 what a Java long cannot hold, and keeps the rest."""
    body = {**template_settings_doc, "creationTag": {**template_settings_doc["creationTag"], "lastModifiedOn": value}}
    answer = api.put(f"/admin/code-studios/{body['id']}", json=body)
    assert answer.status_code == (204 if -(2**63) <= value < 2**63 else 400), answer.text
