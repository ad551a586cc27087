"""excludedFromSync: gitignore-style patterns without negation."""

from __future__ import annotations

import pytest
from dss_codestudio_server.zonesync import ExcludeRules

CASES = [
    # pattern, path, is_dir, excluded
    ("node_modules/", "node_modules", True, True),
    ("node_modules/", "web/node_modules", True, True),
    ("node_modules/", "node_modules", False, False),  # a file named like the folder is kept
    ("*.pyc", "a.pyc", False, True),
    ("*.pyc", "pkg/sub/a.pyc", False, True),
    ("*.pyc", "a.pyc.txt", False, False),
    ("/build", "build", True, True),
    ("/build", "build", False, True),
    ("/build", "src/build", True, False),
    ("**/tmp", "tmp", True, True),
    ("**/tmp", "a/b/tmp", False, True),
    ("__pycache__/", "pkg/__pycache__", True, True),
    ("docs/*.md", "docs/a.md", False, True),
    ("docs/*.md", "docs/sub/a.md", False, False),
    ("docs/*.md", "x/docs/a.md", False, False),
    ("a/**/b", "a/b", False, True),
    ("a/**/b", "a/x/y/b", False, True),
    ("logs/**", "logs/x/y.txt", False, True),
    ("logs/**", "logs", True, False),
    ("file?.txt", "file1.txt", False, True),
    ("file?.txt", "file/.txt", False, False),
    ("[abc].py", "b.py", False, True),
    ("[!abc].py", "b.py", False, False),
    ("[!abc].py", "d.py", False, True),
    ("*", "anything/at/all", False, True),
    ("# comment", "# comment", False, False),
    ("trailing   ", "trailing", False, True),
    ("\\#hash", "#hash", False, True),
]


@pytest.mark.parametrize(("pattern", "path", "is_dir", "excluded"), CASES)
def test_pattern(pattern: str, path: str, is_dir: bool, excluded: bool) -> None:
    rules = ExcludeRules([pattern])
    got = rules.excludes_dir(path) if is_dir else rules.excludes_file(path)
    assert got is excluded


def test_folder_exclusion_covers_everything_below() -> None:
    rules = ExcludeRules(["node_modules/", "/build"])
    assert rules.excludes_path("web/node_modules/react/index.js")
    assert rules.excludes_path("build/out/a.o")
    assert not rules.excludes_path("src/build/a.o")
    assert not rules.excludes_path("web/app.js")


def test_negation_is_refused() -> None:
    with pytest.raises(ValueError, match="negat"):
        ExcludeRules(["*.log", "!keep.log"])


def test_no_patterns_excludes_nothing() -> None:
    rules = ExcludeRules([])
    assert not rules
    assert not rules.excludes_path("a/b/c")
