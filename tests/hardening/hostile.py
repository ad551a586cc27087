"""Hostile names and paths for the fuzz tests, and a snapshot of a folder to prove nothing changed in it.

Requests are sent with `http.client`, which puts the path on the wire exactly as given: httpx and
browsers resolve `.` and `..` segments before sending, and a hostile client does not.
"""

from __future__ import annotations

import base64
import http.client
import json
import os
import stat
from pathlib import Path
from typing import Any
from urllib.parse import quote

from hypothesis import strategies as st

# Segments that have broken path handling somewhere: dot segments and their encodings, separators,
# NUL, overlong UTF-8 for '.', '/' and '\', unicode look-alikes (fullwidth and one-dot leaders,
# a fraction slash), right-to-left overrides, normalisation variants, absurd lengths, and names of
# what lies next to the data directory.
NASTY_SEGMENTS = [
    ".",
    "..",
    "...",
    "",
    "%2e%2e",
    "%2E%2e",
    ".%2e",
    "%252e%252e",
    "%2f",
    "%2F..%2F..",
    "..%2f..%2fdecoy",
    "%5c..%5c",
    "..\\..\\decoy",
    "%00",
    "a%00b",
    "%c0%ae%c0%ae",
    "%c0%af",
    "%e0%80%ae",
    "%c1%9c",
    "\uff0e\uff0e",
    "\u2024\u2024",
    "\u2025",
    "\u2215decoy",
    "\u202egnp.exe",
    "caf\u00e9",
    "cafe\u0301",
    "\u212b",
    "A\u030a",
    "x" * 256,
    "y" * 5000,
    "decoy",
    "secret.txt",
    "~",
    "/etc/passwd",
    "%2Fetc%2Fpasswd",
    "C:",
    "con",
    "a b",
    "a?b",
    "a#b",
    "a;b",
]
SEPARATORS = ["/", "//", "%2F", "%2f", "\\", "%5C"]


def wire(segment: str) -> str:
    """Put a segment on the wire: percent-encode what http.client refuses, keep the rest as written."""
    return quote(segment, safe="%/\\.~:;?#!$&'()*+,=@")


raw_segments = st.one_of(
    st.sampled_from(NASTY_SEGMENTS),
    st.text(alphabet=st.characters(codec="utf-8", exclude_characters="\x00"), min_size=1, max_size=12),
)
wire_paths = st.builds(
    lambda parts, seps: "".join(wire(p) + s for p, s in zip(parts, seps, strict=False)).rstrip("/") or ".",
    st.lists(raw_segments, min_size=1, max_size=5),
    st.lists(st.sampled_from(SEPARATORS), min_size=5, max_size=5),
)
# Plain strings (JSON bodies, archive entries, settings) built from the same pieces, unencoded.
text_paths = st.builds(
    lambda parts, sep: sep.join(parts),
    st.lists(raw_segments, min_size=1, max_size=5),
    st.sampled_from(["/", "//", "\\", "/../"]),
)


class RawClient:
    """HTTP/1.1 requests whose path goes on the wire exactly as given."""

    def __init__(self, host: str, port: int, key: str) -> None:
        self.host, self.port = host, port
        self.auth = "Basic " + base64.b64encode(f"{key}:".encode()).decode()

    def request(self, method: str, path: str, body: bytes | None = None, content_type: str | None = None) -> Any:
        conn = http.client.HTTPConnection(self.host, self.port, timeout=60)
        try:
            headers = {"Authorization": self.auth, "Content-Length": str(len(body or b""))}
            if content_type:
                headers["Content-Type"] = content_type
            conn.request(method, path, body=body, headers=headers)
            response = conn.getresponse()
            data = response.read()
            return response.status, data
        finally:
            conn.close()

    def json(self, method: str, path: str, value: object) -> Any:
        return self.request(method, path, json.dumps(value).encode(), "application/json")


def snapshot(root: Path, *, skip: Path | None = None) -> dict[str, tuple[int, bytes | str | None]]:
    """Every entry below `root` (but `skip`): its type and mode, and its bytes or link target."""
    out: dict[str, tuple[int, bytes | str | None]] = {}
    for folder, dirs, files in os.walk(root):
        here = Path(folder)
        if skip is not None and here == skip:
            dirs[:] = []
            continue
        for name in dirs + files:
            path = here / name
            if skip is not None and path == skip:
                out[str(path.relative_to(root))] = (0, None)
                continue
            st_ = os.lstat(path)
            content: bytes | str | None = None
            if stat.S_ISREG(st_.st_mode):
                content = path.read_bytes()
            elif stat.S_ISLNK(st_.st_mode):
                content = os.readlink(path)
            out[str(path.relative_to(root))] = (st_.st_mode, content)
    return out


def links_leaving(root: Path) -> list[str]:
    """Symbolic links below `root` that point outside it."""
    resolved_root = root.resolve()
    found = []
    for folder, dirs, files in os.walk(root):
        for name in dirs + files:
            path = Path(folder) / name
            if path.is_symlink() and not path.resolve().is_relative_to(resolved_root):
                found.append(str(path))
    return found


def make_sandbox(base: Path) -> tuple[Path, Path]:
    """A folder holding the data directory (not created) and a decoy folder with files beside it."""
    sandbox = base / "sandbox"
    decoy = sandbox / "decoy"
    (decoy / "sub").mkdir(parents=True)
    (decoy / "secret.txt").write_bytes(b"do not touch\n")
    (decoy / "sub" / "passwd").write_bytes(b"root:x:0:0\n")
    (sandbox / "secret.txt").write_bytes(b"next to the data directory\n")
    os.symlink(decoy, sandbox / "decoy-link")
    return sandbox, sandbox / "data"
