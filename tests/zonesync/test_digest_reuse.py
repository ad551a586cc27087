"""A file the scan hashed is not hashed again by its copy, unless its stat leaves room for doubt."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

import pytest
from dss_codestudio_server.zonesync import transfer
from dss_codestudio_server.zonesync.basestate import load_base

from tests.zonesync.sides import OLD_NS, Sides, record_calls, write

BIG = 3 * 1024 * 1024  # above transfer.SMALL_FILE: copied in the kernel, hashed from the copy otherwise


@pytest.fixture
def copy_hashes(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Record the digests the copy computes itself (of copied large files)."""
    return record_calls(monkeypatch, transfer, "digest_fd")


def same_size_edit(path: Path, fill: bytes, *, mtime_ns: int) -> bytes:
    data = fill * (path.stat().st_size // len(fill))
    path.write_bytes(data)
    os.utime(path, ns=(mtime_ns, mtime_ns))
    return data


def recorded_digest(sides: Sides, rel: str) -> str:
    return load_base(sides.state, str(sides.dss), str(sides.studio)).files[rel].digest


@pytest.mark.parametrize("count", [1, 3])
def test_a_same_size_edit_is_hashed_once_by_the_scan_and_recorded_right(
    sides: Sides, copy_hashes: list[int], count: int
) -> None:
    for i in range(count):
        write(sides.dss, f"blob{i}.bin", b"a" * BIG)
    sides.zone().push()
    copy_hashes.clear()
    new = [same_size_edit(sides.dss / f"blob{i}.bin", b"%d" % i, mtime_ns=OLD_NS + 1_000) for i in range(count)]
    result = sides.zone().push()
    assert result.modified == tuple(f"blob{i}.bin" for i in range(count))
    assert copy_hashes == []  # the scan's digests were reused
    for i, data in enumerate(new):
        assert (sides.studio / f"blob{i}.bin").read_bytes() == data
        assert recorded_digest(sides, f"blob{i}.bin") == hashlib.sha256(data).hexdigest()
    assert sides.zone().scan().studio.modified == ()


def test_a_file_inside_the_racy_window_is_hashed_from_its_copy(sides: Sides, copy_hashes: list[int]) -> None:
    write(sides.dss, "blob.bin", b"a" * BIG)
    sides.zone().push()
    copy_hashes.clear()
    path = sides.dss / "blob.bin"
    data = same_size_edit(path, b"b", mtime_ns=OLD_NS)  # stat as recorded: only hashing tells
    os.utime(path)  # now: it may change again within its clock tick, so the scan's digest is not trusted
    assert sides.zone().push().modified == ("blob.bin",)
    assert len(copy_hashes) == 1
    assert recorded_digest(sides, "blob.bin") == hashlib.sha256(data).hexdigest()
