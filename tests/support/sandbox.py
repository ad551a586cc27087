"""Tests that need bubblewrap: they skip where it cannot run, with the reason, and fail in CI (CI=true)."""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path

import pytest
from dss_codestudio_server.runtime import Sandbox, find_sandbox


def sandbox_or_skip(*, hidden: Sequence[Path] = (), read_only: Sequence[Path] = ()) -> Sandbox:
    """The sandbox of this machine; skip the test (fail it in CI, where bubblewrap is installed) without one."""
    check = find_sandbox(hidden=hidden, read_only=read_only)
    if check.sandbox is None:
        message = f"studios cannot be sandboxed here: {check.problem}"
        if os.environ.get("CI") == "true":
            pytest.fail(f"{message} (.ci/run installs bubblewrap)")
        pytest.skip(message)
    return check.sandbox


def machine_sandbox() -> Sandbox | None:
    """The sandbox studios run in on this machine (as a server finds it), or None."""
    return find_sandbox().sandbox
