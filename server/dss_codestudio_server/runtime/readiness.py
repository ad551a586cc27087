"""Readiness checks: poll a TCP connect or an HTTP GET until it passes, the process exits, or a deadline.

Polling is short (every 50 ms) and bounded by the caller's deadline; a process that exits while
being polled fails the check at once instead of waiting for the deadline.
"""

from __future__ import annotations

import http.client
import socket
import time
import urllib.parse
from collections.abc import Callable, Sequence
from pathlib import Path

POLL_INTERVAL = 0.05


class NotReadyError(Exception):
    """The readiness check did not pass."""


def tcp_ready(port: int, timeout: float) -> bool:
    """Whether 127.0.0.1:`port` accepts a connection."""
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=timeout):
            return True
    except OSError:
        return False


class _UnixConnection(http.client.HTTPConnection):
    """An HTTP connection over a unix socket (the `Host` header still names the URL's host)."""

    def __init__(self, path: Path, host: str, port: int | None, timeout: float) -> None:
        super().__init__(host, port, timeout=timeout)
        self._path = path

    def connect(self) -> None:
        sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        sock.settimeout(self.timeout)
        try:
            sock.connect(str(self._path))
        except OSError:
            sock.close()
            raise
        self.sock = sock


def http_ready(
    url: str, timeout: float, headers: Sequence[tuple[str, str]] = (), *, unix_socket: Path | None = None
) -> bool:
    """Whether a GET of `url` (with `headers`) answers with a 2xx or 3xx status (as a Kubernetes HTTP probe).

    With `unix_socket`, the request goes through that socket (a studio's own network: `network`).
    """
    parts = urllib.parse.urlsplit(url)
    conn: http.client.HTTPConnection
    if unix_socket is not None:
        conn = _UnixConnection(unix_socket, parts.hostname or "127.0.0.1", parts.port, timeout)
    elif parts.scheme == "https":
        conn = http.client.HTTPSConnection(parts.hostname or "127.0.0.1", parts.port, timeout=timeout)
    else:
        conn = http.client.HTTPConnection(parts.hostname or "127.0.0.1", parts.port, timeout=timeout)
    try:
        conn.request("GET", (parts.path or "/") + (f"?{parts.query}" if parts.query else ""), headers=dict(headers))
        status = conn.getresponse().status
        return 200 <= status < 400
    except (OSError, http.client.HTTPException):
        return False
    finally:
        conn.close()


def wait_until_ready(
    check: Callable[[float], bool],
    *,
    deadline: float,
    exited: Callable[[], int | None],
    cancelled: Callable[[], bool],
    what: str,
) -> None:
    """Poll `check` until it passes; raise `NotReadyError` if the process exits or the deadline passes.

    `deadline` is a `time.monotonic()` value; `exited` returns the process's exit code once it has exited.
    """
    while True:
        code = exited()
        if code is not None:
            raise NotReadyError(f"{what} exited with status {code} before it was ready")
        if cancelled():
            raise NotReadyError(f"start of {what} cancelled")
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            raise NotReadyError(f"{what} was not ready in time")
        if check(min(1.0, max(remaining, 0.05))):
            return
        time.sleep(min(POLL_INTERVAL, max(deadline - time.monotonic(), 0)))
