"""What `serve` does around uvicorn: a clean shutdown on SIGTERM and SIGINT, and the sandbox and network notices.

uvicorn captures SIGTERM and SIGINT while it serves, shuts down, then raises the captured signal
again with the handlers that were there before it. With Python's defaults that kills the process on
SIGTERM before `serve` can stop its studios (their processes would keep serving, and their last
pull would never happen). `graceful_signals` puts handlers there that only record the signal: the
re-raised signal is recorded, `serve` stops every studio (pulling their files), and exits 0, as
for a SIGINT. A signal received during that shutdown is recorded too, not obeyed: the shutdown
finishes (each stop is bounded).
"""

from __future__ import annotations

import enum
import signal
from collections.abc import Iterator
from contextlib import contextmanager
from types import FrameType

STOP_SIGNALS = (signal.SIGTERM, signal.SIGINT)


@contextmanager
def graceful_signals() -> Iterator[list[int]]:
    """Record SIGTERM and SIGINT (in the list yielded) instead of dying or raising KeyboardInterrupt."""
    received: list[int] = []

    def record(signum: int, frame: FrameType | None) -> None:
        received.append(signum)

    previous = {sig: signal.signal(sig, record) for sig in STOP_SIGNALS}
    try:
        yield received
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)


class StudioNetwork(enum.StrEnum):
    """`serve --studio-network`: a network of its own for each studio, or this machine's."""

    isolated = "isolated"
    shared = "shared"


def shared_network_warning(problem: str | None) -> str:
    """Say that studios share this machine's network, and what that means."""
    why = f"they cannot have one of their own here ({problem})" if problem else "--studio-network shared"
    return (
        f"warning: studios share this machine's network ({why}). Every local process reaches their ports:"
        " JupyterLab and VS Code check the secret the proxy adds, but Streamlit and entry points that do not"
        " check it answer anyone who finds the port."
    )


def unconfined_warning(problem: str) -> str:
    """Say that studios will not be sandboxed, and what that means."""
    return (
        f"warning: studios are NOT isolated on this machine ({problem}). Their processes run as this server's"
        " user, unconfined: code run in a studio can read this server's data directory (its instance secret and"
        " database) and every file of that user. Install bubblewrap, or start with --require-sandbox to refuse"
        " to run without it."
    )
