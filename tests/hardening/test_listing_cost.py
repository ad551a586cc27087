"""Listing projects costs what the caller can see, whatever the other projects hold.

Three projects with ~16 MB of settings each made a reader's listing parse 48 MB (2.6 s, and an
administrator's unrelated call waited 4.9 s). Settings are now stored apart from the summaries a
listing reads, and a caller's projects are selected by the index of their grants: the statements a
reader's listing runs never read the settings nor another user's project, and its memory does
not grow with them. A database of the previous schema (settings in the project row, permissions
not indexed) is migrated: same projects, same access.
"""

from __future__ import annotations

import json
import sqlite3
import tracemalloc
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from dss_codestudio_server.config import ServerConfig
from dss_codestudio_server.domain.instance import Instance
from dss_codestudio_server.storage.migrations import MIGRATIONS

from tests.support.servers import InProcessServer

pytestmark = pytest.mark.anyio
MB = 1000 * 1000
HEAVY_SETTINGS = {"blob": ["x" * 160] * 95_000}  # ~16 MB, within a JSON body's bounds


@contextmanager
def statements(server: InProcessServer) -> Iterator[list[str]]:
    """The SQL statements the server's connections run while the block runs (this thread's and the others')."""
    ran: list[str] = []
    db = server.instance.db
    connections = [db.connection(), *db._all]
    for conn in connections:
        conn.set_trace_callback(ran.append)
    try:
        yield ran
    finally:
        for conn in connections:
            conn.set_trace_callback(None)


@pytest.fixture
def heavy(server: InProcessServer) -> InProcessServer:
    """Three projects of ~16 MB settings, and one the reader may read (through its group)."""
    admin = server.instance.users.get("admin")
    for n in range(3):
        server.instance.projects.create(admin, key=f"HEAVY{n}", name="heavy", owner="admin", settings=HEAVY_SETTINGS)
    server.instance.projects.create(
        admin,
        key="SHARED",
        name="shared",
        owner="admin",
        permissions=[{"group": "readers", "readProjectContent": True}],
    )
    return server


async def test_a_readers_listing_reads_only_what_it_may_see(heavy: InProcessServer) -> None:
    reader = heavy.add_user("reader", groups=("readers",))
    async with heavy.http(reader) as http:
        await http.get("/projects/")  # warm: connections opened, caches filled
        with statements(heavy) as ran:
            listed = (await http.get("/projects/")).json()
        tracemalloc.start()
        try:
            assert (await http.get("/projects/")).status_code == 200
            _, peak = tracemalloc.get_traced_memory()
        finally:
            tracemalloc.stop()
    assert [p["projectKey"] for p in listed] == ["SHARED"]
    sql = "\n".join(ran)
    for column in ("project_settings", "settings_json", "permissions_json"):
        assert column not in sql, sql
    assert peak < 2 * MB, f"the listing allocated {peak:,} bytes beside 48 MB of other projects' settings"


async def test_an_administrators_listing_does_not_read_settings(heavy: InProcessServer) -> None:
    async with heavy.http() as http:
        with statements(heavy) as ran:
            listed = (await http.get("/projects/")).json()
    assert [p["projectKey"] for p in listed] == ["HEAVY0", "HEAVY1", "HEAVY2", "SHARED"]
    assert "settings" not in "\n".join(ran)


def test_settings_are_stored_apart_and_go_with_their_project(heavy: InProcessServer) -> None:
    db = heavy.instance.db
    stored = db.query_one("SELECT settings_json FROM project_settings WHERE project_key = 'HEAVY0'")
    assert stored is not None
    assert json.loads(stored["settings_json"]) == HEAVY_SETTINGS
    heavy.instance.projects.delete(heavy.instance.users.get("admin"), "HEAVY0")
    assert db.query("SELECT * FROM project_settings WHERE project_key = 'HEAVY0'") == []
    assert db.query("SELECT * FROM project_grants WHERE project_key = 'HEAVY0'") == []


def _database_of_the_previous_schema(data: Path) -> None:
    """A data directory as the previous version left it: schema 2, settings in the project row."""
    data.mkdir(parents=True)
    conn = sqlite3.connect(data / "server.db", isolation_level=None)
    for number, script in enumerate(MIGRATIONS[:2], start=1):
        for statement in script:
            conn.execute(statement)
        conn.execute(f"PRAGMA user_version = {number}")
    rows = [
        ("OLD", "alice", [{"user": "bob", "writeProjectContent": True}], {"big": "x" * 1000}),
        ("GROUPED", "alice", [{"group": "team", "readDashboards": True}, {"group": "team", "admin": False}], None),
        ("PRIVATE", "alice", [{"user": "bob"}, "not an item"], {"k": 1}),
    ]
    for key, owner, permissions, settings in rows:
        conn.execute(
            "INSERT INTO projects (project_key, name, owner, permissions_json, settings_json, created_ms)"
            " VALUES (?, ?, ?, ?, ?, 1)",
            (key, key.lower(), owner, json.dumps(permissions), json.dumps(settings) if settings else None),
        )
    conn.close()


def test_a_database_of_the_previous_schema_is_migrated(tmp_path: Path) -> None:
    data = tmp_path / "data"
    _database_of_the_previous_schema(data)
    instance = Instance(ServerConfig(data_dir=data))
    try:
        users = instance.users
        for login, groups in (("alice", ()), ("bob", ()), ("carol", ("team",))):
            users.add_user(login, groups=groups)
        visible = {
            login: [p.key for p in instance.projects.visible(users.get(login))] for login in ("alice", "bob", "carol")
        }
        assert visible == {"alice": ["GROUPED", "OLD", "PRIVATE"], "bob": ["OLD"], "carol": ["GROUPED"]}
        db = instance.db
        assert {
            r["project_key"]: json.loads(r["settings_json"]) for r in db.query("SELECT * FROM project_settings")
        } == {
            "OLD": {"big": "x" * 1000},
            "PRIVATE": {"k": 1},
        }
        assert db.query("SELECT project_key FROM projects WHERE settings_json IS NOT NULL") == []
    finally:
        instance.close()
