"""The synchronisation rules: what a push, a pull and a conflict check do in each case."""

from __future__ import annotations

import os
import threading
from pathlib import Path

import pytest
from dss_codestudio_server.zonesync import (
    ConflictPolicy,
    FileChanges,
    Progress,
    SyncCancelledError,
    SyncConflictError,
)

from tests.support.files import tree
from tests.zonesync.sides import Sides, write


def synced(sides: Sides, files: dict[str, str], **kwargs: object) -> None:
    """Both sides hold `files`, recorded in the base by a first push."""
    for rel, data in files.items():
        write(sides.dss, rel, data)
    result = sides.zone(**kwargs).push()
    assert result.added == tuple(sorted(files))
    assert tree(sides.studio) == tree(sides.dss)


def test_first_push_copies_everything_then_nothing(sides: Sides) -> None:
    write(sides.dss, "a.py", "a")
    write(sides.dss, "pkg/b.py", "bb")
    write(sides.dss, "pkg/deep/c.txt", "ccc")
    zone = sides.zone()
    first = zone.push()
    assert first.added == ("a.py", "pkg/b.py", "pkg/deep/c.txt")
    assert (first.count, first.size) == (3, 6)
    assert (first.modified, first.deleted, first.conflicts, first.skipped) == ((), (), (), ())
    assert tree(sides.studio) == tree(sides.dss)
    second = zone.push()
    assert (second.count, second.size) == (0, 0)
    assert zone.pull().count == 0


def test_copies_keep_mtime_and_mode(sides: Sides) -> None:
    script = write(sides.dss, "run.sh", "#!/bin/sh\n")
    script.chmod(0o755)
    os.utime(script, ns=(1_500_000_000_000_000_000, 1_500_000_000_000_000_000))
    sides.zone().push()
    copied = (sides.studio / "run.sh").stat()
    assert copied.st_mtime_ns == 1_500_000_000_000_000_000
    assert copied.st_mode & 0o777 == 0o755


def test_push_copies_only_dss_changes_and_propagates_deletions(sides: Sides) -> None:
    synced(sides, {"keep.py": "k", "edit.py": "e", "gone/x.py": "x"})
    write(sides.dss, "edit.py", "edited on DSS")
    write(sides.dss, "new.py", "new")
    (sides.dss / "gone" / "x.py").unlink()
    result = sides.zone().push()
    assert (result.added, result.modified, result.deleted) == (("new.py",), ("edit.py",), ("gone/x.py",))
    assert result.size == len("edited on DSS") + len("new")
    assert tree(sides.studio) == tree(sides.dss)
    assert not (sides.studio / "gone").exists(), "a folder emptied by the synchronisation is removed"


def test_pull_copies_only_studio_changes(sides: Sides) -> None:
    synced(sides, {"a.py": "a", "b.py": "b", "c.py": "c"})
    write(sides.studio, "a.py", "studio edit")
    write(sides.studio, "d.py", "studio new")
    (sides.studio / "b.py").unlink()
    write(sides.dss, "c.py", "dss edit, not pulled back")
    result = sides.zone().pull()
    assert (result.added, result.modified, result.deleted) == (("d.py",), ("a.py",), ("b.py",))
    assert tree(sides.dss) == {"a.py": b"studio edit", "c.py": b"dss edit, not pulled back", "d.py": b"studio new"}
    assert (sides.studio / "c.py").read_bytes() == b"c", "a pull never writes to the studio side"


@pytest.mark.parametrize(
    ("studio_action", "dss_action", "conflict_kind"),
    [
        ("edit", "edit", "modified"),
        ("edit", "delete", "modified"),
        ("delete", "edit", "deleted"),
    ],
)
def test_changes_on_both_sides_conflict(sides: Sides, studio_action: str, dss_action: str, conflict_kind: str) -> None:
    synced(sides, {"f.py": "base", "other.py": "o"})
    for root, action, text in ((sides.studio, studio_action, "studio"), (sides.dss, dss_action, "dss")):
        if action == "edit":
            write(root, "f.py", f"{text} version")
        else:
            (root / "f.py").unlink()
    report = sides.zone().conflicts()
    assert getattr(report, conflict_kind) == ("f.py",)
    assert report.count == 1
    before_dss, before_studio = tree(sides.dss), tree(sides.studio)

    with pytest.raises(SyncConflictError) as refused:
        sides.zone().pull()
    assert getattr(refused.value.report, conflict_kind) == ("f.py",)
    push = sides.zone().push()
    assert push.conflicts == ("f.py",)
    assert push.count == 0
    assert (tree(sides.dss), tree(sides.studio)) == (before_dss, before_studio), "both versions kept"
    assert sides.zone().conflicts().count == 1, "a conflict stays a conflict until resolved"


def test_add_add_different_content_is_a_conflict_same_content_is_not(sides: Sides) -> None:
    write(sides.dss, "same.py", "identical")
    write(sides.studio, "same.py", "identical")
    write(sides.dss, "diff.py", "dss")
    write(sides.studio, "diff.py", "studio")
    report = sides.zone().conflicts()
    assert report.added == ("diff.py",)
    assert (report.modified, report.deleted) == ((), ())
    push = sides.zone().push()
    assert push.conflicts == ("diff.py",)
    assert push.count == 0, "identical files are recorded as in agreement, not copied"
    # Once recorded, an edit of same.py on one side is a plain change, not a conflict.
    write(sides.studio, "same.py", "changed in the studio")
    assert sides.zone().conflicts().added == ("diff.py",)
    assert sides.zone().pull(on_conflict=ConflictPolicy.SKIP).modified == ("same.py",)


def test_same_edit_on_both_sides_and_delete_on_both_sides_agree(sides: Sides) -> None:
    synced(sides, {"edit.py": "base", "del.py": "base"})
    write(sides.dss, "edit.py", "same new content")
    write(sides.studio, "edit.py", "same new content")
    (sides.dss / "del.py").unlink()
    (sides.studio / "del.py").unlink()
    zone = sides.zone()
    assert zone.conflicts().count == 0
    assert zone.pull().count == 0
    scan = zone.scan()
    assert scan.dss == FileChanges(), "the base now records the agreement"
    assert scan.studio == FileChanges()


def make_conflicts(sides: Sides, tag: str) -> None:
    """a.py edited on both sides; b.py deleted on the DSS side and edited in the studio."""
    write(sides.dss, "a.py", f"dss {tag}")
    write(sides.studio, "a.py", f"studio {tag}")
    (sides.dss / "b.py").unlink()
    write(sides.studio, "b.py", f"studio b {tag}")


def test_pull_force_lets_the_studio_win_push_force_lets_dss_win(sides: Sides) -> None:
    synced(sides, {"a.py": "base", "b.py": "base"})
    make_conflicts(sides, "1")
    pulled = sides.zone().pull(on_conflict=ConflictPolicy.FORCE)
    assert (pulled.added, pulled.modified) == (("b.py",), ("a.py",))
    assert tree(sides.dss) == {"a.py": b"studio 1", "b.py": b"studio b 1"}
    assert sides.zone().conflicts().count == 0

    make_conflicts(sides, "2")
    pushed = sides.zone().push(on_conflict=ConflictPolicy.FORCE)
    assert (pushed.modified, pushed.deleted) == (("a.py",), ("b.py",))
    assert tree(sides.studio) == {"a.py": b"dss 2"}


def test_push_refuse_copies_nothing(sides: Sides) -> None:
    synced(sides, {"a.py": "base"})
    write(sides.dss, "a.py", "dss")
    write(sides.studio, "a.py", "studio")
    write(sides.dss, "new.py", "new")
    with pytest.raises(SyncConflictError):
        sides.zone().push(on_conflict=ConflictPolicy.REFUSE)
    assert not (sides.studio / "new.py").exists()


def test_conflict_resolved_by_making_one_side_match(sides: Sides) -> None:
    synced(sides, {"a.py": "base"})
    write(sides.dss, "a.py", "dss")
    write(sides.studio, "a.py", "studio")
    assert sides.zone().push().conflicts == ("a.py",)
    write(sides.studio, "a.py", "dss")  # the user merges by taking the DSS version
    assert sides.zone().conflicts().count == 0
    assert sides.zone().push().count == 0
    assert sides.zone().scan().unchanged == 1


def test_touch_without_content_change_is_not_a_change(sides: Sides) -> None:
    synced(sides, {"a.py": "base"})
    os.utime(sides.studio / "a.py")  # new mtime, same content
    write(sides.dss, "a.py", "dss edit")
    assert sides.zone().conflicts().count == 0
    assert sides.zone().push().modified == ("a.py",)


def test_same_size_edit_within_the_racy_window_is_noticed(sides: Sides) -> None:
    """An edit that keeps the size and lands in the same clock tick as the sync is caught by hashing."""
    write(sides.dss, "a.py", "aaaa", old=False)  # mtime = now: inside the racy window of the push below
    sides.zone().push()
    studio_file = sides.studio / "a.py"
    recorded = studio_file.stat().st_mtime_ns
    studio_file.write_bytes(b"bbbb")
    os.utime(studio_file, ns=(recorded, recorded))  # same size, same mtime: only the content tells
    scan = sides.zone().scan()
    assert scan.studio.modified == ("a.py",)
    assert sides.zone().pull().modified == ("a.py",)
    assert (sides.dss / "a.py").read_bytes() == b"bbbb"


def test_excluded_files_are_never_copied_deleted_or_reported(sides: Sides) -> None:
    excluded = ["node_modules/", "*.pyc", "/build", "**/tmp", "__pycache__/"]
    write(sides.dss, "app.py", "app")
    write(sides.dss, "node_modules/x/index.js", "js")
    write(sides.dss, "pkg/__pycache__/m.cpython-311.pyc", "pyc")
    write(sides.dss, "mod.pyc", "pyc")
    write(sides.dss, "build/out.o", "o")
    write(sides.dss, "src/build/kept.txt", "kept")
    write(sides.dss, "a/b/tmp/scratch", "s")
    write(sides.studio, "node_modules/studio-only.js", "studio js")
    write(sides.studio, "mod.pyc", "different pyc in the studio")
    zone = sides.zone(excluded=excluded)
    result = zone.push()
    assert result.added == ("app.py", "src/build/kept.txt")
    assert tree(sides.studio) == {
        "app.py": b"app",
        "src/build/kept.txt": b"kept",
        "node_modules/studio-only.js": b"studio js",
        "mod.pyc": b"different pyc in the studio",
    }
    (sides.dss / "mod.pyc").unlink()
    assert zone.push().count == 0
    assert zone.pull().count == 0
    assert (sides.studio / "mod.pyc").exists()
    assert (sides.studio / "node_modules/studio-only.js").exists()
    assert zone.conflicts().count == 0
    scan = zone.scan()
    assert scan.dss.count == scan.studio.count == 0


def test_one_way_zone_pull_copies_nothing(sides: Sides) -> None:
    synced(sides, {"a.py": "base"}, one_way=True)
    write(sides.studio, "a.py", "studio edit")
    write(sides.studio, "new.py", "new")
    zone = sides.zone(one_way=True)
    assert zone.pull(on_conflict=ConflictPolicy.FORCE).count == 0
    assert tree(sides.dss) == {"a.py": b"base"}
    write(sides.dss, "a.py", "dss edit")
    assert zone.push().conflicts == ("a.py",), "the studio's edit is not overwritten silently either"


def test_commit_ids_and_authors(sides: Sides) -> None:
    synced(sides, {"a.py": "base", "b.py": "b"})
    calls: list[tuple[str, ...]] = []

    def authors(paths: tuple[str, ...]) -> list[str]:
        calls.append(paths)
        return ["bob", "alice", "bob"]

    zone = sides.zone()
    quiet = zone.conflicts(authors=authors)
    assert quiet.commit_from == quiet.commit_to
    assert quiet.authors == ()
    assert calls == [], "no DSS-side change: nobody to name"
    write(sides.dss, "a.py", "dss edit")
    write(sides.dss, "c.py", "dss new")
    write(sides.studio, "a.py", "studio edit")
    report = zone.conflicts(authors=authors)
    assert report.commit_from == quiet.commit_from
    assert report.commit_to != report.commit_from
    assert calls == [("a.py", "c.py")]
    assert (report.authors, report.added, report.modified, report.deleted) == (("alice", "bob"), (), ("a.py",), ())
    assert report.count == 1
    # Going back to the synchronised content on the DSS side gives back the same commit.
    write(sides.dss, "a.py", "base")
    (sides.dss / "c.py").unlink()
    assert zone.conflicts().commit_to == quiet.commit_from


@pytest.mark.parametrize(
    ("workers", "files", "folders", "cancel_at"),
    [
        (1, 300, 3, 100),  # copies on the calling thread
        (4, 2000, 1, 300),  # in the pool: 32 chunks of one folder, at most 2 per worker in flight
    ],
)
def test_progress_flows_and_a_cancellation_keeps_what_was_done(
    sides: Sides, workers: int, files: int, folders: int, cancel_at: int
) -> None:
    for i in range(files):
        write(sides.dss, f"d{i % folders}/f{i:04d}.txt", f"content {i}")
    reports: list[Progress] = []
    stop = threading.Event()

    def progress(p: Progress) -> None:
        reports.append(p)
        if p.files_done >= cancel_at:
            stop.set()

    with pytest.raises(SyncCancelledError) as cancelled:
        sides.zone(workers=workers).push(progress=progress, cancel=stop)
    partial = cancelled.value.partial
    done = [r.files_done for r in reports]
    assert reports[0].files_total == files
    assert done == sorted(done)
    assert len(set(done)) >= cancel_at // 64  # reported chunk by chunk, not at the end
    assert cancel_at <= partial.count < files
    if workers > 1:
        assert partial.count < files // 2, "the pool stops soon after the cancellation"
    assert reports[-1].files_done == partial.count == len(tree(sides.studio))
    rest = sides.zone(workers=workers).push()
    assert rest.count == files - partial.count, "files copied before the cancellation are not copied again"
    assert tree(sides.studio) == tree(sides.dss)


def test_missing_root_with_a_base_is_refused_not_treated_as_mass_deletion(sides: Sides) -> None:
    synced(sides, {"a.py": "a"})
    for p in tree(sides.studio):
        (sides.studio / p).unlink()
    sides.studio.rmdir()
    from dss_codestudio_server.zonesync import ZoneRootError

    with pytest.raises(ZoneRootError):
        sides.zone().pull()
    assert tree(sides.dss) == {"a.py": b"a"}
    sides.zone().forget()
    assert sides.zone().push().added == ("a.py",)


def test_unreadable_base_loses_nothing(sides: Sides) -> None:
    synced(sides, {"a.py": "a", "b.py": "b"})
    (sides.dss / "b.py").unlink()
    write(sides.studio, "a.py", "studio edit")
    (sides.state / "base.json").write_text("{not json")
    result = sides.zone().push()
    assert result.conflicts == ("a.py",), "without a base, different content on both sides is a conflict"
    assert result.added == ()
    assert result.deleted == ()
    assert tree(sides.studio) == {"a.py": b"studio edit", "b.py": b"b"}, "nothing deleted without a base"


def test_roots_elsewhere_reset_the_base(sides: Sides, tmp_path: Path) -> None:
    synced(sides, {"a.py": "a"})
    other = tmp_path / "other-studio"
    other.mkdir()
    from dss_codestudio_server.zonesync import Zone

    assert Zone(sides.dss, other, sides.state).push().added == ("a.py",)
