"""A network of its own for each studio: ports reachable through the server's unix sockets only.

Real sandboxes (bubblewrap), real network namespaces: two studios listen on the same port without
colliding, a studio's processes reach each other on localhost, nothing of the machine reaches a
studio's port (and a studio reaches nothing of the machine), the relay passes bytes both ways and
tells whether a port listens, and nothing is left after a stop.
"""

from __future__ import annotations

import os
import shlex
import socket
import subprocess
import sys
import textwrap
import threading
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from dss_codestudio_server.runtime import EntryPoint, LocalRuntime, OpenPort, PodSpec, Sandbox
from dss_codestudio_server.runtime.network import StudioNetwork, kill_anchor, read_child_pid
from dss_codestudio_server.runtime.procinfo import find_processes

from tests.support.files import read_json_when_written
from tests.support.sandbox import sandbox_or_skip
from tests.support.waiting import wait_until

DEADLINE_S = 30.0
PORT = 47123  # inside each studio's own network: the same port in every studio, no collision

SERVE = """
import http.server, json, os, socket, sys
class Handler(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        body = json.dumps({"studio": sys.argv[1], "path": self.path, "host": self.headers["Host"]}).encode()
        self.send_response(200)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)
    def do_POST(self):
        data = self.rfile.read(int(self.headers["Content-Length"]))
        self.send_response(200)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)
    def log_message(self, *args):
        pass
assert os.environ["PORT"] == sys.argv[2], "the declared port, as in a DSS pod"
http.server.ThreadingHTTPServer(("127.0.0.1", int(os.environ["PORT"])), Handler).serve_forever()
"""

PROBE = """
import json, os, socket, sys, urllib.request
def connect(host, port):
    try:
        socket.create_connection((host, port), timeout=3).close()
        return "ok"
    except OSError as exc:
        return type(exc).__name__
def fetch(url):
    # The studio's other entry point starts beside this one: wait (with a deadline) until it listens.
    import time
    deadline = time.monotonic() + 60
    while True:
        try:
            return json.load(urllib.request.urlopen(url, timeout=5))["studio"]
        except OSError as exc:
            if time.monotonic() > deadline:
                return type(exc).__name__
            time.sleep(0.1)
report = {
    "own_port": fetch("http://127.0.0.1:%s/" % sys.argv[1]),
    "machine": connect("127.0.0.1", int(sys.argv[2])),
    "interfaces": sorted(name for _, name in socket.if_nameindex()),
    "sockets_folder": os.path.exists(sys.argv[3]),
}
json.dump(report, open("net-report.json.tmp", "w"))
os.replace("net-report.json.tmp", "net-report.json")
import time
time.sleep(600)
"""


def python_entry(label: str, code: str, *args: str, port: int | None = None) -> EntryPoint:
    script = shlex.quote(textwrap.dedent(code).strip())
    return EntryPoint(label, f"exec ${{python}} -c {script} {' '.join(shlex.quote(a) for a in args)}", port)


@pytest.fixture
def sandbox(tmp_path: Path) -> Sandbox:
    found = sandbox_or_skip(hidden=[tmp_path / "data"])
    if found.nsenter is None:
        pytest.skip("nsenter (util-linux) is not installed")
    return found


@pytest.fixture
def runtime(tmp_path: Path, sandbox: Sandbox) -> Iterator[LocalRuntime]:
    made = LocalRuntime(tmp_path / "data" / "runtime", sandbox=sandbox, network="isolated")
    yield made
    made.close(grace=2)


@pytest.fixture
def machine_listener() -> Iterator[int]:
    """A port of the machine's own network (where the server listens)."""
    server = socket.create_server(("127.0.0.1", 0))
    server.settimeout(0.2)
    stop = threading.Event()

    def accept() -> None:
        while not stop.is_set():
            try:
                server.accept()[0].close()
            except OSError:
                continue

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    yield int(server.getsockname()[1])
    stop.set()
    thread.join(5)
    server.close()


def pod(tmp_path: Path, name: str, extra_ports: tuple[OpenPort, ...] = ()) -> PodSpec:
    folder = tmp_path / "data" / "projects" / "P" / "code-studio-pods" / name
    return PodSpec("P", name, folder / "workspace", folder / "logs", extra_ports=extra_ports)


def client(sock: Path) -> httpx.Client:
    return httpx.Client(transport=httpx.HTTPTransport(uds=str(sock)), base_url=f"http://127.0.0.1:{PORT}", timeout=10)


def test_each_studio_has_a_network_of_its_own(runtime: LocalRuntime, tmp_path: Path, machine_listener: int) -> None:
    first = runtime.start("P/a", pod(tmp_path, "a"), [python_entry("Serve", SERVE, "a", str(PORT), port=PORT)])
    second_pod = pod(tmp_path, "b")
    second = runtime.start(
        "P/b",
        second_pod,
        [
            python_entry("Serve", SERVE, "b", str(PORT), port=PORT),
            python_entry("Probe", PROBE, str(PORT), str(machine_listener), str(runtime._sockets())),
        ],
        readiness_timeout=DEADLINE_S,
    )
    [one], [two] = ([p for p in s.exposed if p.port == PORT] for s in (first, second))
    assert one.socket is not None
    assert two.socket is not None
    assert one.local_port == PORT
    assert two.local_port == PORT
    with client(one.socket) as a, client(two.socket) as b:
        assert a.get("/x").json() == {"studio": "a", "path": "/x", "host": f"127.0.0.1:{PORT}"}
        assert b.get("/y").json()["studio"] == "b", "the same port in two studios: no collision"
        payload = os.urandom(3 * 1024 * 1024)
        assert a.post("/echo", content=payload).content == payload, "bytes both ways through the relay"
    report = read_json_when_written(second_pod.workspace / "net-report.json")
    assert report["own_port"] == "b", "a studio's processes reach each other on localhost"
    assert report["machine"] == "ConnectionRefusedError", "a studio reaches nothing of the machine"
    assert report["interfaces"] == ["lo"]
    assert report["sockets_folder"] is False, "the sockets are not in the studio's file system"
    with socket.socket() as s:
        s.settimeout(2)
        assert s.connect_ex(("127.0.0.1", PORT)) != 0, "nothing of the machine reaches a studio's port"
    mode = one.socket.parent.stat().st_mode & 0o777
    assert mode == 0o700, "only the server opens the sockets' folder"
    assert one.socket.stat().st_uid == os.geteuid()
    folders = (one.socket.parent, two.socket.parent)
    with socket.socket(socket.AF_UNIX) as open_connection:  # still open when the studio stops
        open_connection.connect(str(one.socket))
        open_connection.sendall(b"GET /slow HTTP/1.1\r\n")
        first.stop(grace=2)
    log = (pod(tmp_path, "a").log_dir / "00-studio-network.log").read_text()
    assert "relaying" in log
    assert "Traceback" not in log, "the relay stops quietly with connections open"
    second.stop(grace=2)
    assert not any(f.exists() for f in folders), "a stop removes the studio's sockets"


def test_readiness_through_the_relay_and_a_port_with_no_process(runtime: LocalRuntime, tmp_path: Path) -> None:
    late = python_entry(
        "Late",
        """
        import os, socket, time
        time.sleep(1.5)
        s = socket.create_server(("127.0.0.1", int(os.environ["PORT"])))
        open("listening", "w").close()
        time.sleep(600)
        """,
        port=PORT,
    )
    the_pod = pod(tmp_path, "c", extra_ports=(OpenPort(4200, "Dev", expose_html=True),))
    studio = runtime.start("P/c", the_pod, [late], readiness_timeout=DEADLINE_S)
    assert (the_pod.workspace / "listening").exists(), "ready only once the port listens inside"
    [dev] = [p for p in studio.exposed if p.port == 4200]
    assert (dev.pid, dev.label, dev.expose_html) == (0, "Dev", True), "exposed with no process of its own"
    network = studio.network
    assert network is not None
    assert network.port_open(PORT, 5) is True
    assert network.port_open(4200, 5) is False
    with socket.socket(socket.AF_UNIX) as s:
        s.settimeout(5)
        s.connect(str(network.sockets[4200]))
        assert s.recv(10) == b"", "nothing listens on 4200: the connection ends at once"
    studio.stop(grace=2)


def test_a_studio_whose_relay_dies_is_reported(runtime: LocalRuntime, tmp_path: Path) -> None:
    exits: list[str] = []
    runtime.on_exit = lambda exited: exits.append(exited.label)
    studio = runtime.start("P/d", pod(tmp_path, "d"), [python_entry("Serve", SERVE, "d", str(PORT), port=PORT)])
    anchor = studio._anchor
    assert anchor is not None
    relay = [int(p) for p in Path(f"/proc/{anchor.popen.pid}/task/{anchor.popen.pid}/children").read_text().split()]
    assert relay, "bubblewrap's init runs the relay"
    children = Path(f"/proc/{relay[0]}/task/{relay[0]}/children").read_text().split()
    os.kill(int(children[0]), 9)
    wait_until(lambda: "Studio network" in exits, what="the relay's end to be reported")
    assert list(studio.stop(grace=2).exit_codes) == ["Serve"], "the relay is not an entry point"


def test_a_network_sandbox_killed_as_soon_as_it_started_leaves_no_process(tmp_path: Path) -> None:
    # Killed right after it reported its child, bubblewrap left that child (and the relay) running,
    # orphaned: its parent-death signal was not set yet. The network probe of every server process
    # did this, and left one relay behind per server. kill_anchor takes the child with it.
    sandbox = sandbox_or_skip()
    marker = uuid.uuid4().hex
    env = {**os.environ, "DSSCS_NETWORK_TEST": marker}
    for attempt in range(5):
        (tmp_path / str(attempt)).mkdir()
        network = StudioNetwork.prepare(tmp_path / str(attempt), [])
        read_end, write_end = os.pipe()
        try:
            anchor = subprocess.Popen(
                sandbox.anchor_command("killed", network.relay_argv(sys.executable), write_end),
                stdin=subprocess.DEVNULL,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
                pass_fds=(write_end, *network.relay_fds),
                start_new_session=True,
                env=env,
            )
        finally:
            os.close(write_end)
        try:
            read_child_pid(read_end, time.monotonic() + DEADLINE_S)
        finally:
            kill_anchor(anchor)
            anchor.wait()
            network.close()
    wait_until(
        lambda: not find_processes(set(), f"DSSCS_NETWORK_TEST={marker}".encode()),
        timeout=DEADLINE_S,
        what="the sandboxes' processes gone",
    )
