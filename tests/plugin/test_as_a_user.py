"""The plugin as a user meets it: a test suite of their own, run by pytest with the plugin auto-loaded."""

from __future__ import annotations

import pytest

USER_TESTS = """
import re
import pytest
from dss_codestudio import DSSClient, PermissionDeniedError

PORTS = []


def test_admin_builds_the_default_template(dss_client):
    result = dss_client.get_code_studio_template("python-workspace").build().wait_for_result(timeout=120)
    assert result.succeeded


def test_my_automation_as_a_user(dss_server):
    PORTS.append(dss_server.port)
    key = dss_server.add_user("ci-bot", may_create_projects=True)
    with DSSClient(dss_server.url, key) as bot:
        bot.create_project("BOT", "Bot", "ci-bot")
        studio = bot.get_project("BOT").create_code_studio("bot studio", "python-workspace")
        assert studio.get_settings().owner == "ci-bot"
        with pytest.raises(PermissionDeniedError):
            bot.list_code_studio_templates()


def test_each_test_has_its_own_server(dss_server):
    PORTS.append(dss_server.port)
    assert len(set(PORTS)) == len(PORTS)
    assert dss_server.client().list_project_keys() == []


def test_session_server(dss_session_server, dss_session_client):
    dss_session_client.create_project("SHARED", "Shared", dss_session_server.admin_login)


def test_session_server_keeps_state(dss_session_client):
    assert "SHARED" in dss_session_client.list_project_keys()


def test_a_studio_runs_and_syncs(dss_server, dss_client):
    from pathlib import Path
    import httpx

    dss_client.get_code_studio_template("python-workspace").build().wait_for_result(timeout=120)
    project = dss_client.create_project("RUN", "Run", dss_server.admin_login)
    studio = project.create_code_studio("runner", "python-workspace")
    studio.start(wait=True, timeout=120)
    status = studio.get_status()
    url = status.exposed[0].absolute_url
    assert httpx.get(url, timeout=10, auth=(dss_server.admin_key, "")).status_code == 200
    assert httpx.get(url, timeout=10).status_code == 401
    lib = next(z for z in status.get_zones("objects") if z.zone == "project_lib_versioned")
    Path(lib.get_raw()["studioPath"], "made_in_studio.py").write_text("x = 1\\n")
    assert not studio.check_conflicts(lib.id).has_conflicts
    studio.pull_from_code_studio(lib.id)
    assert project.get_library().get_file("made_in_studio.py").read() == "x = 1\\n"
    studio.stop(wait=True, timeout=120)
    assert studio.get_status().state == "STOPPED"


@pytest.mark.anyio
async def test_async(dss_async_client):
    templates = await dss_async_client.list_code_studio_templates()
    assert [t.id for t in templates] == ["python-workspace"]
"""


def test_a_users_suite_passes_with_the_plugin_auto_loaded(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(test_mine=USER_TESTS)
    result = pytester.runpytest_subprocess("-q", "-p", "no:cacheprovider")
    result.assert_outcomes(passed=7)


def test_fixtures_are_listed_with_their_docs(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(test_nothing="def test_nothing(): pass")
    result = pytester.runpytest_subprocess("--fixtures", "-p", "no:cacheprovider")
    text = result.stdout.str()
    for name in ("dss_server", "dss_session_server", "dss_client", "dss_session_client", "dss_async_client"):
        assert name in text, name
    assert "A fresh reference DSS server for this test" in text


def test_the_server_config_can_be_overridden(pytester: pytest.Pytester) -> None:
    pytester.makeconftest(
        """
import dataclasses
import pytest
from dss_codestudio_testing import default_config

@pytest.fixture(scope="session")
def dss_server_config():
    return dataclasses.replace(default_config(), future_retention_minutes=1.5)
"""
    )
    pytester.makepyfile(
        test_config="""
def test_config(dss_server):
    assert dss_server.embedded.config.future_retention_minutes == 1.5
    assert dss_server.embedded.config.data_dir == dss_server.data_dir
"""
    )
    result = pytester.runpytest_subprocess("-q", "-p", "no:cacheprovider")
    result.assert_outcomes(passed=1)


def test_a_failing_user_test_still_stops_its_server(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(
        test_fail="""
import socket

PORT = []

def test_fails(dss_server):
    PORT.append(dss_server.port)
    raise AssertionError("the user's bug")

def test_the_server_is_gone():
    try:
        socket.create_connection(("127.0.0.1", PORT[0]), timeout=1).close()
    except OSError:
        return
    raise AssertionError("the server of the failed test still answers")
"""
    )
    result = pytester.runpytest_subprocess("-q", "-p", "no:cacheprovider")
    result.assert_outcomes(passed=1, failed=1)


STRICT_TESTS = """
import warnings

import pytest
from dss_codestudio import DSSClient


def test_a_server_and_its_clients_warn_nothing(dss_server, dss_client):
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        dss_client.get_code_studio_template("python-workspace").build().wait_for_result(timeout=120)
        dss_client.create_project("STRICT", "Strict", dss_server.admin_login)
        studio = dss_client.get_project("STRICT").create_code_studio("s", "python-workspace")
        assert studio.get_status().state == "STOPPED"
        with pytest.raises(Exception):
            dss_client.get_project("NOPE").get_code_studio("x").get_settings()


@pytest.mark.anyio
async def test_async_too(dss_async_client):
    assert [t.id for t in await dss_async_client.list_code_studio_templates()] == ["python-workspace"]
"""


def test_a_strict_users_suite_passes_with_warnings_as_errors(pytester: pytest.Pytester) -> None:
    """Projects that run `-W error` (warnings are bugs): the plugin's server brings no warning of its dependencies."""
    pytester.makepyfile(test_strict=STRICT_TESTS)
    result = pytester.runpytest_subprocess("-q", "-p", "no:cacheprovider", "-W", "error")
    result.assert_outcomes(passed=2)
    assert "Warning" not in result.stdout.str(), result.stdout.str()
