"""3. Waiting on futures: how long after a job completes does `wait_for_result` return, and how many polls?

Jobs of the floor app complete at known moments (0.5 s to 10 s after they start). Each job is waited
for in its own thread, by our facade and by dataikuapi (200 ms growing by 1.1, no deadline), all at once.
The delay is measured on the machine's monotonic clock, which both processes share.
"""

from __future__ import annotations

import statistics
import threading
import time
from collections.abc import Callable

import dataikuapi
import dss_codestudio
import httpx
from _harness import Table

DURATIONS_MS = (500, 1000, 2000, 3500, 5000, 7500, 10000)


def _wait_all(url: str, wait: Callable[[str], None], reps: int) -> list[tuple[float, int]]:
    """Start every job, wait for each in a thread; return (delay after completion, polls) per job."""
    results: list[tuple[float, int]] = []
    lock = threading.Lock()
    stats = httpx.Client(base_url=url)

    def one(studio: str) -> None:
        job_id = wait(studio)
        returned = time.monotonic()
        info = stats.get(f"/bench/futures/{job_id}").json()
        with lock:
            results.append((returned - info["completesAt"], info["polls"]))

    threads = [threading.Thread(target=one, args=(f"d{ms}",)) for ms in DURATIONS_MS for _ in range(reps)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return results


def measure(url: str, key: str, reps: int) -> Table:
    ours = dss_codestudio.DSSClient(url, key).get_project("BENCH")
    theirs = dataikuapi.DSSClient(url, key).get_project("BENCH")

    def wait_ours(studio: str) -> str:
        future = ours.get_code_studio(studio).restart()
        future.wait_for_result(timeout=60)
        return str(future.job_id)

    def wait_theirs(studio: str) -> str:
        future = theirs.get_code_studio(studio).restart()
        future.wait_for_result()
        return str(future.job_id)

    table = Table(
        f"3. Waiting on futures ({len(DURATIONS_MS)} jobs of 0.5-10 s x {reps}, all waited for at once)",
        ["client", "median delay ms", "p90 delay ms", "polls (total)", "x dataikuapi delay", "x dataikuapi polls"],
    )
    measured = {
        "dss_codestudio": _wait_all(url, wait_ours, reps),
        "dataikuapi 15.2.0": _wait_all(url, wait_theirs, reps),
    }
    ref_delay = statistics.median(d for d, _ in measured["dataikuapi 15.2.0"])
    ref_polls = sum(p for _, p in measured["dataikuapi 15.2.0"])
    for name, values in measured.items():
        delays = sorted(d for d, _ in values)
        polls = sum(p for _, p in values)
        median = statistics.median(delays)
        p90 = delays[int(0.9 * (len(delays) - 1))]
        table.add(name, median * 1e3, p90 * 1e3, polls, median / ref_delay, polls / ref_polls)
    return table
