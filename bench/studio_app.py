"""The entry point of benchmark 6: the least a studio's web app can do, so that the proxy's cost shows.

    python studio_app.py        (127.0.0.1:$PORT, uvicorn)

It writes where it listens and the start's secret to `bench-endpoint.json` in its working folder (the
studio's workspace), so the benchmark can also reach it directly, as the proxy does. It answers `hello`
(5 bytes) to any GET carrying the secret, `.../download?size=N` with N bytes, and echoes WebSockets.
"""

from __future__ import annotations

import hmac
import json
import os
from typing import Any

import uvicorn

SECRET = os.environ["DSS_CODESTUDIO_PROXY_SECRET"].encode()
BLOCK = b"x" * (1 << 20)


async def app(scope: dict[str, Any], receive: Any, send: Any) -> None:
    given = dict(scope["headers"]).get(b"x-dss-codestudio-secret", b"")
    if scope["type"] == "websocket":
        await receive()
        if not hmac.compare_digest(given, SECRET):
            await send({"type": "websocket.close", "code": 4003})
            return
        await send({"type": "websocket.accept"})
        while (message := await receive())["type"] == "websocket.receive":
            await send({"type": "websocket.send", "text": message.get("text"), "bytes": message.get("bytes")})
        return
    if scope["type"] != "http":
        return
    if not hmac.compare_digest(given, SECRET):
        await send({"type": "http.response.start", "status": 403, "headers": []})
        await send({"type": "http.response.body", "body": b""})
        return
    if scope["path"].endswith("/download"):
        size = int(scope["query_string"].decode().split("=")[1])
        await send({"type": "http.response.start", "status": 200, "headers": [(b"content-length", str(size).encode())]})
        while size > 0:
            part = BLOCK[: min(size, len(BLOCK))]
            size -= len(part)
            await send({"type": "http.response.body", "body": part, "more_body": size > 0})
        return
    await send({"type": "http.response.start", "status": 200, "headers": [(b"content-length", b"5")]})
    await send({"type": "http.response.body", "body": b"hello"})


if __name__ == "__main__":
    port = int(os.environ["PORT"])
    with open("bench-endpoint.json.tmp", "w") as f:
        json.dump({"port": port, "secret": SECRET.decode()}, f)
    os.replace("bench-endpoint.json.tmp", "bench-endpoint.json")
    uvicorn.run(
        app, host="127.0.0.1", port=port, log_level="warning", ws="websockets", lifespan="off", access_log=False
    )
