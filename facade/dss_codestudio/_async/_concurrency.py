"""Bounded fan-out of async calls (async only: the sync client has no counterpart)."""

from __future__ import annotations

from collections.abc import Awaitable, Iterable
from typing import TypeVar

import anyio

T = TypeVar("T")


async def gather_bounded(calls: Iterable[Awaitable[T]], limit: int) -> list[T]:
    """Await `calls` concurrently, at most `limit` at a time; results in order, first failure raised."""
    if limit < 1:
        raise ValueError(f"limit must be at least 1, not {limit!r}")
    pending = list(calls)
    results: list[T | None] = [None] * len(pending)
    semaphore = anyio.Semaphore(limit)

    async def run(index: int, call: Awaitable[T]) -> None:
        async with semaphore:
            results[index] = await call

    try:
        async with anyio.create_task_group() as group:
            for index, call in enumerate(pending):
                group.start_soon(run, index, call)
    except BaseExceptionGroup as group_error:
        # Raise the first failure itself, as asyncio.gather does, not an exception group.
        first = group_error.exceptions[0]
        while isinstance(first, BaseExceptionGroup):
            first = first.exceptions[0]
        raise first from None
    finally:
        for call in pending:
            close = getattr(call, "close", None)
            if close is not None and getattr(call, "cr_frame", True) is not None:
                close()  # coroutines never started (cancelled early) would warn "never awaited"
    return results  # type: ignore[return-value]
