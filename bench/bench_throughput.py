"""5. Server throughput: status calls per second and p50/p99 latency, 1 and 16 concurrent clients.

The load comes from another process (bench/loadgen.py); the floor is the bare Starlette app serving
the same JSON.
"""

from __future__ import annotations

import json
import subprocess
import sys

from _harness import BENCH, Table, percentile


def _load(url: str, key: str, path: str, concurrency: int, seconds: float) -> dict[str, float]:
    out = subprocess.run(
        [sys.executable, str(BENCH / "loadgen.py"), url, key, path, str(concurrency), str(seconds)],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    data = json.loads(out)
    lat = data["latencies"]
    return {
        "rps": data["requests"] / data["elapsed"],
        "p50": percentile(lat, 0.50),
        "p99": percentile(lat, 0.99),
        "errors": data["errors"],
    }


def measure(targets: dict[str, tuple[str, str]], path: str, seconds: float) -> Table:
    """`targets`: name -> (base URL, key); the first is the floor."""
    table = Table(
        f"5. Server throughput: GET {path.split('/publicapi')[-1]} for {seconds:.0f} s per cell",
        ["server", "clients", "req/s", "p50 ms", "p99 ms", "non-2xx", "x floor req/s"],
    )
    for concurrency in (1, 16):
        floor_rps = None
        for name, (url, key) in targets.items():
            r = _load(url, key, path, concurrency, seconds)
            floor_rps = floor_rps or r["rps"]
            table.add(
                name, concurrency, r["rps"], r["p50"] * 1e3, r["p99"] * 1e3, int(r["errors"]), r["rps"] / floor_rps
            )
    return table
