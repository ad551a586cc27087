"""Fixtures of the zone synchronisation tests (the helpers are in tests.zonesync.sides)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.zonesync.sides import Sides


@pytest.fixture
def sides(tmp_path: Path) -> Sides:
    (tmp_path / "dss").mkdir()
    (tmp_path / "studio").mkdir()
    return Sides(tmp_path / "dss", tmp_path / "studio", tmp_path / "state")
