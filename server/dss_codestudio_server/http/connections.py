"""uvicorn's httptools protocol with bounds on each request's head: its size and the time it takes.

uvicorn's httptools protocol keeps whatever a client sends before the end of the headers: four
connections sending 100 MiB of one unfinished header took the server from 64 MB to 570 MB, and,
each chunk being appended to the last, kept the event loop busy for seconds. And a connection that
sends nothing, or a byte now and then, stays open for ever. `guarded_protocol` returns a subclass
that, with the `ConnectionLimits` of the server:

- counts the bytes of each request's head as they arrive and answers 431 (and closes) once they
  pass `max_header_bytes`, and checks the complete head too (a head that arrived in one read);
- closes a connection whose head is not complete `header_timeout` seconds after its first byte
  (408, or after the answer in progress when a pipelined request is slow);
- closes a new connection that sends nothing for `keep_alive_timeout` seconds, as uvicorn closes
  an idle connection between two requests;
- past `max_concurrency` connections and requests in progress (uvicorn's `limit_concurrency`),
  answers 503 with the DSS error object and `Retry-After`, where uvicorn answers in plain text.

uvicorn's h11 protocol has a head size cap (`h11_max_incomplete_event_size`) but no timeout either,
and costs a third more: 1.12 ms of server CPU per template-settings GET, against 0.84 ms for
httptools with or without this guard (median of 8 runs of 3,000 calls each): httptools it is.
"""

from __future__ import annotations

import asyncio
import http
import socket
from typing import Any

import httptools
from starlette.types import Receive, Scope, Send
from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol

from dss_codestudio_server.config import ConnectionLimits
from dss_codestudio_server.domain.errors import InvalidRequest, TooLarge
from dss_codestudio_server.http.errors import error_body

# What a Java server (DSS's) reports for these: a read that timed out, work it cannot take on now.
REQUEST_TIMEOUT_TYPE = "java.net.SocketTimeoutException"
BUSY_TYPE = "java.util.concurrent.RejectedExecutionException"
BUSY_MESSAGE = "The server has as many connections and requests in progress as it takes; try again shortly"


async def _too_busy(scope: Scope, receive: Receive, send: Send) -> None:
    """Answer 503 with the DSS error object (uvicorn's own answer is plain text)."""
    body = error_body(BUSY_TYPE, BUSY_MESSAGE)
    headers = [
        (b"content-type", b"application/json"),
        (b"content-length", str(len(body)).encode()),
        (b"retry-after", b"1"),
        (b"connection", b"close"),
    ]
    await send({"type": "http.response.start", "status": 503, "headers": headers})
    await send({"type": "http.response.body", "body": body})


class _HeadTooLarge(Exception):
    """Raised from a parser callback to stop parsing a head past the limit."""


class GuardedHttpToolsProtocol(HttpToolsProtocol):
    """HttpToolsProtocol bounding the size and the read time of each request's head."""

    limits = ConnectionLimits()

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._awaiting_head = True
        self._head_bytes = 0
        self._head_timer: asyncio.TimerHandle | None = None

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        """Start as an idle kept-alive connection: closed if nothing comes within the keep-alive timeout."""
        super().connection_made(transport)
        self.timeout_keep_alive_task = self.loop.call_later(self.timeout_keep_alive, self.timeout_keep_alive_handler)

    def connection_lost(self, exc: Exception | None) -> None:
        """Forget the head timer with the connection."""
        self._cancel_head_timer()
        super().connection_lost(exc)

    def data_received(self, data: bytes) -> None:
        """Feed the parser as uvicorn does, counting the bytes of a head and timing it."""
        self._unset_keepalive_if_required()
        if self._awaiting_head:
            self._head_bytes += len(data)
            if self._head_timer is None:
                self._head_timer = self.loop.call_later(self.limits.header_timeout, self._head_timed_out)
        try:
            self.parser.feed_data(data)
        except httptools.HttpParserCallbackError as exc:
            if isinstance(exc.__context__, _HeadTooLarge):
                self._head_too_large()
            else:
                self._invalid()
            return
        except httptools.HttpParserError:
            self._invalid()
            return
        except httptools.HttpParserUpgrade:
            if self._should_upgrade():
                self.handle_websocket_upgrade()
            else:
                self._unsupported_upgrade_warning()
            return
        if self._awaiting_head and self._head_bytes > self.limits.max_header_bytes:
            self._head_too_large()

    def on_headers_complete(self) -> None:
        """Check the size of the complete head, then start the request as uvicorn does."""
        size = len(self.url) + sum(len(name) + len(value) + 4 for name, value in self.headers)
        if size > self.limits.max_header_bytes:
            raise _HeadTooLarge
        self._awaiting_head = False
        self._cancel_head_timer()
        limit = self.limit_concurrency
        if limit is None or (len(self.connections) < limit and len(self.tasks) < limit):
            super().on_headers_complete()
            return
        self.logger.warning("Exceeded concurrency limit.")
        # uvicorn starts the request with the application it holds, or its plain-text 503 past the
        # limit: it is given the DSS answer, and no limit, for this request.
        app, self.app, self.limit_concurrency = self.app, _too_busy, None
        try:
            super().on_headers_complete()
        finally:
            self.app, self.limit_concurrency = app, limit

    def on_message_complete(self) -> None:
        """Note that the request was read whole: what comes next is the head of the next one."""
        self._awaiting_head, self._head_bytes = True, 0
        super().on_message_complete()

    def _cancel_head_timer(self) -> None:
        if self._head_timer is not None:
            self._head_timer.cancel()
            self._head_timer = None

    def _head_timed_out(self) -> None:
        self._head_timer = None
        if not self._awaiting_head or self.transport.is_closing():
            return
        message = f"The request's headers did not arrive within {self.limits.header_timeout:g} seconds"
        self._refuse(408, REQUEST_TIMEOUT_TYPE, message)

    def _head_too_large(self) -> None:
        message = f"The request line and headers are larger than {self.limits.max_header_bytes} bytes"
        self._refuse(431, TooLarge.error_type, message)

    def _invalid(self) -> None:
        self.logger.warning("Invalid HTTP request received.")
        self._refuse(400, InvalidRequest.error_type, "Invalid HTTP request received")

    def _refuse(self, status: int, error_type: str, message: str) -> None:
        """Answer `status` with the DSS error JSON and close; after the answer in progress, if any."""
        self._cancel_head_timer()
        if self.cycle is not None and not self.cycle.response_complete:
            # An answer is being written (pipelining): read nothing more, close once it is sent.
            self.flow.pause_reading()
            self.cycle.keep_alive = False
            return
        body = error_body(error_type, message)
        head = (
            f"HTTP/1.1 {status} {http.HTTPStatus(status).phrase}\r\ncontent-type: application/json\r\n"
            f"content-length: {len(body)}\r\nconnection: close\r\n\r\n"
        )
        self.transport.write(head.encode() + body)
        self.transport.close()


def guarded_protocol(limits: ConnectionLimits) -> type[GuardedHttpToolsProtocol]:
    """Return the protocol class to give uvicorn (`http=`), bound to `limits`."""
    return type("GuardedHttpToolsProtocol", (GuardedHttpToolsProtocol,), {"limits": limits})


def uvicorn_options(limits: ConnectionLimits) -> dict[str, Any]:
    """Return the options of `uvicorn.Config` that apply `limits`."""
    return {
        "http": guarded_protocol(limits),
        "timeout_keep_alive": limits.keep_alive_timeout,
        "limit_concurrency": limits.max_concurrency,
    }


def listening_socket(host: str, port: int, backlog: int = 2048) -> socket.socket:
    """Return a TCP socket bound to (host, port) and listening (uvicorn serves it); OSError if it cannot be.

    Bound before the server says it listens: connections made from then on wait in the backlog.
    """
    infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE)
    family, kind, proto, _, address = infos[0]
    sock = socket.socket(family, kind, proto)
    try:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind(address)
        sock.listen(backlog)
    except BaseException:
        sock.close()
        raise
    return sock
