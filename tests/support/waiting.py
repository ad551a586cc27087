"""Polling with a deadline: how every test waits for a state (never a sleep of a guessed length)."""

from __future__ import annotations

import inspect
import time
from collections.abc import Awaitable, Callable
from typing import TypeVar

import anyio

T = TypeVar("T")
DEADLINE = 20.0
INTERVAL = 0.02


def wait_until(
    condition: Callable[[], T], *, timeout: float = DEADLINE, interval: float = INTERVAL, what: str = "condition"
) -> T:
    """Poll `condition` until it returns something truthy, and return that; fail after `timeout` seconds."""
    deadline = time.monotonic() + timeout
    while True:
        value = condition()
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"{what} not met within {timeout} s (last: {value!r})")
        time.sleep(interval)


async def eventually(
    produce: Callable[[], Awaitable[T] | T],
    until: Callable[[T], object],
    *,
    timeout: float = DEADLINE,
    interval: float = INTERVAL,
) -> T:
    """Await `produce()` (or take its value) until `until(value)` holds; return that value (fail after `timeout` s)."""
    deadline = time.monotonic() + timeout
    while True:
        made = produce()
        value: T = await made if inspect.isawaitable(made) else made  # type: ignore[assignment]
        if until(value):
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"still {value!r} after {timeout} s")
        await anyio.sleep(interval)
