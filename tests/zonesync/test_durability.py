"""What each durability level asks of the disk: nothing, one filesystem flush, or an fsync per file."""

from __future__ import annotations

import pytest
from dss_codestudio_server.zonesync import Durability, transfer

from tests.support.files import tree
from tests.zonesync.sides import Sides, record_calls, write

BIG = 2 * 1024 * 1024  # above transfer.SMALL_FILE


@pytest.fixture
def disk_calls(monkeypatch: pytest.MonkeyPatch) -> dict[str, list[int]]:
    """Record the flushes the transfer asks for (they still happen)."""
    return {
        "fsync": record_calls(monkeypatch, transfer.os, "fsync"),
        "syncfs": record_calls(monkeypatch, transfer, "sync_filesystem"),
        "writeback": record_calls(monkeypatch, transfer, "start_writeback"),
    }


def counts(calls: dict[str, list[int]]) -> dict[str, int]:
    return {name: len(fds) for name, fds in calls.items()}


def push_one_large_and_one_small(sides: Sides, durability: Durability) -> None:
    write(sides.dss, "big.bin", b"b" * BIG)
    write(sides.dss, "small.py", "x = 1\n")
    assert sides.zone(durability=durability).push().added == ("big.bin", "small.py")
    assert tree(sides.studio) == tree(sides.dss)


def test_none_asks_nothing_of_the_disk(sides: Sides, disk_calls: dict[str, list[int]]) -> None:
    push_one_large_and_one_small(sides, Durability.NONE)
    assert counts(disk_calls) == {"fsync": 0, "syncfs": 0, "writeback": 0}


BASE_FSYNCS = 2  # the base written after the files, durably: the file, then its folder


def test_batch_flushes_once_and_starts_large_files_early(sides: Sides, disk_calls: dict[str, list[int]]) -> None:
    push_one_large_and_one_small(sides, Durability.BATCH)
    assert counts(disk_calls) == {"fsync": BASE_FSYNCS, "syncfs": 1, "writeback": 1}


def test_file_fsyncs_every_file_and_its_folder(sides: Sides, disk_calls: dict[str, list[int]]) -> None:
    push_one_large_and_one_small(sides, Durability.FILE)
    assert counts(disk_calls)["fsync"] == BASE_FSYNCS + 3  # two files, then the folder holding them
    assert counts(disk_calls)["syncfs"] == 1
