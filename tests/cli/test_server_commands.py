"""`dss-codestudio serve` and `dss-codestudio server ...`: the reference server's commands, mounted lazily."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest
from dss_codestudio import DSSClient
from dss_codestudio.cli import ExitCode, install_hint

from tests.support.cli import CliFn
from tests.support.ports import free_port

CLI = [sys.executable, "-m", "dss_codestudio.cli"]


def test_server_help_is_the_servers_own(unconfigured_cli: CliFn) -> None:
    run = unconfigured_cli("server", "--help")
    assert run.code == 0
    assert "add-user" in run.stdout
    assert "add-key" in run.stdout
    serve_help = unconfigured_cli("serve", "--help")
    assert serve_help.code == 0
    assert "--data-dir" in serve_help.stdout


def test_add_user_and_add_key_make_working_keys(unconfigured_cli: CliFn, tmp_path: Path) -> None:
    data = tmp_path / "data"
    made = unconfigured_cli("server", "add-user", "alice", "--admin", "--data-dir", str(data))
    assert made.code == 0, made
    first = made.stdout.strip()
    second = unconfigured_cli("server", "add-key", "alice", "--data-dir", str(data))
    assert second.code == 0, second
    assert second.stdout.strip() not in ("", first)
    duplicate = unconfigured_cli("server", "add-user", "alice", "--data-dir", str(data))
    assert duplicate.code != 0
    assert "Traceback" not in duplicate.stderr


def test_declare_list_and_remove_code_envs(unconfigured_cli: CliFn, tmp_path: Path) -> None:
    data = ["--data-dir", str(tmp_path / "data")]
    made = unconfigured_cli("server", "add-code-env", "py311", "--python", "3.11", "--package", "pandas", *data)
    assert made.code == 0, made
    assert "PYTHON py311" in made.stdout
    again = unconfigured_cli("server", "add-code-env", "py311", *data)
    assert again.code == 1
    assert "already exists" in again.stderr
    bad = unconfigured_cli("server", "add-code-env", "../x", *data)
    assert bad.code == 1
    assert "Invalid code env name" in bad.stderr
    assert "Traceback" not in bad.stderr
    assert unconfigured_cli("server", "add-code-env", "r-env", "--lang", "R", *data).code == 0
    listed = unconfigured_cli("server", "list-code-envs", *data)
    assert listed.stdout.splitlines() == ["PYTHON\tpy311\tPYTHON311", "R\tr-env\t"]
    assert unconfigured_cli("server", "remove-code-env", "r-env", "--lang", "r", *data).code == 0
    assert unconfigured_cli("server", "list-code-envs", *data).stdout.splitlines() == ["PYTHON\tpy311\tPYTHON311"]
    gone = unconfigured_cli("server", "remove-code-env", "r-env", "--lang", "R", *data)
    assert gone.code == 1
    assert "does not exist" in gone.stderr


def test_missing_server_extra_says_how_to_install_it(unconfigured_cli: CliFn, monkeypatch: pytest.MonkeyPatch) -> None:
    # What a user without the `server` extra meets: the server's dependencies cannot be imported.
    monkeypatch.setitem(sys.modules, "uvicorn", None)
    monkeypatch.delitem(sys.modules, "dss_codestudio_server.cli", raising=False)
    monkeypatch.delitem(sys.modules, "dss_codestudio_server.embedded", raising=False)
    for args in (["serve"], ["server", "add-user", "bob"], ["quickstart"]):
        run = unconfigured_cli(*args)
        assert run.code == ExitCode.CONFIG, (args, run)
        # The hint installs the extra from where this installation came from (here: the checkout, editable).
        assert run.error_line().endswith(f": {install_hint()}")
        assert "[server]'" in install_hint()


def test_serve_runs_a_server_until_interrupted(tmp_path: Path) -> None:
    """serve's own lines: the bound URL once, one access-log line per API request, one shutdown line."""
    port = free_port()
    data = tmp_path / "data"
    process = subprocess.Popen(
        [*CLI, "serve", "--port", str(port), "--data-dir", str(data)],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )
    try:
        assert process.stdout is not None
        key = ""
        seen: list[str] = []
        deadline = time.monotonic() + 60
        while not key:
            assert time.monotonic() < deadline, "no admin key printed"
            line = process.stdout.readline()
            seen.append(line.rstrip("\n"))
            assert line, f"serve exited with {process.wait()}"
            if line.startswith("admin API key: "):
                key = line.removeprefix("admin API key: ").strip()
        url = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 60
        while True:
            try:
                httpx.get(url, timeout=1)
                break
            except httpx.TransportError:
                assert time.monotonic() < deadline, "the server never answered"
                time.sleep(0.05)
        with DSSClient(url, key) as client:
            assert "python-workspace" in [t.id for t in client.list_code_studio_templates()]
            client.create_project("LOGGED", "Logged", "admin")  # a request with a JSON body
    finally:
        process.send_signal(signal.SIGINT)
        try:
            process.wait(timeout=60)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        # Read through the same buffered reader (communicate() would skip what readline() already buffered).
        assert process.stdout is not None
        rest = process.stdout.read()
        process.stdout.close()
    assert process.returncode == 0, rest
    lines = seen + rest.splitlines()
    assert [line for line in lines if line.startswith("listening on ")] == [f"listening on {url}/dip/publicapi"], lines
    access = [line for line in lines if "dss_codestudio_server.access" in line]
    listed = [line for line in access if " GET /dip/publicapi/admin/code-studios/ 200 " in line]
    assert len(listed) == 1, "\n".join(access)  # one line per request
    assert re.search(r" 200 \d+\.\d ms user=admin$", listed[0]), listed
    assert any(" POST /dip/publicapi/projects/ 200 " in line for line in access), access
    assert key not in rest  # after the line that hands it out: the key is never logged
    assert "Skipping validation" not in rest
    assert lines[-1].startswith("stopped"), lines[-3:]
    assert sum(line.startswith("stopped") for line in lines) == 1
