"""One code-studio scenario, run by a given dataiku-api-client release (its own venv) against a live server.

Run by tests/compat/test_client_releases.py as `<venv>/bin/python release_scenario.py`, with the server
and what the test prepared in the environment: DSS_URL, DSS_API_KEY (an administrator's),
TEMPLATE_ID (a built template with two synced zones and an entry point), OTHER_USER (a login that
exists) and KEY_SUFFIX. Only the standard library and the release's `dataikuapi` are imported: the
file runs unmodified under every release. Every step checks what the release returns; the first
failure ends the run with a traceback (exit status 1). On success the last line of the output is a
JSON summary: the release and, per step, its duration.

The steps are the calls a user's code-studio automation makes: templates listed, saved and built (and,
from 15.0, created, exported, imported and deleted), a project and its library, a studio created, started, its zones,
a DSS-side change pushed, a studio-side change pulled, a conflict found and refused, the futures listed
and read, a start aborted, the studio stopped, its owner changed, the studio and the project deleted.
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
import time
from collections.abc import Callable
from importlib.metadata import version
from pathlib import Path
from typing import Any

import dataikuapi
from dataikuapi.utils import DataikuException

RELEASE = version("dataiku-api-client")
URL, KEY = os.environ["DSS_URL"], os.environ["DSS_API_KEY"]
TEMPLATE_ID, OTHER_USER, SUFFIX = os.environ["TEMPLATE_ID"], os.environ["OTHER_USER"], os.environ["KEY_SUFFIX"]
TIMINGS: dict[str, float] = {}


def step(name: str, action: Callable[[], Any]) -> Any:
    """Run one step, timing it; its assertions fail the run."""
    started = time.monotonic()
    result = action()
    TIMINGS[name] = round(time.monotonic() - started, 3)
    return result


def poll(condition: Callable[[], Any], timeout: float = 60.0) -> Any:
    """Poll `condition` until it returns something truthy (never a blind wait); fail after `timeout` s."""
    deadline = time.monotonic() + timeout
    while True:
        value = condition()
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"condition not met within {timeout} s")
        time.sleep(0.05)


def error_of(action: Callable[[], Any]) -> DataikuException | None:
    """The DataikuException an action raises, or None (this script runs without pytest)."""
    try:
        action()
    except DataikuException as exc:
        return exc
    return None


client = dataikuapi.DSSClient(URL, api_key=KEY)


def templates() -> None:
    items = {t.id: t for t in client.list_code_studio_templates()}
    assert TEMPLATE_ID in items, sorted(items)
    assert items[TEMPLATE_ID].build_for_configs == ["local"]
    assert items[TEMPLATE_ID].last_built is not None
    objects = client.list_code_studio_templates(as_type="objects")
    assert TEMPLATE_ID in [t.template_id for t in objects]
    raw = client.get_code_studio_template(TEMPLATE_ID).get_settings().get_raw()
    assert raw["id"] == TEMPLATE_ID
    assert raw["params"]["blocks"][0]["type"] == "dss_base_image"


def template_saved_and_built() -> None:
    template = client.get_code_studio_template(TEMPLATE_ID)
    settings = template.get_settings()
    settings.get_raw()["shortDesc"] = f"Saved by dataikuapi {RELEASE}"
    settings.save()
    assert template.get_settings().get_raw()["shortDesc"] == f"Saved by dataikuapi {RELEASE}"
    built = template.build().wait_for_result()
    assert built["messages"]["error"] is False, built
    assert [b["configName"] for b in built["builds"]] == ["local"]


def template_management() -> None:
    """Create, export, import and delete templates: dataikuapi 15.0 and later."""
    created = client.create_code_studio_template(f"Compat {RELEASE} {SUFFIX}", "block_based")
    with tempfile.TemporaryDirectory() as folder:
        archive = Path(folder) / "export.zip"
        created.export_to_file(str(archive))
        imported = client.import_code_studio_template(str(archive), label=f"Imported {RELEASE} {SUFFIX}")
    assert imported["id"] != created.template_id
    for template_id in (created.template_id, imported["id"]):
        messages = client.get_code_studio_template(template_id).delete(delete_images=True)
        assert messages.has_error is False
        assert all("None" not in str(m) for m in messages.messages), [str(m) for m in messages.messages]
    assert created.template_id not in [t.id for t in client.list_code_studio_templates()]


step("templates listed", templates)
step("template saved and built", template_saved_and_built)
if hasattr(client, "create_code_studio_template"):
    step("templates created, exported, imported, deleted", template_management)

project_key = f"COMPAT_{RELEASE.replace('.', '_')}_{SUFFIX}".upper()
project = step("project created", lambda: client.create_project(project_key, f"Compat {RELEASE}", "admin"))
assert project_key in client.list_project_keys()


def library() -> None:
    lib = project.get_library()
    lib.add_folder("python").add_file("orders.py").write("ORDERS = 1\n")
    assert project.get_library().get_file("/python/orders.py").read() == "ORDERS = 1\n"
    assert [item.name for item in project.get_library().list("/python")] == ["orders.py"]


step("library written and read", library)

studio = step("studio created", lambda: project.create_code_studio(f"Compat {RELEASE}", TEMPLATE_ID))
assert [s.id for s in project.list_code_studios()] == [studio.code_studio_id]
settings = studio.get_settings()
assert (settings.name, settings.owner, settings.template_id) == (f"Compat {RELEASE}", "admin", TEMPLATE_ID)
assert studio.get_status().state == "STOPPED"

started = step("studio started", lambda: studio.restart().wait_for_result())
assert started["state"] == "RUNNING", started
status = studio.get_status()
assert status.state == "RUNNING"
zones = {z["zone"]: z for z in status.get_zones(as_type="objects")}
assert set(zones) == {"project_lib_versioned", "code_studio_versioned"}, zones
lib_zone = zones["project_lib_versioned"]["id"]
lib_dir = Path(zones["project_lib_versioned"]["studioPath"])
assert (lib_dir / "python" / "orders.py").read_text() == "ORDERS = 1\n"  # pushed as it started


def push() -> None:
    project.get_library().get_folder("/python").add_file("customers.py").write("CUSTOMERS = 2\n")
    pushed = studio.push_to_code_studio(lib_zone)
    assert pushed["count"] == 1, pushed
    assert (lib_dir / "python" / "customers.py").read_text() == "CUSTOMERS = 2\n"


def pull() -> None:
    (lib_dir / "python" / "report.py").write_text("REPORT = 3\n")
    conflicts = studio.check_conflicts(lib_zone)
    assert (conflicts.added, conflicts.modified, conflicts.deleted) == ([], [], [])
    studio.pull_from_code_studio(lib_zone)
    assert project.get_library().get_file("/python/report.py").read() == "REPORT = 3\n"


def conflict() -> None:
    (lib_dir / "python" / "orders.py").write_text("ORDERS = 10  # studio\n")
    project.get_library().get_file("/python/orders.py").write("ORDERS = 100  # DSS\n")
    conflicts = studio.check_conflicts(lib_zone)
    assert conflicts.modified == ["python/orders.py"], conflicts.get_raw()
    assert conflicts.authors == ["admin"]
    refused = error_of(lambda: studio.pull_from_code_studio(lib_zone))
    assert refused is not None, "a pull over a conflict was not refused"
    assert "python/orders.py" in str(refused)
    assert project.get_library().get_file("/python/orders.py").read() == "ORDERS = 100  # DSS\n"
    project.get_library().get_file("/python/orders.py").write("ORDERS = 10  # studio\n")  # resolved in DSS
    assert studio.check_conflicts(lib_zone).modified == []


step("pushed", push)
step("pulled", pull)
step("conflict refused, then resolved", conflict)


def stop() -> None:
    future = studio.stop()
    if future.job_id:  # no job when the work was done before the answer
        listed = [f.get("jobId") for f in client.list_futures(all_users=True)]
        assert future.job_id in listed or future.has_result(), listed
        assert client.get_future(future.job_id).peek_state()["jobId"] == future.job_id
    result = future.wait_for_result()
    assert result["state"] == "STOPPED", result
    assert studio.get_status().state == "STOPPED"
    assert studio.get_status().get_zones() == []


step("studio stopped", stop)


def aborted_start() -> None:
    future = studio.restart()
    if future.job_id:
        future.abort()
    # Aborted before it ran, or ended first (then stopped): either way the studio ends STOPPED.
    if poll(lambda: studio.get_status().state in ("STOPPED", "RUNNING") and studio.get_status().state) == "RUNNING":
        studio.stop().wait_for_result()
    poll(lambda: studio.get_status().state == "STOPPED")
    if future.job_id:
        # An aborted future answers an error (nobody polls it forever), unless it ended before the abort.
        aborted = error_of(future.get_state)
        assert (aborted is None and future.state["hasResult"]) or "abort" in str(aborted).lower(), aborted


step("start aborted", aborted_start)


def change_owner() -> None:
    # dataikuapi does not URL-encode the login: as on DSS, the first `newOwner` wins.
    changed = studio.change_owner(f"{OTHER_USER}&newOwner=admin")
    assert changed["owner"] == OTHER_USER, changed
    assert studio.get_settings().owner == OTHER_USER
    assert studio.change_owner("admin")["owner"] == "admin"


step("owner changed", change_owner)


def delete() -> None:
    studio.delete()
    assert project.list_code_studios() == []
    project.delete()
    assert project_key not in client.list_project_keys()


step("studio and project deleted", delete)
print(json.dumps({"release": RELEASE, "python": sys.version.split()[0], "steps": TIMINGS}))
