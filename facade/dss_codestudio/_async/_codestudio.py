"""Code studio objects: handles on the code studios of a project, their lifecycle and file sync."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Literal, overload

from dss_codestudio_openapi.api.code_studios import (
    change_code_studio_owner,
    check_code_studio_conflicts,
    create_code_studio_browser_login,
    delete_code_studio,
    get_code_studio_settings,
    get_code_studio_status,
    pull_from_code_studio,
    push_to_code_studio,
    restart_code_studio,
    stop_code_studio,
)
from dss_codestudio_openapi.models import (
    CodeStudioListItem,
    CodeStudioPullResult,
    CodeStudioStartFuture,
    CodeStudioStartResult,
    CodeStudioStopResult,
)
from dss_codestudio_openapi.types import UNSET

from .._exceptions import APIResponseValidationError, APITimeoutError, WaitTimeoutError
from .._http import path_segment, site_url, success
from .._polling import DEFAULT_WAIT_TIMEOUT, Deadline, PollSchedule
from .._types import CodeStudioState, CodeStudioStateName, known_state
from .._views import (
    CodeStudioListItemBase,
    DSSCodeStudioObjectConflicts,
    DSSCodeStudioObjectSettings,
    DSSCodeStudioObjectStatus,
    DSSCodeStudioPullResult,
    DSSCodeStudioPushResult,
    DSSCodeStudioStartResult,
    DSSCodeStudioStopResult,
)
from ._future import AsyncDSSFuture

if TYPE_CHECKING:
    from ._client import AsyncDSSClient


class AsyncDSSCodeStudioObjectListItem(CodeStudioListItemBase):
    """An item of the list of a project's code studios.

    Do not instantiate: use `DSSProject.list_code_studios()`.
    """

    def __init__(self, client: AsyncDSSClient, project_key: str, item: CodeStudioListItem) -> None:
        super().__init__(project_key, item)
        self.client = client

    def to_code_studio(self) -> AsyncDSSCodeStudioObject:
        """Return a handle on this code studio."""
        return AsyncDSSCodeStudioObject(self.client, self.project_key, self.id)


class AsyncDSSCodeStudioObject:
    """A handle on a code studio of a project.

    Do not instantiate: use `DSSProject.get_code_studio()` or `DSSProject.create_code_studio()`.
    """

    def __init__(self, client: AsyncDSSClient, project_key: str, code_studio_id: str) -> None:
        self.client = client
        self.project_key = path_segment(project_key, "project key")
        self.code_studio_id = path_segment(code_studio_id, "code studio id")

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.project_key}/{self.code_studio_id})"

    async def delete(self) -> None:
        """Delete the code studio (a running one is stopped first)."""
        await self.client._call(
            delete_code_studio.asyncio_detailed, self.project_key, self.code_studio_id, client=self.client._api
        )

    async def get_settings(self) -> DSSCodeStudioObjectSettings:
        """Return the definition of the code studio: name, owner, template..."""
        response = await self.client._call(
            get_code_studio_settings.asyncio_detailed, self.project_key, self.code_studio_id, client=self.client._api
        )
        return DSSCodeStudioObjectSettings(self.project_key, self.code_studio_id, success(response))

    async def get_status(self) -> DSSCodeStudioObjectStatus:
        """Return the state of the code studio and, while it runs, its exposed ports and synchronised zones."""
        return await self._status()

    async def _status(self, deadline: Deadline | None = None) -> DSSCodeStudioObjectStatus:
        response = await self.client._call_within(
            deadline,
            get_code_studio_status.asyncio_detailed,
            self.project_key,
            self.code_studio_id,
            client=self.client._api,
        )
        return DSSCodeStudioObjectStatus(self.project_key, self.code_studio_id, success(response), self.client.host)

    async def get_browser_login_url(self, port: int | None = None) -> str:
        """Return a link that logs a browser in to the running studio and opens `port` (else its first HTML port).

        The link works once, within a minute; opening it sets a cookie for this studio only. A reference-server
        extension: real DSS logs browsers in with its own session. Only the studio's owner may ask for one.
        """
        response = await self.client._call(
            create_code_studio_browser_login.asyncio_detailed,
            self.project_key,
            self.code_studio_id,
            client=self.client._api,
            port=UNSET if port is None else port,
        )
        return site_url(self.client.host, success(response).url)

    @overload
    async def stop(
        self, wait: Literal[False] = False, timeout: float | None = DEFAULT_WAIT_TIMEOUT
    ) -> AsyncDSSFuture[DSSCodeStudioStopResult]: ...
    @overload
    async def stop(
        self, wait: Literal[True], timeout: float | None = DEFAULT_WAIT_TIMEOUT
    ) -> DSSCodeStudioStopResult: ...
    async def stop(
        self, wait: bool = False, timeout: float | None = DEFAULT_WAIT_TIMEOUT
    ) -> AsyncDSSFuture[DSSCodeStudioStopResult] | DSSCodeStudioStopResult:
        """Stop the code studio (its zones are pulled to DSS first).

        Returns the future of the stop (already finished if the studio was stopped), or, with
        `wait=True`, waits up to `timeout` seconds and returns the result of the stop.
        """
        response = await self.client._call(
            stop_code_studio.asyncio_detailed, self.project_key, self.code_studio_id, client=self.client._api
        )
        answer = success(response)
        future = AsyncDSSFuture._of_answer(self.client, answer, CodeStudioStopResult, DSSCodeStudioStopResult)
        return await future.wait_for_result(timeout) if wait else future

    @overload
    async def restart(
        self, wait: Literal[False] = False, timeout: float | None = DEFAULT_WAIT_TIMEOUT
    ) -> AsyncDSSFuture[DSSCodeStudioStartResult]: ...
    @overload
    async def restart(
        self, wait: Literal[True], timeout: float | None = DEFAULT_WAIT_TIMEOUT
    ) -> DSSCodeStudioStartResult: ...
    async def restart(
        self, wait: bool = False, timeout: float | None = DEFAULT_WAIT_TIMEOUT
    ) -> AsyncDSSFuture[DSSCodeStudioStartResult] | DSSCodeStudioStartResult:
        """Start the code studio, or restart it if it runs (zones are pushed to it when it starts).

        Returns the future of the start, or, with `wait=True`, waits up to `timeout` seconds and
        returns the result of the start.
        """
        response = await self.client._call(
            restart_code_studio.asyncio_detailed, self.project_key, self.code_studio_id, client=self.client._api
        )
        answer = success(response)
        future = AsyncDSSFuture._of_answer(self.client, answer, CodeStudioStartResult, DSSCodeStudioStartResult)
        return await future.wait_for_result(timeout) if wait else future

    @overload
    async def start(
        self, wait: Literal[False] = False, timeout: float | None = DEFAULT_WAIT_TIMEOUT
    ) -> AsyncDSSFuture[DSSCodeStudioStartResult]: ...
    @overload
    async def start(
        self, wait: Literal[True], timeout: float | None = DEFAULT_WAIT_TIMEOUT
    ) -> DSSCodeStudioStartResult: ...
    async def start(
        self, wait: bool = False, timeout: float | None = DEFAULT_WAIT_TIMEOUT
    ) -> AsyncDSSFuture[DSSCodeStudioStartResult] | DSSCodeStudioStartResult:
        """Start the code studio unless it already runs (unlike `restart`, a running studio is left alone).

        A studio that is stopping is first waited for. Returns the future of the start (already
        finished if the studio was running), or, with `wait=True`, waits up to `timeout` seconds in
        all and returns the result of the start.
        """
        deadline = Deadline(timeout, self.client._clock)
        status = await self.get_status()
        if status.state == CodeStudioState.RUNNING:
            running = CodeStudioStartResult(state=CodeStudioState.RUNNING.value)
            future = AsyncDSSFuture._of_answer(
                self.client,
                CodeStudioStartFuture(has_result=True, alive=False, result=running),
                CodeStudioStartResult,
                DSSCodeStudioStartResult,
            )
        else:
            if status.state == CodeStudioState.STOPPING:
                await self.wait_for_state(CodeStudioState.STOPPED, timeout=deadline.remaining())
            future = await self.restart()
        return await future.wait_for_result(deadline.remaining()) if wait else future

    async def wait_for_state(
        self,
        state: CodeStudioState | CodeStudioStateName | Iterable[CodeStudioState | CodeStudioStateName],
        timeout: float | None = DEFAULT_WAIT_TIMEOUT,
    ) -> DSSCodeStudioObjectStatus:
        """Poll the status until the state is `state` (or one of several), and return that status.

        `state` is a `CodeStudioState` or its name (`"RUNNING"`); a string naming no known state is
        refused at once (ValueError) rather than waited for. Raises WaitTimeoutError if the state is
        not reached within `timeout` seconds.
        """
        wanted = {known_state(s) for s in ([state] if isinstance(state, str) else state)}
        if not wanted:
            raise ValueError("wait_for_state needs at least one state")
        deadline = Deadline(timeout, self.client._clock)
        schedule = PollSchedule()
        status: DSSCodeStudioObjectStatus | None = None
        while True:
            try:
                status = await self._status(deadline)
            except APITimeoutError as exc:
                if not deadline.expired():
                    raise
                raise self._timed_out(wanted, timeout, status) from exc  # a slow answer ran into the deadline
            if status.state in wanted:
                return status
            if deadline.expired():
                raise self._timed_out(wanted, timeout, status)
            await self.client._sleep(deadline.clip(schedule.next_interval()))

    def _timed_out(
        self, wanted: set[CodeStudioState], timeout: float | None, status: DSSCodeStudioObjectStatus | None
    ) -> WaitTimeoutError:
        now = "in an unknown state" if status is None else f"is {status.state}"
        return WaitTimeoutError(
            f"code studio {self.project_key}/{self.code_studio_id} {now}, "
            f"not {' or '.join(sorted(wanted))}, after {timeout} s",
            error_type="WaitTimeout",
        )

    async def check_conflicts(self, zone: str) -> DSSCodeStudioObjectConflicts:
        """Return the files of a zone changed both in the studio and on the DSS side since the last sync.

        `zone` is a zone id from `get_status().get_zones()`; ids change at every start, and an unknown
        one gives a result whose `is_error` is True.
        """
        path_segment(zone, "zone id")
        response = await self.client._call(
            check_code_studio_conflicts.asyncio_detailed,
            self.project_key,
            self.code_studio_id,
            zone,
            client=self.client._api,
        )
        return DSSCodeStudioObjectConflicts(zone, success(response))

    async def pull_from_code_studio(self, zone: str, force: bool = False) -> DSSCodeStudioPullResult:
        """Copy the files of a zone that changed in the studio to DSS, and say what was copied.

        Refused with ConflictError when files are in conflict, unless `force` (an extension of the
        reference server; DSS ignores it), with which the studio's version wins. Never retried.
        """
        path_segment(zone, "zone id")
        try:
            response = await self.client._call(
                pull_from_code_studio.asyncio_detailed,
                self.project_key,
                self.code_studio_id,
                zone,
                client=self.client._api,
                force=True if force else UNSET,
            )
        except APIResponseValidationError as exc:
            if exc.response is None or exc.response.content.strip():
                raise
            # dataikuapi 12.6.2+ ignores this answer: tolerate servers that send no body.
            return DSSCodeStudioPullResult(CodeStudioPullResult())
        return DSSCodeStudioPullResult(success(response))

    async def push_to_code_studio(self, zone: str, force: bool = False) -> DSSCodeStudioPushResult:
        """Copy the files of a zone that changed on the DSS side into the studio: `count` files, `size` bytes.

        Files that also changed in the studio are left as they are and listed in `conflicts`, unless
        `force` (an extension of the reference server), with which the DSS version wins. Never retried.
        """
        path_segment(zone, "zone id")
        response = await self.client._call(
            push_to_code_studio.asyncio_detailed,
            self.project_key,
            self.code_studio_id,
            zone,
            client=self.client._api,
            force=True if force else UNSET,
        )
        return DSSCodeStudioPushResult(success(response))

    async def change_owner(self, new_owner: str) -> DSSCodeStudioObjectSettings:
        """Give the code studio to another user (admins and the owner may); returns the updated settings."""
        response = await self.client._call(
            change_code_studio_owner.asyncio_detailed,
            self.project_key,
            self.code_studio_id,
            client=self.client._api,
            new_owner=new_owner,
        )
        return DSSCodeStudioObjectSettings(self.project_key, self.code_studio_id, success(response))
