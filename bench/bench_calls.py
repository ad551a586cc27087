"""1. Per-call cost: get_status and get_settings through our facade, dataikuapi and a bare httpx loop.

Measured against the reference server and against the bare Starlette floor app that serves the same
JSON at the same paths: against the floor, what separates the three is the clients' own cost.
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from typing import Any

import dataikuapi
import dss_codestudio
import httpx
from _harness import Table

PROJECT, STUDIO = "BENCH", "62GsjBq"


def _loops(url: str, key: str, project: str, studio: str) -> dict[str, dict[str, Callable[[], Any]]]:
    ours = dss_codestudio.DSSClient(url, key).get_project(project).get_code_studio(studio)
    theirs = dataikuapi.DSSClient(url, key).get_project(project).get_code_studio(studio)
    bare = httpx.Client(base_url=f"{url}/dip/publicapi", auth=(key, ""))
    base = f"/projects/{project}/code-studios/{studio}"
    return {
        "get_status": {
            "bare httpx (floor)": lambda: bare.get(base + "/status").json(),
            "dss_codestudio": ours.get_status,
            "dataikuapi 15.2.0": theirs.get_status,
        },
        "get_settings": {
            "bare httpx (floor)": lambda: bare.get(base).json(),
            "dss_codestudio": ours.get_settings,
            "dataikuapi 15.2.0": theirs.get_settings,
        },
    }


def _per_call(fn: Callable[[], Any], calls: int) -> float:
    start = time.perf_counter()
    for _ in range(calls):
        fn()
    return (time.perf_counter() - start) / calls


def measure(target: str, url: str, key: str, project: str, studio: str, calls: int, reps: int) -> Table:
    """Median seconds per call of each client, interleaved repetition by repetition to share the noise."""
    table = Table(
        f"1. Per-call cost against {target} ({calls} calls x {reps} repetitions, medians)",
        ["call", "client", "calls/s", "us/call", "x floor"],
    )
    for call, clients in _loops(url, key, project, studio).items():
        samples: dict[str, list[float]] = {name: [] for name in clients}
        for fn in clients.values():
            _per_call(fn, max(50, calls // 10))  # warm up connections and caches
        for _ in range(reps):
            for name, fn in clients.items():
                samples[name].append(_per_call(fn, calls))
        floor = statistics.median(samples["bare httpx (floor)"])
        for name, values in samples.items():
            per_call = statistics.median(values)
            table.add(call, name, 1 / per_call, per_call * 1e6, per_call / floor)
    return table
