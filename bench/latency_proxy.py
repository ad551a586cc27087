"""A TCP proxy on 127.0.0.1 that adds a fixed delay each way, to stand for the network between a
client and a remote DSS (loopback has none, which hides what concurrency buys a client).

    python bench/latency_proxy.py LISTEN_PORT TARGET_PORT RTT_MS

Each chunk is forwarded RTT/2 after it arrives, in order, in both directions.
"""

from __future__ import annotations

import asyncio
import sys


async def pipe(reader: asyncio.StreamReader, writer: asyncio.StreamWriter, delay: float) -> None:
    loop = asyncio.get_running_loop()
    try:
        while chunk := await reader.read(65536):
            loop.call_later(delay, writer.write, chunk)
        await asyncio.sleep(delay)
    finally:
        loop.call_later(delay, writer.close)


async def serve(listen: int, target: int, delay: float) -> None:
    async def handle(client_reader: asyncio.StreamReader, client_writer: asyncio.StreamWriter) -> None:
        upstream_reader, upstream_writer = await asyncio.open_connection("127.0.0.1", target)
        await asyncio.gather(
            pipe(client_reader, upstream_writer, delay),
            pipe(upstream_reader, client_writer, delay),
            return_exceptions=True,
        )

    server = await asyncio.start_server(handle, "127.0.0.1", listen)
    async with server:
        await server.serve_forever()


if __name__ == "__main__":
    asyncio.run(serve(int(sys.argv[1]), int(sys.argv[2]), float(sys.argv[3]) / 2000))
