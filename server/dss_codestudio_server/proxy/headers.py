"""The headers the proxy forwards each way.

Hop-by-hop headers (RFC 9110 section 7.6.1: `Connection` and the headers it names, `Keep-Alive`,
`Proxy-*`, `TE`, `Trailer`, `Transfer-Encoding`, `Upgrade`) never cross it. What authenticates the
caller to the server (its `Authorization` header, the browser session cookie) never reaches the
studio, and no studio can set or clear that cookie. The studio gets instead the secret of its
start (the only thing its entry points answer to), and `X-Forwarded-For`, `-Proto`, `-Host` and
`-Prefix` (its browser path). `Host` is kept, so that an app building absolute URLs, or checking a
WebSocket's `Origin` against its `Host` (code-server does), sees the server's; an entry point that
only answers its own local address (JupyterLab) asks for that instead (`EntryPoint.local_host`).

Going back, a redirect to the studio's own address becomes a path on the server's origin
(`rewrite_location`). Going in, a browser request that rides on the session cookie and changes
something (any method but GET, HEAD and OPTIONS) or opens a WebSocket must come from a page of the
server's own origin (`same_origin`): the proxy adds the studio's credentials itself, so a page of
another site must not be able to have the browser use them (cross-site request forgery, and
cross-site WebSocket hijacking; SameSite=Strict cookies stop most of it, this stops the rest).
"""

from __future__ import annotations

import urllib.parse
from collections.abc import Callable, Iterable, Sequence
from http.cookies import CookieError, SimpleCookie

from dss_codestudio_server.domain.studio_access import ProxyTarget
from dss_codestudio_server.proxy.routes import REQUEST_URI
from dss_codestudio_server.runtime import SECRET_HEADER

Header = tuple[bytes, bytes]
SESSION_COOKIE = "dss_codestudio_session"
"""The browser session cookie of a studio (scoped to its path)."""
HOP_BY_HOP = frozenset(
    {
        b"connection",
        b"keep-alive",
        b"proxy-authenticate",
        b"proxy-authorization",
        b"proxy-connection",
        b"te",
        b"trailer",
        b"transfer-encoding",
        b"upgrade",
    }
)
NEVER_FORWARDED = frozenset(
    {
        b"authorization",
        SECRET_HEADER.lower().encode(),
        b"cookie",
        b"host",
        b"x-forwarded-for",
        b"x-forwarded-proto",
        b"x-forwarded-host",
        b"x-forwarded-prefix",
    }
)


def _named_by_connection(headers: Iterable[Header]) -> set[bytes]:
    named: set[bytes] = set()
    for name, value in headers:
        if name.lower() == b"connection":
            named |= {token.strip().lower() for token in value.split(b",") if token.strip()}
    return named


def end_to_end(headers: Sequence[Header]) -> list[Header]:
    """Return the headers without the hop-by-hop ones."""
    drop = HOP_BY_HOP | _named_by_connection(headers)
    return [(n, v) for n, v in headers if n.lower() not in drop]


def cookie_value(headers: Iterable[Header], name: str) -> str | None:
    """Return the value of a cookie the request carries, or None."""
    for header, value in headers:
        if header.lower() == b"cookie":
            for part in value.decode("latin-1").split(";"):
                key, sep, found = part.strip().partition("=")
                if sep and key == name:
                    return found
    return None


def _cookies_without_session(headers: Iterable[Header]) -> list[str]:
    kept: list[str] = []
    for header, value in headers:
        if header.lower() == b"cookie":
            for part in value.decode("latin-1").split(";"):
                if part.strip() and part.strip().partition("=")[0] != SESSION_COOKIE:
                    kept.append(part.strip())
    return kept


def request_headers(
    headers: Sequence[Header], target: ProxyTarget, *, client: str | None, scheme: str
) -> list[tuple[str, str]]:
    """Return what the proxy sends the studio (the caller's headers, the start's secret), `Host` apart."""
    out: list[tuple[str, str]] = [
        (n.decode("latin-1"), v.decode("latin-1")) for n, v in end_to_end(headers) if n.lower() not in NEVER_FORWARDED
    ]
    cookies = _cookies_without_session(headers)
    if target.cookie is not None:
        cookies.append(f"{target.cookie[0]}={target.cookie[1]}")
    if cookies:
        out.append(("Cookie", "; ".join(cookies)))
    out += list(target.headers)
    host = host_of(headers)
    if client is not None:
        out.append(("X-Forwarded-For", client))
    out.append(("X-Forwarded-Proto", scheme))
    if host is not None:
        out.append(("X-Forwarded-Host", host))
    out.append(("X-Forwarded-Prefix", target.browser_path))
    return out


def host_of(headers: Iterable[Header]) -> str | None:
    """Return the `Host` header of a request, if any."""
    return next((v.decode("latin-1") for n, v in headers if n.lower() == b"host"), None)


def response_headers(headers: Sequence[Header], location: Callable[[bytes], bytes] | None = None) -> list[Header]:
    """Return what the proxy sends back of a studio's answer: never a cookie named as the session.

    `location` rewrites the value of a `Location` header (see `rewrite_location`).
    """
    out: list[Header] = []
    for name, value in end_to_end(headers):
        lowered = name.lower()
        if lowered == b"set-cookie" and _sets_session(value):
            continue
        out.append((name, location(value) if location is not None and lowered == b"location" else value))
    return out


def rewrite_location(value: bytes, *, hosts: Iterable[str], browser_path: str, suffix: str) -> bytes:
    """Return a studio's redirect as the browser must follow it, on the server's public origin.

    An absolute URL on one of `hosts` (what the studio was told its host is, or its local address)
    becomes a path: a studio behind the proxy knows neither the public scheme nor the public host. An
    entry point that sees paths without the studio's prefix (`proxiedUrlSuffix` `/` or `/sub/`) gets
    it put back in front of its absolute paths; relative redirects (`./login`) are left as they are.
    """
    text = value.decode("latin-1")
    parts = urllib.parse.urlsplit(text)
    if parts.scheme or text.startswith("//"):
        known = {h.lower() for h in hosts}
        if parts.scheme not in ("http", "https", "ws", "wss") or parts.netloc.lower() not in known:
            return value  # somewhere else: not the studio's business to hide
        text = urllib.parse.urlunsplit(("", "", parts.path or "/", parts.query, parts.fragment))
    if suffix != REQUEST_URI and text.startswith("/") and not text.startswith(browser_path + "/"):
        prefix = suffix.rstrip("/")
        if text == prefix or text.startswith(prefix + "/"):
            text = browser_path + (text[len(prefix) :] or "/")
    return text.encode("latin-1")


def same_origin(headers: Iterable[Header], scheme: str) -> bool:
    """Whether a browser request comes from a page of the server's own origin (its `Origin`, else `Referer`).

    A cookie rides along with any request the browser makes, whatever page made it: a WebSocket or a
    request that changes something, sent with the session cookie, must come from the server's pages.
    """
    found = {n.lower(): v.decode("latin-1") for n, v in headers if n.lower() in (b"origin", b"referer", b"host")}
    source = found.get(b"origin") or found.get(b"referer")
    host = found.get(b"host")
    if not source or source == "null" or not host:
        return False
    parts = urllib.parse.urlsplit(source)
    web = {"ws": "http", "wss": "https"}.get(scheme, scheme)
    return parts.scheme == web and _authority(parts.netloc, web) == _authority(host, web)


def _authority(netloc: str, scheme: str) -> str:
    default = {"http": ":80", "https": ":443"}.get(scheme, "")
    lowered = netloc.strip().lower()
    return lowered[: -len(default)] if default and lowered.endswith(default) else lowered


def _sets_session(value: bytes) -> bool:
    try:
        parsed = SimpleCookie(value.decode("latin-1"))
    except CookieError:
        return value.split(b"=", 1)[0].strip() == SESSION_COOKIE.encode()
    return SESSION_COOKIE in parsed
