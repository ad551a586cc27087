"""The suite's own rules: shared fixtures skip with their reason from a plain clone and fail in CI,
and tests reach the shared material only through tests.support.paths."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from tests.support import paths
from tests.support.paths import ROOT


def test_a_missing_shared_fixture_skips_the_test_with_its_reason(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setattr(paths, "SHARED", tmp_path / "no-shared-here")
    monkeypatch.delenv("CI", raising=False)
    with pytest.raises(pytest.skip.Exception, match=r"needs the shared fixture fixtures/real-template-exports/"):
        paths.real_export()


def test_in_ci_a_missing_shared_fixture_fails_the_test(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setattr(paths, "SHARED", tmp_path / "no-shared-here")
    monkeypatch.setenv("CI", "true")
    with pytest.raises(pytest.fail.Exception, match=r"needs the shared fixture .*\(CI=true requires it\)"):
        paths.real_export()


def test_a_present_shared_fixture_is_given(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    archive = tmp_path / "shared" / paths.REAL_EXPORT
    archive.parent.mkdir(parents=True)
    archive.write_bytes(b"PK")
    monkeypatch.setattr(paths, "SHARED", tmp_path / "shared")
    assert paths.real_export() == archive


def _mentions_of_the_shared_folder(path: Path) -> list[str]:
    """Where a test module names the shared material itself (`"shared"` beside `ROOT.parent`, a
    `../shared` or `/shared/` path, the real export's file name) instead of asking tests.support.paths."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(), str(path))):
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            text = node.value
            if "../shared" in text or "/shared/" in text or "real-template-exports" in text:
                found.append(f"{path.relative_to(ROOT)}:{node.lineno}: {text!r}")
        elif (
            isinstance(node, ast.Attribute)
            and node.attr == "parent"
            and isinstance(node.value, ast.Name)
            and node.value.id == "ROOT"
        ):
            found.append(f"{path.relative_to(ROOT)}:{node.lineno}: ROOT.parent")
    return found


def test_tests_reach_the_shared_material_only_through_support_paths() -> None:
    own = {Path(paths.__file__).resolve(), Path(__file__).resolve()}
    modules = [p for p in sorted((ROOT / "tests").rglob("*.py")) if p.resolve() not in own]
    assert len(modules) > 50
    assert [m for p in modules for m in _mentions_of_the_shared_folder(p)] == []
