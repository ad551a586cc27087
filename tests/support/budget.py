"""How much randomised work a test does: a small, seeded amount in CI, more in the long runs.

`DSS_PROPERTY_SCALE` multiplies example counts (and triples state machine steps; `python3 dev.py props`
sets it); `DSS_PROPERTY_SEED` fixes the seed of the long runs, which are random otherwise. In CI (no
variable set) properties derandomize and state machines use a fixed seed, so every run tries the
same examples.
"""

from __future__ import annotations

import os
from typing import Any

from hypothesis import HealthCheck, settings

SCALE = max(1, int(os.environ.get("DSS_PROPERTY_SCALE", "1")))
LONG = SCALE > 1
CI_SEED = 20240611


def examples(count: int) -> int:
    """`count` examples in CI, `count * DSS_PROPERTY_SCALE` in the long runs."""
    return count * SCALE


def property_settings(count: int, **overrides: Any) -> settings:
    """Hypothesis settings of a property that talks to a server: no deadline, few health checks."""
    options: dict[str, Any] = {
        "max_examples": examples(count),
        "deadline": None,
        "derandomize": not LONG,
        "suppress_health_check": [
            HealthCheck.too_slow,
            HealthCheck.data_too_large,
            HealthCheck.function_scoped_fixture,
        ],
        **overrides,
    }
    return settings(**options)


def examples_steps(count: int) -> int:
    """Steps of a state machine example: `count` in CI, more (but not `SCALE` times more) in the long runs."""
    return count if not LONG else count * 3


def run_seed() -> int | None:
    """The seed of a state machine's run: fixed in CI, `DSS_PROPERTY_SEED` or random in the long runs."""
    if "DSS_PROPERTY_SEED" in os.environ:
        return int(os.environ["DSS_PROPERTY_SEED"])
    return None if LONG else CI_SEED
