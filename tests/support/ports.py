"""A port kept for a test while its server is down, so that no other program takes it meanwhile.

`free_port()` followed, later, by a bind races every program of the machine: an outgoing connection
anywhere may be given that port as its own in between (they come from the same ephemeral range).
A reserved port is bound (not listening) with SO_REUSEADDR for as long as the test needs it:
connections to it are refused while no server listens, a server binding it with SO_REUSEADDR (the
reference server does, in process and in `serve`) takes it at once, and nothing else can.
"""

from __future__ import annotations

import socket
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def reserved_port(host: str = "127.0.0.1") -> Iterator[int]:
    """A port of `host` no other program can take until the block ends."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind((host, 0))
        yield int(sock.getsockname()[1])
