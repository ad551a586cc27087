"""A small read-only HTTP service over a studio's workspace: the default template's entry point.

    python -m dss_codestudio_server.runtime.workspace_http [--root DIR] [--port N] [--base-path PATH]

It listens on 127.0.0.1 only (port from `--port`, else `$PORT`), serves the files and folder
listings under the root (default: the working folder) with GET and HEAD, answers `/__health` with
`{"status": "ok"}`, and also serves everything under `--base-path` (the browser path DSS proxies,
e.g. `/code-studios/PROJ/abc1234/8080`). Nothing outside the root is ever served: `..` is
normalised away and a path whose real location (symlinks resolved) leaves the root answers 404.
SIGTERM stops it cleanly.

Every request must carry the secret of the studio's start in the `X-DSS-CodeStudio-Secret` header,
which the server's proxy adds (the secret is in `$DSS_CODESTUDIO_PROXY_SECRET`); anything else is
answered 403. Its port is of no use to whoever reaches it without the proxy. `--no-secret` serves
without one (for use outside a studio); without either, it refuses to start.
"""

from __future__ import annotations

import argparse
import hmac
import json
import os
import signal
import sys
import urllib.parse
from functools import partial
from http import HTTPStatus
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from types import FrameType

from dss_codestudio_server.runtime.entrypoints import SECRET_HEADER, SECRET_VAR


class WorkspaceHandler(SimpleHTTPRequestHandler):
    """Serves a folder read-only, with a health endpoint and an optional path prefix."""

    base_path = ""
    secret: bytes | None = None
    server_version = "dss-codestudio-workspace/1"

    def _allowed(self) -> bool:
        """Whether the request carries the start's secret; a refusal is answered here."""
        if self.secret is None:
            return True
        given = self.headers.get(SECRET_HEADER, "").encode()
        if hmac.compare_digest(given, self.secret):
            return True
        self._json(HTTPStatus.FORBIDDEN, {"error": "This port answers only the server's proxy"})
        return False

    def _json(self, status: HTTPStatus, value: object) -> None:
        body = json.dumps(value).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def _strip_base(self) -> str | None:
        """Return the request path without the base path, or None if it is outside it."""
        path = urllib.parse.urlsplit(self.path).path
        if self.base_path and (path == self.base_path or path.startswith(self.base_path + "/")):
            path = path[len(self.base_path) :] or "/"
        return path

    def do_GET(self) -> None:
        """Serve a file, a listing or the health answer."""
        if not self._allowed() or self._health():
            return
        super().do_GET()

    def do_HEAD(self) -> None:
        """Serve the headers of a GET."""
        if not self._allowed() or self._health():
            return
        super().do_HEAD()

    def _health(self) -> bool:
        if self._strip_base() != "/__health":
            return False
        self._json(HTTPStatus.OK, {"status": "ok"})
        return True

    def translate_path(self, path: str) -> str:
        """Map a URL path to a file under the root; a path that leaves the root maps to nowhere."""
        stripped = self._strip_base() or "/"
        query = urllib.parse.urlsplit(path).query
        candidate = super().translate_path(stripped + (f"?{query}" if query else ""))
        root = os.path.realpath(self.directory)
        real = os.path.realpath(candidate)
        if real != root and not real.startswith(root + os.sep):
            return os.path.join(root, ".outside-the-workspace", "refused")  # does not exist: answers 404
        return candidate

    def log_message(self, format: str, *args: object) -> None:
        """Log requests to stderr (the studio's log file)."""
        sys.stderr.write(f"{self.address_string()} - {format % args}\n")


def serve(root: Path, port: int, base_path: str = "", secret: str | None = None) -> ThreadingHTTPServer:
    """Return a server bound to 127.0.0.1:`port` serving `root` (call `serve_forever` on it).

    With `secret`, requests without it in the `X-DSS-CodeStudio-Secret` header are refused (403).
    """
    attributes = {"base_path": base_path.rstrip("/"), "secret": secret.encode() if secret is not None else None}
    handler_class = type("BoundWorkspaceHandler", (WorkspaceHandler,), attributes)
    handler = partial(handler_class, directory=str(root))
    server = ThreadingHTTPServer(("127.0.0.1", port), handler)
    server.daemon_threads = True
    return server


def main(argv: list[str] | None = None) -> None:
    """Run the service until SIGTERM or SIGINT."""
    parser = argparse.ArgumentParser(description="Serve a studio workspace read-only on 127.0.0.1.")
    parser.add_argument("--root", type=Path, default=Path.cwd())
    parser.add_argument("--port", type=int, default=int(os.environ.get("PORT", "0")))
    parser.add_argument("--base-path", default="")
    parser.add_argument("--no-secret", action="store_true", help="serve without requiring the proxy's secret")
    args = parser.parse_args(argv)
    secret = os.environ.get(SECRET_VAR) or None
    if secret is None and not args.no_secret:
        parser.error(f"${SECRET_VAR} is not set: it would serve anyone (pass --no-secret to do so)")
    server = serve(args.root, args.port, args.base_path, None if args.no_secret else secret)

    def on_term(signum: int, frame: FrameType | None) -> None:
        raise SystemExit(0)

    signal.signal(signal.SIGTERM, on_term)
    print(f"serving {args.root} on http://127.0.0.1:{server.server_address[1]}/", flush=True)
    try:
        server.serve_forever(poll_interval=0.2)
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()


if __name__ == "__main__":
    main()
