"""What the sync and async transports share: options, headers, and the hooks' request and answer handling."""

from __future__ import annotations

import base64
import json
import logging
import ssl
from collections.abc import Callable, Mapping
from contextvars import ContextVar
from dataclasses import dataclass, field, replace
from typing import Any, Protocol, TypeVar

import httpx

from ._exceptions import APIConnectionError, APIResponseValidationError, APITimeoutError, DataikuException
from ._logs import logger, redact
from ._types import JSONValue
from ._version import __version__

API_PREFIX = "/dip/publicapi"
DEFAULT_TIMEOUT = httpx.Timeout(60.0, connect=10.0)
# Calls whose work DSS does before answering, and which can take minutes on large zones or projects.
# With the default timeout they get DEFAULT_LONG_TIMEOUT; a timeout given explicitly applies to all.
DEFAULT_LONG_TIMEOUT = httpx.Timeout(600.0, connect=10.0)
LONG_RUNNING_OPERATIONS = frozenset(
    {
        "pushToCodeStudio",
        "pullFromCodeStudio",
        "checkCodeStudioConflicts",
        "deleteCodeStudio",
        "deleteCodeStudioTemplate",
        "deleteProject",
        "importCodeStudioTemplate",
        "exportCodeStudioTemplate",
        "writeProjectLibraryFile",
    }
)
DEFAULT_LIMITS = httpx.Limits(max_connections=100, max_keepalive_connections=20)

# The last answer received in this thread or task: lets a parse failure name the call that caused it.
last_response: ContextVar[httpx.Response | None] = ContextVar("dss_codestudio_last_response", default=None)
# The most seconds the call being sent in this thread or task may take: set for the calls of a wait,
# so that a slow answer cannot hold the wait long past its deadline (see `limit_timeout`).
call_time_limit: ContextVar[float | None] = ContextVar("dss_codestudio_call_time_limit", default=None)


@dataclass(frozen=True)
class TransportOptions:
    """How a transport talks to DSS; `with_options` derives new options sharing the connection pool."""

    base_url: str
    headers: dict[str, str] = field(default_factory=dict)
    timeout: httpx.Timeout = field(default_factory=lambda: DEFAULT_TIMEOUT)
    max_retries: int = 2
    # The timeout of LONG_RUNNING_OPERATIONS; None when `timeout` was given explicitly (it then applies to all).
    long_timeout: httpx.Timeout | None = None

    def evolve(
        self,
        *,
        timeout: float | httpx.Timeout | None = None,
        max_retries: int | None = None,
        headers: dict[str, str] | None = None,
    ) -> TransportOptions:
        """Return a copy with the given options changed."""
        return replace(
            self,
            timeout=self.timeout if timeout is None else as_timeout(timeout),
            long_timeout=self.long_timeout if timeout is None else None,
            max_retries=self.max_retries if max_retries is None else check_retries(max_retries),
            headers=self.headers if headers is None else {**self.headers, **headers},
        )


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


def auth_headers(api_key: str | None, internal_ticket: str | None, jwt_bearer_token: str | None) -> dict[str, str]:
    """Return the headers that authenticate calls, as dataikuapi sends them.

    An API key is the user name of HTTP basic authentication with an empty password (what DSS
    expects); the header is computed once here rather than by an httpx auth flow on every call.
    """
    if api_key is not None:
        token = base64.b64encode(f"{api_key}:".encode()).decode("ascii")
        return {"Authorization": f"Basic {token}"}
    if internal_ticket is not None:
        return {"X-DKU-APITicket": internal_ticket}
    if jwt_bearer_token is not None:
        return {"Authorization": f"Bearer {jwt_bearer_token}"}
    from ._config import ConfigurationError

    raise ConfigurationError(
        "Authentication is required. You must provide either api_key, internal_ticket or jwt_bearer_token."
    )


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
    """
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
    limit_timeout(request)
    if logger.isEnabledFor(logging.DEBUG):
        logger.debug("request %s %s headers=%s", request.method, request.url, redact(request.headers))


def limit_timeout(request: httpx.Request) -> None:
    """Shorten each phase of the request's timeout to `call_time_limit`, when a wait set one."""
    limit = call_time_limit.get()
    if limit is None:
        return
    phases = request.extensions.get("timeout") or dict.fromkeys(("connect", "read", "write", "pool"))
    request.extensions["timeout"] = {phase: limit if t is None else min(t, limit) for phase, t in phases.items()}


def log_response(response: httpx.Response) -> None:
    """Log an answer (at debug level; calls are logged at info level by the transports)."""
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


def invalid_body_error(operation: str, exc: Exception) -> APIResponseValidationError:
    """Return the typed exception for a success answer whose body cannot be read."""
    response = last_response.get()
    detail = f"{type(exc).__name__}: {exc}"
    if response is not None:
        excerpt = " ".join(response.content[:200].decode("utf-8", "replace").split())
        detail += f"; body ({len(response.content)} bytes): {excerpt!r}"
    return APIResponseValidationError(f"unreadable answer to {operation}: {detail}", response=response)


class _OpenModel(Protocol):
    additional_properties: dict[str, Any]


M = TypeVar("M", bound=_OpenModel)


def open_model(model: Callable[[], M], values: Mapping[str, object]) -> M:
    """Return a generated model built empty, whose additional properties are `values` as they are.

    Its `to_dict()` then sends exactly `values`: fields this client does not know, and values of
    unexpected shapes, reach DSS as given instead of being re-serialised from a parsed model.
    """
    instance = model()
    instance.additional_properties = dict(values)
    return instance


def schema_mismatch(operation: str, error: APIResponseValidationError) -> JSONValue:
    """Return the JSON of an answer the generated code could not parse, if it is JSON; None otherwise."""
    response = error.response
    if response is None or not response.is_success:
        return None
    try:
        value: JSONValue = json.loads(response.content)
    except ValueError:
        return None
    if value is not None:
        logger.warning("the answer to %s does not match the spec (%s); using it as it is", operation, error.message)
    return value


def parse_json(operation: str, content: bytes) -> JSONValue:
    """Return the JSON of a success answer."""
    try:
        value: JSONValue = json.loads(content)
    except ValueError as exc:
        raise invalid_body_error(operation, exc) from exc
    return value
