"""What each durability level asks of the disk: nothing, one filesystem flush, or an fsync per file."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from dss_codestudio_server.zonesync import Durability, transfer

from .conftest import Sides, tree, write

BIG = 2 * 1024 * 1024  # above transfer.SMALL_FILE


@pytest.fixture
def disk_calls(monkeypatch: pytest.MonkeyPatch) -> dict[str, int]:
    """Count the flushes the transfer asks for (they still happen)."""
    calls = {"fsync": 0, "syncfs": 0, "writeback": 0}

    def counted(name: str, real: Callable[[int], object]) -> Callable[[int], None]:
        def wrapper(fd: int) -> None:
            calls[name] += 1
            real(fd)

        return wrapper

    monkeypatch.setattr(transfer, "sync_filesystem", counted("syncfs", transfer.sync_filesystem))
    monkeypatch.setattr(transfer, "start_writeback", counted("writeback", transfer.start_writeback))
    monkeypatch.setattr(transfer.os, "fsync", counted("fsync", transfer.os.fsync))
    return calls


def push_one_large_and_one_small(sides: Sides, durability: Durability) -> None:
    write(sides.dss, "big.bin", b"b" * BIG)
    write(sides.dss, "small.py", "x = 1\n")
    assert sides.zone(durability=durability).push().added == ("big.bin", "small.py")
    assert tree(sides.studio) == tree(sides.dss)


def test_none_asks_nothing_of_the_disk(sides: Sides, disk_calls: dict[str, int]) -> None:
    push_one_large_and_one_small(sides, Durability.NONE)
    assert disk_calls == {"fsync": 0, "syncfs": 0, "writeback": 0}


BASE_FSYNCS = 2  # the base written after the files, durably: the file, then its folder


def test_batch_flushes_once_and_starts_large_files_early(sides: Sides, disk_calls: dict[str, int]) -> None:
    push_one_large_and_one_small(sides, Durability.BATCH)
    assert disk_calls == {"fsync": BASE_FSYNCS, "syncfs": 1, "writeback": 1}


def test_file_fsyncs_every_file_and_its_folder(sides: Sides, disk_calls: dict[str, int]) -> None:
    push_one_large_and_one_small(sides, Durability.FILE)
    assert disk_calls["fsync"] == BASE_FSYNCS + 3  # two files, then the folder holding them
    assert disk_calls["syncfs"] == 1
