"""Exit codes, and the one-line message and exit code of each failure the CLI can meet.

Scripts branch on the exit code, so each kind of failure has its own, documented in `--help`.
"""

from __future__ import annotations

import enum
import re

from dss_codestudio import (
    APIConnectionError,
    APIStatusError,
    APITimeoutError,
    AuthenticationError,
    ConfigurationError,
    DataikuException,
    JSONObject,
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
    # `serve` (the reference server, run in this process) exits with these when it cannot start
    # serving; dss_codestudio_server.exit_codes defines them, and a test keeps the two lists equal.
    SERVE_DATA_DIR_IN_USE = 10
    SERVE_NOT_A_DATA_DIR = 11
    SERVE_ADDRESS_UNAVAILABLE = 12
    SERVE_SANDBOX_UNAVAILABLE = 13
    INTERRUPTED = 130
    TERMINATED = 143


MEANINGS: dict[ExitCode, str] = {
    ExitCode.OK: "success",
    ExitCode.FAILED: "DSS refused the request, or a long task (build, start, stop...) failed or was aborted",
    ExitCode.USAGE: "the command line is wrong (unknown option, missing argument, ambiguous name...)",
    ExitCode.CONFLICTS: "files are in conflict between DSS and a code studio; they were not overwritten",
    ExitCode.TIMEOUT: "a wait or a call did not end within its timeout (the work may go on on DSS)",
    ExitCode.AUTH: "an unknown API key, or one whose user may not do this (HTTP 401 or 403)",
    ExitCode.NOT_FOUND: "the project, code studio, template, zone or future does not exist",
    ExitCode.UNREACHABLE: "DSS could not be reached (connection refused, DNS, TLS...)",
    ExitCode.CONFIG: "no DSS or no API key configured, a URL without http(s)://, an invalid configuration file,"
    " or the server extra missing",
    ExitCode.INTERNAL: "a bug in dss-codestudio: rerun with --debug and report the traceback",
    ExitCode.SERVE_DATA_DIR_IN_USE: "serve: another server serves this data directory",
    ExitCode.SERVE_NOT_A_DATA_DIR: "serve: the folder is not a data directory of dss-codestudio-server",
    ExitCode.SERVE_ADDRESS_UNAVAILABLE: "serve: the address cannot be listened on",
    ExitCode.SERVE_SANDBOX_UNAVAILABLE: "serve: studios cannot be sandboxed here and --require-sandbox was given",
    ExitCode.INTERRUPTED: "interrupted (Ctrl-C, SIGINT)",
    ExitCode.TERMINATED: "terminated (SIGTERM); the work started on DSS goes on",
}

EXIT_CODES_HELP = "\n".join(f"{code.value:>3}  {code.name.lower()}: {MEANINGS[code]}" for code in ExitCode)

# The `errorType` of failures the CLI finds itself (DSS's failures keep DSS's own).
ERROR_TYPES: dict[ExitCode, str] = {
    ExitCode.FAILED: "Failed",
    ExitCode.USAGE: "UsageError",
    ExitCode.CONFLICTS: "Conflicts",
    ExitCode.TIMEOUT: "Timeout",
    ExitCode.AUTH: "AuthenticationError",
    ExitCode.NOT_FOUND: "NotFound",
    ExitCode.UNREACHABLE: "Unreachable",
    ExitCode.CONFIG: "ConfigurationError",
    ExitCode.INTERRUPTED: "Interrupted",
    ExitCode.TERMINATED: "Terminated",
}


class Terminated(KeyboardInterrupt):
    """The CLI received SIGTERM: it stops as on Ctrl-C (progress closed, one line said), exit code 143."""


class CliError(Exception):
    """A failure the CLI reports itself: one line on stderr; with --json, `{"error": {...}}` and `payload`.

    `cause` is the DSS failure it explains, if any: its HTTP status and errorType are reported.
    """

    def __init__(
        self,
        message: str,
        code: ExitCode = ExitCode.FAILED,
        payload: JSONObject | None = None,
        *,
        cause: DataikuException | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.code = code
        self.payload = payload
        self.cause = cause


def exit_code_of(exc: BaseException) -> ExitCode:
    """Return the exit code a failure ends the command with."""
    if isinstance(exc, CliError):
        return exc.code
    if isinstance(exc, Terminated):
        return ExitCode.TERMINATED
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


# DSS's messages give their hints as REST calls; the CLI gives them as its own commands.
_REST_HINTS: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"\(POST /admin/code-studios/([^/\s]+)/build\)"), r"(dss-codestudio templates build \1)"),
    (re.compile(r"\(with force=true, ([^)]*)\)"), r"(with --force, \1)"),
    (re.compile(r"with force=true"), "with --force"),
]


def cli_words(message: str) -> str:
    """Say the hints of a DSS message (`POST /admin/...`, `force=true`) as dss-codestudio commands and options."""
    for pattern, replacement in _REST_HINTS:
        message = pattern.sub(replacement, message)
    return message


def describe(exc: BaseException) -> str:
    """Return the one-line message of a failure (without the `error:` prefix)."""
    if isinstance(exc, CliError):
        return one_line(exc.message)
    if isinstance(exc, Terminated):
        return "terminated (SIGTERM)"
    if isinstance(exc, KeyboardInterrupt):
        return "interrupted"
    if isinstance(exc, APIStatusError):
        text = cli_words(exc.detailed_message or exc.message)
        kind = _short_type(exc.error_type) if exc.error_type else ""
        details = ", ".join(p for p in (kind, f"HTTP {exc.status} on {exc.method} {exc.url}") if p)
        return one_line(f"{text} ({details})")
    if isinstance(exc, APIConnectionError):
        return one_line(f"cannot reach DSS at {exc.url}: {exc.message}")
    if isinstance(exc, ConfigurationError):
        return one_line(exc.message)
    if isinstance(exc, DataikuException):
        return one_line(str(exc))
    return one_line(f"internal error: {type(exc).__name__}: {exc} (rerun with --debug for the traceback)")


def error_type_of(exc: BaseException) -> str:
    """Return the `errorType` of a failure: DSS's, or the CLI's own name for it."""
    dss = exc.cause if isinstance(exc, CliError) else exc
    if isinstance(dss, DataikuException) and dss.error_type:
        return dss.error_type
    return ERROR_TYPES.get(exit_code_of(exc), type(exc).__name__)


def status_of(exc: BaseException) -> int | None:
    """Return the HTTP status DSS answered the failing call with, if it answered one."""
    dss = exc.cause if isinstance(exc, CliError) else exc
    return dss.status if isinstance(dss, DataikuException) else None


def error_payload(exc: BaseException) -> JSONObject:
    """Return the JSON answer of a failure for --json: `{"error": {exitCode, errorType, status, message}}`.

    A CliError's own payload (a conflict report...) is given beside `error`.
    """
    error: JSONObject = {
        "exitCode": int(exit_code_of(exc)),
        "errorType": error_type_of(exc),
        "status": status_of(exc),
        "message": describe(exc),
    }
    extra = exc.payload if isinstance(exc, CliError) and exc.payload is not None else {}
    return {"error": error, **{k: v for k, v in extra.items() if k != "error"}}
