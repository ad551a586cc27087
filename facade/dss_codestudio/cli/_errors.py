"""Exit codes, and the one-line message and exit code of each failure the CLI can meet.

Scripts branch on the exit code, so each kind of failure has its own, documented in `--help`.
"""

from __future__ import annotations

import enum

from dss_codestudio import (
    APIConnectionError,
    APIStatusError,
    APITimeoutError,
    AuthenticationError,
    ConfigurationError,
    DataikuException,
    JSONObject,
    JSONValue,
    NotFoundError,
    PermissionDeniedError,
    WaitTimeoutError,
)


class ExitCode(enum.IntEnum):
    """What the exit status of `dss-codestudio` means (`MEANINGS` says it in words)."""

    OK = 0
    FAILED = 1
    USAGE = 2
    CONFLICTS = 3
    TIMEOUT = 4
    AUTH = 5
    NOT_FOUND = 6
    UNREACHABLE = 7
    CONFIG = 8
    INTERNAL = 9
    INTERRUPTED = 130


MEANINGS: dict[ExitCode, str] = {
    ExitCode.OK: "success",
    ExitCode.FAILED: "DSS refused the request, or a long task (build, start, stop...) failed or was aborted",
    ExitCode.USAGE: "the command line is wrong (unknown option, missing argument, ambiguous name...)",
    ExitCode.CONFLICTS: "files are in conflict between DSS and a code studio; they were not overwritten",
    ExitCode.TIMEOUT: "a wait or a call did not end within its timeout (the work may go on on DSS)",
    ExitCode.AUTH: "no API key, an unknown one, or one whose user may not do this (HTTP 401 or 403)",
    ExitCode.NOT_FOUND: "the project, code studio, template, zone or future does not exist",
    ExitCode.UNREACHABLE: "DSS could not be reached (connection refused, DNS, TLS...)",
    ExitCode.CONFIG: "no DSS is configured, the configuration is invalid, or the server extra is missing",
    ExitCode.INTERNAL: "a bug in dss-codestudio: rerun with --debug and report the traceback",
    ExitCode.INTERRUPTED: "interrupted (Ctrl-C)",
}

EXIT_CODES_HELP = "\n".join(f"{code.value:>3}  {code.name.lower()}: {MEANINGS[code]}" for code in ExitCode)


class CliError(Exception):
    """A failure the CLI reports itself: one line on stderr, and `payload` as the JSON answer with --json."""

    def __init__(self, message: str, code: ExitCode = ExitCode.FAILED, payload: JSONObject | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.code = code
        self.payload = payload


def exit_code_of(exc: BaseException) -> ExitCode:
    """Return the exit code a failure ends the command with."""
    if isinstance(exc, CliError):
        return exc.code
    if isinstance(exc, KeyboardInterrupt):
        return ExitCode.INTERRUPTED
    if isinstance(exc, ConfigurationError):
        return ExitCode.CONFIG
    if isinstance(exc, WaitTimeoutError | APITimeoutError):
        return ExitCode.TIMEOUT
    if isinstance(exc, APIConnectionError):
        return ExitCode.UNREACHABLE
    if isinstance(exc, AuthenticationError | PermissionDeniedError):
        return ExitCode.AUTH
    if isinstance(exc, NotFoundError):
        return ExitCode.NOT_FOUND
    if isinstance(exc, DataikuException):
        return ExitCode.FAILED
    return ExitCode.INTERNAL


def _short_type(error_type: str) -> str:
    """`com.dataiku.dip.exceptions.UnknownObjectException` -> `UnknownObjectException`."""
    return error_type.rsplit(".", 1)[-1]


def one_line(text: str) -> str:
    """Collapse whitespace (newlines included) so a message fits on one line."""
    return " ".join(text.split())


def describe(exc: BaseException) -> str:
    """Return the one-line message of a failure (without the `error:` prefix)."""
    if isinstance(exc, CliError):
        return one_line(exc.message)
    if isinstance(exc, KeyboardInterrupt):
        return "interrupted"
    if isinstance(exc, APIStatusError):
        text = exc.detailed_message or exc.message
        kind = _short_type(exc.error_type) if exc.error_type else ""
        details = ", ".join(p for p in (kind, f"HTTP {exc.status} on {exc.method} {exc.url}") if p)
        return one_line(f"{text} ({details})")
    if isinstance(exc, APIConnectionError):
        return one_line(f"cannot reach DSS at {exc.url}: {exc.message}")
    if isinstance(exc, DataikuException):
        return one_line(str(exc))
    return one_line(f"internal error: {type(exc).__name__}: {exc} (rerun with --debug for the traceback)")


def error_payload(exc: BaseException) -> JSONObject:
    """Return the JSON answer of a failure for --json: `{"error": {...}}`, or the CliError's own payload."""
    if isinstance(exc, CliError) and exc.payload is not None:
        return exc.payload
    error: dict[str, JSONValue] = {"exitCode": int(exit_code_of(exc)), "message": describe(exc)}
    if isinstance(exc, DataikuException):
        error.update({"errorType": exc.error_type, "status": exc.status})
    return {"error": error}
