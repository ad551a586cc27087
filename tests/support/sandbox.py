"""Tests that need bubblewrap: they skip where it cannot run, with the reason, and fail in CI (CI=true)."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from dss_codestudio_server.runtime import Sandbox, find_sandbox

from tests.support.ci import unavailable


def sandbox_or_skip(*, hidden: Sequence[Path] = (), read_only: Sequence[Path] = ()) -> Sandbox:
    """The sandbox of this machine; skip the test (fail it in CI, where bubblewrap is installed) without one."""
    check = find_sandbox(hidden=hidden, read_only=read_only)
    if check.sandbox is None:
        unavailable(f"studios cannot be sandboxed here: {check.problem}", in_ci_because=".ci/run installs bubblewrap")
    return check.sandbox


def machine_sandbox() -> Sandbox | None:
    """The sandbox studios run in on this machine (as a server finds it), or None."""
    return find_sandbox().sandbox


def report_and_listen(name: str) -> str:
    """The end of a probe entry point's script: its `report`, as JSON in `name`, then listen on $PORT (ready)."""
    return f"""
json.dump(report, open("{name}.tmp", "w"))
os.replace("{name}.tmp", "{name}")
s = socket.socket()
s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
s.bind(("127.0.0.1", int(os.environ["PORT"])))
s.listen()
import time
time.sleep(600)
"""
