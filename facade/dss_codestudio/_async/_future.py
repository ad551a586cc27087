"""Futures: long-running tasks on DSS (template builds, code studio starts and stops, project deletions)."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Generic, TypeVar, overload

from dss_codestudio_openapi.api.futures import abort_future, get_future_state

from .._exceptions import (
    APITimeoutError,
    ConflictError,
    DataikuException,
    FutureAbortedError,
    FutureError,
    FutureFailedError,
    FutureTimeoutError,
    InternalServerError,
)
from .._http import path_segment
from .._polling import DEFAULT_WAIT_TIMEOUT, Deadline, PollSchedule
from .._types import JSONObject, JSONValue, as_object
from .._views import DSSFutureProgress

if TYPE_CHECKING:
    from ._client import AsyncDSSClient

T = TypeVar("T")
U = TypeVar("U")

ProgressCallback = Callable[[DSSFutureProgress], object]
"""What `wait_for_result(on_progress=...)` calls after each poll of a running future."""


def _identity(result: JSONValue) -> JSONValue:
    return result


def _finished(state: JSONObject) -> bool:
    """Whether a (peeked) state says the work is over: a result, an abort, or no longer alive."""
    return state.get("hasResult") is True or state.get("aborted") is True or state.get("alive") is False


class AsyncDSSFuture(Generic[T]):
    """A long-running task on DSS: track its state, wait for its result with a deadline, or abort it.

    `T` is the type of the result: `wait_for_result()` returns a `DSSCodeStudioTemplateBuildResult`
    for a build, a `DSSCodeStudioStartResult` for a start, the raw JSON for a future got by id.
    """

    @overload
    def __init__(
        self: AsyncDSSFuture[JSONValue],
        client: AsyncDSSClient,
        job_id: str | None,
        state: JSONObject | None = None,
    ) -> None: ...
    @overload
    def __init__(
        self,
        client: AsyncDSSClient,
        job_id: str | None,
        state: JSONObject | None = None,
        result_wrapper: Callable[[JSONValue], T] = ...,
    ) -> None: ...
    def __init__(
        self,
        client: AsyncDSSClient,
        job_id: str | None,
        state: JSONObject | None = None,
        result_wrapper: Callable[[JSONValue], T] | None = None,
    ) -> None:
        self.client = client
        self.job_id = None if job_id is None else path_segment(job_id, "job id")
        self.state = state
        # Whether `state` came from a peek, which leaves the result out.
        self.state_is_peek = True
        self.result_wrapper: Callable[[JSONValue], T] = result_wrapper or _identity  # type: ignore[assignment]

    @overload
    @staticmethod
    def from_resp(client: AsyncDSSClient, resp: Mapping[str, JSONValue]) -> AsyncDSSFuture[JSONValue]: ...
    @overload
    @staticmethod
    def from_resp(
        client: AsyncDSSClient, resp: Mapping[str, JSONValue], result_wrapper: Callable[[JSONValue], U]
    ) -> AsyncDSSFuture[U]: ...
    @staticmethod
    def from_resp(
        client: AsyncDSSClient,
        resp: Mapping[str, JSONValue],
        result_wrapper: Callable[[JSONValue], U] | None = None,
    ) -> AsyncDSSFuture[JSONValue] | AsyncDSSFuture[U]:
        """Return a future from the answer of a call that started a long-running task.

        When the task finished at once, the answer holds the result and no `jobId`, and waiting
        returns the result without any call.
        """
        state = dict(resp)
        job_id = state.get("jobId") or None  # DSS leaves it out (or empty) for work that finished at once
        future: AsyncDSSFuture[JSONValue] | AsyncDSSFuture[U]
        if result_wrapper is None:
            future = AsyncDSSFuture(client, job_id if isinstance(job_id, str) else None, state)
        else:
            future = AsyncDSSFuture(client, job_id if isinstance(job_id, str) else None, state, result_wrapper)
        future.state_is_peek = False
        return future

    def __repr__(self) -> str:
        return f"{type(self).__name__}(job_id={self.job_id!r})"

    async def abort(self) -> None:
        """Abort the task. Aborting a finished task changes nothing."""
        job_id = self.job_id
        if job_id is None:
            return  # finished at once: there is nothing left to abort
        await self.client._transport.call("abortFuture", lambda c: abort_future.asyncio_detailed(job_id, client=c))

    async def get_state(self) -> JSONObject:
        """Fetch the state of the task, with its result if it is ready.

        Raises FutureAbortedError if the task was aborted, FutureFailedError if it failed, and
        NotFoundError if DSS does not know (or no longer knows) the task.
        """
        return await self._update(peek=False)

    async def peek_state(self) -> JSONObject:
        """Fetch the state of the task without its result (cheaper while it runs)."""
        return await self._update(peek=True)

    async def _update(self, *, peek: bool, deadline: Deadline | None = None) -> JSONObject:
        self.state = await self._fetch_state(peek=peek, deadline=deadline)
        self.state_is_peek = peek
        return self.state

    async def get_result(self) -> T:
        """Return the result of the task, if it is ready (fetching the state if needed).

        Raises DataikuException when the task is still running.
        """
        if self.state is None or self.state.get("hasResult") is not True or self._result_left_out():
            await self.get_state()
        state = self.state or {}
        if state.get("hasResult") is True:
            return self._wrap(state)
        raise DataikuException("Result not ready", error_type="FutureNotReady")

    async def has_result(self) -> bool:
        """Whether the task completed and has a result (fetching the state if needed)."""
        if self.state is None or self.state.get("hasResult") is not True:
            await self.get_state()
        return (self.state or {}).get("hasResult") is True

    async def wait_for_result(
        self, timeout: float | None = DEFAULT_WAIT_TIMEOUT, on_progress: ProgressCallback | None = None
    ) -> T:
        """Wait until the task ends, and return its result.

        Polls the state (starting at 130 ms, growing slowly); the poll that sees the end carries the
        result. `on_progress` is called with a `DSSFutureProgress` after each poll. Raises
        FutureTimeoutError after `timeout` seconds (None waits without limit; the task itself keeps
        running), FutureAbortedError if the task was aborted and FutureFailedError if it failed.
        """
        transport = self.client._transport
        deadline = Deadline(timeout, transport.clock)
        state = self.state
        if state is not None and state.get("hasResult") is True and not self._result_left_out():
            return self._wrap(state)  # finished at once, or already fetched
        if self.job_id is None:
            raise FutureFailedError("the task has neither a job id nor a result", job_id=None)
        try:
            # Polls read the whole state, as dataikuapi does: the poll that sees the end carries the
            # result, so noticing it costs no extra round trip. A peeked state lacks the result.
            if state is None or self.state_is_peek:
                state = await self._update(peek=False, deadline=deadline)
            schedule = PollSchedule()
            while not _finished(state):
                if on_progress is not None:
                    on_progress(DSSFutureProgress(state))
                if deadline.expired():
                    raise self._timed_out(timeout, state)
                await transport.sleep(deadline.clip(schedule.next_interval()))
                state = await self._update(peek=False, deadline=deadline)
            if on_progress is not None:
                on_progress(DSSFutureProgress(state))
            if state.get("hasResult") is not True and state.get("aborted") is not True:
                state = await self._update(peek=False, deadline=deadline)  # over, the result not yet stored
        except APITimeoutError as exc:
            if not deadline.expired():
                raise
            raise self._timed_out(timeout, state) from exc  # a slow answer ran into the deadline
        if state.get("hasResult") is True:
            return self._wrap(state)
        if state.get("aborted") is True:
            raise FutureAbortedError(f"future {self.job_id} was aborted", job_id=self.job_id)
        raise FutureFailedError(
            f"future {self.job_id} ended without a result (DSS may have forgotten it)", job_id=self.job_id
        )

    def _timed_out(self, timeout: float | None, state: JSONObject | None) -> FutureTimeoutError:
        return FutureTimeoutError(
            f"future {self.job_id} did not finish within {timeout} s", job_id=self.job_id, last_state=state
        )

    def _result_left_out(self) -> bool:
        return self.state_is_peek and "result" not in (self.state or {})

    def _wrap(self, state: JSONObject) -> T:
        try:
            return self.result_wrapper(state.get("result"))
        except FutureError as exc:
            if exc.job_id is None:
                exc.job_id = self.job_id
            raise

    async def _fetch_state(self, *, peek: bool, deadline: Deadline | None) -> JSONObject:
        job_id = self.job_id
        if job_id is None:
            raise DataikuException("this task finished at once: it has no job id to ask about", error_type="NoJobId")
        try:
            value = await self.client._transport.call_json(
                "getFutureState",
                lambda c: get_future_state.asyncio_detailed(job_id, client=c, peek=peek),
                deadline=deadline,
            )
        except ConflictError as exc:
            raise FutureAbortedError(exc.message, job_id=job_id, cause=exc) from exc
        except InternalServerError as exc:
            if exc.status != 500:
                raise  # a gateway error, not the task's failure
            raise FutureFailedError(exc.message, job_id=job_id, cause=exc) from exc
        return as_object(value)
