"""2. Fan-out: the status of 200 studios, our async client with bounded concurrency against dataikuapi's loop.

On loopback both clients and the server share two cores, so concurrency buys little: the server's CPU
is the limit. A client of a real DSS talks to it over a network, so the benchmark also runs through
a proxy adding a round-trip time (bench/latency_proxy.py), where waiting, not CPU, dominates.
"""

from __future__ import annotations

import asyncio
import statistics
import time

import dataikuapi
import dss_codestudio
from _harness import Table


def measure(url: str, key: str, project: str, studio_ids: list[str], reps: int, link: str, limit: int = 16) -> Table:
    theirs = dataikuapi.DSSClient(url, key).get_project(project)

    def sequential() -> float:
        start = time.perf_counter()
        states = [theirs.get_code_studio(s).get_status().state for s in studio_ids]
        assert len(states) == len(studio_ids)
        return time.perf_counter() - start

    async def fan_out(client: dss_codestudio.AsyncDSSClient) -> float:
        project_handle = client.get_project(project)
        start = time.perf_counter()
        statuses = await client.gather(
            *(project_handle.get_code_studio(s).get_status() for s in studio_ids), limit=limit
        )
        assert len(statuses) == len(studio_ids)
        return time.perf_counter() - start

    async def ours_runs() -> list[float]:
        async with dss_codestudio.AsyncDSSClient(url, key) as client:
            await fan_out(client)  # warm up the pool
            return [await fan_out(client) for _ in range(reps)]

    sequential()  # warm up
    theirs_times = [sequential() for _ in range(reps)]
    ours_times = asyncio.run(ours_runs())
    table = Table(
        f"2. Fan-out: status of {len(studio_ids)} studios over {link} ({reps} repetitions, medians)",
        ["client", "seconds", "statuses/s", "speed-up"],
    )
    base = statistics.median(theirs_times)
    for name, times in (
        ("dataikuapi 15.2.0, sequential", theirs_times),
        (f"dss_codestudio async, {limit} at once", ours_times),
    ):
        median = statistics.median(times)
        table.add(name, median, len(studio_ids) / median, base / median)
    return table
