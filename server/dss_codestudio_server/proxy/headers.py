"""The headers the proxy forwards each way.

Hop-by-hop headers (RFC 9110 section 7.6.1: `Connection` and the headers it names, `Keep-Alive`,
`Proxy-*`, `TE`, `Trailer`, `Transfer-Encoding`, `Upgrade`) never cross it. What authenticates the
caller to the server (its `Authorization` header, the browser session cookie) never reaches the
studio, and no studio can set or clear that cookie. The studio gets instead the secret of its
start (the only thing its entry points answer to), and `X-Forwarded-For`, `-Proto`, `-Host` and
`-Prefix` (its browser path). `Host` is kept, so that an app building absolute URLs, or checking a
WebSocket's `Origin` against its `Host` (JupyterLab does), sees the server's.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from http.cookies import CookieError, SimpleCookie

from dss_codestudio_server.domain.studio_access import ProxyTarget
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
    host = next((v.decode("latin-1") for n, v in headers if n.lower() == b"host"), None)
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


def response_headers(headers: Sequence[Header]) -> list[Header]:
    """Return what the proxy sends back of a studio's answer: never a cookie named as the session."""
    return [(n, v) for n, v in end_to_end(headers) if not (n.lower() == b"set-cookie" and _sets_session(v))]


def _sets_session(value: bytes) -> bool:
    try:
        parsed = SimpleCookie(value.decode("latin-1"))
    except CookieError:
        return value.split(b"=", 1)[0].strip() == SESSION_COOKIE.encode()
    return SESSION_COOKIE in parsed
