"""The transport: one connection pool, timeouts, typed errors and retries around the generated client."""

from __future__ import annotations

import logging
import ssl
import time
from collections.abc import Awaitable, Callable
from typing import Any, TypeVar

import anyio
import httpx
from dss_codestudio_openapi import Client as GeneratedClient
from dss_codestudio_openapi.types import Response

from .._exceptions import APIResponseValidationError, APIStatusError, make_status_error
from .._http import (
    DEFAULT_LIMITS,
    LONG_RUNNING_OPERATIONS,
    TransportOptions,
    call_time_limit,
    connection_error,
    invalid_body_error,
    last_response,
    log_response,
    parse_json,
    prepare_request,
    schema_mismatch,
)
from .._logs import logger
from .._polling import Deadline
from .._retry import (
    MAX_RETRY_AFTER,
    RETRY_POLICIES,
    RetryPolicy,
    backoff_delay,
    may_retry_status,
    may_retry_transport_error,
    retry_after,
)
from .._types import JSONValue

T = TypeVar("T")
R = TypeVar("R")

# What a parse of a success body raises when the body is not what the spec says.
_PARSE_ERRORS = (ValueError, TypeError, KeyError, AttributeError)


async def _on_request(request: httpx.Request) -> None:
    prepare_request(request)


async def _on_response(response: httpx.Response) -> None:
    last_response.set(response)
    log_response(response)
    if not response.is_success:
        # Raised here, before the generated code parses the body: error bodies that are not DSS
        # error objects (a proxy's HTML page) still become typed errors, with the status.
        await response.aread()
        raise make_status_error(response)


_HOOKS: dict[str, list[Callable[..., Any]]] = {"request": [_on_request], "response": [_on_response]}


def _sharing_pool(root: httpx.AsyncClient, headers: dict[str, str], timeout: httpx.Timeout) -> httpx.AsyncClient:
    """Return an httpx client with other headers and timeout over the pool (and proxy mounts) of `root`."""
    return httpx.AsyncClient(
        base_url=root.base_url,
        headers=headers,
        timeout=timeout,
        transport=root._transport,
        mounts={pattern.pattern: mount for pattern, mount in root._mounts.items()},
        trust_env=False,
        event_hooks=_HOOKS,
    )


class AsyncTransport:
    """Sends calls through one httpx client, turning failures into typed errors and retrying what is safe."""

    def __init__(
        self,
        options: TransportOptions,
        *,
        verify: bool | ssl.SSLContext = True,
        transport: httpx.AsyncBaseTransport | None = None,
        parent: AsyncTransport | None = None,
    ) -> None:
        self.options = options
        self.sleep: Callable[[float], Awaitable[None]] = anyio.sleep
        self.clock: Callable[[], float] = time.monotonic
        if parent is None:
            self._http = httpx.AsyncClient(
                base_url=options.base_url,
                headers=options.headers,
                timeout=options.timeout,
                verify=verify,
                transport=transport,
                limits=DEFAULT_LIMITS,
                event_hooks=_HOOKS,
            )
            self._owns_pool = True
        else:
            self._http = _sharing_pool(parent._http, options.headers, options.timeout)
            self.sleep = parent.sleep
            self.clock = parent.clock
            self._owns_pool = False
        self.generated = GeneratedClient(base_url=options.base_url).set_async_httpx_client(self._http)
        self._generated_long: GeneratedClient | None = None

    def derive(self, options: TransportOptions) -> AsyncTransport:
        """Return a transport with other options that shares this one's connection pool."""
        return AsyncTransport(options, parent=self)

    @property
    def max_retries(self) -> int:
        """How many times a failed call may be retried."""
        return self.options.max_retries

    async def close(self) -> None:
        """Close the connection pool (only the transport that opened it does)."""
        if self._owns_pool:
            await self._http.aclose()

    @property
    def is_closed(self) -> bool:
        """Whether the connection pool is closed."""
        return self._http.is_closed

    async def call(
        self,
        operation: str,
        send: Callable[[GeneratedClient], Awaitable[Response[T]]],
        *,
        deadline: Deadline | None = None,
    ) -> Response[T]:
        """Run a generated `*_detailed` call, with retries as `operation` allows.

        With a `deadline` (a wait's), each attempt's timeout is cut to the time left (at least
        MIN_WAIT_CALL_TIMEOUT) and no retry is made that would start after it.
        """
        client = self._generated_for(operation)
        return await self._with_retries(operation, lambda: send(client), deadline)

    def _generated_for(self, operation: str) -> GeneratedClient:
        """Return the generated client to send `operation` with: long-running ones get the long timeout."""
        long_timeout = self.options.long_timeout
        if long_timeout is None or operation not in LONG_RUNNING_OPERATIONS:
            return self.generated
        if self._generated_long is None:
            http = _sharing_pool(self._http, self.options.headers, long_timeout)
            self._generated_long = GeneratedClient(base_url=self.options.base_url).set_async_httpx_client(http)
        return self._generated_long

    async def call_json(
        self,
        operation: str,
        send: Callable[[GeneratedClient], Awaitable[Response[T]]],
        *,
        lenient: bool = False,
        deadline: Deadline | None = None,
    ) -> JSONValue:
        """Run a generated call and answer the JSON of its success answer, every field included.

        The generated code parses the body against the spec. A body that is JSON but does not match
        (a field of a type a newer DSS changed) is still answered, with a warning: the facade reads
        raw dictionaries tolerantly. A body that is not JSON raises APIResponseValidationError, or
        gives None with `lenient`.
        """
        try:
            response = await self.call(operation, send, deadline=deadline)
        except APIResponseValidationError as exc:
            value = schema_mismatch(operation, exc)
            if value is not None or lenient:
                return value
            raise
        try:
            return parse_json(operation, response.content)
        except APIResponseValidationError:
            if lenient:
                return None
            raise

    async def stream(self, operation: str, kwargs: dict[str, Any]) -> httpx.Response:
        """Send the request the generated client describes with `kwargs`, and answer it unread (streamed)."""
        http = self._generated_for(operation).get_async_httpx_client()
        request = http.build_request(**kwargs)
        return await self._with_retries(operation, lambda: http.send(request, stream=True))

    async def _with_retries(
        self, operation: str, attempt_once: Callable[[], Awaitable[R]], deadline: Deadline | None = None
    ) -> R:
        policy = RETRY_POLICIES[operation]
        attempt = 0
        while True:
            started = self.clock()
            limit = call_time_limit.set(None if deadline is None else deadline.call_time_limit())
            try:
                result = await attempt_once()
            except APIStatusError as exc:
                delay = self._status_retry_delay(policy, exc, attempt)
                if delay is None or (deadline is not None and not deadline.allows(delay)):
                    self._log_call(operation, exc.response, started)
                    raise
                failure = f"HTTP {exc.status}"
            except httpx.TransportError as exc:
                delay = backoff_delay(attempt)
                if (
                    attempt >= self.max_retries
                    or not may_retry_transport_error(policy, exc)
                    or (deadline is not None and not deadline.allows(delay))
                ):
                    raise connection_error(exc) from exc
                failure = type(exc).__name__
            except httpx.HTTPError as exc:
                raise connection_error(exc) from exc
            except _PARSE_ERRORS as exc:
                raise invalid_body_error(operation, exc) from exc
            else:
                if logger.isEnabledFor(logging.INFO):
                    self._log_call(operation, last_response.get(), started)
                return result
            finally:
                call_time_limit.reset(limit)
            attempt += 1
            logger.info(
                "%s failed (%s); retry %d of %d in %.2f s", operation, failure, attempt, self.max_retries, delay
            )
            await self.sleep(delay)

    def _status_retry_delay(self, policy: RetryPolicy, exc: APIStatusError, attempt: int) -> float | None:
        if attempt >= self.max_retries or not may_retry_status(policy, exc.status or 0):
            return None
        asked = retry_after(exc.headers)
        if asked is None:
            return backoff_delay(attempt)
        return asked if asked <= MAX_RETRY_AFTER else None

    def _log_call(self, operation: str, response: httpx.Response | None, started: float) -> None:
        if response is not None:
            request = response.request
            logger.info(
                "%s %s %s -> %d (%.1f ms)",
                operation,
                request.method,
                request.url,
                response.status_code,
                (self.clock() - started) * 1000,
            )
