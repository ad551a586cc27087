"""The exception tree: `DataikuException` at the root, so `except DataikuException` keeps working.

Every exception carries what is known of the failed call: the HTTP `status`, DSS's `error_type`,
`message` and `detailed_message`, the `method` and `url` of the request, and `dss_version`, the
release of the DSS that answered (its `DSS-Version` header), when it answered. `str(e)` keeps
dataikuapi's shape, `"<errorType>: <detailedMessage or message>"`.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

import httpx
from dss_codestudio_openapi.models import DSSError

from ._parsing import SchemaMismatch, parse
from ._types import JSONObject
from ._versions import dss_version_of

if TYPE_CHECKING:
    from ._views import DSSInfoMessage, DSSInfoMessages

# How much of a non-JSON error body (an HTML page from a proxy, say) goes into the message.
_BODY_EXCERPT = 300


class DataikuException(Exception):
    """Base class of every error this client raises (the same name as dataikuapi's)."""

    def __init__(
        self,
        message: str,
        *,
        error_type: str | None = None,
        detailed_message: str | None = None,
        status: int | None = None,
        method: str | None = None,
        url: str | None = None,
        dss_version: str | None = None,
    ) -> None:
        self.message = message
        self.error_type = error_type
        self.detailed_message = detailed_message
        self.status = status
        self.method = method
        self.url = url
        self.dss_version = dss_version
        super().__init__(str(self))

    def __str__(self) -> str:
        text = self.detailed_message or self.message
        return f"{self.error_type}: {text}" if self.error_type else text


class APIStatusError(DataikuException):
    """DSS (or a proxy in front of it) answered with an error status; `response` is the answer."""

    def __init__(
        self,
        message: str,
        *,
        response: httpx.Response,
        error_type: str | None = None,
        detailed_message: str | None = None,
    ) -> None:
        self.response = response
        request = response.request
        super().__init__(
            message,
            error_type=error_type,
            detailed_message=detailed_message,
            status=response.status_code,
            method=request.method,
            url=str(request.url),
            dss_version=dss_version_of(response.headers),
        )

    @property
    def headers(self) -> httpx.Headers:
        """The headers of the error answer."""
        return self.response.headers


class BadRequestError(APIStatusError):
    """400: the request was malformed or invalid."""


class AuthenticationError(APIStatusError):
    """401: no API key, or one DSS does not know."""


class PermissionDeniedError(APIStatusError):
    """403: the key's user may not do this."""


class NotFoundError(APIStatusError):
    """404: the project, template, code studio, future or library item does not exist."""


class ConflictError(APIStatusError):
    """409: the request conflicts with the current state (a transition not allowed now, files in conflict...)."""


class RequestTooLargeError(APIStatusError):
    """413: the request body or upload is larger than the server accepts."""


class UnprocessableEntityError(APIStatusError):
    """422: the request was well formed but could not be processed."""


class RateLimitError(APIStatusError):
    """429: too many requests."""


class InternalServerError(APIStatusError):
    """5xx: the server failed (DSS answers some business errors with 500 too)."""


class APIConnectionError(DataikuException):
    """The request could not be sent, or its answer could not be read (refused, reset, DNS...)."""

    def __init__(self, message: str, *, request: httpx.Request, error_type: str = "ConnectionError") -> None:
        self.request = request
        super().__init__(message, error_type=error_type, method=request.method, url=str(request.url))


class APITimeoutError(APIConnectionError):
    """The request timed out (connecting, writing, reading, or waiting for a pooled connection)."""

    def __init__(self, message: str, *, request: httpx.Request) -> None:
        super().__init__(message, request=request, error_type="TimeoutError")


class APIResponseValidationError(DataikuException):
    """DSS answered with a success status but a body this client cannot read (truncated or malformed JSON)."""

    def __init__(self, message: str, *, response: httpx.Response | None) -> None:
        self.response = response
        request = response.request if response is not None else None
        super().__init__(
            message,
            error_type="InvalidResponse",
            status=response.status_code if response is not None else None,
            method=request.method if request is not None else None,
            url=str(request.url) if request is not None else None,
            dss_version=dss_version_of(response.headers) if response is not None else None,
        )


class FutureError(DataikuException):
    """Base class of the errors of long-running tasks (futures)."""

    job_id: str | None = None


class WaitTimeoutError(DataikuException):
    """A wait (for a future or for a code studio state) did not end within its timeout."""


class FutureTimeoutError(WaitTimeoutError, FutureError):
    """`wait_for_result` gave up: the future did not finish within the timeout. It keeps running."""

    def __init__(self, message: str, *, job_id: str | None, last_state: JSONObject | None) -> None:
        self.job_id = job_id
        self.last_state = last_state
        super().__init__(message, error_type="FutureTimeout")


class FutureAbortedError(FutureError):
    """The future was aborted; it will never have a result."""

    def __init__(self, message: str, *, job_id: str | None, cause: DataikuException | None = None) -> None:
        self.job_id = job_id
        super().__init__(
            message,
            error_type=(cause.error_type if cause else None) or "FutureAborted",
            detailed_message=cause.detailed_message if cause else None,
            status=cause.status if cause else None,
            method=cause.method if cause else None,
            url=cause.url if cause else None,
            dss_version=cause.dss_version if cause else None,
        )


class FutureFailedError(FutureError):
    """The work of the future failed; `error_type` and `message` say how (as DSS reported it)."""

    def __init__(
        self,
        message: str,
        *,
        job_id: str | None,
        error_type: str | None = None,
        detailed_message: str | None = None,
        cause: DataikuException | None = None,
    ) -> None:
        self.job_id = job_id
        super().__init__(
            message,
            error_type=error_type or (cause.error_type if cause else None) or "FutureFailed",
            detailed_message=detailed_message or (cause.detailed_message if cause else None),
            status=cause.status if cause else None,
            method=cause.method if cause else None,
            url=cause.url if cause else None,
            dss_version=cause.dss_version if cause else None,
        )


class BuildFailedError(FutureFailedError):
    """A template build finished, but its result messages report an error: the image was not produced."""

    def __init__(self, message: str, *, job_id: str | None, messages: DSSInfoMessages) -> None:
        self.messages = messages
        super().__init__(message, job_id=job_id, error_type="BuildFailed")

    @property
    def errors(self) -> Sequence[DSSInfoMessage]:
        """The messages of severity ERROR or FATAL."""
        return self.messages.errors


_BY_STATUS: dict[int, type[APIStatusError]] = {
    400: BadRequestError,
    401: AuthenticationError,
    403: PermissionDeniedError,
    404: NotFoundError,
    409: ConflictError,
    413: RequestTooLargeError,
    422: UnprocessableEntityError,
    429: RateLimitError,
}


def status_error_class(status: int) -> type[APIStatusError]:
    """Return the exception class for an HTTP error status."""
    if status >= 500:
        return InternalServerError
    return _BY_STATUS.get(status, APIStatusError)


def make_status_error(response: httpx.Response) -> APIStatusError:
    """Build the typed exception for an error answer, whose body must have been read.

    The DSS error object gives `errorType`, `message` and `detailedMessage`; any other body (an HTML
    page from a proxy, truncated JSON, nothing) still gives a clear message naming the status.
    """
    cls = status_error_class(response.status_code)
    try:
        error = parse(DSSError, response.json()) if response.content else None
    except (ValueError, SchemaMismatch):
        error = None  # not the DSS error object: an HTML page from a proxy, truncated JSON...
    if error is None:
        return cls(_describe(response), response=response, error_type=_status_type(response))
    message, error_type, detailed = error.message, error.error_type, error.detailed_message
    return cls(
        message if isinstance(message, str) and message else _describe(response),
        response=response,
        error_type=error_type if isinstance(error_type, str) and error_type else _status_type(response),
        detailed_message=detailed if isinstance(detailed, str) and detailed else None,
    )


def _status_type(response: httpx.Response) -> str:
    return f"HTTP {response.status_code}"


def _describe(response: httpx.Response) -> str:
    """Return a one-line description of a non-DSS error answer."""
    reason = response.reason_phrase or "error"
    request = response.request
    text = f"{reason} ({request.method} {request.url})"
    content_type = response.headers.get("content-type", "")
    if response.content:
        excerpt = response.content[:_BODY_EXCERPT].decode("utf-8", "replace")
        excerpt = " ".join(excerpt.split())
        kind = content_type.split(";")[0] or "body"
        text += f"; {kind}: {excerpt}"
        if len(response.content) > _BODY_EXCERPT:
            text += "..."
    return text
