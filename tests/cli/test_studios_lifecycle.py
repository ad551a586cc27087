"""`dss-codestudio studios start|stop|restart|status|push|pull|conflicts|sync|delete` with real studios.

Each studio is real processes on this machine, started by the session's reference server; every
test stops what it started (and the server stops anything left when the session ends).
"""

from __future__ import annotations

from pathlib import Path

import httpx
import pytest
from dss_codestudio import DSSClient
from dss_codestudio.cli import ExitCode
from dss_codestudio_testing import DSSTestServer

from tests.support.cli import LIB, CliFn, running_with_a_conflict, start_studio, zone_of


def test_start_status_list_stop(cli: CliFn, project: str, studio: str, dss_session_server: DSSTestServer) -> None:
    run = cli("studios", "start", project, studio, "--json")
    assert run.code == 0, run
    assert f"✓ Starting code studio {project}/{studio}" in run.stderr
    status = run.json()["status"]
    assert status["state"] == "RUNNING"
    url = f"{dss_session_server.url}/{status['exposed'][0]['url']}"  # relative to the server, as DSS gives it
    assert httpx.get(url, timeout=10, auth=(dss_session_server.admin_key, "")).status_code == 200
    assert {z["zone"] for z in status["syncedZones"]} >= {LIB, "code_studio_versioned"}

    human = cli("studios", "status", project, studio)
    assert human.code == 0
    assert "RUNNING" in human.stdout
    assert url in human.stdout
    assert LIB in human.stdout
    listed = cli("studios", "list", project, "--status", "--json").json()
    assert [s["state"] for s in listed] == ["RUNNING"]

    again = cli("studios", "start", project, studio, "--json")  # already running: nothing happens
    assert again.code == 0, again
    assert again.json()["status"]["lastStateChange"] == status["lastStateChange"]

    stopped = cli("studios", "stop", project, studio, "--json")
    assert stopped.code == 0, stopped
    assert stopped.json()["state"] == "STOPPED"
    assert httpx.get(url, timeout=10, auth=(dss_session_server.admin_key, "")).status_code == 404
    after = cli("studios", "status", project, studio, "--json").json()
    assert after["state"] == "STOPPED"
    assert not after.get("syncedZones")


def test_no_wait_then_wait_for_and_futures_wait(cli: CliFn, project: str, studio: str) -> None:
    started = cli("studios", "start", project, studio, "--no-wait", "--json")
    assert started.code == 0, started
    assert started.json()["jobId"]
    running = cli("studios", "status", project, studio, "--wait-for", "RUNNING", "--timeout", "120", "--json")
    assert running.code == 0, running
    assert running.json()["state"] == "RUNNING"

    stopping = cli("studios", "stop", project, studio, "--no-wait", "--json")
    assert stopping.code == 0, stopping
    waited = cli("futures", "wait", stopping.json()["jobId"], "--json")
    assert waited.code == 0, waited
    assert waited.json()["state"] == "STOPPED"
    assert cli("studios", "status", project, studio, "--wait-for", "stopped", "--timeout", "5").code == 0


def test_restart_gives_the_zones_new_ids(cli: CliFn, project: str, studio: str) -> None:
    first = start_studio(cli, project, studio)
    run = cli("studios", "restart", project, studio, "--json")
    assert run.code == 0, run
    second = run.json()["status"]
    assert second["state"] == "RUNNING"
    assert {z["id"] for z in first["syncedZones"]}.isdisjoint({z["id"] for z in second["syncedZones"]})
    assert second["lastStateChange"] > first["lastStateChange"]


def test_timeouts_have_their_own_exit_code(cli: CliFn, project: str, studio: str, admin: DSSClient) -> None:
    run = cli("studios", "start", project, studio, "--timeout", "0.001")
    assert run.code == ExitCode.TIMEOUT, run
    run.error_line()
    admin.get_project(project).get_code_studio(studio).wait_for_state("RUNNING", timeout=120)


def _library_text(admin: DSSClient, project: str, path: str) -> str | None:
    file = admin.get_project(project).get_library().get_file(path)
    return None if file is None else file.read()


def test_push_pull_conflicts_and_sync(cli: CliFn, project: str, studio: str, admin: DSSClient) -> None:
    library = admin.get_project(project).get_library()
    library.add_file("python/a.py").write("a = 1\n")
    status = start_studio(cli, project, studio)
    folder = Path(zone_of(status, LIB)["studioPath"])
    assert (folder / "python" / "a.py").read_text() == "a = 1\n"  # the start pushed the library

    clean = cli("studios", "conflicts", project, studio)
    assert clean.code == 0, clean
    assert "no conflict" in clean.stdout

    admin.get_project(project).get_library().add_file("python/b.py").write("b = 2\n")
    pushed = cli("studios", "push", project, studio, LIB, "--json")
    assert pushed.code == 0, pushed
    assert next(iter(pushed.json().values()))["count"] == 1
    assert (folder / "python" / "b.py").read_text() == "b = 2\n"

    (folder / "python" / "c.py").write_text("c = 3\n")
    pulled = cli("studios", "pull", project, studio, LIB, "--json")
    assert pulled.code == 0, pulled
    assert _library_text(admin, project, "python/c.py") == "c = 3\n"

    # The same file changed on both sides: a conflict, reported and never overwritten.
    a_file = admin.get_project(project).get_library().get_file("python/a.py")
    assert a_file is not None
    a_file.write("a = 'dss'\n")
    (folder / "python" / "a.py").write_text("a = 'studio'\n")
    (folder / "python" / "d.py").write_text("d = 4\n")
    report = cli("studios", "conflicts", project, studio, "--json")
    assert report.code == ExitCode.CONFLICTS, report
    data = report.json()
    assert data["conflicts"] == 1
    lib_report = next(z for z in data["zones"] if z["zone"] == LIB)
    assert lib_report["modified"] == ["python/a.py"]
    human = cli("studios", "conflicts", project, studio)
    assert human.code == ExitCode.CONFLICTS
    assert "python/a.py" in human.stdout
    assert "1 file in conflict" in human.error_line()

    refused = cli("studios", "sync", project, studio)
    assert refused.code == ExitCode.CONFLICTS, refused
    assert "nothing was synchronised" in refused.error_line()
    assert _library_text(admin, project, "python/d.py") is None  # nothing copied
    assert cli("studios", "pull", project, studio, LIB).code == ExitCode.CONFLICTS
    kept = cli("studios", "push", project, studio, LIB)
    assert kept.code == ExitCode.CONFLICTS
    assert "python/a.py" in kept.error_line()
    assert (folder / "python" / "a.py").read_text() == "a = 'studio'\n"
    assert _library_text(admin, project, "python/a.py") == "a = 'dss'\n"

    resolved = cli("studios", "sync", project, studio, "--resolve", "dss", "--json")
    assert resolved.code == 0, resolved
    assert resolved.json()["synchronized"] is True
    assert (folder / "python" / "a.py").read_text() == "a = 'dss'\n"
    assert _library_text(admin, project, "python/d.py") == "d = 4\n"
    synced = cli("studios", "sync", project, studio)
    assert synced.code == 0, synced
    assert LIB in synced.stdout


def test_sync_resolving_for_the_studio(cli: CliFn, project: str, studio: str, admin: DSSClient) -> None:
    running_with_a_conflict(cli, project, studio, admin, "x.py")
    run = cli("studios", "sync", project, studio, LIB, "--resolve", "studio")
    assert run.code == 0, run
    assert _library_text(admin, project, "x.py") == "studio 2\n"


def test_stop_reports_files_left_in_conflict(cli: CliFn, project: str, studio: str, admin: DSSClient) -> None:
    running_with_a_conflict(cli, project, studio, admin, "y.py")
    run = cli("studios", "stop", project, studio, "--json")
    assert run.code == ExitCode.CONFLICTS, run
    assert "stopped, but 1 file in conflict was not pulled" in run.error_line()  # one file: "was", not "were"
    assert cli("studios", "status", project, studio, "--json").json()["state"] == "STOPPED"
    assert _library_text(admin, project, "y.py") == "dss 2\n"


def test_zones_by_kind_or_id_and_only_while_running(cli: CliFn, project: str, studio: str) -> None:
    stopped = cli("studios", "push", project, studio)
    assert stopped.code == ExitCode.FAILED
    assert "only while it runs" in stopped.error_line()
    status = start_studio(cli, project, studio)
    zone_id = zone_of(status, LIB)["id"]
    by_id = cli("studios", "conflicts", project, studio, zone_id, "--json")
    assert by_id.code == 0, by_id
    assert [z["id"] for z in by_id.json()["zones"]] == [zone_id]
    unknown = cli("studios", "pull", project, studio, "no_such_zone")
    assert unknown.code == ExitCode.NOT_FOUND
    assert "no zone 'no_such_zone'" in unknown.error_line()
    every = cli("studios", "sync", project, studio, "--json")
    assert every.code == 0, every
    assert len(every.json()["zones"]) == len(status["syncedZones"])


def test_delete_a_running_studio(cli: CliFn, project: str, studio: str, dss_session_server: DSSTestServer) -> None:
    url = f"{dss_session_server.url}/{start_studio(cli, project, studio)['exposed'][0]['url']}"
    key = (dss_session_server.admin_key, "")
    assert httpx.get(url, timeout=10, auth=key).status_code == 200
    run = cli("studios", "delete", project, studio)
    assert run.code == 0, run
    assert httpx.get(url, timeout=10, auth=key).status_code == 404
    assert cli("studios", "list", project, "--json").json() == []


def test_open_prints_a_login_link_that_works_once(
    cli: CliFn, project: str, studio: str, dss_session_server: DSSTestServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    stopped = cli("studios", "open", project, studio)
    assert stopped.code != 0
    assert "is not RUNNING" in stopped.error_line()
    start_studio(cli, project, studio)
    run = cli("studios", "open", project, studio)
    assert run.code == 0, run
    link = run.stdout.strip()
    assert link.startswith(f"{dss_session_server.url}/code-studios/{project}/{studio}/__login?ticket=")
    with httpx.Client(follow_redirects=True, timeout=10) as browser:
        opened = browser.get(link)
        assert opened.status_code == 200
        assert str(opened.url) == f"{dss_session_server.url}/code-studios/{project}/{studio}/8080/"
        assert browser.get(link).status_code == 401, "a login link works once"
    opened_in: list[str] = []
    monkeypatch.setattr("webbrowser.open", lambda url: opened_in.append(url) or True)
    shown = cli("studios", "open", project, studio, "--browser", "--json")
    assert shown.code == 0, shown
    assert opened_in == [shown.json()["url"]]
    # Only the owner gets one: not even another instance administrator.
    other = dss_session_server.add_user(f"other-admin-{studio.lower()}", admin=True)
    refused = cli("studios", "open", project, studio, key=other)
    assert refused.code != 0
    assert "only the owner" in refused.error_line()
