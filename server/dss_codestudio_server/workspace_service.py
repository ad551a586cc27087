"""A small HTTP service over a code studio's workspace: the default template's entry point.

    python -m dss_codestudio_server.workspace_service --host 127.0.0.1 --port 8080 --directory WS

`GET /__health` answers `ok` (the readiness check); `GET /<path>` lists a folder (HTML, or JSON
with `?format=json` or `Accept: application/json`) or sends a file. Paths never leave the
workspace: `..` is refused and symbolic links are not followed. Standard library only, so it runs
with nothing but Python.
"""

from __future__ import annotations

import argparse
import html
import json
import mimetypes
import os
import stat
import sys
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, quote, unquote, urlsplit

HEALTH_PATH = "/__health"


def _resolve(root: Path, url_path: str) -> Path | None:
    """Return the file system path a URL path names inside `root`, or None if it would leave it."""
    parts = [p for p in unquote(url_path).split("/") if p]
    current = root
    for part in parts:
        if part in (".", "..") or "\0" in part or "\\" in part:
            return None
        current = current / part
        try:
            if stat.S_ISLNK(os.lstat(current).st_mode):
                return None
        except FileNotFoundError:
            return current
    return current


def make_handler(root: Path) -> type[BaseHTTPRequestHandler]:
    """Return a request handler class serving `root`."""

    class WorkspaceHandler(BaseHTTPRequestHandler):
        server_version = "dss-codestudio-workspace/1"

        def log_message(self, format: str, *args: object) -> None:
            sys.stderr.write(f"{self.address_string()} {format % args}\n")

        def _send(self, status: HTTPStatus, body: bytes, content_type: str) -> None:
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            if self.command != "HEAD":
                self.wfile.write(body)

        def do_HEAD(self) -> None:
            self.do_GET()

        def do_GET(self) -> None:
            url = urlsplit(self.path)
            if url.path == HEALTH_PATH:
                self._send(HTTPStatus.OK, b"ok\n", "text/plain; charset=utf-8")
                return
            path = _resolve(root, url.path)
            if path is None:
                self._send(HTTPStatus.FORBIDDEN, b"path refused\n", "text/plain; charset=utf-8")
                return
            try:
                st = os.lstat(path)
            except FileNotFoundError:
                self._send(HTTPStatus.NOT_FOUND, b"not found\n", "text/plain; charset=utf-8")
                return
            if stat.S_ISDIR(st.st_mode):
                as_json = "json" in parse_qs(url.query).get("format", []) or "application/json" in self.headers.get(
                    "Accept", ""
                )
                self._listing(path, url.path, as_json)
            elif stat.S_ISREG(st.st_mode):
                kind = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
                self._send(HTTPStatus.OK, path.read_bytes(), kind)
            else:
                self._send(HTTPStatus.FORBIDDEN, b"not a file\n", "text/plain; charset=utf-8")

        def _listing(self, folder: Path, url_path: str, as_json: bool) -> None:
            entries = []
            for entry in sorted(os.scandir(folder), key=lambda e: e.name):
                if entry.is_symlink():
                    continue
                is_dir = entry.is_dir(follow_symlinks=False)
                size = 0 if is_dir else entry.stat(follow_symlinks=False).st_size
                entries.append({"name": entry.name, "type": "folder" if is_dir else "file", "size": size})
            if as_json:
                self._send(
                    HTTPStatus.OK, json.dumps({"path": url_path, "entries": entries}).encode(), "application/json"
                )
                return
            base = url_path if url_path.endswith("/") else url_path + "/"
            rows = "".join(
                f'<li><a href="{html.escape(base + quote(str(e["name"])))}{"/" if e["type"] == "folder" else ""}">'
                f"{html.escape(str(e['name']))}</a></li>"
                for e in entries
            )
            title = html.escape(url_path)
            page = f"<!doctype html><title>Workspace {title}</title><h1>{title}</h1><ul>{rows}</ul>"
            self._send(HTTPStatus.OK, page.encode(), "text/html; charset=utf-8")

    return WorkspaceHandler


def main(argv: list[str] | None = None) -> None:
    """Serve a workspace folder until interrupted."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--directory", default=".")
    args = parser.parse_args(argv)
    root = Path(args.directory).resolve()
    root.mkdir(parents=True, exist_ok=True)
    server = ThreadingHTTPServer((args.host, args.port), make_handler(root))
    print(f"workspace service on http://{args.host}:{server.server_address[1]}/ serving {root}", flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()


if __name__ == "__main__":
    main()
