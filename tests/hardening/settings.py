"""How long the hardening tests run: short and seeded in CI, long and random on demand.

`DSS_HARDENING_LONG=1` (set by `python3 dev.py hardening --long`) runs the long versions: more
hypothesis examples with fresh randomness, longer load and more random sequences.
"""

from __future__ import annotations

import os
from typing import Any

from hypothesis import Phase

LONG = os.environ.get("DSS_HARDENING_LONG", "") not in ("", "0")


def examples(*, ci: int, long: int) -> dict[str, Any]:
    """Hypothesis settings: `ci` examples derandomized (the same every run), or `long` random ones."""
    if LONG:
        return {"max_examples": long, "deadline": None, "derandomize": False, "phases": [Phase.generate]}
    return {"max_examples": ci, "deadline": None, "derandomize": True, "database": None}


def duration(*, ci: float, long: float) -> float:
    """Seconds a timed test (a load) runs: `ci` in CI, `long` in the long version."""
    return long if LONG else ci
