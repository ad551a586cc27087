"""Small helpers shared by the benchmarks: free ports, server processes, timing and tables."""

from __future__ import annotations

import contextlib
import json
import os
import socket
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import httpx

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def wait_until_answers(url: str, deadline_s: float = 30.0) -> None:
    deadline = time.monotonic() + deadline_s
    while True:
        try:
            httpx.get(url, timeout=1.0)
            return
        except httpx.TransportError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.05)


@contextlib.contextmanager
def process(
    cmd: list[str], ready_url: str, env: dict[str, str] | None = None, output: Any = None
) -> Iterator[subprocess.Popen[bytes]]:
    """Run `cmd` until the block ends; wait until `ready_url` answers; always stop it.

    Its output goes to `output` (an open file) if given, else to this process's.
    """
    proc = subprocess.Popen(cmd, env={**os.environ, **(env or {})}, cwd=ROOT, stdout=output, stderr=output)
    try:
        wait_until_answers(ready_url)
        yield proc
    finally:
        proc.terminate()
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


@contextlib.contextmanager
def floor_server() -> Iterator[str]:
    """The bare Starlette floor app in its own process; yields its base URL."""
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    with process([sys.executable, str(BENCH / "floor_app.py"), str(port)], url + "/dip/publicapi/futures/none"):
        yield url


def timed(fn: Callable[[], Any]) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def median_of(runs: int, fn: Callable[[], Any]) -> float:
    """Median wall time of `runs` runs of `fn`, after one warm-up run."""
    fn()
    return statistics.median(timed(fn) for _ in range(runs))


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


@dataclass
class Table:
    """A result table: printed as text and saved as JSON."""

    title: str
    columns: list[str]
    rows: list[list[Any]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def add(self, *row: Any) -> None:
        self.rows.append(list(row))

    def render(self) -> str:
        cells = [self.columns] + [[_fmt(v) for v in row] for row in self.rows]
        widths = [max(len(r[i]) for r in cells) for i in range(len(self.columns))]
        lines = [self.title, "-" * len(self.title)]
        for i, row in enumerate(cells):
            lines.append(
                "  ".join(
                    c.ljust(w) if j == 0 else c.rjust(w) for j, (c, w) in enumerate(zip(row, widths, strict=True))
                )
            )
            if i == 0:
                lines.append("  ".join("-" * w for w in widths))
        lines += [f"  {n}" for n in self.notes]
        return "\n".join(lines)


def _fmt(v: Any) -> str:
    if isinstance(v, float):
        return f"{v:,.3f}" if abs(v) < 100 else f"{v:,.0f}"
    return str(v)


def save(tables: list[Table], path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps([asdict(t) for t in tables], indent=2))


@dataclass
class Reference:
    """A reference server process: its base URL, an admin key and its data directory."""

    url: str
    key: str
    data_dir: Path
    pid: int = 0
    """The server's process (its CPU time is the server's cost, whatever the machine's load)."""


@contextlib.contextmanager
def reference_server(data_dir: Path, *extra: str) -> Iterator[Reference]:
    """The reference server in its own process (so it does not share the client's GIL)."""
    exe = str(Path(sys.executable).parent / "dss-codestudio-server")
    created = subprocess.run(
        [exe, "add-user", "bench", "--admin", "--data-dir", str(data_dir)], capture_output=True, text=True, check=True
    )
    key = created.stdout.strip().split()[-1]
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    cmd = [exe, "serve", "--port", str(port), "--data-dir", str(data_dir), *extra]
    with process(cmd, url + "/dip/publicapi/futures/", env={"PYTHONUNBUFFERED": "1"}) as proc:
        yield Reference(url, key, data_dir, proc.pid)


@contextlib.contextmanager
def latency_proxy(url: str, rtt_ms: float) -> Iterator[str]:
    """A proxy in front of `url` adding `rtt_ms` of round-trip time; yields the proxy's base URL."""
    port = free_port()
    target = int(url.rsplit(":", 1)[1])
    proxied = f"http://127.0.0.1:{port}"
    cmd = [sys.executable, str(BENCH / "latency_proxy.py"), str(port), str(target), str(rtt_ms)]
    with process(cmd, proxied + "/dip/publicapi/futures/"):
        yield proxied
