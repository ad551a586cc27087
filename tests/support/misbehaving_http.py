"""A small HTTP/1.1 server on 127.0.0.1 that misbehaves on cue, for testing clients against real sockets.

Each request it receives takes the next behaviour from its script (the last one repeats):

    Answer(200, {"state": "RUNNING"})          # a JSON answer, optionally with headers
    Answer(503, {...}, {"Retry-After": "1"})
    Reset()                                    # read the request, then reset the connection (RST)
    ResetMidBody()                             # send the headers and part of the body, then reset
    Stall()                                    # read the request and answer nothing until the server stops
    Truncated(b'{"state": "RUN')               # a 200 whose JSON body is cut (Content-Length matches)

It records every request line it read (`requests`), so a test knows how many attempts a client made.
"""

from __future__ import annotations

import json
import socket
import struct
import threading
from dataclasses import dataclass, field
from types import TracebackType
from typing import Any


@dataclass(frozen=True)
class Answer:
    status: int
    body: Any = None
    headers: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Reset:
    pass


@dataclass(frozen=True)
class ResetMidBody:
    pass


@dataclass(frozen=True)
class Stall:
    pass


@dataclass(frozen=True)
class Truncated:
    body: bytes


Behaviour = Answer | Reset | ResetMidBody | Stall | Truncated
REASONS = {200: "OK", 204: "No Content", 502: "Bad Gateway", 503: "Service Unavailable", 504: "Gateway Timeout"}


class MisbehavingServer:
    """Serves a script of behaviours, one per request, on a free port of 127.0.0.1."""

    def __init__(self, *script: Behaviour) -> None:
        self.script = list(script) or [Answer(200, {})]
        self.requests: list[str] = []
        self._lock = threading.Lock()
        self._stopping = threading.Event()
        self._listener = socket.create_server(("127.0.0.1", 0))
        self._listener.settimeout(0.1)
        self.port = self._listener.getsockname()[1]
        self.url = f"http://127.0.0.1:{self.port}"
        self._threads: list[threading.Thread] = []
        self._accepter = threading.Thread(target=self._accept, daemon=True)

    def __enter__(self) -> MisbehavingServer:
        self._accepter.start()
        return self

    def __exit__(self, *_: type[BaseException] | BaseException | TracebackType | None) -> None:
        self._stopping.set()
        self._accepter.join(5)
        for thread in self._threads:
            thread.join(5)
        self._listener.close()

    def _next(self) -> Behaviour:
        with self._lock:
            return self.script.pop(0) if len(self.script) > 1 else self.script[0]

    def _accept(self) -> None:
        while not self._stopping.is_set():
            try:
                conn, _ = self._listener.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            thread = threading.Thread(target=self._serve, args=(conn,), daemon=True)
            self._threads.append(thread)
            thread.start()

    def _read_request(self, conn: socket.socket, buffer: bytearray) -> str | None:
        while b"\r\n\r\n" not in buffer:
            try:
                chunk = conn.recv(65536)
            except TimeoutError:
                if self._stopping.is_set():
                    return None
                continue
            if not chunk:
                return None
            buffer += chunk
        head, _, rest = bytes(buffer).partition(b"\r\n\r\n")
        lines = head.decode("latin-1").split("\r\n")
        length = next((int(v) for k, v in (ln.split(":", 1) for ln in lines[1:]) if k.lower() == "content-length"), 0)
        while len(rest) < length:
            chunk = conn.recv(65536)
            if not chunk:
                return None
            rest += chunk
        buffer[:] = rest[length:]
        return lines[0]

    def _serve(self, conn: socket.socket) -> None:
        conn.settimeout(0.1)
        buffer = bytearray()
        try:
            while not self._stopping.is_set():
                line = self._read_request(conn, buffer)
                if line is None:
                    return
                with self._lock:
                    self.requests.append(line)
                if not self._behave(conn, self._next()):
                    return
        except OSError:
            return
        finally:
            conn.close()

    def _behave(self, conn: socket.socket, behaviour: Behaviour) -> bool:
        """Act out one behaviour; False when the connection is done with."""
        if isinstance(behaviour, Answer):
            body = b"" if behaviour.body is None else json.dumps(behaviour.body).encode()
            conn.sendall(_head(behaviour.status, len(body), behaviour.headers) + body)
            return True
        if isinstance(behaviour, Truncated):
            conn.sendall(_head(200, len(behaviour.body), {}) + behaviour.body)
            return True
        if isinstance(behaviour, Stall):
            self._stopping.wait()
            return False
        if isinstance(behaviour, ResetMidBody):
            conn.sendall(_head(200, 1000, {}) + b'{"state": "RUNN')
        _reset(conn)
        return False


def _head(status: int, length: int, headers: dict[str, str]) -> bytes:
    lines = [f"HTTP/1.1 {status} {REASONS.get(status, 'Status')}", "Content-Type: application/json"]
    lines += [f"Content-Length: {length}", *(f"{k}: {v}" for k, v in headers.items()), "", ""]
    return "\r\n".join(lines).encode()


def _reset(conn: socket.socket) -> None:
    """Close with RST instead of FIN: the client sees 'connection reset by peer'."""
    conn.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    conn.close()
