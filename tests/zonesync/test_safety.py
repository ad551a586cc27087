"""Paths never leave their zone: symlinks, special files, unsafe names, leftovers and concurrent edits."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from dss_codestudio_server.zonesync import (
    Progress,
    UnsafePathError,
    ZoneRootError,
    check_relpath,
    safe_subdir,
)

from tests.support.files import tree
from tests.zonesync.sides import Sides, write


@pytest.fixture
def outside(tmp_path: Path) -> Path:
    target = tmp_path / "outside"
    target.mkdir()
    write(target, "secret.txt", "outside the zone")
    return target


def test_symlinks_are_skipped_reported_and_never_followed(sides: Sides, outside: Path) -> None:
    write(sides.dss, "a.py", "a")
    (sides.dss / "link-to-file").symlink_to(outside / "secret.txt")
    (sides.dss / "link-to-dir").symlink_to(outside)
    (sides.studio / "studio-link").symlink_to(outside / "secret.txt")
    zone = sides.zone()
    result = zone.push()
    assert result.added == ("a.py",)
    skipped = {(s.side, s.path) for s in result.skipped}
    assert skipped == {("dss", "link-to-file"), ("dss", "link-to-dir"), ("studio", "studio-link")}
    assert all("symbolic link" in s.reason for s in result.skipped)
    assert tree(sides.studio) == {"a.py": b"a"}
    assert zone.pull().count == 0
    assert tree(sides.dss) == {"a.py": b"a"}
    assert tree(outside) == {"secret.txt": b"outside the zone"}


def test_push_never_writes_through_a_symlinked_folder_in_the_studio(sides: Sides, outside: Path) -> None:
    write(sides.dss, "pkg/module.py", "code")
    write(sides.dss, "secret.txt", "would overwrite")
    (sides.studio / "pkg").symlink_to(outside)
    (sides.studio / "secret.txt").symlink_to(outside / "secret.txt")
    result = sides.zone().push()
    assert result.count == 0
    reasons = {s.path: s.reason for s in result.skipped if s.side == "studio"}
    assert "symlink" in reasons["pkg/module.py"]
    assert "symlink" in reasons["secret.txt"]
    assert tree(outside) == {"secret.txt": b"outside the zone"}, "nothing written outside the zone"


def test_pull_never_writes_through_a_symlinked_folder_on_the_dss_side(sides: Sides, outside: Path) -> None:
    write(sides.studio, "pkg/evil.py", "studio content")
    (sides.dss / "pkg").symlink_to(outside)
    result = sides.zone().pull()
    assert result.count == 0
    assert [s.path for s in result.skipped if s.side == "dss"] == ["pkg", "pkg/evil.py"]
    assert tree(outside) == {"secret.txt": b"outside the zone"}


def test_zone_root_that_is_a_symlink_is_refused(tmp_path: Path, outside: Path) -> None:
    from dss_codestudio_server.zonesync import Zone

    (tmp_path / "dss").mkdir()
    (tmp_path / "studio").symlink_to(outside)
    with pytest.raises(ZoneRootError):
        Zone(tmp_path / "dss", tmp_path / "studio", tmp_path / "state").push()


def test_special_files_and_undecodable_names_are_skipped(sides: Sides) -> None:
    write(sides.dss, "ok.txt", "ok")
    os.mkfifo(sides.dss / "pipe")
    undecodable = os.fsencode(sides.dss) + b"/bad-\xff-name.txt"
    with open(undecodable, "wb") as f:
        f.write(b"x")
    result = sides.zone().push()  # a FIFO is never opened, so this cannot block
    assert result.added == ("ok.txt",)
    reasons = {s.path: s.reason for s in result.skipped}
    assert "FIFO" in reasons["pipe"]
    assert reasons["bad-\\xff-name.txt"] == "file name is not valid UTF-8"


@pytest.mark.parametrize("bad", ["", "/etc/passwd", "../x", "a/../../x", "a//b", "./a", "a/.", "a\0b", "a/"])
def test_unsafe_relative_paths_are_refused(bad: str) -> None:
    with pytest.raises(UnsafePathError):
        check_relpath(bad)


def test_check_relpath_accepts_dotted_names() -> None:
    for good in ("a", ".hidden", "a..b", "dir/...", "x/.y/z"):
        assert check_relpath(good) == good


def test_safe_subdir_places_container_paths_inside_the_workspace(tmp_path: Path, outside: Path) -> None:
    workspace = tmp_path / "ws"
    placed = safe_subdir(workspace, "/home/dataiku/workspace/recipes")
    assert placed == workspace / "home/dataiku/workspace/recipes"
    assert placed.is_dir()
    with pytest.raises(UnsafePathError):
        safe_subdir(workspace, "/home/../../etc")
    (workspace / "escape").symlink_to(outside)
    with pytest.raises(ZoneRootError):
        safe_subdir(workspace, "escape/recipes")
    assert not (outside / "recipes").exists()


def test_unsafe_paths_in_a_tampered_base_are_dropped(sides: Sides, tmp_path: Path) -> None:
    write(sides.dss, "a.py", "a")
    zone = sides.zone()
    zone.push()
    victim = write(tmp_path, "victim.txt", "must survive")
    doc = json.loads((sides.state / "base.json").read_text())
    entry = doc["files"]["a.py"]
    doc["files"]["../victim.txt"] = entry
    doc["files"]["/abs"] = entry
    (sides.state / "base.json").write_text(json.dumps(doc))
    assert zone.push().count == 0
    assert zone.pull().count == 0
    assert victim.read_bytes() == b"must survive"


def test_stale_temporaries_are_removed_and_never_reported(sides: Sides) -> None:
    write(sides.dss, "a.py", "a")
    dead_pid = 4_000_000
    while True:
        try:
            os.kill(dead_pid, 0)
            dead_pid += 1
        except ProcessLookupError:
            break
    stale = write(sides.studio, f"sub/.~dss-sync-{dead_pid}-0123456789abcdef.tmp", "half written")
    live = write(sides.studio, f".~dss-sync-{os.getppid()}-0123456789abcdef.tmp", "in flight", old=False)
    scan = sides.zone().scan()
    assert scan.studio.count == 0
    assert not scan.skipped
    result = sides.zone().push()
    assert result.added == ("a.py",)
    assert not result.skipped
    assert not stale.exists()
    assert live.exists(), "a temporary of a live process may be a copy in flight"


def test_an_edit_made_on_the_destination_during_a_push_is_never_overwritten(sides: Sides) -> None:
    for i in range(200):
        write(sides.dss, f"f{i:03d}.txt", f"base {i}")
    sides.zone().push()
    for i in range(200):
        write(sides.dss, f"f{i:03d}.txt", f"dss edit {i}")
    edited = sides.studio / "f199.txt"

    def edit_during_push(p: Progress) -> None:
        if p.files_done < p.files_total and edited.read_bytes() == b"base 199":
            edited.write_bytes(b"studio edit made while the push runs")

    result = sides.zone(workers=1).push(progress=edit_during_push)
    assert result.conflicts == ("f199.txt",)
    assert result.count == 199
    assert edited.read_bytes() == b"studio edit made while the push runs"
    assert sides.zone().conflicts().modified == ("f199.txt",)


def test_a_source_edited_during_a_push_is_copied_as_read_and_recorded_so(sides: Sides) -> None:
    for i in range(200):
        write(sides.dss, f"f{i:03d}.txt", f"v1 {i}")
    source = sides.dss / "f199.txt"

    def edit_source(p: Progress) -> None:
        if p.files_done < p.files_total:
            source.write_bytes(b"v2, written while the push runs")

    sides.zone(workers=1).push(progress=edit_source)
    assert (sides.studio / "f199.txt").read_bytes() == b"v2, written while the push runs"
    assert sides.zone().push().count == 0
    assert sides.zone().conflicts().count == 0


def test_bulk_path_check_agrees_with_the_single_one() -> None:
    from dss_codestudio_server.zonesync.paths import all_safe_relpaths, is_safe_relpath

    cases = ["a", "a/b", ".a", "a..b", "", "/a", "a/", "a//b", "./a", "a/.", "..", "a/../b", "a\0b", "...", "\0"]
    for case in cases:
        assert all_safe_relpaths(["ok", case, "z"]) is is_safe_relpath(case), case
        assert all_safe_relpaths([case]) is is_safe_relpath(case), case
    assert all_safe_relpaths([])


def test_nested_zone_folders_are_refused(tmp_path: Path) -> None:
    from dss_codestudio_server.zonesync import Zone

    for dss, studio, state in (
        (tmp_path / "a", tmp_path / "a", tmp_path / "s"),
        (tmp_path / "a", tmp_path / "a" / "b", tmp_path / "s"),
        (tmp_path / "a", tmp_path / "b", tmp_path / "b" / "state"),
    ):
        with pytest.raises(ValueError, match="contain one another"):
            Zone(dss, studio, state)
