"""The sandbox of studio processes (bubblewrap): what a studio sees, and that nothing it starts survives.

Each test runs real entry points in a real sandbox, with the studio's workspace inside a stand-in
data directory (as the server lays it out) that also holds an instance secret and a database.
"""

from __future__ import annotations

import json
import os
import shlex
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from dss_codestudio_server.runtime import EntryPoint, LocalRuntime, PodSpec, Sandbox
from dss_codestudio_server.runtime.procinfo import is_running

from tests.support.files import read_json_when_written
from tests.support.processes import processes_with, studio_processes
from tests.support.sandbox import report_and_listen, sandbox_or_skip
from tests.support.waiting import wait_until

ROOT = Path(__file__).resolve().parents[2]
DEADLINE_S = 30.0

PROBE = """
import json, os, socket, sys
def attempt(action):
    try:
        return ["ok", action()]
    except OSError as exc:
        return ["refused", exc.strerror]
data = sys.argv[1]
report = {
    "uid": os.getuid(),
    "home": os.environ.get("HOME"),
    "cwd": os.getcwd(),
    "secret": attempt(lambda: open(os.path.join(data, "instance-secret")).read()),
    "database": attempt(lambda: open(os.path.join(data, "server.db"), "rb").read(4).decode()),
    "data_listing": attempt(lambda: sorted(os.listdir(data))),
    "other_studio": attempt(lambda: sorted(os.listdir(sys.argv[2]))),
    "beside_the_data": attempt(lambda: open(sys.argv[3]).read()),
    "root_home": attempt(lambda: sorted(os.listdir("/root"))),
    "shadow": attempt(lambda: open("/etc/shadow").read(10)),
    "write_usr": attempt(lambda: open("/usr/escape.txt", "w").write("x")),
    "write_workspace": attempt(lambda: open("mine.txt", "w").write("mine")),
    "pod_path": attempt(lambda: sorted(os.listdir("/home/dataiku/workspace"))),
    "tmp": attempt(lambda: sorted(os.listdir("/tmp"))),
    "pid_one": attempt(lambda: open("/proc/1/cmdline", "rb").read().split(b"\\0")[0].decode()),
    "processes": attempt(lambda: len([p for p in os.listdir("/proc") if p.isdigit()])),
}
"""
PROBE += report_and_listen("report.json")


def python_entry(label: str, code: str, *args: str, port: int | None = 9000) -> EntryPoint:
    script = shlex.quote(textwrap.dedent(code).strip())
    return EntryPoint(label, f"${{python}} -c {script} {' '.join(shlex.quote(a) for a in args)}", port)


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    """A stand-in data directory: an instance secret, a database, and two studios' workspaces."""
    data = tmp_path / "data"
    (data / "projects/P/code-studio-pods/mine/workspace").mkdir(parents=True)
    (data / "projects/P/code-studio-pods/other/workspace").mkdir(parents=True)
    (data / "projects/P/code-studio-pods/other/workspace/private.txt").write_text("another studio's file")
    (data / "instance-secret").write_bytes(b"0" * 32)
    (data / "server.db").write_bytes(b"SQLite format 3\0")
    (tmp_path / "beside.txt").write_text("a file of the server's user")
    return data


@pytest.fixture
def sandbox(data_dir: Path) -> Sandbox:
    return sandbox_or_skip(hidden=[data_dir])


def pod_in(data_dir: Path, studio: str = "mine") -> PodSpec:
    pod = data_dir / "projects/P/code-studio-pods" / studio
    return PodSpec("P", studio, pod / "workspace", pod / "logs")


def test_a_sandboxed_studio_sees_its_workspace_and_the_runtime_only(
    sandbox: Sandbox, data_dir: Path, tmp_path: Path
) -> None:
    runtime = LocalRuntime(data_dir / "runtime", sandbox=sandbox)
    pod = pod_in(data_dir)
    other = data_dir / "projects/P/code-studio-pods/other/workspace"
    entry = python_entry("Probe", PROBE, str(data_dir), str(other), str(tmp_path / "beside.txt"))
    try:
        runtime.start("P/mine", pod, [entry], readiness_timeout=DEADLINE_S)
        report = read_json_when_written(pod.workspace / "report.json")
    finally:
        runtime.close(grace=2)
    for what in ("secret", "database", "other_studio", "beside_the_data", "shadow", "write_usr"):
        assert report[what][0] == "refused", (what, report[what])
    # Root's home holds, at most, the way to the Python the studio runs (pyenv's, say): nothing else.
    runtime_parts = {p.relative_to("/root").parts[0] for p in sandbox.read_only if Path("/root") in p.parents}
    assert report["root_home"][0] == "refused" or set(report["root_home"][1]) <= runtime_parts, report["root_home"]
    # What it can see of the data directory is its own workspace, on the way to it: nothing else.
    assert report["data_listing"] == ["ok", ["projects"]]
    assert report["write_workspace"] == ["ok", 4]
    assert (pod.workspace / "mine.txt").read_text() == "mine"
    assert report["cwd"] == str(pod.workspace.resolve())
    assert report["home"] == str(pod.workspace)
    assert "mine.txt" in report["pod_path"][1], "the workspace is also where DSS puts it"
    assert report["tmp"][0] == "ok"
    workspace = pod.workspace.resolve()
    shown = [workspace, *sandbox.read_only]  # a clone of the project in /tmp runs studios with its .venv
    way = {p.relative_to("/tmp").parts[0] for p in shown if Path("/tmp") in p.parents}
    assert set(report["tmp"][1]) <= way, "its own /tmp, with nothing but the way to its workspace and runtime"
    assert report["pid_one"][1].endswith("bwrap"), "its own PID namespace, bubblewrap's init as pid 1"
    assert report["processes"][1] <= 4, "it sees only its own processes"
    if os.geteuid() == 0:
        assert report["uid"] == 65534, "a server running as root runs studios as nobody"
        assert (pod.workspace / "mine.txt").stat().st_uid == 65534
        assert (pod.workspace / "report.json").stat().st_uid == 65534


def test_nothing_a_sandboxed_studio_starts_survives_its_stop(sandbox: Sandbox, data_dir: Path) -> None:
    marker = f"600.{os.getpid()}{id(data_dir) % 1000}"
    escaper = EntryPoint(
        "Escaper",
        # A daemon in its own session, and one that even drops the environment the runtime recognises.
        f"(setsid sleep {marker} &); (env -i setsid sleep {marker}1 &); "
        "exec ${python} -m dss_codestudio_server.runtime.workspace_http --port ${port}",
        8080,
    )
    runtime = LocalRuntime(data_dir / "runtime", sandbox=sandbox)
    try:
        runtime.start("P/mine", pod_in(data_dir), [escaper], readiness_timeout=DEADLINE_S)
        wait_until(lambda: len(processes_with(marker)) == 2, what="the escaped daemons to run")
    finally:
        runtime.close(grace=2)
    wait_until(lambda: not processes_with(marker), timeout=10, what="the escaped daemons to be gone")


def test_a_sandboxed_entry_point_is_asked_to_stop_before_it_is_killed(sandbox: Sandbox, data_dir: Path) -> None:
    graceful = python_entry(
        "Graceful",
        """
        import os, signal, socket, time
        def on_term(signum, frame):
            open("stopped-cleanly.txt", "w").write("bye")
            os._exit(0)
        signal.signal(signal.SIGTERM, on_term)
        s = socket.socket()
        s.bind(("127.0.0.1", int(os.environ["PORT"])))
        s.listen()
        time.sleep(600)
        """,
    )
    runtime = LocalRuntime(data_dir / "runtime", sandbox=sandbox)
    pod = pod_in(data_dir)
    studio = runtime.start("P/mine", pod, [graceful], readiness_timeout=DEADLINE_S)
    report = studio.stop(grace=10)
    runtime.close(grace=2)
    assert (pod.workspace / "stopped-cleanly.txt").read_text() == "bye"
    assert report.killed == 0


def test_nothing_of_a_sandbox_survives_its_server(sandbox: Sandbox, data_dir: Path) -> None:
    """A server killed with SIGKILL takes its studios' processes with it (bubblewrap's --die-with-parent)."""
    del sandbox  # checked: the child process finds the same one
    pod = pod_in(data_dir)
    before = studio_processes(data_dir)
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "tests.runtime.supervisor_child",
            str(data_dir / "runtime"),
            str(pod.workspace),
            str(pod.log_dir),
            "--sandbox",
            str(data_dir),
        ],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert server.stdout is not None
        json.loads(server.stdout.readline())
        wait_until(lambda: len(studio_processes(data_dir) - before) >= 4, what="the sandboxed processes to run")
        left = studio_processes(data_dir) - before
        server.send_signal(signal.SIGKILL)
        server.wait(timeout=10)
        wait_until(lambda: not any(is_running(p) for p in left), timeout=10, what="the sandbox to die with its server")
    finally:
        server.kill()
        server.wait(timeout=10)


def test_a_runtime_kept_in_tmp_is_visible_in_the_sandbox_and_the_rest_of_tmp_is_not(tmp_path: Path) -> None:
    # A clone of the project in /tmp runs studios with the Python of its .venv: the sandbox's own
    # /tmp must not hide it (it did, and every studio of such a clone failed with status 127).
    runtime = tmp_path / "clone" / ".venv"
    runtime.mkdir(parents=True)
    (runtime / "tool.txt").write_text("the runtime")
    (tmp_path / "beside.txt").write_text("not for studios")
    sandbox = sandbox_or_skip(read_only=[runtime])
    workspace = tmp_path / "workspace"
    workspace.mkdir()
    sandbox.give_tree(workspace)
    tool, beside = shlex.quote(str(runtime / "tool.txt")), shlex.quote(str(tmp_path / "beside.txt"))
    script = f"cat {tool}; test -e {beside} && echo seen"
    done = subprocess.run(
        sandbox.command(workspace, "tmp", ["/bin/sh", "-c", script]), capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 1, done  # `test -e` fails: what is beside the runtime stays out of sight
    assert done.stdout == "the runtime", done
