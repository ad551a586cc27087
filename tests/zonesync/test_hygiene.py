"""What a studio can swap into its zone never blocks a synchronisation nor leaks a file: FIFOs, hard links.

A synchronisation opens every file with `O_NOFOLLOW | O_NONBLOCK` and checks it with `fstat`: a FIFO
swapped in for a file between the scan and the copy (or the hashing) is refused at once instead of
blocking the copying thread forever, and a hard link (which may be a second name of a file outside
the zone, such as the server's instance secret) is skipped and listed, never read.
"""

from __future__ import annotations

import contextlib
import os
import threading
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from dss_codestudio_server.zonesync import ConflictPolicy, SyncResult, zone
from dss_codestudio_server.zonesync.tree import Tree

from tests.support.files import tree
from tests.zonesync.sides import Sides, write

BOUND = 15.0  # seconds: a blocked copy would never end; a working one ends in milliseconds


def walked(root_fd: int, target: Path) -> bool:
    """Whether the folder open as `root_fd` is the one holding `target` (the walk of its side)."""
    return os.path.samestat(os.fstat(root_fd), target.parent.stat())


@contextlib.contextmanager
def fifo_swapped_in_after_the_walk(monkeypatch: pytest.MonkeyPatch, target: Path) -> Iterator[None]:
    """Replace `target` by a FIFO right after the walk listed it as a regular file (as a racing studio would)."""
    real_walk = zone.walk

    def walk_then_swap(root_fd: int, *args: object, **kwargs: object) -> Tree:
        listed = real_walk(root_fd, *args, **kwargs)  # type: ignore[arg-type]
        if walked(root_fd, target) and target.is_file() and not target.is_symlink():
            target.unlink()
            os.mkfifo(target)
        return listed

    monkeypatch.setattr(zone, "walk", walk_then_swap)
    try:
        yield
    finally:
        # Should a reader be stuck on the FIFO despite everything, a writer releases it.
        with contextlib.suppress(OSError):
            if target.exists():
                fd = os.open(target, os.O_WRONLY | os.O_NONBLOCK)
                os.close(fd)


def within_bound(operation: Callable[[], SyncResult]) -> SyncResult:
    """Run a synchronisation in a thread and fail if it does not end within BOUND seconds."""
    outcome: list[SyncResult | BaseException] = []

    def run() -> None:
        try:
            outcome.append(operation())
        except BaseException as exc:  # re-raised below, in the test's thread
            outcome.append(exc)

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    thread.join(BOUND)
    assert not thread.is_alive(), "the synchronisation blocked on a FIFO"
    if isinstance(outcome[0], BaseException):
        raise outcome[0]
    return outcome[0]


def test_a_fifo_swapped_in_for_a_new_file_during_a_pull_is_refused_at_once(
    sides: Sides, monkeypatch: pytest.MonkeyPatch
) -> None:
    write(sides.studio, "ok.txt", "ok")
    write(sides.studio, "victim.txt", "soon a FIFO")
    with fifo_swapped_in_after_the_walk(monkeypatch, sides.studio / "victim.txt"):
        result = within_bound(lambda: sides.zone().pull())
    assert result.added == ("ok.txt",)
    reasons = {s.path: (s.side, s.reason) for s in result.skipped}
    assert reasons["victim.txt"] == ("studio", "source is not a regular file")
    assert tree(sides.dss) == {"ok.txt": b"ok"}


def test_a_fifo_swapped_in_for_a_file_that_must_be_hashed_is_refused_at_once(
    sides: Sides, monkeypatch: pytest.MonkeyPatch
) -> None:
    write(sides.dss, "same-size.txt", "version 1")
    sides.zone().push()
    write(sides.studio, "same-size.txt", "version 2", old=False)  # same size, new mtime: the scan hashes it
    with fifo_swapped_in_after_the_walk(monkeypatch, sides.studio / "same-size.txt"):
        result = within_bound(lambda: sides.zone().pull(on_conflict=ConflictPolicy.SKIP))
    assert tree(sides.dss) == {"same-size.txt": b"version 1"}
    assert [s.path for s in result.skipped] == ["same-size.txt"]


def test_a_hard_link_to_a_file_outside_the_zone_is_skipped_listed_and_never_read(sides: Sides, tmp_path: Path) -> None:
    secret = write(tmp_path / "server-data", "instance-secret", "the server's secret")
    os.link(secret, sides.studio / "innocent.txt")
    write(sides.studio, "ok.txt", "ok")
    result = sides.zone().pull()
    assert result.added == ("ok.txt",)
    assert tree(sides.dss) == {"ok.txt": b"ok"}
    [skipped] = result.skipped
    assert (skipped.side, skipped.path) == ("studio", "innocent.txt")
    assert skipped.reason.startswith("a hard link (2 names)")
    assert [(s.side, s.path) for s in sides.zone().conflicts().skipped] == [("studio", "innocent.txt")]


def test_a_hard_link_swapped_in_after_the_scan_is_never_read(
    sides: Sides, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    secret = write(tmp_path / "server-data", "instance-secret", "the server's secret")
    target = write(sides.studio, "innocent.txt", "harmless")
    real_walk = zone.walk

    def walk_then_link(root_fd: int, *args: object, **kwargs: object) -> Tree:
        listed = real_walk(root_fd, *args, **kwargs)  # type: ignore[arg-type]
        if walked(root_fd, target) and target.stat().st_nlink == 1 and target.read_text() == "harmless":
            tmp = target.with_name("swap")
            os.link(secret, tmp)
            os.replace(tmp, target)
        return listed

    monkeypatch.setattr(zone, "walk", walk_then_link)
    result = sides.zone().pull()
    assert tree(sides.dss) == {}
    assert [(s.path, s.reason) for s in result.skipped] == [
        ("innocent.txt", "source is a hard link (2 names): never read nor synchronised")
    ]


def test_a_synced_file_replaced_by_a_hard_link_is_not_deleted_on_the_other_side(sides: Sides) -> None:
    """`ln a.txt b.txt` in a studio (b.txt synchronised before) leaves DSS's a.txt and b.txt alone."""
    write(sides.dss, "a.txt", "a")
    write(sides.dss, "b.txt", "b")
    sides.zone().push()
    (sides.studio / "b.txt").unlink()
    os.link(sides.studio / "a.txt", sides.studio / "b.txt")
    result = sides.zone().pull()
    assert result.deleted == ()
    assert tree(sides.dss) == {"a.txt": b"a", "b.txt": b"b"}
    assert {s.path for s in result.skipped} == {"a.txt", "b.txt"}
    # A push does not write through the link either: the DSS version of b.txt is left out, reported.
    write(sides.dss, "b.txt", "b, edited on DSS", old=False)
    pushed = sides.zone().push()
    assert (sides.studio / "a.txt").read_text() == "a"
    assert "b.txt" in {s.path for s in pushed.skipped}


@pytest.mark.skipif(os.geteuid() != 0, reason="giving files to another user needs root")
def test_a_push_gives_what_it_writes_to_the_studio_user(sides: Sides) -> None:
    write(sides.dss, "pkg/deep/module.py", "x = 1")
    write(sides.dss, "top.txt", "top")
    studio = sides.studio / "zone"
    zone_ = zone.Zone(sides.dss, studio, sides.state, studio_owner=(65534, 65534))
    zone_.push()
    for path in (studio, studio / "pkg", studio / "pkg/deep", studio / "pkg/deep/module.py", studio / "top.txt"):
        st = path.stat()
        assert (st.st_uid, st.st_gid) == (65534, 65534), path
    assert tree(sides.dss) == {"pkg/deep/module.py": b"x = 1", "top.txt": b"top"}
