"""How often to ask whether long work is done: a schedule that notices completion quickly.

dataikuapi polls a future every 200 ms growing by 10 % (a 15 s cap). This schedule starts shorter and
grows more slowly (130 ms, +3 % per poll, a 10 s cap): for work that ends between 0.5 s and 10 s,
the median delay between the end and its notice is about 0.42 times dataikuapi's, for about 1.9
times its polls (bench/ measures it). Polls read the whole state, as dataikuapi's do, so the poll
that sees the end carries the result.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable
from dataclasses import dataclass

INITIAL_POLL_INTERVAL = 0.13
POLL_GROWTH = 1.03
MAX_POLL_INTERVAL = 10.0
# Default limit of waits: long enough for slow image builds, finite so that nothing waits forever.
DEFAULT_WAIT_TIMEOUT = 3600.0
# The least time a call made by a wait is given, even at the wait's deadline: a wait with a zero
# timeout still asks once, and a wait overruns its deadline by at most this much.
MIN_WAIT_CALL_TIMEOUT = 1.0


@dataclass
class PollSchedule:
    """The successive intervals between polls."""

    initial: float = INITIAL_POLL_INTERVAL
    growth: float = POLL_GROWTH
    cap: float = MAX_POLL_INTERVAL
    _next: float | None = None

    def next_interval(self) -> float:
        """Return the interval to sleep before the next poll."""
        current = self.initial if self._next is None else self._next
        self._next = min(current * self.growth, self.cap)
        return current


class Deadline:
    """A point in time after which a wait gives up; `None` timeout means never."""

    def __init__(self, timeout: float | None, clock: Callable[[], float] = time.monotonic) -> None:
        if timeout is not None and (math.isnan(timeout) or timeout < 0):
            raise ValueError(f"timeout must be a non-negative number of seconds or None, not {timeout!r}")
        self._clock = clock
        self.timeout = timeout
        self._end = None if timeout is None else clock() + timeout

    def remaining(self) -> float | None:
        """Seconds left (never negative), or None without a deadline."""
        return None if self._end is None else max(self._end - self._clock(), 0.0)

    def expired(self) -> bool:
        """Whether the deadline has passed."""
        return self._end is not None and self._clock() >= self._end

    def call_time_limit(self) -> float | None:
        """Return how long a call made now may take: what is left, at least MIN_WAIT_CALL_TIMEOUT (None: no limit)."""
        left = self.remaining()
        return None if left is None else max(left, MIN_WAIT_CALL_TIMEOUT)

    def allows(self, delay: float) -> bool:
        """Return whether waiting `delay` seconds (before a retry) still ends before the deadline."""
        left = self.remaining()
        return left is None or delay < left

    def clip(self, interval: float) -> float:
        """`interval`, shortened so that it does not run past the deadline."""
        left = self.remaining()
        return interval if left is None else min(interval, left)
