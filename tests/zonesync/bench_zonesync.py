"""Zone synchronisation benchmark: push, pull, no-change push and conflict check against `cp -a`.

Not a test (pytest does not collect it). Run from the project root:

    .venv/bin/python tests/zonesync/bench_zonesync.py [--files 10000] [--reps 5] [--json out.json]

Each figure is the median of `--reps` runs, all in one process, against `cp -a` of the same tree
measured in the same run (the floor). Page cache is warm for both.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from dss_codestudio_server.zonesync import Durability, Zone


def make_small_tree(root: Path, files: int) -> None:
    for i in range(files):
        folder = root / f"pkg{i % 100:03d}" / f"sub{i % 7}"
        folder.mkdir(parents=True, exist_ok=True)
        (folder / f"module_{i:05d}.py").write_bytes(b"# generated\n" + b"x = %d\n" % i * (10 + i % 90))


def make_large_tree(root: Path, total_mb: int, count: int) -> None:
    root.mkdir(parents=True, exist_ok=True)
    for i in range(count):
        (root / f"blob{i}.bin").write_bytes(os.urandom(total_mb * 1024 * 1024 // count))


def median_time(action: Callable[[], object], setup: Callable[[], object], reps: int) -> float:
    times = []
    for _ in range(reps):
        setup()
        os.sync()  # start each run with no writeback pending from the previous one
        t0 = time.perf_counter()
        action()
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--files", type=int, default=10_000)
    parser.add_argument("--reps", type=int, default=5)
    parser.add_argument("--workers", type=int, default=None)
    parser.add_argument("--durability", choices=[d.value for d in Durability], default=Durability.BATCH.value)
    parser.add_argument("--json", type=Path)
    parser.add_argument("--dir", type=Path, default=None, help="where to build the trees (default: the temp folder)")
    args = parser.parse_args()
    durability = Durability(args.durability)
    work = Path(tempfile.mkdtemp(prefix="zonesync-bench-", dir=args.dir))
    results: dict[str, float] = {}
    try:
        src = work / "dss"
        make_small_tree(src, args.files)
        big = work / "big"
        make_large_tree(big, 100, 4)
        time.sleep(0.1)  # let the trees' mtimes fall out of the racy window, as real files would be

        def fresh(*paths: Path) -> Callable[[], None]:
            def clean() -> None:
                for p in paths:
                    shutil.rmtree(p, ignore_errors=True)

            return clean

        dst, state = work / "studio", work / "state"

        def zone(source: Path) -> Zone:
            return Zone(source, dst, state, durability=durability, workers=args.workers)

        def cp_a(source: Path) -> Callable[[], object]:
            return lambda: subprocess.run(["cp", "-a", str(source), str(dst)], check=True)

        def push(source: Path) -> Callable[[], object]:
            return lambda: zone(source).push()

        # The floor and our copy alternate, so that both see the same machine (disk writeback, other load).
        for label, source in (("small files", src), ("100 MB", big)):
            floor, ours = [], []
            for _ in range(args.reps):
                floor.append(median_time(cp_a(source), fresh(dst), 1))
                ours.append(median_time(push(source), fresh(dst, state), 1))
            results[f"cp -a, {label}"] = statistics.median(floor)
            results[f"push, {label}"] = statistics.median(ours)
            results[f"push / cp -a, {label} (median of pairs)"] = statistics.median(
                o / f for o, f in zip(ours, floor, strict=True)
            )
            results[f"push, {label}, nothing changed"] = median_time(push(source), lambda: None, args.reps)
            if source is src:
                results["conflict check"] = median_time(lambda: zone(src).conflicts(), lambda: None, args.reps)
                results["pull, nothing changed"] = median_time(lambda: zone(src).pull(), lambda: None, args.reps)
        pulled, pull_state = work / "dss-pulled", work / "state-pull"
        results["pull, small files"] = median_time(
            lambda: Zone(pulled, src, pull_state, durability=durability, workers=args.workers).pull(),
            fresh(pulled, pull_state),
            args.reps,
        )
    finally:
        shutil.rmtree(work, ignore_errors=True)

    full = results["push, small files"]
    ratios = {
        "push / cp -a (small files)": results.pop("push / cp -a, small files (median of pairs)"),
        "pull / cp -a (small files)": results["pull, small files"] / results["cp -a, small files"],
        "no-change push / full push": results["push, small files, nothing changed"] / full,
        "conflict check / full push": results["conflict check"] / full,
        "push / cp -a (100 MB)": results.pop("push / cp -a, 100 MB (median of pairs)"),
    }
    where = work.parent
    print(f"zone sync, {args.files} small files, durability={durability.value}, median of {args.reps}, in {where}")
    for name, seconds in results.items():
        print(f"  {name:34s} {seconds * 1000:9.1f} ms")
    targets = {"push / cp -a (small files)": 2.0, "no-change push / full push": 0.1, "conflict check / full push": 0.1}
    for name, ratio in ratios.items():
        target = targets.get(name)
        verdict = "" if target is None else (f"  target <= {target}: " + ("met" if ratio <= target else "MISSED"))
        print(f"  {name:34s} {ratio:9.3f}{verdict}")
    if args.json:
        args.json.write_text(json.dumps({"seconds": results, "ratios": ratios, "files": args.files}, indent=2))


if __name__ == "__main__":
    main()
