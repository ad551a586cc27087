"""Time and identifiers as DSS shows them: epoch milliseconds, random base62 ids."""

from __future__ import annotations

import secrets
import string
import time

BASE62 = string.digits + string.ascii_letters


def now_ms() -> int:
    """Return the current time in epoch milliseconds."""
    return time.time_ns() // 1_000_000


def random_id(length: int = 8) -> str:
    """Return a random base62 id (DSS uses 7 or 8 characters for studios and futures)."""
    return "".join(secrets.choice(BASE62) for _ in range(length))
