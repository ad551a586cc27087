"""The relay inside a studio's network namespace: the server's unix sockets to the studio's ports.

    python -m dss_codestudio_server.runtime.relay --control FD --port FD:PORT [--port FD:PORT ...]

A studio with a network of its own (`network.StudioNetwork`) has only a loopback interface: its
ports are unreachable from the machine, other studios and the server included. The server makes a
listening unix socket per exposed port, in a folder only it can open, and hands them to this relay,
which runs in the studio's network namespace: each connection accepted on the socket of `PORT` is
joined to `127.0.0.1:PORT` there, bytes both ways (HTTP and WebSocket alike), half-closes passed on.

The control socket answers readiness questions: the server writes a port number and a newline, the
relay answers `1` when something accepts connections on that port in the studio, else `0`.

Standard library only: it runs with the server's interpreter, as the studio's user, in its sandbox.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import signal
import socket
import sys

CHUNK = 64 * 1024
CONNECT_TIMEOUT = 5.0
LOCAL = "127.0.0.1"


async def _pipe(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
    """Copy until end of stream, then pass the half-close on (or close when it cannot be passed on)."""
    try:
        while data := await reader.read(CHUNK):
            writer.write(data)
            await writer.drain()
        if writer.can_write_eof():
            writer.write_eof()
        else:
            writer.close()
    except (ConnectionError, OSError):
        writer.close()


async def _join(port: int, client_reader: asyncio.StreamReader, client_writer: asyncio.StreamWriter) -> None:
    try:
        upstream_reader, upstream_writer = await asyncio.wait_for(asyncio.open_connection(LOCAL, port), CONNECT_TIMEOUT)
    except (OSError, TimeoutError):
        client_writer.close()  # nothing listens: the server sees the connection end at once
        return
    try:
        await asyncio.gather(_pipe(client_reader, upstream_writer), _pipe(upstream_reader, client_writer))
    finally:
        for writer in (client_writer, upstream_writer):
            writer.close()
            with contextlib.suppress(ConnectionError, OSError):
                await writer.wait_closed()


async def listening(port: int) -> bool:
    """Whether something accepts connections on `port` in this network namespace."""
    try:
        _, writer = await asyncio.wait_for(asyncio.open_connection(LOCAL, port), CONNECT_TIMEOUT)
    except (OSError, TimeoutError):
        return False
    writer.close()
    with contextlib.suppress(ConnectionError, OSError):
        await writer.wait_closed()
    return True


async def _control(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
    try:
        line = await asyncio.wait_for(reader.readline(), CONNECT_TIMEOUT)
        text = line.decode("ascii", "replace").strip()
        ok = text.isdigit() and 0 < int(text) < 65536 and await listening(int(text))
        writer.write(b"1\n" if ok else b"0\n")
        await writer.drain()
    except (OSError, TimeoutError):
        pass
    finally:
        writer.close()


def _mapping(value: str) -> tuple[int, int]:
    fd, sep, port = value.partition(":")
    if not sep or not fd.isdigit() or not port.isdigit() or not 0 < int(port) < 65536:
        raise argparse.ArgumentTypeError(f"expected FD:PORT, got {value!r}")
    return int(fd), int(port)


async def serve(control_fd: int, ports: list[tuple[int, int]]) -> None:
    """Serve the control socket and every port's socket until cancelled."""
    servers = [await asyncio.start_unix_server(_control, sock=socket.socket(fileno=control_fd))]
    for fd, port in ports:

        async def handle(r: asyncio.StreamReader, w: asyncio.StreamWriter, port: int = port) -> None:
            # A connection still open when the studio stops is cancelled with the loop: it ends there,
            # quietly (Python 3.11's stream callback would log a cancelled handler as an error).
            with contextlib.suppress(asyncio.CancelledError):
                await _join(port, r, w)

        servers.append(await asyncio.start_unix_server(handle, sock=socket.socket(fileno=fd), limit=CHUNK))
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, stop.set)
    print(f"relaying {', '.join(str(p) for _, p in ports) or 'no port'}", flush=True)
    await stop.wait()
    for server in servers:
        server.close()


def main(argv: list[str] | None = None) -> None:
    """Run the relay until SIGTERM."""
    parser = argparse.ArgumentParser(description="Relay the server's unix sockets to this namespace's ports.")
    parser.add_argument("--control", type=int, required=True, help="listening unix socket of readiness questions")
    parser.add_argument("--port", type=_mapping, action="append", default=[], help="FD:PORT, repeatable")
    args = parser.parse_args(argv)
    asyncio.run(serve(args.control, args.port))
    sys.exit(0)


if __name__ == "__main__":
    main()
