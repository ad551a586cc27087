"""Gitignore-style exclusion patterns (`excludedFromSync`), without `!` negation.

The rules follow gitignore: a pattern without a slash (other than a trailing one) matches a name at
any depth (`*.pyc`, `__pycache__/`); a pattern with a leading or inner slash is anchored at the zone
root (`/build`, `docs/tmp`); a trailing slash matches folders only; `*` and `?` never match `/`;
`**/` matches any number of leading folders, `/**` everything inside, `/**/` zero or more folders.
A folder that is excluded excludes everything below it. Patterns compile to two regular expressions,
so matching a path is one regex call.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable


def _glob_to_regex(glob: str) -> str:
    """Translate one gitignore glob (no leading slash) into a regex matching a whole relative path."""
    out: list[str] = []
    i, n = 0, len(glob)
    while i < n:
        c = glob[i]
        if glob.startswith("**/", i) and (i == 0 or glob[i - 1] == "/"):
            out.append("(?:.*/)?")
            i += 3
        elif glob.startswith("**", i) and i + 2 == n and (i == 0 or glob[i - 1] == "/"):
            out.append(".*")
            i += 2
        elif c == "*":
            while i < n and glob[i] == "*":
                i += 1
            out.append("[^/]*")
        elif c == "?":
            out.append("[^/]")
            i += 1
        elif c == "[":
            j = i + 1
            if j < n and glob[j] in "!^":
                j += 1
            if j < n and glob[j] == "]":
                j += 1
            while j < n and glob[j] != "]":
                j += 1
            if j >= n:
                out.append(re.escape(c))
                i += 1
            else:
                body = glob[i + 1 : j]
                if body[:1] in ("!", "^"):
                    body = "^" + body[1:]
                out.append("(?!/)[" + body.replace("\\", "\\\\") + "]")
                i = j + 1
        elif c == "\\" and i + 1 < n:
            out.append(re.escape(glob[i + 1]))
            i += 2
        else:
            out.append(re.escape(c))
            i += 1
    return "".join(out)


class ExcludeRules:
    """A compiled set of `excludedFromSync` patterns."""

    def __init__(self, patterns: Iterable[str] = ()) -> None:
        self.patterns: tuple[str, ...] = tuple(patterns)
        any_kind: list[str] = []
        dirs_only: list[str] = []
        for raw in self.patterns:
            pattern = raw.strip()
            if not pattern or pattern.startswith("#"):
                continue
            if pattern.startswith("!"):
                raise ValueError(f"negated pattern {raw!r}: excludedFromSync does not support '!'")
            dir_only = pattern.endswith("/")
            pattern = pattern.rstrip("/")
            if not pattern:
                continue
            anchored = "/" in pattern
            body = _glob_to_regex(pattern.lstrip("/"))
            regex = body if anchored else "(?:.*/)?" + body
            (dirs_only if dir_only else any_kind).append(regex)
        self._file_re = re.compile("(?:" + "|".join(any_kind) + r")\Z", re.DOTALL) if any_kind else None
        self._dir_re = (
            re.compile("(?:" + "|".join(any_kind + dirs_only) + r")\Z", re.DOTALL) if any_kind or dirs_only else None
        )

    def __bool__(self) -> bool:
        return self._dir_re is not None

    def file_matcher(self) -> Callable[[str], re.Match[str] | None] | None:
        """Return the bound regex `match` for file paths (None without patterns), for tight loops."""
        return self._file_re.match if self._file_re is not None else None

    def excludes_file(self, relpath: str) -> bool:
        """Whether a file at `relpath` is excluded by its own name (its folders are not checked)."""
        return self._file_re is not None and self._file_re.match(relpath) is not None

    def excludes_dir(self, relpath: str) -> bool:
        """Whether a folder at `relpath` is excluded by its own name (its parents are not checked)."""
        return self._dir_re is not None and self._dir_re.match(relpath) is not None

    def excludes_path(self, relpath: str) -> bool:
        """Whether a file at `relpath` is excluded, by its name or by one of its folders."""
        if self._dir_re is None:
            return False
        parts = relpath.split("/")
        for depth in range(1, len(parts)):
            if self.excludes_dir("/".join(parts[:depth])):
                return True
        return self.excludes_file(relpath)
