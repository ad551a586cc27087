"""Load generator for the throughput benchmark, run in its own process.

    python bench/loadgen.py URL KEY PATH CONCURRENCY SECONDS

Keeps CONCURRENCY requests in flight on keep-alive connections for SECONDS and prints JSON:
the number of requests, non-2xx answers and every latency in seconds.
"""

from __future__ import annotations

import asyncio
import json
import sys
import time

import httpx


async def main(url: str, key: str, path: str, concurrency: int, seconds: float) -> None:
    latencies: list[float] = []
    errors = 0
    limits = httpx.Limits(max_connections=concurrency, max_keepalive_connections=concurrency)
    async with httpx.AsyncClient(base_url=url, auth=(key, ""), limits=limits, timeout=30) as client:
        await client.get(path)
        end = time.perf_counter() + seconds

        async def worker() -> None:
            nonlocal errors
            while time.perf_counter() < end:
                start = time.perf_counter()
                response = await client.get(path)
                latencies.append(time.perf_counter() - start)
                if response.status_code >= 300:
                    errors += 1

        started = time.perf_counter()
        await asyncio.gather(*(worker() for _ in range(concurrency)))
        elapsed = time.perf_counter() - started
    print(json.dumps({"requests": len(latencies), "errors": errors, "elapsed": elapsed, "latencies": latencies}))


if __name__ == "__main__":
    asyncio.run(main(sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4]), float(sys.argv[5])))
