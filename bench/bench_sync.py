"""4. Zone sync: push and pull of 10,000 small files and of 100 MB in 4 files, against `cp -a` (the floor).

Also a push with nothing changed and a conflict check over the 10,000 files. The engine is measured
directly (server/dss_codestudio_server/zonesync), `cp -a` of the same tree alternating with it so
that both see the same machine (page cache warm, writeback flushed before each run).
"""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import time
from collections.abc import Callable
from pathlib import Path

from _harness import Reference, Table
from dss_codestudio_server.zonesync import Zone


def make_small_tree(root: Path, files: int) -> None:
    for i in range(files):
        folder = root / f"pkg{i % 100:03d}" / f"sub{i % 7}"
        folder.mkdir(parents=True, exist_ok=True)
        (folder / f"module_{i:05d}.py").write_bytes(b"# generated\n" + b"x = %d\n" % i * (10 + i % 90))


def make_large_tree(root: Path, total_mb: int, count: int) -> None:
    root.mkdir(parents=True, exist_ok=True)
    for i in range(count):
        (root / f"blob{i}.bin").write_bytes(os.urandom(total_mb * 1024 * 1024 // count))


def _run(action: Callable[[], object], setup: Callable[[], object]) -> float:
    setup()
    os.sync()  # no writeback pending from the previous run
    start = time.perf_counter()
    action()
    return time.perf_counter() - start


def _median(reps: int, action: Callable[[], object]) -> float:
    return statistics.median(_run(action, lambda: None) for _ in range(reps))


def _rm(*paths: Path) -> Callable[[], None]:
    return lambda: [shutil.rmtree(p, ignore_errors=True) for p in paths]  # type: ignore[func-returns-value]


def engine(work: Path, files: int, reps: int) -> Table:
    small, big = work / "small", work / "big"
    make_small_tree(small, files)
    make_large_tree(big, 100, 4)
    time.sleep(0.1)  # let the new files' mtimes leave the racy window, as real files would have
    dst, state = work / "studio", work / "state"
    table = Table(
        f"4. Zone sync engine, median of {reps} (in {work.parent})",
        ["operation", "ms", "floor ms", "x floor", "x full push"],
    )
    for label, source in ((f"{files:,} small files", small), ("100 MB in 4 files", big)):
        floor, ours = [], []
        for _ in range(reps):
            floor.append(_run(lambda s=source: subprocess.run(["cp", "-a", str(s), str(dst)], check=True), _rm(dst)))
            ours.append(_run(lambda s=source: Zone(s, dst, state).push(), _rm(dst, state)))
        full, cp = statistics.median(ours), statistics.median(floor)
        table.add(
            f"push, {label}",
            full * 1e3,
            cp * 1e3,
            statistics.median(o / f for o, f in zip(ours, floor, strict=True)),
            1.0,
        )
        unchanged = statistics.median(
            _run(lambda s=source: Zone(s, dst, state).push(), lambda: None) for _ in range(reps)
        )
        table.add(f"push, {label}, nothing changed", unchanged * 1e3, "", "", unchanged / full)
        if source is small:
            check = statistics.median(
                _run(lambda: Zone(small, dst, state).conflicts(), lambda: None) for _ in range(reps)
            )
            table.add(f"conflict check, {label}", check * 1e3, "", "", check / full)
            pulled, pstate = work / "pulled", work / "pstate"
            pull = Zone(pulled, small, pstate).pull
            pulls = [_run(pull, _rm(pulled, pstate)) for _ in range(reps)]
            table.add(f"pull, {label}", statistics.median(pulls) * 1e3, cp * 1e3, statistics.median(pulls) / cp, "")
    table.notes.append("targets: full push <= 2x cp -a; no-change push and conflict check < 0.1x full push")
    return table


def measure(ref: Reference, tmp: Path, *, quick: bool) -> list[Table]:
    work = tmp / "sync"
    work.mkdir()
    return [engine(work, 2_000 if quick else 10_000, 2 if quick else 5)]
