"""How much randomised work a test does: a small, seeded amount in CI, more in the long runs.

`DSS_PROPERTY_SCALE` multiplies example counts and state machine steps (`python3 dev.py props` sets
it); `DSS_PROPERTY_SEED` fixes hypothesis's seed in the long runs, which are random otherwise. In CI
(no variable set) tests derandomize, so every run tries the same examples.
"""

from __future__ import annotations

import os
from typing import Any

from hypothesis import HealthCheck, settings

SCALE = max(1, int(os.environ.get("DSS_PROPERTY_SCALE", "1")))
LONG = SCALE > 1


def examples(count: int) -> int:
    """`count` examples in CI, `count * DSS_PROPERTY_SCALE` in the long runs."""
    return count * SCALE


def property_settings(count: int, **overrides: Any) -> settings:
    """Hypothesis settings of a property that talks to a server: no deadline, few health checks."""
    return settings(
        max_examples=examples(count),
        deadline=None,
        derandomize=not LONG,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.function_scoped_fixture],
        **overrides,
    )
