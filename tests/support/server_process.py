"""A reference server in a subprocess (`dss-codestudio-server serve`), to be stopped or killed by tests."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx

from tests.support.waiting import wait_until


@contextmanager
def server_process(
    data_dir: Path, port: int, log: Path, *, build_step_delay: float = 0.6, extra: tuple[str, ...] = ()
) -> Iterator[subprocess.Popen[bytes]]:
    """`dss-codestudio-server serve` in a subprocess, stopped (or killed) when the block ends."""
    cmd = [
        sys.executable,
        "-m",
        "dss_codestudio_server",
        "serve",
        "--port",
        str(port),
        "--data-dir",
        str(data_dir),
        "--build-step-delay",
        str(build_step_delay),  # 0.6 s by default: long enough to kill a build mid-way on a slow machine
        "--validate-responses",
        *extra,
    ]
    with log.open("ab") as out:
        proc = subprocess.Popen(cmd, stdout=out, stderr=subprocess.STDOUT)
    try:
        wait_until(lambda: _answers(port) or proc.poll() is not None, timeout=60)
        assert proc.poll() is None, log.read_text()
        yield proc
    finally:
        if proc.poll() is None:
            proc.terminate()
            try:
                proc.wait(20)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait(20)


def _answers(port: int) -> bool:
    try:
        return httpx.get(f"http://127.0.0.1:{port}/dip/publicapi/futures/", timeout=1).status_code == 401
    except httpx.HTTPError:
        return False


def admin_key(log: Path) -> str:
    """The administrator key the first start of a server printed in its log."""
    return next(line.split(": ", 1)[1] for line in log.read_text().splitlines() if line.startswith("admin API key: "))
