"""What the sync and async transports share: options, headers, per-call settings, and the hooks' work."""

from __future__ import annotations

import base64
import logging
import re
import ssl
from collections.abc import Callable, Generator, Mapping
from contextvars import ContextVar
from dataclasses import dataclass, field, replace
from types import ModuleType
from typing import TypeVar
from urllib.parse import quote

import httpx
from dss_codestudio_openapi.models import DSSError
from dss_codestudio_openapi.operations import OPERATIONS, Operation
from dss_codestudio_openapi.types import Response

from ._exceptions import APIConnectionError, APIResponseValidationError, APITimeoutError, DataikuException
from ._logs import logger, redact
from ._version import __version__

T = TypeVar("T")

API_PREFIX = "/dip/publicapi"
DEFAULT_TIMEOUT = httpx.Timeout(60.0, connect=10.0)
# The default timeout of the operations the spec marks `x-dss-long-running` (DSS works on them before
# answering, minutes on large zones or projects). A timeout given explicitly applies to every call.
DEFAULT_LONG_TIMEOUT = httpx.Timeout(600.0, connect=10.0)
DEFAULT_LIMITS = httpx.Limits(max_connections=100, max_keepalive_connections=20)

# The operation of each generated `*_detailed` function, from the table regen writes from the spec.
_OPERATIONS_BY_FUNCTION: dict[object, Operation] = {
    getattr(module, name): operation
    for module, operation in OPERATIONS.items()
    for name in ("asyncio_detailed", "sync_detailed")
}


def operation_of(function: Callable[..., object]) -> Operation:
    """Return the operation (and its policies) a generated `*_detailed` function calls."""
    return _OPERATIONS_BY_FUNCTION[function]


def fill_path(module: ModuleType, values: tuple[str, ...]) -> tuple[Operation, str]:
    """Return an operation and its path with `values` (URL-encoded, in order) in its `{parameters}`."""
    operation = OPERATIONS[module]
    given = iter(values)
    # Encoded as the generated code encodes path parameters.
    return operation, re.sub(r"\{[^}]+\}", lambda _: quote(next(given), safe=""), operation.path)


@dataclass(frozen=True, slots=True)
class CallSettings:
    """What a call adds to the requests it sends: its timeout (httpx's extension) and extra headers."""

    timeout: dict[str, float | None]
    headers: Mapping[str, str] | None = None
    # Whether the path holds a library path, whose `/`s are sent unencoded (see `prepare_request`).
    library_path: bool = False

    def limited(self, seconds: float | None) -> CallSettings:
        """Return these settings with each phase of the timeout cut to `seconds` (None: unchanged)."""
        if seconds is None:
            return self
        return replace(
            self, timeout={phase: seconds if t is None else min(t, seconds) for phase, t in self.timeout.items()}
        )


@dataclass(slots=True)
class CallState:
    """One attempt of a call: the settings its requests get, and the answer it received."""

    settings: CallSettings
    response: httpx.Response | None = None


# The attempt being made in this thread or task: the one per-call mechanism. The request hook gives
# every request the generated code sends its settings (timeouts, with_options headers), and the
# response hook records the answer (which the generated code's `Response` leaves out).
current_call: ContextVar[CallState | None] = ContextVar("dss_codestudio_current_call", default=None)


@dataclass(frozen=True)
class TransportOptions:
    """How a transport talks to DSS; `with_options` derives new options sharing the connection pool."""

    base_url: str
    headers: dict[str, str] = field(default_factory=dict)
    auth: httpx.Auth | None = None
    timeout: httpx.Timeout = field(default_factory=lambda: DEFAULT_TIMEOUT)
    max_retries: int = 2
    # The timeout of long-running operations; None when `timeout` was given explicitly (it then applies to all).
    long_timeout: httpx.Timeout | None = None
    # Headers `with_options` adds to those of the connection pool's client (`headers`).
    extra_headers: dict[str, str] = field(default_factory=dict)

    def evolve(
        self,
        *,
        timeout: float | httpx.Timeout | None = None,
        max_retries: int | None = None,
        headers: dict[str, str] | None = None,
    ) -> TransportOptions:
        """Return a copy with the given options changed (`headers` are added)."""
        return replace(
            self,
            timeout=self.timeout if timeout is None else as_timeout(timeout),
            long_timeout=self.long_timeout if timeout is None else None,
            max_retries=self.max_retries if max_retries is None else check_retries(max_retries),
            extra_headers=self.extra_headers if headers is None else {**self.extra_headers, **headers},
        )

    def call_settings(self, operation: Operation) -> CallSettings:
        """Return the settings of a call of `operation`: its timeout (long for long-running ones), extra headers."""
        timeout = (self.long_timeout if operation.long_running else None) or self.timeout
        library_path = any(marker.decode() in operation.path for marker in _LIBRARY_PATHS)
        return CallSettings(timeout.as_dict(), self.extra_headers or None, library_path)


def as_timeout(timeout: float | httpx.Timeout) -> httpx.Timeout:
    """Return a timeout as httpx takes it; a number applies to every phase (connect, read, write, pool)."""
    if isinstance(timeout, httpx.Timeout):
        if None in (timeout.connect, timeout.read, timeout.write, timeout.pool):
            raise ValueError("every phase of the timeout must be finite: this client never waits forever")
        return timeout
    if isinstance(timeout, bool) or not isinstance(timeout, int | float) or not timeout > 0:
        raise ValueError(f"timeout must be a positive number of seconds or an httpx.Timeout, not {timeout!r}")
    return httpx.Timeout(float(timeout))


def check_retries(max_retries: int) -> int:
    """Validate a number of retries."""
    if isinstance(max_retries, bool) or not isinstance(max_retries, int) or max_retries < 0:
        raise ValueError(f"max_retries must be a non-negative integer, not {max_retries!r}")
    return max_retries


def tls_config(verify: bool, client_certificate: str | tuple[str, str] | None) -> bool | ssl.SSLContext:
    """Return what httpx takes as `verify`: whether to check DSS's certificate, and the client certificate.

    `client_certificate` is a PEM file holding the certificate and its key, or a (certificate, key)
    pair of files, as dataikuapi takes it.
    """
    if client_certificate is None:
        return verify
    context = httpx.create_ssl_context(verify=verify)
    if isinstance(client_certificate, str):
        context.load_cert_chain(client_certificate)
    else:
        context.load_cert_chain(*client_certificate)
    return context


def base_url(host: str) -> str:
    """Return the base URL of the public API of the DSS at `host` (dataikuapi's `{host}/dip/publicapi`)."""
    host = host.strip().rstrip("/")
    if not host.startswith(("http://", "https://")):
        raise ValueError(f"host must be an http(s) URL such as 'https://dss.example.com:11200', not {host!r}")
    return host if host.endswith(API_PREFIX) else host + API_PREFIX


def site_url(host: str, relative: str) -> str:
    """Return the absolute URL of a path DSS gives relative to its base URL (the host, without `/dip/publicapi`).

    An exposed port's `url` (`code-studios/<projectKey>/<codeStudioId>/<port>/`) and a browser login link
    are relative to it; an absolute URL (`http://...`) is returned as it is.
    """
    if relative.startswith(("http://", "https://")):
        return relative
    root = host.strip().rstrip("/")
    root = root.removesuffix(API_PREFIX).rstrip("/")
    return f"{root}/{relative.lstrip('/')}"


class HeaderAuth(httpx.Auth):
    """Authenticates each request with one header computed once, as dataikuapi sends it.

    An API key is the user name of HTTP basic authentication with an empty password (what DSS
    expects); a JWT is a bearer token; an internal ticket has a header of its own.
    """

    def __init__(self, api_key: str | None, internal_ticket: str | None, jwt_bearer_token: str | None) -> None:
        if api_key is not None:
            token = base64.b64encode(f"{api_key}:".encode()).decode("ascii")
            self.header = ("Authorization", f"Basic {token}")
        elif internal_ticket is not None:
            self.header = ("X-DKU-APITicket", internal_ticket)
        elif jwt_bearer_token is not None:
            self.header = ("Authorization", f"Bearer {jwt_bearer_token}")
        else:
            from ._config import ConfigurationError

            raise ConfigurationError(
                "Authentication is required. You must provide either api_key, internal_ticket or jwt_bearer_token."
            )

    def auth_flow(self, request: httpx.Request) -> Generator[httpx.Request, httpx.Response, None]:
        """Add the header to the request."""
        request.headers[self.header[0]] = self.header[1]
        yield request


def default_headers(extra: dict[str, str] | None) -> dict[str, str]:
    """Headers sent with every call."""
    headers = {"User-Agent": f"dss-codestudio/{__version__} python-httpx/{httpx.__version__}"}
    if extra:
        headers.update(extra)
    return headers


_LIBRARY_PATHS = (b"/libraries/contents/", b"/libraries/folders/")
# Path segments httpx resolves before sending (RFC 3986 dot segments), and the empty one.
_NOT_SEGMENTS = frozenset({"", ".", ".."})


def path_segment(value: str, what: str) -> str:
    """Return `value` if it can name an object in a URL path; raise ValueError if it cannot.

    An id is put in the URL as one path segment. httpx resolves `.` and `..` segments before
    sending, so `get_code_studio("..").delete()` would send `DELETE /projects/KEY`, the deletion
    of the whole project; an empty id would name the collection instead of an object of it.
    """
    if value in _NOT_SEGMENTS:
        raise ValueError(f"{what} {value!r} cannot name an object: it is empty, '.' or '..'")
    return value


def resolve_library_path(folder: str, name: str) -> str:
    """Return the path from the library root of `name`, relative to `folder`, with `.` and `..` resolved.

    Empty segments are dropped, as the local tree does. Raises ValueError for a path that does not
    end with a name (`.`, `a/..`, `/`) or leaves the library: such a path never reaches DSS as dot
    segments that httpx would resolve into another API path.
    """
    if name.strip().rstrip("/").rsplit("/", 1)[-1] in _NOT_SEGMENTS:
        raise ValueError(f"library path {name!r} does not end with a name")
    parts = [s for s in folder.split("/") if s]
    for segment in name.strip().split("/"):
        if segment == "..":
            if not parts:
                raise ValueError(f"library path {name!r} leaves the library")
            parts.pop()
        elif segment not in _NOT_SEGMENTS:
            parts.append(segment)
    return "/".join(parts)


def prepare_request(request: httpx.Request) -> None:
    """Adjust a request the generated client built, before it is sent.

    Library paths: the generated client encodes the `/` of a library path as `%2F`, which servlet
    containers commonly refuse; DSS and dataikuapi use plain slashes (`contents//python/util.py`).
    A path that would then hold `.` or `..` segments keeps its `%2F`s: httpx would resolve them
    into another API path, and DSS refuses the encoded form with a clear error.

    The settings of the call being made (`current_call`) give the request its timeout and extra headers.
    """
    call = current_call.get()
    if call is not None:
        settings = call.settings
        request.extensions["timeout"] = settings.timeout
        if settings.headers:
            request.headers.update(settings.headers)
        if settings.library_path:
            _send_library_slashes(request)
    if logger.isEnabledFor(logging.DEBUG):
        logger.debug("request %s %s headers=%s", request.method, request.url, redact(request.headers))


def _send_library_slashes(request: httpx.Request) -> None:
    raw = request.url.raw_path
    for marker in _LIBRARY_PATHS:
        at = raw.find(marker)
        if at >= 0:
            path, sep, query = raw.partition(b"?")
            cut = at + len(marker)
            library_path = path[cut:].replace(b"%2F", b"/").replace(b"%2f", b"/")
            dot_segments = {b".", b".."} & set(library_path.split(b"/"))
            new_path = path[:cut] + library_path
            if new_path != path and not dot_segments:
                request.url = request.url.copy_with(raw_path=new_path + sep + query)
            break


def record_response(response: httpx.Response) -> None:
    """Keep an answer for the call that received it, and log it (at debug level; calls are logged at info level)."""
    call = current_call.get()
    if call is not None:
        call.response = response
    if logger.isEnabledFor(logging.DEBUG):
        logger.debug(
            "answer %s to %s %s headers=%s",
            response.status_code,
            response.request.method,
            response.request.url,
            redact(response.headers),
        )


def connection_error(exc: httpx.HTTPError) -> DataikuException:
    """Return the typed exception for a failure to send a request or to read its answer."""
    request = _request_of(exc)
    if request is None:
        return DataikuException(str(exc) or type(exc).__name__, error_type=type(exc).__name__)
    text = f"{type(exc).__name__}: {exc}" if str(exc) else type(exc).__name__
    message = f"{text} ({request.method} {request.url})"
    if isinstance(exc, httpx.TimeoutException):
        return APITimeoutError(message, request=request)
    return APIConnectionError(message, request=request)


def _request_of(exc: httpx.HTTPError) -> httpx.Request | None:
    try:
        return exc.request
    except RuntimeError:  # httpx raises when the exception was made without a request
        return None


def invalid_body_error(operation: str, exc: Exception, response: httpx.Response | None) -> APIResponseValidationError:
    """Return the typed exception for a success answer whose body cannot be read."""
    detail = f"{type(exc).__name__}: {exc}"
    if response is not None:
        excerpt = " ".join(response.content[:200].decode("utf-8", "replace").split())
        detail += f"; body ({len(response.content)} bytes): {excerpt!r}"
    return APIResponseValidationError(f"unreadable answer to {operation}: {detail}", response=response)


def success(response: Response[T | DSSError]) -> T:
    """Return the model of a success answer (error answers are raised before the generated code parses them)."""
    parsed = response.parsed
    if parsed is None or isinstance(parsed, DSSError):
        raise APIResponseValidationError(
            f"a success answer without the body the spec describes (HTTP {response.status_code})", response=None
        )
    return parsed
