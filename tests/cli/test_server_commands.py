"""`dss-codestudio serve` and `dss-codestudio server ...`: the reference server's commands, mounted lazily."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest
from dss_codestudio import DSSClient
from dss_codestudio.cli import ExitCode

from .conftest import CliFn, free_port

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
        assert "pip install 'dss-codestudio[server]'" in run.error_line()


def test_serve_runs_a_server_until_interrupted(tmp_path: Path) -> None:
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
        deadline = time.monotonic() + 60
        while not key:
            assert time.monotonic() < deadline, "no admin key printed"
            line = process.stdout.readline()
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
    finally:
        process.send_signal(signal.SIGINT)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
    assert process.returncode is not None
