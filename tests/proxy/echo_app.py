"""An entry point for the proxy's tests: it tells what it received, streams bytes both ways, and echoes WebSockets.

    python echo_app.py            (listens on 127.0.0.1:$PORT, with uvicorn)

Like a well-behaved entry point, it answers only requests carrying the secret of the studio's start
(`X-DSS-CodeStudio-Secret`, from `$DSS_CODESTUDIO_PROXY_SECRET`); others get 403.

- `.../download?size=N`: N bytes (in 1 MiB chunks, never held whole);
- `PUT|POST .../upload`: reads the body as it comes, answers its size and SHA-256;
- `.../set-cookie`: sets the cookies `app=1` and `dss_codestudio_session=forged`;
- `.../redirect?to=URL`: a 302 to URL;
- anything else: `{"method", "path", "query", "headers", "bodySize"}` of the request as it arrived;
- a WebSocket anywhere: accepted (with the first subprotocol asked for), each message sent back as it
  came (text as text, bytes as bytes); the text `close <code>` closes it with that code.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import os
import urllib.parse
from typing import Any

import uvicorn

SECRET = os.environ.get("DSS_CODESTUDIO_PROXY_SECRET", "").encode()
CHUNK = 1 << 20


async def app(scope: dict[str, Any], receive: Any, send: Any) -> None:
    headers = [(k.decode("latin-1"), v.decode("latin-1")) for k, v in scope["headers"]]
    given = dict((k.lower(), v) for k, v in headers).get("x-dss-codestudio-secret", "").encode()
    allowed = bool(SECRET) and hmac.compare_digest(given, SECRET)
    if scope["type"] == "websocket":
        await receive()  # websocket.connect
        if not allowed:
            await send({"type": "websocket.close", "code": 4003})
            return
        protocols = scope.get("subprotocols") or []
        await send({"type": "websocket.accept", "subprotocol": protocols[0] if protocols else None})
        await send(
            {
                "type": "websocket.send",
                "text": json.dumps({"path": scope.get("raw_path", b"").decode(), "headers": headers}),
            }
        )
        while True:
            message = await receive()
            if message["type"] == "websocket.disconnect":
                return
            text = message.get("text")
            if text is not None and text.startswith("close "):
                await send({"type": "websocket.close", "code": int(text.split()[1])})
                return
            await send(
                {"type": "websocket.send", **({"text": text} if text is not None else {"bytes": message["bytes"]})}
            )
    if scope["type"] != "http":
        return
    if not allowed:
        await _json(send, 403, {"error": "no secret"})
        return
    path = scope["path"]
    query = scope["query_string"].decode()
    if path.endswith("/download"):
        size = int(query.split("size=")[1].split("&")[0])
        await send({"type": "http.response.start", "status": 200, "headers": [(b"content-length", str(size).encode())]})
        block = b"x" * CHUNK
        sent = 0
        while sent < size:
            part = block[: min(CHUNK, size - sent)]
            await send({"type": "http.response.body", "body": part, "more_body": True})
            sent += len(part)
        await send({"type": "http.response.body", "body": b"", "more_body": False})
        return
    digest = hashlib.sha256()
    size = 0
    while True:
        message = await receive()
        body = message.get("body", b"")
        size += len(body)
        digest.update(body)
        if not message.get("more_body", False):
            break
    if path.endswith("/upload"):
        await _json(send, 200, {"received": size, "sha256": digest.hexdigest()})
        return
    if path.endswith("/redirect"):
        location = urllib.parse.parse_qs(query)["to"][0].encode("latin-1")
        await send({"type": "http.response.start", "status": 302, "headers": [(b"location", location)]})
        await send({"type": "http.response.body", "body": b"", "more_body": False})
        return
    extra: list[tuple[bytes, bytes]] = []
    if path.endswith("/set-cookie"):
        extra = [(b"set-cookie", b"app=1; Path=/"), (b"set-cookie", b"dss_codestudio_session=forged; Path=/")]
    answer = {
        "method": scope["method"],
        "path": scope.get("raw_path", path.encode()).decode("latin-1"),
        "query": query,
        "headers": headers,
        "bodySize": size,
    }
    await _json(send, 200, answer, extra)


async def _json(send: Any, status: int, value: object, extra: list[tuple[bytes, bytes]] | None = None) -> None:
    body = json.dumps(value).encode()
    headers = [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode()), *(extra or [])]
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": body, "more_body": False})


if __name__ == "__main__":
    uvicorn.run(
        app, host="127.0.0.1", port=int(os.environ["PORT"]), log_level="warning", ws="websockets", lifespan="off"
    )
