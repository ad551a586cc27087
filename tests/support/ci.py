"""What a test does when the machine lacks something it needs: skip with the reason, or fail in CI.

CI (CI=true) installs and provides everything the suite needs, so there a missing requirement is a
broken setup: the test fails instead of being skipped silently.
"""

from __future__ import annotations

import os
from typing import NoReturn

import pytest


def in_ci() -> bool:
    """Whether the suite runs in CI (CI=true), where nothing it needs may be missing."""
    return os.environ.get("CI") == "true"


def unavailable(reason: str, *, in_ci_because: str = "CI=true requires it") -> NoReturn:
    """Skip the test for `reason`; fail it instead in CI."""
    if in_ci():
        pytest.fail(f"{reason} ({in_ci_because})", pytrace=False)
    pytest.skip(reason)
