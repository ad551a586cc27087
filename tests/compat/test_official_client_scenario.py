"""dataiku-api-client 15.2.0, unmodified, drives a whole code-studio scenario against a live server.

A user's script, start to end: create a template and give it blocks, build it, create a project and a
studio, start it, restart it, read its zones, edit files on the DSS side (the project library, through
the client) and in the studio (its zone's folder on disk), push, check conflicts, pull, meet a real
conflict (pull refused, conflicts listed with their author), resolve it, stop, delete. Every answer is
checked, and so are the files on both sides. The per-method tests (test_every_method_against_the_server)
show each call works; this one shows they work together, in the order users make them.
"""

from __future__ import annotations

import secrets
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import dataikuapi
import pytest
from dataikuapi.dss.admin import DSSCodeStudioTemplate, DSSCodeStudioTemplateListItem
from dataikuapi.dss.codestudio import DSSCodeStudioObject, DSSCodeStudioObjectConflicts, DSSCodeStudioObjectStatus
from dataikuapi.dss.future import DSSFuture
from dataikuapi.utils import DataikuException
from dss_codestudio_server.domain.default_template import deployment_block
from dss_codestudio_server.embedded import EmbeddedServer

from tests.support.processes import studio_processes
from tests.support.servers import embedded
from tests.support.studios import entrypoint_block, sync_block

ZONES = [("project_lib_versioned", "project-lib-versioned"), ("code_studio_versioned", "code_studio-versioned")]


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[EmbeddedServer]:
    data = tmp_path_factory.mktemp("compat") / "data"
    with embedded(data) as server:
        yield server
    assert studio_processes(data) == set()


def zones_of(status: DSSCodeStudioObjectStatus) -> dict[str, dict]:
    """The zones of a running studio's status, by kind."""
    return {z["zone"]: z for z in status.get_zones(as_type="objects")}


def test_a_whole_scenario_with_the_official_client(server: EmbeddedServer) -> None:
    client = dataikuapi.DSSClient(server.url, api_key=server.admin_key)
    suffix = secrets.token_hex(3)

    # -- a template, given blocks, saved, built ------------------------------------------------------
    template = client.create_code_studio_template(f"Scenario {suffix}", "block_based")
    assert isinstance(template, DSSCodeStudioTemplate)
    assert template.template_id == f"scenario-{suffix}"
    settings = template.get_settings()
    raw = settings.get_raw()
    assert (raw["id"], raw["type"], raw["label"]) == (template.template_id, "block_based", f"Scenario {suffix}")
    blocks = [sync_block(ZONES), deployment_block(), entrypoint_block()]
    raw["params"]["blocks"] = blocks
    raw["shortDesc"] = "Built by the official client"
    settings.save()
    saved = template.get_settings().get_raw()
    assert saved["params"]["blocks"] == blocks
    assert saved["shortDesc"] == "Built by the official client"
    assert saved["versionTag"]["versionNumber"] == raw["versionTag"]["versionNumber"] + 1

    build = template.build()
    assert isinstance(build, DSSFuture)
    assert build.job_id
    built = build.wait_for_result()
    assert built["messages"]["error"] is False
    assert [b["configName"] for b in built["builds"]] == ["local"]
    [item] = [i for i in client.list_code_studio_templates() if i.id == template.template_id]
    assert isinstance(item, DSSCodeStudioTemplateListItem)
    assert item.build_for_configs == ["local"]
    assert isinstance(item.last_built, datetime)

    # -- a project with a library, and a studio ---------------------------------------------------------
    key = "SCENARIO" + suffix.upper()
    project = client.create_project(key, "Scenario", "admin")
    library = project.get_library()
    library.add_folder("python").add_file("orders.py").write("ORDERS = 1\n")
    studio = project.create_code_studio("Scenario studio", template.template_id)
    assert isinstance(studio, DSSCodeStudioObject)
    studio_settings = studio.get_settings()
    assert (studio_settings.name, studio_settings.owner, studio_settings.template_id) == (
        "Scenario studio",
        "admin",
        template.template_id,
    )
    assert [s.id for s in project.list_code_studios()] == [studio.code_studio_id]
    stopped = studio.get_status()
    assert stopped.state == "STOPPED"
    assert stopped.get_zones() == []

    # -- start it, then restart it: fresh zones each time ----------------------------------------------
    started = studio.restart().wait_for_result()
    assert started["state"] == "RUNNING"
    first = studio.get_status()
    assert first.state == "RUNNING"
    assert set(zones_of(first)) == {kind for kind, _ in ZONES}
    restarted = studio.restart().wait_for_result()
    assert restarted["state"] == "RUNNING"
    status = studio.get_status()
    assert status.state == "RUNNING"
    assert set(status.get_zones()).isdisjoint(first.get_zones())
    assert status.last_state_change > first.last_state_change
    zones = zones_of(status)
    lib_zone, lib_dir = zones["project_lib_versioned"]["id"], Path(zones["project_lib_versioned"]["studioPath"])
    assert sorted(restarted["pushed"]) == sorted(status.get_zones())
    assert (lib_dir / "python" / "orders.py").read_text() == "ORDERS = 1\n"  # pushed at the start

    # -- a DSS-side edit, pushed ---------------------------------------------------------------------------
    project.get_library().get_folder("python").add_file("customers.py").write("CUSTOMERS = 2\n")
    pushed = studio.push_to_code_studio(lib_zone)
    assert (pushed["count"], pushed["size"]) == (1, len("CUSTOMERS = 2\n"))
    assert (lib_dir / "python" / "customers.py").read_text() == "CUSTOMERS = 2\n"
    assert studio.push_to_code_studio(lib_zone)["count"] == 0  # nothing changed since

    # -- a studio-side edit: no conflict, pulled ---------------------------------------------------------
    (lib_dir / "python" / "report.py").write_text("REPORT = 3\n")
    conflicts = studio.check_conflicts(lib_zone)
    assert isinstance(conflicts, DSSCodeStudioObjectConflicts)
    assert not conflicts.is_error
    assert (conflicts.added, conflicts.modified, conflicts.deleted) == ([], [], [])
    assert studio.pull_from_code_studio(lib_zone) is None  # the client ignores the body
    assert project.get_library().get_file("python/report.py").read() == "REPORT = 3\n"

    # -- the same file edited on both sides: a conflict ------------------------------------------------
    (lib_dir / "python" / "orders.py").write_text("ORDERS = 10  # studio\n")
    project.get_library().get_file("python/orders.py").write("ORDERS = 100  # DSS\n")
    conflicts = studio.check_conflicts(lib_zone)
    assert (conflicts.added, conflicts.modified, conflicts.deleted) == ([], ["python/orders.py"], [])
    assert conflicts.authors == ["admin"]
    with pytest.raises(DataikuException, match=r"python/orders\.py"):
        studio.pull_from_code_studio(lib_zone)
    assert project.get_library().get_file("python/orders.py").read() == "ORDERS = 100  # DSS\n"  # nothing copied
    pushed = studio.push_to_code_studio(lib_zone)
    assert pushed["count"] == 0
    assert pushed["conflicts"] == ["python/orders.py"]
    assert (lib_dir / "python" / "orders.py").read_text() == "ORDERS = 10  # studio\n"  # left as it is

    # -- resolved in DSS (the studio's version kept), then pulled -------------------------------------
    project.get_library().get_file("python/orders.py").write("ORDERS = 10  # studio\n")
    assert studio.check_conflicts(lib_zone).modified == []
    studio.pull_from_code_studio(lib_zone)
    assert project.get_library().get_file("python/orders.py").read() == "ORDERS = 10  # studio\n"

    # -- a file written in the studio's own zone reaches DSS when it stops -----------------------------
    own = Path(zones["code_studio_versioned"]["studioPath"])
    (own / "notes.md").write_text("# notes\n")
    stop = studio.stop()
    assert isinstance(stop, DSSFuture)
    result = stop.wait_for_result()
    assert result["state"] == "STOPPED"
    assert result.get("conflicts", {}) == {}
    own_zone = zones["code_studio_versioned"]["id"]
    assert result["pulled"][own_zone]["added"] == ["notes.md"]
    assert (Path(zones["code_studio_versioned"]["dssPath"]) / "notes.md").read_text() == "# notes\n"
    after = studio.get_status()
    assert after.state == "STOPPED"
    assert after.get_zones() == []
    assert after.last_state_change >= status.last_state_change

    # -- deleted: the studio, then the template --------------------------------------------------------
    studio.delete()
    assert project.list_code_studios() == []
    messages = template.delete(delete_images=True)
    assert messages.has_error is False
    assert template.template_id not in [i.id for i in client.list_code_studio_templates()]
    project.delete()
    assert key not in client.list_project_keys()
