"""Waiting on the server's futures over plain HTTP, as the tests that drive the API directly do."""

from __future__ import annotations

import time
from typing import Any

import httpx


def finish(api: httpx.Client, state: dict[str, Any], timeout: float = 120, interval: float = 0.05) -> dict[str, Any]:
    """Wait (polling, with a deadline) for the future `state` names to end; return its last state.

    A `state` without a `jobId` is an answer that ended at once: it is returned as it is.
    """
    if "jobId" not in state:
        return state
    deadline = time.monotonic() + timeout
    while True:
        answer = api.get(f"/futures/{state['jobId']}")
        assert answer.status_code == 200, answer.text
        if answer.json()["hasResult"]:
            return dict(answer.json())
        assert time.monotonic() < deadline, f"future {state['jobId']} did not end in {timeout} s"
        time.sleep(interval)
