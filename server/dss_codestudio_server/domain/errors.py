"""The errors the domain raises, each with the DSS error type (`errorType`) clients see.

The HTTP layer maps each class to a status code; the domain itself knows nothing of HTTP.
"""

from __future__ import annotations

MAX_MESSAGE_CHARS = 400
_CLIP_TAIL = 80


def clip(text: str, limit: int = MAX_MESSAGE_CHARS) -> str:
    """Return `text`, or its start and end around how much was left out, in about `limit` characters.

    Error messages quote what the caller sent; clipped, they stay a few hundred characters long
    whatever it was (an 8 MB name is not sent back twice in a 16 MB answer).
    """
    if len(text) <= limit:
        return text
    head = limit - _CLIP_TAIL - 40
    return f"{text[:head]}... ({len(text) - head - _CLIP_TAIL:,} characters left out) ...{text[-_CLIP_TAIL:]}"


class DomainError(Exception):
    """A failure with a DSS error type and a message meant for the caller."""

    error_type = "com.dataiku.dip.exceptions.CodedException"

    def __init__(self, message: str, *, error_type: str | None = None, detail: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.detail = detail or message
        if error_type is not None:
            self.error_type = error_type


class InvalidRequest(DomainError):
    """The request is malformed or asks for something impossible."""

    error_type = "java.lang.IllegalArgumentException"


class NotAuthenticated(DomainError):
    """No API key, or one the server does not know."""

    error_type = "com.dataiku.dip.exceptions.NotAuthenticatedException"


class Forbidden(DomainError):
    """The caller is known but may not do this."""

    error_type = "com.dataiku.dip.exceptions.UnauthorizedException"


class NotFound(DomainError):
    """The named object does not exist (or is hidden from the caller)."""

    error_type = "com.dataiku.dip.server.controllers.NotFoundException"


class Conflict(DomainError):
    """The request conflicts with the current state (an existing name, a running build, ...)."""

    error_type = "com.dataiku.dip.exceptions.CodedException"


class TooLarge(DomainError):
    """A body, upload or archive exceeds the server's limits."""

    error_type = "com.dataiku.dip.exceptions.PayloadTooLargeException"


class JobFailed(DomainError):
    """The work of a future failed; its message is the failure."""

    error_type = "com.dataiku.dip.exceptions.CodedException"


class JobAborted(DomainError):
    """The work of a future was aborted."""

    error_type = "com.dataiku.dip.futures.FutureAbortedException"
