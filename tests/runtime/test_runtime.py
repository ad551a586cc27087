"""The local runtime: real processes, readiness, environment, stop, crash detection."""

from __future__ import annotations

import os
import socket
import sys
import textwrap
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from dss_codestudio_server.runtime import (
    SECRET_HEADER,
    EntryPoint,
    LocalRuntime,
    PodSpec,
    ProcessExit,
    Readiness,
    StudioAlreadyRunningError,
    StudioStartError,
)
from dss_codestudio_server.runtime.procinfo import is_running

from tests.support.files import read_json_when_written
from tests.support.processes import assert_all_gone
from tests.support.waiting import wait_until

WORKSPACE_HTTP = EntryPoint(
    label="Workspace",
    command="${python} -m dss_codestudio_server.runtime.workspace_http --port ${port} --base-path ${baseUrl}",
    port=8080,
    readiness=Readiness("http", "${baseUrl}/__health"),
    expose_html=True,
)


def python_entry(label: str, code: str, *, port: int | None = 9000, readiness: Readiness | None = None) -> EntryPoint:
    script = textwrap.dedent(code).strip()
    return EntryPoint(label, f"${{python}} -c {_quote(script)}", port, readiness)


def _quote(s: str) -> str:
    import shlex

    return shlex.quote(s)


LISTEN = """
import os, socket, time
s = socket.socket()
s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
s.bind(("127.0.0.1", int(os.environ["PORT"])))
s.listen()
"""


def listening_addresses(port: int) -> set[str]:
    """Local addresses listening on `port`, from /proc/net/tcp and tcp6 (hex, as the kernel writes them)."""
    found = set()
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        try:
            lines = Path(table).read_text().splitlines()[1:]
        except OSError:
            continue
        for line in lines:
            local, state = line.split()[1], line.split()[3]
            address, hex_port = local.split(":")
            if int(hex_port, 16) == port and state == "0A":
                found.add(address)
    return found


def fetch(url: str, secret: str | None) -> urllib.request.Request:
    """A request of `url` carrying the start's secret as the proxy sends it (or not, with None)."""
    return urllib.request.Request(url, headers={SECRET_HEADER: secret} if secret is not None else {})


def test_workspace_service_is_ready_serves_files_and_only_on_loopback(
    runtime: LocalRuntime, pod: PodSpec, tmp_path: Path
) -> None:
    pod.workspace.mkdir(parents=True)
    (pod.workspace / "hello.txt").write_text("hello from the pod")
    (tmp_path / "secret.txt").write_text("outside")
    (pod.workspace / "escape").symlink_to(tmp_path)
    studio = runtime.start("PROJ/abc1234", pod, [WORKSPACE_HTTP], readiness_timeout=DEADLINE_S)
    (process,) = studio.exposed
    assert process.port == 8080
    assert process.url == f"http://127.0.0.1:{process.local_port}/"
    assert listening_addresses(process.local_port or 0) == {"0100007F"}, "bound to 127.0.0.1 only"
    secret = studio.secret
    with urllib.request.urlopen(fetch(process.url + "hello.txt", secret), timeout=5) as r:
        assert r.read() == b"hello from the pod"
    with urllib.request.urlopen(
        fetch(process.url + "code-studios/PROJ/abc1234/8080/hello.txt", secret), timeout=5
    ) as r:
        assert r.read() == b"hello from the pod"
    with urllib.request.urlopen(fetch(process.url + "__health", secret), timeout=5) as r:
        assert r.read() == b'{"status": "ok"}'
    for without in (None, "", secret[:-1], secret + "x", "wrong"):
        with pytest.raises(urllib.error.HTTPError) as refused:
            urllib.request.urlopen(fetch(process.url + "hello.txt", without), timeout=5)
        assert refused.value.code == 403, "the port answers only the proxy, which has the secret"
    for sneaky in ("escape/secret.txt", "%2e%2e/secret.txt", "..%2fsecret.txt"):
        with pytest.raises(urllib.error.HTTPError) as err:
            urllib.request.urlopen(fetch(process.url + sneaky, secret), timeout=5)
        assert err.value.code == 404
    raw = socket.create_connection(("127.0.0.1", process.local_port or 0), timeout=5)
    raw.sendall(b"GET /../secret.txt HTTP/1.0\r\n" + f"{SECRET_HEADER}: {secret}\r\n\r\n".encode())
    answer = raw.recv(200)
    raw.close()
    assert answer.startswith(b"HTTP/1.0 404")
    report = studio.stop(grace=5)
    assert report.killed == 0, "the service stops on SIGTERM"
    assert_all_gone([process.pid])
    assert runtime.get("PROJ/abc1234") is None
    assert not list((tmp_path / "runtime-state").glob("*.procs.json")), "the record is removed after a stop"


DEADLINE_S = 20.0


def test_environment_and_working_folder(runtime: LocalRuntime, pod: PodSpec, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SERVER_SECRET", "must not leak into studios")
    dump_env = python_entry(
        "Env",
        LISTEN + "import json\njson.dump(dict(os.environ), open('env.json', 'w'))\ntime.sleep(600)",
    )
    second = python_entry("Second", LISTEN + "time.sleep(600)", port=9001)
    extra = EntryPoint(dump_env.label, dump_env.command, dump_env.port, None, False, {"FROM_ENTRY": "yes"})
    studio = runtime.start("PROJ/abc1234", pod, [extra, second], readiness_timeout=DEADLINE_S)
    env = read_json_when_written(pod.workspace / "env.json")
    local = {p.port: p.local_port for p in studio.processes}
    assert env["PORT"] == str(local[9000])
    assert env["DKU_CODE_STUDIO_BROWSER_PATH"] == "/code-studios/PROJ/abc1234"
    assert env["DKU_CODE_STUDIO_BROWSER_PATH_9000"] == "/code-studios/PROJ/abc1234/9000"
    assert env["DKU_CODE_STUDIO_BROWSER_PATH_9001"] == "/code-studios/PROJ/abc1234/9001"
    assert env["DKU_CODE_STUDIO_LOCAL_PORT_9001"] == str(local[9001])
    assert env["DKU_CURRENT_PROJECT_KEY"] == "PROJ"
    assert env["DKU_IS_CODE_STUDIO"] == "1"
    assert env["DKU_CODE_STUDIO_VERSIONED_LOCATION"] == "/ws/versioned"
    assert env["K8S_POD_NAME"] == "code-studio-proj-abc1234"
    for name in ("K8S_NODE_NAME", "K8S_POD_NAMESPACE", "K8S_POD_ID"):
        assert env[name]
    assert env["FROM_ENTRY"] == "yes"
    assert "SERVER_SECRET" not in env
    assert env["PATH"] == os.environ["PATH"]
    pids = [p.pid for p in studio.processes]
    studio.stop(grace=5)
    assert_all_gone(pids)


def test_stop_kills_what_ignores_sigterm_and_its_children(runtime: LocalRuntime, pod: PodSpec) -> None:
    stubborn = python_entry(
        "Stubborn",
        LISTEN
        + """
import signal, subprocess, json
signal.signal(signal.SIGTERM, signal.SIG_IGN)
child = subprocess.Popen(["sleep", "600"])
json.dump({"child": child.pid, "me": os.getpid()}, open("pids.json", "w"))
time.sleep(600)
""",
    )
    studio = runtime.start("PROJ/abc1234", pod, [stubborn], readiness_timeout=DEADLINE_S)
    pids = read_json_when_written(pod.workspace / "pids.json")
    child, me = int(str(pids["child"])), int(str(pids["me"]))
    assert is_running(child)
    assert is_running(me)
    t0 = time.monotonic()
    report = studio.stop(grace=0.5)
    assert time.monotonic() - t0 < 10
    assert report.killed >= 1, "the process ignoring SIGTERM needed SIGKILL"
    assert_all_gone([child, me, studio.processes[0].pid])


def test_a_process_that_dies_by_itself_is_reported(tmp_path: Path, pod: PodSpec) -> None:
    exits: list[ProcessExit] = []
    seen = threading.Event()

    def on_exit(e: ProcessExit) -> None:
        exits.append(e)
        seen.set()

    runtime = LocalRuntime(tmp_path / "state", on_exit=on_exit)
    crashing = python_entry(
        "Crashy", LISTEN + "while not os.path.exists('crash-now'): time.sleep(0.02)\nraise SystemExit(7)"
    )
    studio = runtime.start("PROJ/abc1234", pod, [crashing], readiness_timeout=DEADLINE_S)
    assert studio.alive()
    assert not exits, "no exit reported while it runs"
    (pod.workspace / "crash-now").touch()
    assert seen.wait(timeout=DEADLINE_S)
    assert [(e.studio_key, e.label, e.returncode) for e in exits] == [("PROJ/abc1234", "Crashy", 7)]
    assert not studio.alive()
    studio.stop(grace=1)
    assert len(exits) == 1, "an exit asked for by stop is not reported as a crash"


def test_stop_from_the_exit_callback_does_not_deadlock(tmp_path: Path, pod: PodSpec) -> None:
    stopped = threading.Event()
    holder: list[LocalRuntime] = []

    def on_exit(e: ProcessExit) -> None:
        holder[0].stop(e.studio_key, grace=1)  # what a server does: a crash stops the rest of the studio
        stopped.set()

    runtime = LocalRuntime(tmp_path / "state", on_exit=on_exit)
    holder.append(runtime)
    short = python_entry("Short", LISTEN + "while not os.path.exists('go'): time.sleep(0.02)")
    long = python_entry("Long", LISTEN + "time.sleep(600)", port=9001)
    studio = runtime.start("PROJ/abc1234", pod, [short, long], readiness_timeout=DEADLINE_S)
    (pod.workspace / "go").touch()
    assert stopped.wait(timeout=DEADLINE_S)
    assert_all_gone([p.pid for p in studio.processes])
    assert runtime.get("PROJ/abc1234") is None


def test_start_fails_early_when_a_process_exits(runtime: LocalRuntime, pod: PodSpec, tmp_path: Path) -> None:
    fine = python_entry("Fine", LISTEN + "time.sleep(600)", port=9001)
    broken = EntryPoint("Broken", "echo 'cannot start: missing thing' >&2; exit 3", 9000)
    t0 = time.monotonic()
    with pytest.raises(StudioStartError) as err:
        runtime.start("PROJ/abc1234", pod, [fine, broken], readiness_timeout=60)
    assert time.monotonic() - t0 < 30, "an exited process fails the start without waiting for the deadline"
    assert err.value.label == "Broken"
    assert "status 3" in str(err.value)
    assert "cannot start: missing thing" in err.value.log_tail
    assert runtime.get("PROJ/abc1234") is None
    assert not list((tmp_path / "runtime-state").glob("*.procs.json"))
    # And the studio can be started again.
    studio = runtime.start("PROJ/abc1234", pod, [fine], readiness_timeout=DEADLINE_S)
    studio.stop(grace=2)


def test_start_fails_after_the_readiness_deadline_and_leaves_nothing(runtime: LocalRuntime, pod: PodSpec) -> None:
    mute = python_entry(
        "Mute", "import os, json, time\njson.dump({'me': os.getpid()}, open('me.json', 'w'))\ntime.sleep(600)"
    )
    with pytest.raises(StudioStartError, match="not ready in time"):
        runtime.start("PROJ/abc1234", pod, [mute], readiness_timeout=1.0)
    pid = int(str(read_json_when_written(pod.workspace / "me.json")["me"]))
    assert_all_gone([pid])


def test_http_readiness_waits_for_a_good_status(runtime: LocalRuntime, pod: PodSpec) -> None:
    server = python_entry(
        "Web",
        """
import os, http.server, time
class H(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        ready = os.path.exists("ready")
        if not ready:
            open("polled", "w").close()
        self.send_response(200 if ready and self.path == "/code-studios/PROJ/abc1234/9000/ok" else 503)
        self.end_headers()
    def log_message(self, *a): pass
http.server.HTTPServer(("127.0.0.1", int(os.environ["PORT"])), H).serve_forever()
""",
        readiness=Readiness("http", "${baseUrl}/ok"),
    )
    result: list[object] = []
    starter = threading.Thread(
        target=lambda: result.append(runtime.start("PROJ/abc1234", pod, [server], readiness_timeout=DEADLINE_S))
    )
    starter.start()
    wait_until(lambda: (pod.workspace / "polled").exists(), what="a readiness poll answered 503")
    assert not result, "not ready while the readiness URL answers 503"
    (pod.workspace / "ready").touch()
    starter.join(timeout=DEADLINE_S)
    assert result
    runtime.stop("PROJ/abc1234", grace=2)


def test_cancel_aborts_a_start(runtime: LocalRuntime, pod: PodSpec) -> None:
    cancel = threading.Event()
    mute = python_entry("Mute", "import time\ntime.sleep(600)")
    steps: list[str] = []

    def progress(step: str) -> None:
        steps.append(step)
        if step.startswith("Waiting for entry point"):  # started, never ready: cancelled while it waits
            cancel.set()

    with pytest.raises(StudioStartError, match="cancelled"):
        runtime.start("PROJ/abc1234", pod, [mute], readiness_timeout=60, cancel=cancel, progress=progress)
    assert steps == ["Starting entry point Mute", "Waiting for entry point Mute to be ready"]
    assert runtime.get("PROJ/abc1234") is None


def test_one_studio_key_runs_once(runtime: LocalRuntime, pod: PodSpec) -> None:
    idle = python_entry("Idle", LISTEN + "time.sleep(600)")
    studio = runtime.start("PROJ/abc1234", pod, [idle], readiness_timeout=DEADLINE_S)
    with pytest.raises(StudioAlreadyRunningError):
        runtime.start("PROJ/abc1234", pod, [idle], readiness_timeout=DEADLINE_S)
    assert studio.alive()
    studio.stop(grace=2)
    assert studio.stop(grace=2) == studio.stop(grace=2), "stop is idempotent"


def test_entry_point_parsing() -> None:
    ep = EntryPoint.from_dict(
        {
            "label": "App",
            "command": "${python} app.py",
            "port": 8501,
            "readiness": {"type": "http", "url": "${baseUrl}/healthz"},
            "exposeHtml": True,
            "env": {"A": "1"},
        }
    )
    assert ep == EntryPoint("App", "${python} app.py", 8501, Readiness("http", "${baseUrl}/healthz"), True, {"A": "1"})
    assert EntryPoint.from_dict({"label": "X", "command": "run"}).readiness is None
    for bad in (
        {"label": "X"},
        {"label": "X", "command": "run", "port": 70000},
        {"label": "X", "command": "run", "port": True},
        {"label": "X", "command": "run", "readiness": {"type": "exec"}},
        {"label": "X", "command": "run", "env": {"A": 1}},
    ):
        with pytest.raises(ValueError):  # noqa: PT011 - each case has its own message
            EntryPoint.from_dict(bad)


def test_python_placeholder_is_this_interpreter() -> None:
    from dss_codestudio_server.runtime.entrypoints import render_command, render_url

    cmd = render_command(
        "${python} -m x --host ${host} --port ${port} --at ${baseUrl} --in ${workspace}",
        port=1234,
        workspace=Path("/w s"),
        base_url="/b",
    )
    assert cmd == f"{sys.executable} -m x --host 127.0.0.1 --port 1234 --at /b --in '/w s'"
    assert (
        render_url("${baseUrl}/h", port=5, base_url="/code-studios/P/i/80")
        == "http://127.0.0.1:5/code-studios/P/i/80/h"
    )
    assert render_url("http://${host}:${port}/x", port=5, base_url="") == "http://127.0.0.1:5/x"
