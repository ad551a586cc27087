"""4. Zone sync: push and pull of 10,000 small files and of 100 MB in 4 files, against `cp -a` (the floor).

Also a push with nothing changed and a conflict check over the 10,000 files. Measured twice: through
the API of the reference server (a running studio's zone, with our facade), and the engine alone
(server/dss_codestudio_server/zonesync). `cp -a` of the same tree alternates with each run so that
both see the same machine (page cache warm, writeback flushed before each run).
"""

from __future__ import annotations

import functools
import os
import shutil
import statistics
import subprocess
import time
from collections.abc import Callable
from pathlib import Path

import dss_codestudio
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


TARGETS = "targets: full push <= 2x cp -a; no-change push and conflict check < 0.1x full push"


def _add_full_push(table: Table, label: str, pushes: list[float], floors: list[float]) -> float:
    """Add the row of a full push measured beside its floor, run by run; return its median."""
    full = statistics.median(pushes)
    ratio = statistics.median(p / f for p, f in zip(pushes, floors, strict=True))
    table.add(f"push, {label}", full * 1e3, statistics.median(floors) * 1e3, ratio, 1.0)
    return full


def _rm(*paths: Path) -> Callable[[], None]:
    return lambda: [shutil.rmtree(p, ignore_errors=True) for p in paths]  # type: ignore[func-returns-value]


def engine(work: Path, files: int, reps: int) -> Table:
    work.mkdir()
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
        full, cp = _add_full_push(table, label, ours, floor), statistics.median(floor)
        unchanged = _median(reps, lambda s=source: Zone(s, dst, state).push())
        table.add(f"push, {label}, nothing changed", unchanged * 1e3, "", "", unchanged / full)
        if source is small:
            check = _median(reps, lambda: Zone(small, dst, state).conflicts())
            table.add(f"conflict check, {label}", check * 1e3, "", "", check / full)
            pulled, pstate = work / "pulled", work / "pstate"
            pull = Zone(pulled, small, pstate).pull
            pulls = [_run(pull, _rm(pulled, pstate)) for _ in range(reps)]
            table.add(f"pull, {label}", statistics.median(pulls) * 1e3, cp * 1e3, statistics.median(pulls) / cp, "")
    table.notes.append(TARGETS)
    return table


def _touch_all(root: Path, generation: int) -> None:
    """Give every file of the tree new content, so that the next sync copies all of them."""
    for path in root.rglob("*"):
        if path.is_file():
            path.write_bytes(path.read_bytes()[:-12] + b"# gen %05d\n" % generation)


def _api_zone(
    table: Table, studio: dss_codestudio.DSSCodeStudioObject, zone: dict[str, object], tree: Path, reps: int
) -> None:
    """Push (and for small files, check and pull) the tree through one zone of a running studio."""
    zone_id, dss_side, studio_side = str(zone["id"]), Path(str(zone["dssPath"])), Path(str(zone["studioPath"]))
    label, floor_dst = tree.name, tree.parent / f"cp of {tree.name}"
    shutil.copytree(tree, dss_side / "tree")
    time.sleep(0.1)  # out of the racy window, as real edits would be
    push = functools.partial(studio.push_to_code_studio, zone_id)
    pushes, floors = [], []
    for generation in range(reps):
        # The floor copies as the push does: into an empty folder first, then over the previous copy.
        floors.append(_run(lambda: subprocess.run(["cp", "-a", f"{tree}/.", str(floor_dst)], check=True), lambda: None))
        if generation:  # every later run gives all the files new content: all of them are copied again
            _touch_all(dss_side / "tree", generation)
            time.sleep(0.1)
        pushes.append(_run(push, lambda: None))
    full, cp = _add_full_push(table, label, pushes, floors), statistics.median(floors)
    unchanged = _median(reps, push)
    table.add(f"push, {label}, nothing changed", unchanged * 1e3, "", "", unchanged / full)
    if "small" not in label:
        return
    check = _median(reps, functools.partial(studio.check_conflicts, zone_id))
    table.add(f"conflict check, {label}", check * 1e3, "", "", check / full)
    pulls = []
    for generation in range(reps):
        _touch_all(studio_side / "tree", 100 + generation)
        time.sleep(0.1)
        pulls.append(_run(functools.partial(studio.pull_from_code_studio, zone_id), lambda: None))
    pull = statistics.median(pulls)
    table.add(f"pull, {label}", pull * 1e3, cp * 1e3, pull / cp, "")


def through_api(ref: Reference, work: Path, files: int, reps: int) -> Table:
    table = Table(
        f"4. Zone sync through the reference server's API, median of {reps} (in {work.parent})",
        ["operation", "ms", "floor ms", "x floor", "x full push"],
    )
    small, big = work / f"{files:,} small files", work / "100 MB in 4 files"
    make_small_tree(small, files)
    make_large_tree(big, 100, 4)
    with dss_codestudio.DSSClient(ref.url, ref.key) as client:
        client.get_code_studio_template("python-workspace").build().wait_for_result(timeout=600)
        client.create_project("BENCHSYNC", "Sync benchmark", "bench")
        studio = client.get_project("BENCHSYNC").create_code_studio("sync bench", "python-workspace")
        studio.start(wait=True, timeout=600)
        try:
            raw_zones = studio.get_status().get_raw()["syncedZones"]
            zones = {str(z["zone"]): z for z in raw_zones if isinstance(z, dict)}
            # Each tree in a zone of its own, so that each zone's figures are about that tree only.
            _api_zone(table, studio, zones["code_studio_versioned"], small, reps)
            _api_zone(table, studio, zones["code_studio_resources"], big, reps)
        finally:
            studio.stop(wait=True, timeout=600)
    table.notes.append(TARGETS)
    table.notes.append(
        "the first push and cp -a copy into an empty folder, the later ones over the previous copy (each push after"
        " the first gives every file new content of the same size, which the scan hashes to tell an edit from a touch)"
    )
    return table


def measure(ref: Reference, tmp: Path, *, quick: bool) -> list[Table]:
    work = tmp / "sync"
    work.mkdir()
    files, reps = (2_000, 2) if quick else (10_000, 5)
    return [through_api(ref, work, files, reps), engine(work / "engine", files, reps)]
