"""Which studio, port and path a request of the proxy names, read from its raw path.

The server answers `/code-studios/<projectKey>/<codeStudioId>/<port>/...` (the browser path DSS
gives, `exposed[].url`) and `/dip/code-studios/...` (DSS's direct form of the same), plus
`/code-studios/<projectKey>/<codeStudioId>/__login?ticket=...`, where a browser redeems a login
link. The path is read from the raw bytes the client sent, so what follows the port reaches the
studio exactly as it was encoded.
"""

from __future__ import annotations

import urllib.parse
from dataclasses import dataclass

PREFIXES = (b"/code-studios/", b"/dip/code-studios/")
LOGIN = b"__login"
REQUEST_URI = "/$request_uri"


@dataclass(frozen=True)
class StudioPath:
    """A request path under the proxy's prefixes."""

    project_key: str
    studio_id: str
    port: int | None
    """The exposed port, or None for the login path."""
    rest: bytes
    """What follows `<port>/`, raw (without the query string)."""
    slash: bool
    """Whether the port was followed by a slash (`.../8080` is redirected to `.../8080/`)."""
    dip: bool
    """Whether it came in the `/dip/code-studios/` form."""

    @property
    def is_login(self) -> bool:
        """Whether this is the login path of the studio."""
        return self.port is None


class NotAStudioPath(ValueError):
    """A path under the proxy's prefixes that names no studio port (answered 404)."""


def is_proxied(path: str) -> bool:
    """Whether a request path belongs to the proxy."""
    return path.startswith(("/code-studios/", "/dip/code-studios/")) or path in ("/code-studios", "/dip/code-studios")


def parse(raw_path: bytes) -> StudioPath:
    """Read a proxied path; `NotAStudioPath` when it names no studio's port or login."""
    prefix = next((p for p in PREFIXES if raw_path.startswith(p)), None)
    if prefix is None:
        raise NotAStudioPath("not a code studio path")
    parts = raw_path[len(prefix) :].split(b"/", 3)
    if len(parts) < 3 or not parts[0] or not parts[1]:
        raise NotAStudioPath("a code studio path names a project, a code studio and a port")
    project_key, studio_id = _segment(parts[0]), _segment(parts[1])
    rest = parts[3] if len(parts) == 4 else b""
    dip = prefix == PREFIXES[1]
    if parts[2] == LOGIN and len(parts) == 3:
        return StudioPath(project_key, studio_id, None, b"", False, dip)
    if not parts[2].isdigit() or not 0 < int(parts[2]) < 65536 or len(parts[2]) > 5:
        raise NotAStudioPath(f"no port {parts[2].decode(errors='replace')!r} in a code studio path")
    return StudioPath(project_key, studio_id, int(parts[2]), rest, len(parts) == 4, dip)


def _segment(raw: bytes) -> str:
    try:
        return urllib.parse.unquote_to_bytes(raw).decode("utf-8")
    except UnicodeDecodeError as exc:
        raise NotAStudioPath("a code studio path segment is not UTF-8") from exc


def upstream_target(path: StudioPath, browser_path: str, suffix: str, query: bytes) -> str:
    """Return the request target an entry point receives, as DSS's proxy forwards it.

    With `proxiedUrlSuffix` `/$request_uri` the whole path, the studio's browser prefix included (in its
    `/code-studios/...` form, the one `DKU_CODE_STUDIO_BROWSER_PATH_<port>` holds and apps strip); with
    `/` (or another path) that path followed by what comes after the prefix.
    """
    rest = path.rest.decode("latin-1")
    target = f"{browser_path}/{rest}" if suffix == REQUEST_URI else f"{suffix.rstrip('/')}/{rest}"
    return target + (f"?{query.decode('latin-1')}" if query else "")
