"""Template ids derived from labels: readable, unique, valid as a path segment."""

from __future__ import annotations

import re
from collections.abc import Callable

MAX_ID_LENGTH = 120
_INVALID_RUNS = re.compile(r"[^a-z0-9._-]+")


def slug(label: str) -> str:
    """Lower case; runs of characters other than letters, digits, `.`, `_` and `-` become `-`."""
    text = _INVALID_RUNS.sub("-", label.strip().lower())
    text = text.strip("-._")[:MAX_ID_LENGTH].strip("-._")
    return text or "template"


def unique_id(label: str, exists: Callable[[str], bool]) -> str:
    """`slug(label)`, with `-2`, `-3`, ... appended until `exists` says it is free."""
    base = slug(label)
    candidate, n = base, 1
    while exists(candidate):
        n += 1
        candidate = f"{base}-{n}"
    return candidate
