"""Measure what hostile requests cost the reference server: memory and the latency of everyone else.

    .venv/bin/python bench/attacks.py [--only NAME,...] [--json OUT.json]

Each attack runs against a fresh `dss-codestudio-server serve` process (its own data directory,
a free port of 127.0.0.1). While it runs, a sampler reads the server's resident memory every 10 ms
and a prober, an administrator on its own keep-alive connection, lists futures in a loop: the
table gives the server's memory before and at its peak, the prober's slowest answer and its
median, and what the attack got (status codes, whether the connection was closed).

The server is whatever `python -m dss_codestudio_server` imports: run this with PYTHONPATH pointing
at another tree's `server/` folder to measure another version with the same attacks.
"""

from __future__ import annotations

import argparse
import base64
import json
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import asdict, dataclass, field
from pathlib import Path

import httpx
from _harness import free_port, process

MIB = 1024 * 1024
API = "/dip/publicapi"


def rss_kib(pid: int) -> int:
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    return 0


@dataclass
class Server:
    """A server process, its URL and the keys of an administrator and of a user without rights."""

    proc: subprocess.Popen[bytes]
    url: str
    port: int
    admin: str
    reader: str
    data_dir: Path

    def auth(self, key: str) -> dict[str, str]:
        return {"Authorization": "Basic " + base64.b64encode(f"{key}:".encode()).decode()}


def _cli(data_dir: Path, *args: str) -> str:
    done = subprocess.run(
        [sys.executable, "-m", "dss_codestudio_server", *args, "--data-dir", str(data_dir)],
        capture_output=True,
        text=True,
        check=True,
    )
    return done.stdout.strip().split()[-1]


@contextmanager
def server(tmp: Path, *serve_args: str, data_dir: Path | None = None) -> Iterator[Server]:
    """A fresh server process (its output in tmp/server-PORT.log); always stopped."""
    data = data_dir or tmp / f"data-{time.monotonic_ns()}"
    admin = _cli(data, "add-user", "attacker-admin", "--admin")
    reader = _cli(data, "add-user", f"reader{time.monotonic_ns()}")
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    cmd = [sys.executable, "-m", "dss_codestudio_server", "serve", "--port", str(port), "--data-dir", str(data)]
    with (
        (tmp / f"server-{port}.log").open("wb") as log,
        process([*cmd, *serve_args], url + API + "/futures/", output=log) as proc,
    ):
        yield Server(proc, url, port, admin, reader, data)


@dataclass
class Figures:
    """What one attack cost and got."""

    attack: str
    rss_before_mb: float = 0.0
    rss_peak_mb: float = 0.0
    probe_max_ms: float = 0.0
    probe_p50_ms: float = 0.0
    probes: int = 0
    outcome: str = ""
    extra: dict[str, object] = field(default_factory=dict)


@contextmanager
def watched(srv: Server, figures: Figures) -> Iterator[None]:
    """Sample the server's memory and probe its latency while the block runs."""
    stop = threading.Event()
    peak = [rss_kib(srv.proc.pid)]
    figures.rss_before_mb = peak[0] / 1024
    latencies: list[float] = []
    failures = [0]

    def sample() -> None:
        while not stop.is_set():
            peak[0] = max(peak[0], rss_kib(srv.proc.pid))
            stop.wait(0.01)

    def probe() -> None:
        while not stop.is_set():
            with httpx.Client(base_url=srv.url + API, headers=srv.auth(srv.admin), timeout=120) as client:
                while not stop.is_set():
                    start = time.perf_counter()
                    try:
                        client.get("/futures/")
                    except httpx.HTTPError:
                        failures[0] += 1
                        break
                    finally:
                        latencies.append((time.perf_counter() - start) * 1000)
                    stop.wait(0.02)

    threads = [threading.Thread(target=sample), threading.Thread(target=probe)]
    for t in threads:
        t.start()
    time.sleep(0.3)  # a few probes before the attack
    try:
        yield
    finally:
        time.sleep(0.3)
        stop.set()
        for t in threads:
            t.join()
        figures.rss_peak_mb = peak[0] / 1024
        figures.probes = len(latencies)
        figures.probe_max_ms = max(latencies, default=0.0)
        figures.probe_p50_ms = statistics.median(latencies) if latencies else 0.0
        if failures[0]:
            figures.extra["probe_failures"] = failures[0]


def raw_request(port: int, head: bytes, body: bytes = b"", timeout: float = 60) -> tuple[int, int]:
    """Send a request as bytes; return (status, length of the answer), status 0 if the server hung up."""
    with socket.create_connection(("127.0.0.1", port), timeout=timeout) as sock:
        with suppress(OSError):
            sock.sendall(head + body)
        data = b""
        try:
            while True:
                chunk = sock.recv(65536)
                if not chunk:
                    break
                data += chunk
                if b"\r\n\r\n" in data:
                    header, _, rest = data.partition(b"\r\n\r\n")
                    lines = header.split(b"\r\n")
                    length = next(
                        (int(h.split(b":")[1]) for h in lines if h.lower().startswith(b"content-length")), None
                    )
                    if length is not None and len(rest) >= length:
                        break
        except OSError:
            pass
    status = int(data.split(b" ", 2)[1]) if data.startswith(b"HTTP/") else 0
    return status, len(data)


def json_post(path: str, body: bytes, auth: dict[str, str] | None = None) -> bytes:
    headers = "".join(f"{k}: {v}\r\n" for k, v in (auth or {}).items())
    return (
        f"POST {API}{path} HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n{headers}"
        f"Content-Length: {len(body)}\r\nConnection: close\r\n\r\n"
    ).encode()


OBJECTS_16MIB = b"[" + b"{}," * ((16 * MIB - 8) // 3) + b"{}]"


def many_clients(count: int, fn: Callable[[], tuple[int, int]]) -> list[int]:
    results: list[int] = []
    threads = [threading.Thread(target=lambda: results.append(fn()[0])) for _ in range(count)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return sorted(results)


def attack_anonymous_body(srv: Server, f: Figures, clients: int) -> None:
    with watched(srv, f):
        statuses = many_clients(
            clients, lambda: raw_request(srv.port, json_post("/projects/", OBJECTS_16MIB), OBJECTS_16MIB)
        )
    f.outcome = f"statuses {statuses}"


def attack_authenticated_body(srv: Server, f: Figures) -> None:
    with watched(srv, f):
        status, _ = raw_request(srv.port, json_post("/projects/", OBJECTS_16MIB, srv.auth(srv.admin)), OBJECTS_16MIB)
    f.outcome = f"status {status}"


def attack_authenticated_heavy_body(srv: Server, f: Figures) -> None:
    """A body within every bound, but heavy: ~16 MB of settings in 95,000 strings, 3 times."""
    body = json.dumps({"name": "h", "owner": "attacker-admin", "settings": {"blob": ["x" * 160] * 95_000}})
    statuses = []
    with watched(srv, f):
        for n in range(3):
            data = body.replace('"name"', f'"projectKey": "H{n}", "name"', 1).encode()
            statuses.append(raw_request(srv.port, json_post("/projects/", data, srv.auth(srv.admin)), data)[0])
    f.outcome = f"statuses {statuses}"


def attack_anonymous_import(srv: Server, f: Figures) -> None:
    head = f"POST {API}/admin/code-studios/import HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nConnection: close\r\n\r\n"
    status, _ = raw_request(srv.port, head.encode(), b"hello")
    f.outcome = f"status {status}"


def attack_header_flood(srv: Server, f: Figures, connections: int = 4, size: int = 100 * MIB) -> None:
    sent: list[int] = []

    def flood() -> None:
        total = 0
        with socket.create_connection(("127.0.0.1", srv.port), timeout=30) as sock:
            sock.sendall(f"GET {API}/futures/ HTTP/1.1\r\nHost: x\r\nX-Flood: ".encode())
            chunk = b"a" * 65536
            try:
                while total < size:
                    sock.sendall(chunk)
                    total += len(chunk)
            except OSError:
                pass
        sent.append(total)

    with watched(srv, f):
        threads = [threading.Thread(target=flood) for _ in range(connections)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
    closed_early = [s for s in sent if s < size]
    f.outcome = f"{len(closed_early)}/{connections} cut off, after {max(closed_early, default=0) // 1024} KiB at most"


def attack_slow_headers(srv: Server, f: Figures, seconds: float = 40.0) -> None:
    start = time.monotonic()
    with socket.create_connection(("127.0.0.1", srv.port), timeout=5) as sock:
        sock.sendall(f"GET {API}/futures/ HTTP/1.1\r\n".encode())
        closed_after = None
        while time.monotonic() - start < seconds:
            try:
                sock.sendall(b"X")
                sock.settimeout(1.0)
                if sock.recv(1024) == b"":
                    closed_after = time.monotonic() - start
                    break
            except TimeoutError:
                continue
            except OSError:
                closed_after = time.monotonic() - start
                break
    f.outcome = f"closed after {closed_after:.1f} s" if closed_after else f"still open after {seconds:.0f} s"


def attack_idle_connections(srv: Server, f: Figures, count: int = 2000) -> None:
    socks = []
    try:
        with watched(srv, f):
            for _ in range(count):
                try:
                    socks.append(socket.create_connection(("127.0.0.1", srv.port), timeout=5))
                except OSError:
                    break
            time.sleep(1.0)
            answered = raw_request(
                srv.port,
                f"GET {API}/futures/ HTTP/1.1\r\nHost: x\r\nConnection: close\r\n".encode()
                + b"".join(f"{k}: {v}\r\n".encode() for k, v in srv.auth(srv.admin).items())
                + b"\r\n",
            )
        f.outcome = f"{len(socks)} idle connections open; a request then answered {answered[0]}"
    finally:
        for s in socks:
            s.close()


def attack_listing(srv: Server, f: Figures) -> None:
    admin = httpx.Client(base_url=srv.url + API, headers=srv.auth(srv.admin), timeout=120)
    # ~16 MB of settings: 4 million empty objects where the server takes them, else 95,000 long strings.
    for heavy in ({"blob": [{}] * 4_000_000}, {"blob": ["x" * 160] * 95_000}):
        statuses = []
        for n in range(3):
            body = json.dumps(
                {"projectKey": f"HEAVY{n}", "name": "heavy", "owner": "attacker-admin", "settings": heavy}
            )
            r = admin.post("/projects/", content=body, headers={"Content-Type": "application/json"})
            statuses.append(r.status_code)
        if statuses == [200, 200, 200]:
            f.extra["settings"] = "4,000,000 objects" if len(heavy["blob"]) > 100_000 else "95,000 strings"
            break
    reader = httpx.Client(base_url=srv.url + API, headers=srv.auth(srv.reader), timeout=120)
    times = []
    with watched(srv, f):
        for _ in range(5):
            start = time.perf_counter()
            r = reader.get("/projects/")
            times.append((time.perf_counter() - start) * 1000)
    f.outcome = (
        f"reader's listing {statistics.median(times):.0f} ms (median of 5, status {r.status_code}),"
        f" settings of {f.extra.get('settings')}"
    )
    f.extra["listing_ms"] = times


def attack_deep_json(srv: Server, f: Figures) -> None:
    body = b"[" * 100_000 + b"]" * 100_000
    anon = raw_request(srv.port, json_post("/projects/", body), body)[0]
    auth = raw_request(srv.port, json_post("/projects/", body, srv.auth(srv.admin)), body)[0]
    f.outcome = f"anonymous {anon}, authenticated {auth}"


def attack_echo(srv: Server, f: Figures) -> None:
    body = json.dumps({"projectKey": "ECHO", "name": "n" * (8 * 1000 * 1000), "owner": "nobody"}).encode()
    status, size = raw_request(srv.port, json_post("/projects/", body, srv.auth(srv.admin)), body)
    f.outcome = f"status {status}, answer of {size:,} bytes"


def attack_long_names(srv: Server, f: Figures) -> None:
    admin = httpx.Client(base_url=srv.url + API, headers=srv.auth(srv.admin), timeout=60)
    admin.post("/projects/", json={"projectKey": "NAMES", "name": "n", "owner": "attacker-admin"})
    statuses = {}
    for size in (200, 235, 240, 255, 256):
        r = admin.post(f"/projects/NAMES/libraries/contents/{'n' * size}", content=b"x")
        statuses[size] = r.status_code
    for name in (".~dsscs-x", ".~dss-sync-1-0000000000000000.tmp"):
        statuses[name] = admin.post(f"/projects/NAMES/libraries/contents/{name}", content=b"x").status_code
    f.outcome = ", ".join(f"{k}: {v}" for k, v in statuses.items())


ATTACKS: dict[str, Callable[[Server, Figures], None]] = {
    "anonymous-16MiB-json": lambda s, f: attack_anonymous_body(s, f, 1),
    "anonymous-16MiB-json-x8": lambda s, f: attack_anonymous_body(s, f, 8),
    "admin-16MiB-json": attack_authenticated_body,
    "admin-3x16MB-within-bounds": attack_authenticated_heavy_body,
    "anonymous-import": attack_anonymous_import,
    "header-flood-4x100MiB": attack_header_flood,
    "slow-headers": attack_slow_headers,
    "idle-connections-2000": attack_idle_connections,
    "reader-listing-3x16MB": attack_listing,
    "deep-json": attack_deep_json,
    "echo-8MB-name": attack_echo,
    "long-and-reserved-names": attack_long_names,
}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--only", help="comma-separated attack names: " + ", ".join(ATTACKS))
    parser.add_argument("--json", type=Path, help="write the figures there too")
    args = parser.parse_args()
    names = args.only.split(",") if args.only else list(ATTACKS)
    results = []
    with tempfile.TemporaryDirectory(prefix="dss-attacks-") as tmp:
        for name in names:
            figures = Figures(name)
            with server(Path(tmp)) as srv:
                ATTACKS[name](srv, figures)
            results.append(figures)
            print(
                f"{name:28} rss {figures.rss_before_mb:6.0f} -> {figures.rss_peak_mb:6.0f} MB   "
                f"probe p50 {figures.probe_p50_ms:7.1f} ms max {figures.probe_max_ms:8.1f} ms ({figures.probes:4})   "
                f"{figures.outcome} {figures.extra.get('probe_failures', '')}",
                flush=True,
            )
    if args.json:
        args.json.write_text(json.dumps([asdict(r) for r in results], indent=2))
    return 0


if __name__ == "__main__":
    os.environ.setdefault("PYTHONUNBUFFERED", "1")
    sys.exit(main())
