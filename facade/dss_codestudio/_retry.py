"""Which calls may be retried, and how long to wait between attempts.

Retries are decided per operation, not per HTTP method: DSS's `push` and `pull` are GETs that change
state. An operation is either REPEATABLE (doing it twice is the same as doing it once; retried after
timeouts, dropped connections and transient statuses) or UNSENT_ONLY (retried only when the request
provably never reached the server: the connection could not be opened).
"""

from __future__ import annotations

import email.utils
import enum
import random
import time
from collections.abc import Mapping

import httpx

DEFAULT_MAX_RETRIES = 2
INITIAL_RETRY_DELAY = 0.5
MAX_RETRY_DELAY = 8.0
# A Retry-After longer than this is not honoured: the call fails with the error (RateLimitError...)
# rather than hang for minutes, and the caller decides.
MAX_RETRY_AFTER = 60.0

# Transient answers: a timeout at a proxy, rate limiting, a gateway or DSS restarting. Not 500: DSS
# answers business failures with 500 (a failed future, a missing code env), which repeat identically.
RETRYABLE_STATUSES = frozenset({408, 429, 502, 503, 504})


class RetryPolicy(enum.Enum):
    """How an operation may be retried."""

    REPEATABLE = "repeatable"
    """Safe to repeat: retried after timeouts, connection failures and transient statuses."""
    UNSENT_ONLY = "unsent-only"
    """Changes state: retried only when the connection could not be opened (nothing was sent)."""


R = RetryPolicy.REPEATABLE
U = RetryPolicy.UNSENT_ONLY

RETRY_POLICIES: Mapping[str, RetryPolicy] = {
    # Code studio templates
    "listCodeStudioTemplates": R,
    "getCodeStudioTemplateSettings": R,
    "saveCodeStudioTemplateSettings": R,  # a PUT of the whole object: repeating it changes nothing
    "exportCodeStudioTemplate": R,
    "createCodeStudioTemplate": U,  # a second template would be created
    "importCodeStudioTemplate": U,  # likewise
    "buildCodeStudioTemplate": U,  # a second build would be queued
    "deleteCodeStudioTemplate": U,  # a repeat answers 404 and loses the messages of the deletion
    # Projects
    "listProjects": R,
    "createProject": U,
    "deleteProject": U,  # a repeat answers 404 and loses the result of the deletion
    # Code studios
    "listCodeStudios": R,
    "getCodeStudioSettings": R,
    "getCodeStudioStatus": R,
    "checkCodeStudioConflicts": R,  # read-only, although it may be slow
    "createCodeStudio": U,
    "deleteCodeStudio": U,  # stops the studio and pulls its files first; a repeat answers 404
    "restartCodeStudio": U,  # a repeat restarts a studio that just started
    "stopCodeStudio": U,
    "pullFromCodeStudio": U,  # a GET that copies files studio -> DSS
    "pushToCodeStudio": U,  # a GET that copies files DSS -> studio
    "changeCodeStudioOwner": U,
    "createCodeStudioBrowserLogin": U,  # each call mints a single-use link
    # Project libraries
    "getProjectLibraryContents": R,
    "getProjectLibraryFile": R,
    "writeProjectLibraryFile": U,
    "createProjectLibraryFolder": U,
    "deleteProjectLibraryItem": U,
    "renameProjectLibraryItem": U,
    "moveProjectLibraryItem": U,
    # Futures
    "listFutures": R,
    "getFutureState": R,  # peeking or fetching a state does not change it
    "abortFuture": R,  # aborting a finished or aborted future changes nothing
}

# Exceptions raised before any byte of the request left this machine.
UNSENT_ERRORS: tuple[type[httpx.TransportError], ...] = (httpx.ConnectError, httpx.ConnectTimeout, httpx.PoolTimeout)


def may_retry_transport_error(policy: RetryPolicy, exc: httpx.TransportError) -> bool:
    """Whether a failed attempt that raised `exc` may be made again under `policy`."""
    if isinstance(exc, UNSENT_ERRORS):
        return True
    if policy is not RetryPolicy.REPEATABLE:
        return False
    # Timeouts and broken connections (reset, closed without an answer) are transient; errors of
    # this client's own making (an invalid URL, an unsupported protocol) are not.
    return isinstance(exc, httpx.TimeoutException | httpx.NetworkError | httpx.RemoteProtocolError)


def may_retry_status(policy: RetryPolicy, status: int) -> bool:
    """Whether an error answer with `status` may be retried under `policy`."""
    return policy is RetryPolicy.REPEATABLE and status in RETRYABLE_STATUSES


def backoff_delay(attempt: int, rng: random.Random | None = None) -> float:
    """Delay before retry number `attempt` + 1: exponential from 0.5 s, capped at 8 s, minus up to 25 % jitter."""
    delay: float = min(INITIAL_RETRY_DELAY * 2.0**attempt, MAX_RETRY_DELAY)
    jitter = (rng or random).random() * 0.25
    return delay * (1 - jitter)


def retry_after(headers: httpx.Headers, now: float | None = None) -> float | None:
    """Return the delay a `Retry-After` (seconds or HTTP date) or `Retry-After-Ms` header asks for, if any."""
    ms = headers.get("retry-after-ms")
    if ms is not None:
        try:
            return max(float(ms) / 1000, 0.0)
        except ValueError:
            pass
    value = headers.get("retry-after")
    if value is None:
        return None
    value = value.strip()
    try:
        return max(float(value), 0.0)
    except ValueError:
        pass
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if when is None:
        return None
    return max(when.timestamp() - (time.time() if now is None else now), 0.0)
