"""SIGKILL in the middle of a push or a pull: every file is whole, old or new, and the next sync completes."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from dss_codestudio_server.zonesync import ConflictPolicy, Zone

from tests.support.files import tree
from tests.zonesync.sides import write

ROOT = Path(__file__).resolve().parents[2]
SMALL = 1500
LARGE = 3


def old(i: int) -> bytes:
    return f"old content of file {i}\n".encode() * (1 + i % 40)


def new(i: int) -> bytes:
    return f"NEW content of file {i}, longer\n".encode() * (1 + i % 50)


def big(i: int, version: str) -> bytes:
    return (f"{version}-{i}-".encode() * 700_000)[: 4 * 1024 * 1024 + i]


@pytest.mark.parametrize("direction", ["push", "pull"])
def test_sigkill_mid_sync_loses_nothing(tmp_path: Path, direction: str) -> None:
    dss, studio, state = tmp_path / "dss", tmp_path / "studio", tmp_path / "state"
    src, dst = (dss, studio) if direction == "push" else (studio, dss)
    src.mkdir()
    for i in range(SMALL):
        write(src, f"d{i % 20}/f{i}.txt", old(i))
    for i in range(LARGE):
        write(src, f"big/b{i}.bin", big(i, "old"))
    write(src, "deleted-later.txt", "to be deleted")
    zone = Zone(dss, studio, state)
    (zone.push if direction == "push" else zone.pull)()
    assert tree(dss) == tree(studio)

    # Changes on the source side: every file rewritten, half as many new ones, one deletion.
    for i in range(SMALL):
        write(src, f"d{i % 20}/f{i}.txt", new(i), old=False)
    for i in range(SMALL, SMALL + SMALL // 2):
        write(src, f"new/f{i}.txt", new(i), old=False)
    for i in range(LARGE):
        write(src, f"big/b{i}.bin", big(i, "new"), old=False)
    (src / "deleted-later.txt").unlink()
    expected_after = tree(src)

    child = subprocess.Popen(
        [sys.executable, "-m", "tests.zonesync.crash_child", direction, str(dss), str(studio), str(state)],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert child.stdout is not None
        for seen, line in enumerate(child.stdout, start=1):
            assert line != "finished\n", "the synchronisation finished before it could be killed"
            if seen == 5:
                break
        child.send_signal(signal.SIGKILL)
    finally:
        child.kill()
        child.wait(timeout=30)
    assert child.returncode == -signal.SIGKILL

    # Every destination file is whole: its old content or its new one, never a mix, never missing.
    after_kill = tree(dst)
    temps = [p for p in after_kill if os.path.basename(p).startswith(".~dss-sync-")]
    visible = {p: data for p, data in after_kill.items() if p not in temps}
    changed = 0
    for i in range(SMALL):
        got = visible[f"d{i % 20}/f{i}.txt"]
        assert got in (old(i), new(i))
        changed += got == new(i)
    for i in range(SMALL, SMALL + SMALL // 2):
        assert visible.get(f"new/f{i}.txt") in (None, new(i))
    for i in range(LARGE):
        assert visible[f"big/b{i}.bin"] in (big(i, "old"), big(i, "new"))
    assert 0 < changed < SMALL, "the kill landed in the middle of the copies"
    assert tree(src) == expected_after, "the source side is untouched"

    # The next synchronisation cleans up, finds what the killed one did as agreements, and completes.
    again = Zone(dss, studio, state)
    result = again.push() if direction == "push" else again.pull()
    assert result.count < SMALL + SMALL // 2 + LARGE + 1, "files copied before the kill are not copied again"
    assert not result.conflicts
    assert tree(dst) == expected_after, "no temporary left, every change applied"
    assert again.conflicts().count == 0
    assert (again.push() if direction == "push" else again.pull(on_conflict=ConflictPolicy.REFUSE)).count == 0
