"""What README's "Command line" section promises, one promise a test, against the reference server.

--no-wait gives the bare future id to `futures wait`; --timeout wherever a command waits; the exit
codes of the table (configuration mistakes 8, with a one-line hint); --json errors with errorType,
status and message; `futures wait` for people; `studios conflicts --json` in its own shape; shared
options before or after the command; one help style; hints in the CLI's own words; plurals; the
progress line closed by a cross when the command fails, and by a line on SIGTERM; piped tables whole.
"""

from __future__ import annotations

import json
import os
import re
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from dss_codestudio import KNOWN_STATES, CodeStudioState, DSSClient
from dss_codestudio.cli import ExitCode
from dss_codestudio_testing import DSSTestServer

from tests.support.api import unique
from tests.support.cli import LIB, TEMPLATE, CliFn, running_with_a_conflict, start_studio

CLI = [sys.executable, "-m", "dss_codestudio.cli"]
ANSI = re.compile(r"\x1b\[")


def test_no_wait_prints_the_bare_future_id_that_futures_wait_takes(cli: CliFn, project: str, studio: str) -> None:
    started = cli("studios", "start", project, studio, "--no-wait")
    assert started.code == 0, started
    job_id = started.stdout.strip()
    assert re.fullmatch(r"\S+", job_id), started  # J=$(dss-codestudio studios start P S --no-wait)
    assert f"futures wait {job_id}" in started.stderr  # the sentence is for people: on stderr
    waited = cli("futures", "wait", job_id)
    assert waited.code == 0, waited
    assert "state: RUNNING" in waited.stdout.splitlines()  # a result for people, not JSON
    with pytest.raises(json.JSONDecodeError):
        json.loads(waited.stdout)
    assert cli("futures", "wait", job_id, "--json").json()["state"] == "RUNNING"

    stopping = cli("studios", "stop", project, studio, "--no-wait")
    assert stopping.code == 0, stopping
    assert cli("futures", "wait", stopping.stdout.strip(), "--timeout", "120").code == 0
    # Already stopped: DSS answers at once, without a job: nothing on stdout.
    again = cli("studios", "stop", project, studio, "--no-wait")
    assert again.code == 0, again
    assert again.stdout == ""
    assert "already done" in again.stderr


WAITING_COMMANDS = [
    ["templates", "build"],
    ["templates", "export"],
    ["templates", "import"],
    ["templates", "delete"],
    ["studios", "start"],
    ["studios", "restart"],
    ["studios", "stop"],
    ["studios", "status"],
    ["studios", "delete"],
    ["studios", "push"],
    ["studios", "pull"],
    ["studios", "conflicts"],
    ["studios", "sync"],
    ["futures", "wait"],
    ["quickstart"],
]


@pytest.mark.parametrize("command", WAITING_COMMANDS, ids=" ".join)
def test_every_command_that_waits_takes_a_timeout(cli: CliFn, command: list[str]) -> None:
    assert "--timeout SECONDS" in cli(*command, "--help").stdout


@pytest.fixture
def silent_dss() -> Iterator[str]:
    """The URL of a DSS that accepts connections and never answers (a listening socket nobody accepts on)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        sock.listen(64)
        yield f"http://127.0.0.1:{sock.getsockname()[1]}"


@pytest.mark.parametrize(
    "command",
    [
        ["studios", "sync", "P", "S"],
        ["studios", "push", "P", "S"],
        ["studios", "pull", "P", "S"],
        ["studios", "conflicts", "P", "S"],
        ["studios", "delete", "P", "S"],
        ["templates", "delete", "T"],
        ["templates", "import", "ARCHIVE"],
    ],
    ids=" ".join,
)
def test_a_timeout_bounds_the_whole_command(
    unconfigured_cli: CliFn, silent_dss: str, tmp_path: Path, command: list[str]
) -> None:
    archive = tmp_path / "t.zip"
    archive.write_bytes(b"PK\x05\x06" + b"\0" * 18)
    args = [str(archive) if a == "ARCHIVE" else a for a in command]
    began = time.monotonic()
    run = unconfigured_cli(*args, "--timeout", "0.5", env={"DKU_DSS_URL": silent_dss, "DKU_API_KEY": "k"})
    assert run.code == ExitCode.TIMEOUT, run
    assert time.monotonic() - began < 30  # not the 60 s of a call's own read timeout, nor 10 minutes
    run.error_line()


def test_configuration_mistakes_exit_8_with_a_one_line_hint(unconfigured_cli: CliFn, dss_session_server: DSSTestServer):
    no_key = unconfigured_cli("projects", "list", env={"DKU_DSS_URL": dss_session_server.url})
    assert no_key.code == ExitCode.CONFIG == 8, no_key
    line = no_key.error_line()
    assert "no API key" in line
    assert "DKU_API_KEY" in line
    assert "internal_ticket" not in line  # the library's wording is not the CLI's

    host_port = dss_session_server.url.removeprefix("http://")
    no_scheme = unconfigured_cli("projects", "list", env={"DKU_DSS_URL": host_port, "DKU_API_KEY": "k"})
    assert no_scheme.code == ExitCode.CONFIG, no_scheme
    assert f"write it 'http://{host_port}'" in no_scheme.error_line()
    assert "internal error" not in no_scheme.error_line()

    as_json = unconfigured_cli("projects", "list", "--json", env={"DKU_DSS_URL": host_port, "DKU_API_KEY": "k"})
    error = as_json.json()["error"]
    assert error == {"exitCode": 8, "errorType": "ConfigurationError", "status": None, "message": error["message"]}


def test_json_errors_carry_error_type_status_and_message(cli: CliFn, project: str, studio: str, admin: DSSClient):
    missing = cli("studios", "status", project, "no-such-studio", "--json").json()["error"]
    assert missing["exitCode"] == ExitCode.NOT_FOUND
    assert missing["errorType"] == "NotFound"
    assert missing["status"] is None
    unknown = cli("templates", "show", "no-such-template", "--json").json()["error"]
    assert unknown["status"] == 404
    assert unknown["errorType"].endswith("Exception")
    refused = cli("templates", "list", "--json", key="not-a-key").json()["error"]
    assert (refused["exitCode"], refused["status"]) == (ExitCode.AUTH, 401)

    running_with_a_conflict(cli, project, studio, admin, "z.py")
    for command in ("conflicts", "sync"):
        run = cli("studios", command, project, studio, "--json")
        assert run.code == ExitCode.CONFLICTS, run
        error = run.json()["error"]
        assert error["errorType"] == "Conflicts"
        assert error["status"] is None
        assert error["message"].startswith("1 file in conflict in 1 zone")
    pulled = cli("studios", "pull", project, studio, LIB, "--json")
    assert pulled.code == ExitCode.CONFLICTS, pulled
    error = pulled.json()["error"]
    assert error["status"] == 409  # DSS refused the pull
    assert error["errorType"]
    assert error["message"].startswith(f"zone {LIB}: 1 file of zone")


def test_conflicts_json_has_its_own_shape(
    cli: CliFn, project: str, studio: str, admin: DSSClient, dss_session_server: DSSTestServer
) -> None:
    running_with_a_conflict(cli, project, studio, admin, "w.py")
    data = cli("studios", "conflicts", project, studio, "--json").json()
    assert set(data) == {"error", "conflicts", "zones"}
    assert data["conflicts"] == 1
    for zone in data["zones"]:
        assert set(zone) == {"id", "zone", "count", "authors", "added", "modified", "deleted"}  # no "pulled"
    lib = next(z for z in data["zones"] if z["zone"] == LIB)
    assert (lib["count"], lib["modified"], lib["authors"]) == (1, ["w.py"], [dss_session_server.admin_login])


def test_shared_options_before_or_after_the_command(cli: CliFn, project: str) -> None:
    for args in (["--json", "projects", "list"], ["projects", "list", "--json"]):
        run = cli(*args)
        assert run.code == 0, (args, run)
        assert project in {p["projectKey"] for p in run.json()}
    for args in (["--instance", "nope", "projects", "list"], ["projects", "list", "--instance", "nope"]):
        run = cli(*args)
        assert run.code == ExitCode.CONFIG, (args, run)
        assert "'nope'" in run.error_line()
    debug = cli("--debug", "templates", "show", "no-such-template")
    assert "Traceback" in debug.stderr


def _server_help(*args: str) -> str:
    return subprocess.run([*args, "--help"], capture_output=True, text=True, check=True, timeout=120).stdout


def test_one_help_style_and_the_right_program_names(cli: CliFn) -> None:
    serve = cli("serve", "--help")
    assert serve.stdout.startswith("Usage: dss-codestudio serve [OPTIONS]"), serve
    assert cli("server", "--help").stdout.startswith("Usage: dss-codestudio server [OPTIONS] COMMAND")
    assert cli("server", "add-user", "--help").stdout.startswith("Usage: dss-codestudio server add-user")
    script = Path(sys.executable).with_name("dss-codestudio-server")
    assert _server_help(str(script), "serve").startswith("Usage: dss-codestudio-server serve [OPTIONS]")
    for text in (serve.stdout, cli("studios", "list", "--help").stdout, _server_help(str(script))):
        assert not set(text) & set("╭╮╰╯│─"), text  # click's plain style everywhere, no rich boxes
        assert "\nOptions:\n" in text


def test_exit_codes_of_serve_are_listed_with_the_cli_s(cli: CliFn) -> None:
    from dss_codestudio_server.exit_codes import MEANINGS, ServeExit

    text = cli("--help").stdout
    for code in ServeExit:
        assert ExitCode[f"SERVE_{code.name}"] == code.value
        assert f"{code.value:>3}  serve_{code.name.lower()}: serve: {MEANINGS[code]}" in text
    assert f"{ExitCode.TERMINATED.value:>3}  terminated:" in text


def test_hints_are_cli_commands(cli: CliFn, project: str, studio: str, admin: DSSClient) -> None:
    template = admin.create_code_studio_template(unique("Never built "), "block_based")
    try:
        unbuilt = cli("studios", "create", project, "unbuilt", "-t", template.template_id)
        assert unbuilt.code == 0, unbuilt
        refused = cli("studios", "start", project, unbuilt.stdout.strip())
        assert refused.code == ExitCode.FAILED, refused
        line = refused.error_line()
        assert f"dss-codestudio templates build {template.template_id}" in line
        assert "POST /" not in line
    finally:
        template.delete(delete_runtime=True)

    running_with_a_conflict(cli, project, studio, admin, "h.py")
    pull = cli("studios", "pull", project, studio, LIB)
    assert pull.code == ExitCode.CONFLICTS
    line = pull.error_line()
    assert "--force" in line
    assert "force=true" not in line
    assert "file(s)" not in line
    assert "1 file of zone" in line
    push = cli("studios", "push", project, studio, LIB)
    assert "--force" in push.error_line()


def test_plurals(cli: CliFn, project: str, studio: str, admin: DSSClient) -> None:
    start_studio(cli, project, studio)
    one_zone = cli("studios", "conflicts", project, studio, LIB)
    assert one_zone.code == 0, one_zone
    assert "no conflict in 1 zone\n" in one_zone.stdout
    assert "Checking 1 zone of" in one_zone.stderr
    every = cli("studios", "pull", project, studio)
    assert re.search(r"Pulling \d+ zones from", every.stderr)
    for run in (one_zone, every):
        assert "(s)" not in run.stdout + run.stderr
        assert not re.search(r"\b1 (files|zones)\b", run.stdout + run.stderr)


def test_the_progress_line_ends_with_a_cross_when_the_command_fails(
    cli: CliFn, project: str, studio: str, admin: DSSClient
) -> None:
    running_with_a_conflict(cli, project, studio, admin, "c.py")
    for command in (["conflicts"], ["sync"], ["push", LIB], ["pull", LIB]):
        run = cli("studios", command[0], project, studio, *command[1:])
        assert run.code == ExitCode.CONFLICTS, run
        lines = run.stderr.splitlines()
        assert lines[-2].startswith("✗ "), (command, lines)  # then the one error line
        assert lines[-1].startswith("error: ")
        assert "✓" not in run.stderr
    stop = cli("studios", "stop", project, studio)
    assert stop.code == ExitCode.CONFLICTS
    assert "✓" not in stop.stderr
    assert "✗ Stopping code studio" in stop.stderr


def test_sigterm_ends_the_progress_line_and_says_so(slow_cli: CliFn, slow_server: DSSTestServer, tmp_path: Path):
    started = slow_cli("templates", "build", TEMPLATE, "--no-cache", "--no-wait")
    assert started.code == 0, started
    job_id = started.stdout.strip()
    env = {
        **os.environ,
        "DKU_DSS_URL": slow_server.url,
        "DKU_API_KEY": slow_server.admin_key,
        "HOME": str(tmp_path),
        "PYTHONUNBUFFERED": "1",
    }
    process = subprocess.Popen(
        [*CLI, "futures", "wait", job_id], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env
    )
    try:
        assert process.stderr is not None
        first = process.stderr.readline()  # the progress line has begun: the command is waiting
        assert first.startswith("… Waiting for"), first
        process.send_signal(signal.SIGTERM)
        out, err = process.communicate(timeout=60)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
        slow_cli("futures", "abort", job_id)
    assert process.returncode == ExitCode.TERMINATED == 143
    lines = err.splitlines()
    assert lines[-2].startswith(f"✗ Waiting for {job_id}"), err
    assert lines[-1] == "error: terminated (SIGTERM)"
    assert "Traceback" not in err
    assert out == ""


def test_piped_tables_are_whole_tab_separated_and_plain(
    cli: CliFn, project: str, studio: str, dss_session_server: DSSTestServer
) -> None:
    status = start_studio(cli, project, studio)
    run = cli("studios", "status", project, studio, env={"COLUMNS": "40"})  # a narrow terminal would cut
    assert run.code == 0, run
    assert not ANSI.search(run.stdout)
    rows = [line.split("\t") for line in run.stdout.splitlines() if "\t" in line]
    for zone in status["syncedZones"]:
        assert [zone["id"], zone["zone"], zone["pathInContainer"], "no", zone["studioPath"]] in rows
    listed = cli("studios", "list", project, env={"COLUMNS": "20"})
    assert listed.stdout == f"{studio}\tstudio\t{dss_session_server.admin_login}\t{TEMPLATE}\n"  # rows only, as gh

    empty_project = unique("E")
    assert cli("projects", "create", empty_project, "--owner", dss_session_server.admin_login).code == 0
    empty = cli("studios", "list", empty_project)
    assert (empty.code, empty.stdout) == (0, "")  # `| wc -l` counts 0
    assert "(no code studios)" in empty.stderr


def test_wait_for_takes_known_states_only(cli: CliFn, project: str, studio: str) -> None:
    began = time.monotonic()
    run = cli("studios", "status", project, studio, "--wait-for", "BOGUS")
    assert run.code == ExitCode.USAGE, run
    assert time.monotonic() - began < 30  # refused, not waited for
    assert all(state in run.stderr for state in KNOWN_STATES)
    assert cli("studios", "status", project, studio, "--wait-for", "stopped", "--timeout", "5").code == 0
    help_text = cli("studios", "status", "--help").stdout
    assert "[STOPPED|STARTING|RUNNING|STOPPING]" in help_text
    assert set(KNOWN_STATES) == set(CodeStudioState.__members__)


def test_a_push_that_skipped_conflicting_files_says_so(cli: CliFn, project: str, studio: str, admin: DSSClient):
    running_with_a_conflict(cli, project, studio, admin, "p.py")
    run = cli("studios", "push", project, studio, LIB)
    assert run.code == ExitCode.CONFLICTS, run
    assert "1 file in conflict left as they are in the studio" in run.error_line()
    assert [LIB, "0 files", "0 B", "1"] in [line.split("\t") for line in run.stdout.splitlines()]
    handle = admin.get_project(project).get_code_studio(studio)
    zone = next(z for z in handle.get_status().get_zones("objects") if z.zone == LIB)
    pushed = handle.push_to_code_studio(zone.id)
    assert (pushed.count, pushed.conflicts, pushed.has_conflicts) == (0, ["p.py"], True)


def test_the_server_extra_message_is_the_same_from_both_programs(tmp_path: Path) -> None:
    # Without the extra (uvicorn cannot be imported), both programs print one line and exit 8.
    blocker = tmp_path / "blocker"
    blocker.mkdir()
    (blocker / "uvicorn.py").write_text("raise ImportError('No module named uvicorn (blocked by the test)')\n")
    env = {**os.environ, "PYTHONPATH": f"{blocker}{os.pathsep}{os.environ.get('PYTHONPATH', '')}"}
    script = Path(sys.executable).with_name("dss-codestudio-server")
    runs = [
        subprocess.run([*CLI, "serve"], capture_output=True, text=True, env=env, timeout=120),
        subprocess.run([str(script), "serve"], capture_output=True, text=True, env=env, timeout=120),
    ]
    for run in runs:
        assert run.returncode == ExitCode.CONFIG, run
        assert run.stderr.count("\n") == 1
        assert run.stderr.startswith("error: the reference server needs the server")
        assert "Traceback" not in run.stderr
    assert runs[0].stderr == runs[1].stderr


def test_serve_s_exit_statuses_pass_through_the_cli(tmp_path: Path) -> None:
    folder = tmp_path / "not-a-data-dir"
    folder.mkdir()
    (folder / "something.txt").write_text("mine")
    run = subprocess.run(
        [*CLI, "serve", "--data-dir", str(folder), "--port", "0"], capture_output=True, text=True, timeout=120
    )
    assert run.returncode == ExitCode.SERVE_NOT_A_DATA_DIR == 11, run
