"""Where the suite finds the project's files, and the shared material beside the project (`../shared`).

The shared material (a real template export of DSS 13.5.4, ...) is not in the repository: a clone
has no `../shared` beside it. A test that needs it asks `shared_fixture(...)`, which skips the test
with the reason where the material is absent, and fails it when CI=true: CI has it, so there a
missing fixture is a broken setup, never a silently skipped test.
"""

from __future__ import annotations

from pathlib import Path

from tests.support.ci import unavailable

ROOT = Path(__file__).resolve().parents[2]
SPEC_PATH = ROOT / "openapi.yaml"
SHARED = ROOT.parent / "shared"
REAL_EXPORT = "fixtures/real-template-exports/dss_code_studio_template_infra.zip"
"""The real template export of DSS 13.5.4, relative to the shared material."""


def shared_fixture(relative: str) -> Path:
    """The file `relative` of the shared material; skip the test without it (fail it when CI=true)."""
    path = SHARED / relative
    if path.is_file():
        return path
    unavailable(f"needs the shared fixture {relative}, not found in {SHARED} (the shared material beside the project)")


def real_export() -> Path:
    """The real DSS 13.5.4 template export (`shared_fixture`: skips, or fails in CI, without it)."""
    return shared_fixture(REAL_EXPORT)
