"""Helpers for the zone synchronisation tests: trees written and read as {relative path: bytes}."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import pytest
from dss_codestudio_server.zonesync import Zone

OLD_NS = 1_600_000_000_123_456_789  # an mtime well outside the racy window of any scan


def write(root: Path, rel: str, data: bytes | str, *, old: bool = True) -> Path:
    path = root / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data.encode() if isinstance(data, str) else data)
    if old:
        os.utime(path, ns=(OLD_NS, OLD_NS))
    return path


def tree(root: Path) -> dict[str, bytes]:
    """Every regular file under root (temporaries included, so a test sees them)."""
    out: dict[str, bytes] = {}
    for dirpath, _, files in os.walk(root):
        for name in files:
            full = Path(dirpath) / name
            if full.is_file() and not full.is_symlink():
                out[full.relative_to(root).as_posix()] = full.read_bytes()
    return out


@dataclass
class Sides:
    dss: Path
    studio: Path
    state: Path

    def zone(self, **kwargs: object) -> Zone:
        return Zone(self.dss, self.studio, self.state, **kwargs)  # type: ignore[arg-type]


@pytest.fixture
def sides(tmp_path: Path) -> Sides:
    (tmp_path / "dss").mkdir()
    (tmp_path / "studio").mkdir()
    return Sides(tmp_path / "dss", tmp_path / "studio", tmp_path / "state")


def record_calls(monkeypatch: pytest.MonkeyPatch, owner: object, name: str) -> list[int]:
    """Wrap `owner.name`, a function of a file descriptor, to record each call's descriptor (it still runs)."""
    calls: list[int] = []
    real = getattr(owner, name)

    def recording(fd: int) -> object:
        calls.append(fd)
        return real(fd)

    monkeypatch.setattr(owner, name, recording)
    return calls
