"""Ports of 127.0.0.1 for tests: a free one to start a server on, or one reserved while a server is down.

`free_port()` followed, later, by a bind races every program of the machine: an outgoing connection
anywhere may be given that port as its own in between (they come from the same ephemeral range).
Fine for a server that starts at once; a test that restarts a server on the same port reserves it:
a reserved port is bound (not listening) with SO_REUSEADDR for as long as the test needs it, so
connections to it are refused while no server listens, a server binding it with SO_REUSEADDR (the
reference server does, in process and in `serve`) takes it at once, and nothing else can.
"""

from __future__ import annotations

import socket
from collections.abc import Iterator
from contextlib import contextmanager


def listening(port: int, host: str = "127.0.0.1") -> bool:
    """Whether something accepts connections on `port` of `host` now."""
    try:
        with socket.create_connection((host, port), timeout=1):
            return True
    except OSError:
        return False


def free_port(host: str = "127.0.0.1") -> int:
    """A port of `host` nothing listens on now (just released by the system)."""
    with socket.socket() as sock:
        sock.bind((host, 0))
        return int(sock.getsockname()[1])


@contextmanager
def reserved_port(host: str = "127.0.0.1") -> Iterator[int]:
    """A port of `host` no other program can take until the block ends."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind((host, 0))
        yield int(sock.getsockname()[1])
