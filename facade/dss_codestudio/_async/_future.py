"""Futures: long-running tasks on DSS (template builds, code studio starts and stops, project deletions)."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any, Generic, Protocol, TypeVar, overload

from dss_codestudio_openapi.api.futures import abort_future, get_future_state
from dss_codestudio_openapi.models import FutureState
from dss_codestudio_openapi.types import Unset

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
from .._http import path_segment, success
from .._parsing import Model, parse
from .._polling import DEFAULT_WAIT_TIMEOUT, Deadline, PollSchedule
from .._types import JSONObject, JSONValue
from .._views import DSSFutureProgress

if TYPE_CHECKING:
    from ._client import AsyncDSSClient

T = TypeVar("T")
U = TypeVar("U")
R = TypeVar("R", bound=Model)


class FutureAnswer(Protocol[R]):
    """The answer of a call that starts a long-running task, as the spec types it for that operation.

    The generated `CodeStudioTemplateBuildFuture`, `CodeStudioStartFuture`, `CodeStudioStopFuture`
    and `ProjectDeletionFuture`: a future state whose `result` is the operation's result model
    (an attribute, so that `R` is exactly that model).
    """

    result: R | Unset

    def to_dict(self) -> dict[str, Any]: ...


ProgressCallback = Callable[[DSSFutureProgress], object]
"""What `wait_for_result(on_progress=...)` calls after each poll of a running future."""


def json_result(result: JSONValue) -> JSONValue:
    """Return the result of a future as DSS answered it (for futures whose kind is not known)."""
    return result


def _finished(state: FutureState) -> bool:
    """Whether a (peeked) state says the work is over: a result, an abort, or no longer alive."""
    return state.has_result is True or state.aborted is True or state.alive is False


class AsyncDSSFuture(Generic[T]):
    """A long-running task on DSS: track its state, wait for its result with a deadline, or abort it.

    `T` is the type of the result: `wait_for_result()` returns a `DSSCodeStudioTemplateBuildResult`
    for a build, a `DSSCodeStudioStartResult` for a start, the raw JSON for a future got by id.
    `state` is the last state fetched, as DSS answered it (`progress` gives it typed).
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
        self._last_state = None if state is None else parse(FutureState, state)
        self.state = state
        # Whether `state` came from a peek, which leaves the result out.
        self.state_is_peek = True
        self.result_wrapper: Callable[[JSONValue], T] = result_wrapper or json_result  # type: ignore[assignment]

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
        state = parse(FutureState, dict(resp))
        if result_wrapper is None:
            return AsyncDSSFuture._of_state(client, state, json_result)
        return AsyncDSSFuture._of_state(client, state, result_wrapper)

    @staticmethod
    def _of_state(
        client: AsyncDSSClient, state: FutureState, result_wrapper: Callable[[JSONValue], U]
    ) -> AsyncDSSFuture[U]:
        """Return a future from a state DSS answered (the answer of the call that started it, or of a listing)."""
        job_id = state.job_id if isinstance(state.job_id, str) and state.job_id else None  # absent or empty: done
        future = AsyncDSSFuture(client, job_id, None, result_wrapper)
        future._set_state(state, peek=False)
        return future

    @staticmethod
    def _of_answer(
        client: AsyncDSSClient, answer: FutureAnswer[R], result_model: type[R], view: Callable[[R], U]
    ) -> AsyncDSSFuture[U]:
        """Return the future of the typed answer of a call that started a task.

        Its result is read with `result_model`, the operation's result in the spec (the type checker
        ties it to the answer's), whether it came with the answer or with a later poll, whose generic
        state leaves it untyped; `view` presents it.
        """

        def read(result: JSONValue) -> U:
            return view(parse(result_model, result if isinstance(result, dict) else {}))

        return AsyncDSSFuture._of_state(client, parse(FutureState, answer.to_dict()), read)

    def __repr__(self) -> str:
        return f"{type(self).__name__}(job_id={self.job_id!r})"

    @property
    def progress(self) -> DSSFutureProgress | None:
        """The last state fetched, typed (None before any)."""
        return None if self._last_state is None else DSSFutureProgress(self._last_state)

    def _set_state(self, state: FutureState, *, peek: bool) -> None:
        self._last_state = state
        self.state = state.to_dict()
        self.state_is_peek = peek

    async def abort(self) -> None:
        """Abort the task. Aborting a finished task changes nothing."""
        job_id = self.job_id
        if job_id is None:
            return  # finished at once: there is nothing left to abort
        await self.client._call(abort_future.asyncio_detailed, job_id, client=self.client._api)

    async def get_state(self) -> JSONObject:
        """Fetch the state of the task, with its result if it is ready.

        Raises FutureAbortedError if the task was aborted, FutureFailedError if it failed, and
        NotFoundError if DSS does not know (or no longer knows) the task.
        """
        await self._update(peek=False)
        return self.state or {}

    async def peek_state(self) -> JSONObject:
        """Fetch the state of the task without its result (cheaper while it runs)."""
        await self._update(peek=True)
        return self.state or {}

    async def _update(self, *, peek: bool, deadline: Deadline | None = None) -> FutureState:
        state = await self._fetch_state(peek=peek, deadline=deadline)
        self._set_state(state, peek=peek)
        return state

    async def get_result(self) -> T:
        """Return the result of the task, if it is ready (fetching the state if needed).

        Raises DataikuException when the task is still running.
        """
        if self._last_state is None or self._last_state.has_result is not True or self._result_left_out():
            await self._update(peek=False)
        if self._last_state is not None and self._last_state.has_result is True:
            return self._wrap(self._last_state)
        raise DataikuException("Result not ready", error_type="FutureNotReady")

    async def has_result(self) -> bool:
        """Whether the task completed and has a result (fetching the state if needed)."""
        if self._last_state is None or self._last_state.has_result is not True:
            await self._update(peek=False)
        return self._last_state is not None and self._last_state.has_result is True

    async def wait_for_result(
        self, timeout: float | None = DEFAULT_WAIT_TIMEOUT, on_progress: ProgressCallback | None = None
    ) -> T:
        """Wait until the task ends, and return its result.

        Polls the state (starting at 130 ms, growing slowly); the poll that sees the end carries the
        result. `on_progress` is called with a `DSSFutureProgress` after each poll. Raises
        FutureTimeoutError after `timeout` seconds (None waits without limit; the task itself keeps
        running), FutureAbortedError if the task was aborted and FutureFailedError if it failed.
        """
        deadline = Deadline(timeout, self.client._clock)
        state = self._last_state
        if state is not None and state.has_result is True and not self._result_left_out():
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
                    raise self._timed_out(timeout)
                await self.client._sleep(deadline.clip(schedule.next_interval()))
                state = await self._update(peek=False, deadline=deadline)
            if on_progress is not None:
                on_progress(DSSFutureProgress(state))
            if state.has_result is not True and state.aborted is not True:
                state = await self._update(peek=False, deadline=deadline)  # over, the result not yet stored
        except APITimeoutError as exc:
            if not deadline.expired():
                raise
            raise self._timed_out(timeout) from exc  # a slow answer ran into the deadline
        if state.has_result is True:
            return self._wrap(state)
        if state.aborted is True:
            raise FutureAbortedError(f"future {self.job_id} was aborted", job_id=self.job_id)
        raise FutureFailedError(
            f"future {self.job_id} ended without a result (DSS may have forgotten it)", job_id=self.job_id
        )

    def _timed_out(self, timeout: float | None) -> FutureTimeoutError:
        return FutureTimeoutError(
            f"future {self.job_id} did not finish within {timeout} s", job_id=self.job_id, last_state=self.state
        )

    def _result_left_out(self) -> bool:
        return self.state_is_peek and self._last_state is not None and isinstance(self._last_state.result, Unset)

    def _wrap(self, state: FutureState) -> T:
        result: JSONValue = None if isinstance(state.result, Unset) else state.result
        try:
            return self.result_wrapper(result)
        except FutureError as exc:
            if exc.job_id is None:
                exc.job_id = self.job_id
            raise

    async def _fetch_state(self, *, peek: bool, deadline: Deadline | None) -> FutureState:
        job_id = self.job_id
        if job_id is None:
            raise DataikuException("this task finished at once: it has no job id to ask about", error_type="NoJobId")
        try:
            response = await self.client._call_within(
                deadline, get_future_state.asyncio_detailed, job_id, client=self.client._api, peek=peek
            )
        except ConflictError as exc:
            raise FutureAbortedError(exc.message, job_id=job_id, cause=exc) from exc
        except InternalServerError as exc:
            if exc.status != 500:
                raise  # a gateway error, not the task's failure
            raise FutureFailedError(exc.message, job_id=job_id, cause=exc) from exc
        return success(response)
