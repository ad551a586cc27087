"""Every error answer is the DSS error object: `{errorType, message, detailedMessage}`.

This maps the domain's errors to status codes, and turns connexion's own problems (validation,
security), Starlette's HTTP errors (404, 405 with its Allow header) and unexpected exceptions into
the same shape.

Messages quote what the caller sent (a name that is too long, a path that is refused): each message
is clipped (`domain.errors.clip`), its start and end kept, so an 8 MB name costs a few hundred bytes
of answer, not 16 MB.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Mapping

from connexion.exceptions import ProblemException
from connexion.lifecycle import ConnexionRequest, ConnexionResponse
from starlette.exceptions import HTTPException

from dss_codestudio_server.domain import errors
from dss_codestudio_server.domain.errors import clip
from dss_codestudio_server.http.spec import allowed_methods
from dss_codestudio_server.storage import StorageProblem, storage_problem

log = logging.getLogger(__name__)

STATUS_BY_ERROR: list[tuple[type[errors.DomainError], int]] = [
    (errors.InvalidRequest, 400),
    (errors.NotAuthenticated, 401),
    (errors.Forbidden, 403),
    (errors.NotFound, 404),
    (errors.JobAborted, 409),
    (errors.Conflict, 409),
    (errors.TooLarge, 413),
    (errors.JobFailed, 500),
]
ERROR_TYPE_BY_STATUS = {
    400: errors.InvalidRequest.error_type,
    401: errors.NotAuthenticated.error_type,
    403: errors.Forbidden.error_type,
    404: errors.NotFound.error_type,
    405: "com.dataiku.dip.exceptions.MethodNotAllowedException",
    409: errors.Conflict.error_type,
    413: errors.TooLarge.error_type,
    415: errors.InvalidRequest.error_type,
}
INTERNAL_ERROR_TYPE = "java.lang.IllegalStateException"
STORAGE_ERROR_TYPE = "java.io.IOException"
# A full disk is 507 Insufficient Storage; a data directory that cannot be written, 503 Service
# Unavailable: neither is the caller's fault, nor a bug (500), and nothing was changed.
STATUS_BY_STORAGE_PROBLEM = {StorageProblem.FULL: 507, StorageProblem.UNWRITABLE: 503}


def error_body(error_type: str, message: str, detail: str | None = None) -> bytes:
    """Return the DSS error object, serialised, its messages clipped."""
    message = clip(message)
    return json.dumps(
        {"errorType": error_type, "message": message, "detailedMessage": clip(detail or message)}
    ).encode()


def error_response(
    status: int, error_type: str, message: str, detail: str | None = None, headers: Mapping[str, str] | None = None
) -> ConnexionResponse:
    """Return a response carrying the DSS error object."""
    return ConnexionResponse(
        status_code=status,
        mimetype="application/json",
        content_type="application/json",
        body=error_body(error_type, message, detail),
        headers=dict(headers or {}),
    )


def status_of(exc: errors.DomainError) -> int:
    """Return the HTTP status of a domain error."""
    for cls, status in STATUS_BY_ERROR:
        if isinstance(exc, cls):
            return status
    return 500


def domain_error(_request: ConnexionRequest, exc: Exception) -> ConnexionResponse:
    """Answer a domain error with its status and DSS error type."""
    assert isinstance(exc, errors.DomainError)
    status = status_of(exc)
    if status >= 500:
        log.warning("%s: %s", exc.error_type, clip(exc.message))
    return error_response(status, exc.error_type, exc.message, exc.detail)


def _text(value: object) -> str:
    return value if isinstance(value, str) else ""


def problem(_request: ConnexionRequest, exc: Exception) -> ConnexionResponse:
    """Answer connexion's problems (validation, security, ...) as DSS errors."""
    assert isinstance(exc, ProblemException)
    status = int(exc.status or 500)
    detail = _text(exc.detail) or _text(exc.title) or "Error"
    if status == 401:
        message = "No API key provided" if "No authorization" in detail else detail
        return error_response(401, errors.NotAuthenticated.error_type, message)
    if status >= 500:
        log.error("server problem: %s", clip(detail))
        return error_response(status, INTERNAL_ERROR_TYPE, "Internal server error", detail)
    first_line = detail.strip().splitlines()[0] if detail.strip() else detail
    return error_response(
        status, ERROR_TYPE_BY_STATUS.get(status, errors.InvalidRequest.error_type), first_line, detail
    )


def http_exception(request: ConnexionRequest, exc: Exception) -> ConnexionResponse:
    """Answer Starlette's HTTP errors (unknown path, wrong method, bad multipart) as DSS errors."""
    assert isinstance(exc, HTTPException)
    status = exc.status_code
    messages = {404: "Not found", 405: "Method not allowed"}
    message = messages.get(status) or str(exc.detail)
    error_type = ERROR_TYPE_BY_STATUS.get(
        status, INTERNAL_ERROR_TYPE if status >= 500 else errors.InvalidRequest.error_type
    )
    headers = dict(exc.headers or {})
    if status == 405:
        # The router names the methods of the one route it matched; a path has one route per method.
        allow = allowed_methods(request.url.path)
        if allow:
            headers["Allow"] = allow
    return error_response(status, error_type, message, str(exc.detail), headers=headers)


def malformed_multipart(_request: ConnexionRequest, exc: Exception) -> ConnexionResponse:
    """Answer a multipart body the form parser cannot read with 400 (it is the client's error)."""
    return error_response(400, errors.InvalidRequest.error_type, f"Malformed multipart body: {exc}")


def unexpected(request: ConnexionRequest, exc: Exception) -> ConnexionResponse:
    """Answer anything else with 500, logged, without leaking internals to the caller.

    A full disk (507) or an unwritable data directory (503) is told apart from a bug and named.
    """
    problem_ = storage_problem(exc)
    if problem_ is not None:
        message = problem_.describe(exc)
        log.error("%s", message)
        return error_response(STATUS_BY_STORAGE_PROBLEM[problem_], STORAGE_ERROR_TYPE, message)
    log.error("unexpected error", exc_info=exc)
    return error_response(500, INTERNAL_ERROR_TYPE, "Internal server error", f"{type(exc).__name__}")
