"""`dss-codestudio futures ...` against the reference server, with builds slow enough to watch."""

from __future__ import annotations

from dss_codestudio.cli import ExitCode
from dss_codestudio_testing import DSSTestServer

from tests.support.cli import CliFn


def _start_slow_build(slow_cli: CliFn) -> str:
    started = slow_cli("templates", "build", "python-workspace", "--no-cache", "--no-wait", "--json")
    assert started.code == 0, started
    job_id: str = started.json()["jobId"]
    return job_id


def test_list_shows_a_running_build_then_abort_stops_it(slow_cli: CliFn, slow_server: DSSTestServer) -> None:
    job_id = _start_slow_build(slow_cli)
    listed = slow_cli("futures", "list", "--json")
    assert listed.code == 0, listed
    assert job_id in {f["jobId"] for f in listed.json()}
    human = slow_cli("futures", "list")
    assert job_id in human.stdout
    assert "running" in human.stdout

    aborted = slow_cli("futures", "abort", job_id, "--json")
    assert aborted.code == 0, aborted
    assert aborted.json() == {"jobId": job_id, "aborted": True}
    waited = slow_cli("futures", "wait", job_id)
    assert waited.code == ExitCode.FAILED
    assert "abort" in waited.error_line().lower()


def test_wait_times_out_with_its_own_exit_code(slow_cli: CliFn) -> None:
    job_id = _start_slow_build(slow_cli)
    try:
        run = slow_cli("futures", "wait", job_id, "--timeout", "0.3")
        assert run.code == ExitCode.TIMEOUT, run
        assert job_id in run.error_line()
        build = slow_cli("templates", "build", "python-workspace", "--no-cache", "--timeout", "0.3", "--json")
        assert build.code == ExitCode.TIMEOUT
        assert build.json()["error"]["exitCode"] == ExitCode.TIMEOUT
    finally:
        slow_cli("futures", "abort", job_id)


def test_timeout_must_be_positive(cli: CliFn) -> None:
    for value in ("0", "-1", "soon"):
        run = cli("futures", "wait", "x", "--timeout", value)
        assert run.code == ExitCode.USAGE, run


def test_unknown_future(cli: CliFn) -> None:
    run = cli("futures", "wait", "nope")
    assert run.code == ExitCode.NOT_FOUND, run
    assert "HTTP 404" in run.error_line()
    assert cli("futures", "abort", "nope").code in (ExitCode.OK, ExitCode.NOT_FOUND)
