"""Run the benchmarks and print their tables; results go to bench/results/latest.json.

    python3 dev.py bench [--quick] [--only 1,2,3,4,5,6]

Every figure is measured side by side with its peers and its floor in the same run, and reported
as a ratio as well as an absolute number. `--quick` shrinks the repetitions (a smoke run, not for
quoting).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

import bench_calls
import bench_fanout
import bench_futures
import bench_proxy
import bench_sync
import bench_throughput
import dss_codestudio
from _harness import BENCH, Table, floor_server, latency_proxy, reference_server, save

# A modest network between a client and its DSS (same region, another machine).
FANOUT_RTT_MS = 10


def _setup_reference(url: str, key: str, studios: int) -> tuple[str, list[str]]:
    """A project with `studios` code studios from the default template; returns its key and their ids."""
    with dss_codestudio.DSSClient(url, key) as client:
        client.create_project("BENCH", "Benchmarks", "bench")
        project = client.get_project("BENCH")
        template = client.list_code_studio_templates()[0].id
        ids = [project.create_code_studio(f"bench {i}", template).code_studio_id for i in range(studios)]
    return "BENCH", ids


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="few repetitions: a smoke run")
    parser.add_argument("--only", default="1,2,3,4,5,6", help="comma-separated benchmark numbers")
    args = parser.parse_args()
    only = {int(x) for x in args.only.split(",")}
    calls, reps = (200, 3) if args.quick else (1000, 7)
    tables: list[Table] = []

    def emit(table: Table) -> None:
        tables.append(table)
        print(table.render() + "\n", flush=True)

    with tempfile.TemporaryDirectory(prefix="dss-bench-") as tmp, floor_server() as floor:
        with reference_server(Path(tmp) / "data") as ref:
            project, ids = _setup_reference(ref.url, ref.key, 200 if 2 in only else 1)
            if 1 in only:
                emit(bench_calls.measure("the bare floor app", floor, ref.key, "BENCH", "62GsjBq", calls, reps))
                emit(bench_calls.measure("the reference server", ref.url, ref.key, project, ids[0], calls, reps))
            if 2 in only:
                fan_reps = 3 if args.quick else 7
                emit(bench_fanout.measure(ref.url, ref.key, project, ids, fan_reps, "loopback"))
                with latency_proxy(ref.url, FANOUT_RTT_MS) as far:
                    link = f"a link with {FANOUT_RTT_MS} ms round trips"
                    emit(bench_fanout.measure(far, ref.key, project, ids, fan_reps, link))
            if 5 in only:
                seconds = 2.0 if args.quick else 8.0
                path = f"/dip/publicapi/projects/{project}/code-studios/{ids[0]}/status"
                targets = {"bare Starlette (floor)": (floor, ref.key), "reference server": (ref.url, ref.key)}
                emit(bench_throughput.measure(targets, path, seconds))
            if 4 in only:
                for table in bench_sync.measure(ref, Path(tmp), quick=args.quick):
                    emit(table)
        if 3 in only:
            emit(bench_futures.measure(floor, "unused-key", 1 if args.quick else 3))
        if 6 in only:
            emit(bench_proxy.measure(Path(tmp) / "proxy-data", quick=args.quick))
    save(tables, BENCH / "results" / "latest.json")
    print(f"results written to {BENCH / 'results' / 'latest.json'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
