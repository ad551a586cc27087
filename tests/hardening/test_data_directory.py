"""One server per data directory, and a server only ever on a data directory.

- A second `serve` on a data directory in use (running `serve` twice is enough, on the default
  one) used to "recover after an unclean stop": it killed the first server's studio processes and
  marked them STOPPED, then failed to bind its port, and exited 3, the CLI's code for conflicts. Now
  it exits 10 with one line, before it reads or writes anything: the first server's studio runs on.
- `serve` on a folder that is not a data directory used to delete its `projects/*` and
  `templates/*` as orphans and chmod it 0700. Now it exits 11 and the folder is left byte for byte
  as it was, its mode too. A missing or empty folder is initialised; a data directory made by an
  earlier version (its database, no marker) opens and gets its marker.
- "listening on" is printed once the port is bound: a taken port is one line and exit 12.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx
import pytest
from dss_codestudio_server.config import ServerConfig
from dss_codestudio_server.exit_codes import ServeExit
from dss_codestudio_server.http import open_instance
from dss_codestudio_server.runtime import reconcile
from dss_codestudio_server.storage.datadir import MARKER, DataDirectoryInUse, NotADataDirectory

from tests.hardening.hostile import snapshot
from tests.support.api import finished
from tests.support.ports import reserved_port
from tests.support.processes import studio_processes
from tests.support.server_process import admin_key, server_process

SERVE = [sys.executable, "-m", "dss_codestudio_server", "serve"]


def serve_once(
    data: Path, port: int, *options: str, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """Run `serve` where it is expected to stop by itself; its output, both streams together."""
    return subprocess.run(
        [*SERVE, "--port", str(port), "--data-dir", str(data), *options],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "COLUMNS": "300", **(env or {})},
    )


def output_lines(run: subprocess.CompletedProcess[str]) -> list[str]:
    return [line for line in (run.stdout + run.stderr).splitlines() if line.strip()]


def test_a_second_server_on_a_data_directory_in_use_exits_and_touches_nothing(tmp_path: Path) -> None:
    data, log = tmp_path / "data", tmp_path / "server.log"
    try:
        with reserved_port() as port, reserved_port() as other, server_process(data, port, log, build_step_delay=0):
            api = httpx.Client(base_url=f"http://127.0.0.1:{port}/dip/publicapi", auth=(admin_key(log), ""), timeout=30)
            finished(api, api.post("/admin/code-studios/python-workspace/build").json())
            api.post("/projects/", json={"projectKey": "P", "name": "p", "owner": "admin"})
            studio = api.post("/projects/P/code-studios/", json={"name": "s", "templateId": "python-workspace"})
            path = f"/projects/P/code-studios/{studio.json()['codeStudio']['id']}"
            assert finished(api, api.post(f"{path}/restart").json()).json()["result"]["state"] == "RUNNING"
            running = api.get(f"{path}/status").json()
            pids = studio_processes(data)
            assert pids

            second = serve_once(data, other)

            assert second.returncode == ServeExit.DATA_DIR_IN_USE, output_lines(second)
            [line] = output_lines(second)
            assert "in use by process" in line
            assert "another server serves this data directory" in line
            # The first server's studio runs on, its processes untouched, and it still answers.
            assert studio_processes(data) == pids
            assert api.get(f"{path}/status").json() == running
            # Through the server's proxy, as the studio's owner (the exposed URL is relative to the server's).
            proxied = httpx.get(f"http://127.0.0.1:{port}/{running['exposed'][0]['url']}", auth=api.auth, timeout=30)
            assert proxied.status_code == 200
            assert finished(api, api.post(f"{path}/stop").json()).json()["result"]["state"] == "STOPPED"
            api.close()
    finally:
        reconcile(data / "runtime", grace=1)  # a failing test must not leave the studio's processes behind


def test_in_process_the_second_serving_instance_is_refused_until_the_first_closes(tmp_path: Path) -> None:
    config = ServerConfig(data_dir=tmp_path / "data")
    first = open_instance(config)
    try:
        with pytest.raises(DataDirectoryInUse):
            open_instance(config)
    finally:
        first.close()
    open_instance(config).close()  # the lock goes with the instance


def _foreign_folder(root: Path) -> Path:
    folder = root / "my-documents"
    for name, content in {
        "projects/thesis/draft.md": b"chapter 1\n",
        "templates/letter.txt": b"Dear ...\n",
        "builds/log.txt": b"make: ok\n",
        "notes.txt": b"keep me\n",
    }.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_bytes(content)
    os.chmod(folder, 0o755)
    return folder


def test_serve_on_a_folder_that_is_not_a_data_directory_refuses_and_changes_nothing(tmp_path: Path) -> None:
    folder = _foreign_folder(tmp_path)
    before = snapshot(tmp_path)
    with reserved_port() as port:
        run = serve_once(folder, port)
    assert run.returncode == ServeExit.NOT_A_DATA_DIR, output_lines(run)
    [line] = output_lines(run)
    assert "is not a data directory of dss-codestudio-server" in line
    assert snapshot(tmp_path) == before  # contents and modes, the folder's own mode included
    assert (os.stat(folder).st_mode & 0o777) == 0o755
    with pytest.raises(NotADataDirectory):
        open_instance(ServerConfig(data_dir=folder))
    assert snapshot(tmp_path) == before


def test_a_missing_or_empty_folder_is_initialised_and_an_older_data_directory_gets_its_marker(
    tmp_path: Path,
) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    for folder in (tmp_path / "missing" / "data", empty):
        open_instance(ServerConfig(data_dir=folder)).close()
        assert (folder / MARKER).is_file()
        assert (os.stat(folder).st_mode & 0o777) == 0o700
    # A data directory of an earlier version: its database, no marker.
    instance = open_instance(ServerConfig(data_dir=empty))
    instance.initialize()
    instance.projects.create(instance.users.get("admin"), key="KEPT", name="k", owner="admin")
    instance.close()
    (empty / MARKER).unlink()
    reopened = open_instance(ServerConfig(data_dir=empty))
    try:
        assert [p.key for p in reopened.projects.visible(reopened.users.get("admin"))] == ["KEPT"]
        assert (empty / MARKER).is_file()
    finally:
        reopened.close()


@contextmanager
def port_taken() -> Iterator[int]:
    """A port something else listens on."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        sock.listen()
        yield int(sock.getsockname()[1])


def test_listening_is_announced_only_once_the_port_is_bound(tmp_path: Path) -> None:
    with port_taken() as port:
        run = serve_once(tmp_path / "data", port)
    assert run.returncode == ServeExit.ADDRESS_UNAVAILABLE, output_lines(run)
    lines = output_lines(run)
    assert not [line for line in lines if line.startswith("listening on")], lines
    assert f"cannot listen on 127.0.0.1:{port}" in lines[-1]
    # Nothing of the data directory is kept busy: it serves at once on a free port.
    with reserved_port() as free, server_process(tmp_path / "data", free, tmp_path / "server.log"):
        pass


def test_serves_exit_statuses_mean_one_thing_whichever_command_ran_it() -> None:
    from dss_codestudio.cli import ExitCode  # `dss-codestudio serve` passes the server's status on

    # The CLI lists serve's statuses as its own, under the same names, and gives their values to nothing else.
    assert {code.name: int(code) for code in ServeExit} == {
        code.name.removeprefix("SERVE_"): int(code) for code in ExitCode if code.name.startswith("SERVE_")
    }
    others = {int(code) for code in ExitCode if not code.name.startswith("SERVE_")}
    assert others.isdisjoint(int(code) for code in ServeExit)
    assert {int(code) for code in ServeExit} == {10, 11, 12, 13}  # documented in README and `serve --help`


def test_require_sandbox_where_bubblewrap_is_missing_exits_13_and_creates_nothing(tmp_path: Path) -> None:
    # A PATH without bwrap: the machine cannot sandbox studios, and the operator asked not to run without it.
    empty_bin = tmp_path / "bin"
    empty_bin.mkdir()
    data = tmp_path / "data"
    with reserved_port() as port:
        run = serve_once(data, port, "--require-sandbox", env={"PATH": str(empty_bin)})
    assert run.returncode == ServeExit.SANDBOX_UNAVAILABLE, output_lines(run)
    (line,) = output_lines(run)
    assert "bubblewrap (bwrap) is not installed" in line
    assert "--require-sandbox" in line
    assert not data.exists()  # refused before the data directory was made
    assert not any("listening on" in text for text in output_lines(run))
