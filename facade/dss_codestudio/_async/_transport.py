"""The transport: one connection pool, per-call settings, typed errors and retries around the generated client."""

from __future__ import annotations

import logging
import ssl
import time
from collections.abc import Awaitable, Callable
from types import ModuleType
from typing import Any, ParamSpec, TypeVar, cast

import anyio
import httpx
from dss_codestudio_openapi import Client as GeneratedClient
from dss_codestudio_openapi.operations import Operation, RetryPolicy
from dss_codestudio_openapi.types import Response

from .._exceptions import APIStatusError, make_status_error
from .._http import (
    DEFAULT_LIMITS,
    CallSettings,
    CallState,
    TransportOptions,
    connection_error,
    current_call,
    fill_path,
    invalid_body_error,
    operation_of,
    prepare_request,
    record_response,
)
from .._logs import logger
from .._parsing import PARSE_ERRORS, SchemaMismatch, read_leniently
from .._polling import Deadline
from .._retry import MAX_RETRY_AFTER, backoff_delay, may_retry_status, may_retry_transport_error, retry_after

P = ParamSpec("P")
T = TypeVar("T")
R = TypeVar("R")


async def _on_request(request: httpx.Request) -> None:
    prepare_request(request)


async def _on_response(response: httpx.Response) -> None:
    record_response(response)
    if not response.is_success:
        # Raised here, before the generated code parses the body: error bodies that are not DSS
        # error objects (a proxy's HTML page) still become typed errors, with the status.
        await response.aread()
        raise make_status_error(response)


_HOOKS: dict[str, list[Callable[..., Any]]] = {"request": [_on_request], "response": [_on_response]}


class AsyncTransport:
    """Sends calls through one httpx client, turning failures into typed errors and retrying what is safe.

    Transports derived by `with_options` share the httpx client (and so the connection pool) of the
    one they come from: what differs (timeouts, extra headers) is given to each request by the
    request hook, from the settings of the call being made (`current_call`).
    """

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
                auth=options.auth,
                timeout=options.timeout,
                verify=verify,
                transport=transport,
                limits=DEFAULT_LIMITS,
                event_hooks=_HOOKS,
            )
            self.generated = GeneratedClient(base_url=options.base_url).set_async_httpx_client(self._http)
            self._owns_pool = True
        else:
            self._http = parent._http
            self.generated = parent.generated
            self.sleep = parent.sleep
            self.clock = parent.clock
            self._owns_pool = False
        # Made once for each operation called.
        self._settings: dict[str, CallSettings] = {}

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
        deadline: Deadline | None,
        send: Callable[P, Awaitable[Response[T]]],
        *args: P.args,
        **kwargs: P.kwargs,
    ) -> Response[T]:
        """Call a generated `*_detailed` function, with the retries and timeouts its operation's policy gives.

        The generated code parses a success answer into its model; an answer it cannot parse is read
        leniently (`_parsing`), or raises APIResponseValidationError. With a `deadline` (a wait's),
        each attempt's timeout is cut to the time left (at least MIN_WAIT_CALL_TIMEOUT) and no retry
        is made that would start after it.
        """
        return await self._send(operation_of(send), deadline, send, *args, **kwargs)

    async def stream(self, module: ModuleType, *path_values: str) -> httpx.Response:
        """Send the request of an operation without a body, and answer it unread (streamed).

        For answers too large to hold in memory (template exports), which the generated code reads whole.
        """
        operation, path = fill_path(module, path_values)
        request = self._http.build_request(operation.method, path)
        return await self._send(operation, None, self._http.send, request, stream=True)

    async def _send(
        self,
        operation: Operation,
        deadline: Deadline | None,
        send: Callable[P, Awaitable[R]],
        *args: P.args,
        **kwargs: P.kwargs,
    ) -> R:
        settings = self._settings.get(operation.operation_id)
        if settings is None:
            settings = self._settings[operation.operation_id] = self.options.call_settings(operation)
        attempt = 0
        while True:
            started = self.clock()
            call = CallState(settings if deadline is None else settings.limited(deadline.call_time_limit()))
            token = current_call.set(call)
            try:
                result = await send(*args, **kwargs)
            except APIStatusError as exc:
                delay = self._status_retry_delay(operation.retry, exc, attempt)
                if delay is None or (deadline is not None and not deadline.allows(delay)):
                    self._log_call(operation, exc.response, started)
                    raise
                failure = f"HTTP {exc.status}"
            except httpx.TransportError as exc:
                delay = backoff_delay(attempt)
                if (
                    attempt >= self.max_retries
                    or not may_retry_transport_error(operation.retry, exc)
                    or (deadline is not None and not deadline.allows(delay))
                ):
                    raise connection_error(exc) from exc
                failure = type(exc).__name__
            except httpx.HTTPError as exc:
                raise connection_error(exc) from exc
            except PARSE_ERRORS as exc:
                # The generated code could not read a success answer into its model.
                if call.response is None:
                    raise invalid_body_error(operation.operation_id, exc, None) from exc
                try:
                    return cast(R, read_leniently(send, call.response))  # logs what does not match
                except SchemaMismatch as mismatch:
                    raise invalid_body_error(operation.operation_id, mismatch, call.response) from exc
            else:
                if logger.isEnabledFor(logging.INFO):
                    self._log_call(operation, call.response, started)
                return result
            finally:
                current_call.reset(token)
            attempt += 1
            logger.info(
                "%s failed (%s); retry %d of %d in %.2f s",
                operation.operation_id,
                failure,
                attempt,
                self.max_retries,
                delay,
            )
            await self.sleep(delay)

    def _status_retry_delay(self, policy: RetryPolicy, exc: APIStatusError, attempt: int) -> float | None:
        if attempt >= self.max_retries or not may_retry_status(policy, exc.status or 0):
            return None
        asked = retry_after(exc.headers)
        if asked is None:
            return backoff_delay(attempt)
        return asked if asked <= MAX_RETRY_AFTER else None

    def _log_call(self, operation: Operation, response: httpx.Response | None, started: float) -> None:
        if response is not None:
            request = response.request
            logger.info(
                "%s %s %s -> %d (%.1f ms)",
                operation.operation_id,
                request.method,
                request.url,
                response.status_code,
                (self.clock() - started) * 1000,
            )
