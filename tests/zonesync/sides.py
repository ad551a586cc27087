"""Helpers of the zone synchronisation tests: files written old (outside the racy window), the two sides of a zone."""

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


@dataclass
class Sides:
    dss: Path
    studio: Path
    state: Path

    def zone(self, **kwargs: object) -> Zone:
        return Zone(self.dss, self.studio, self.state, **kwargs)  # type: ignore[arg-type]


def record_calls(monkeypatch: pytest.MonkeyPatch, owner: object, name: str) -> list[int]:
    """Wrap `owner.name`, a function of a file descriptor, to record each call's descriptor (it still runs)."""
    calls: list[int] = []
    real = getattr(owner, name)

    def recording(fd: int) -> object:
        calls.append(fd)
        return real(fd)

    monkeypatch.setattr(owner, name, recording)
    return calls
