"""Handlers of the futures operations."""

from __future__ import annotations

from connexion import NoContent

from dss_codestudio_server.domain import wire
from dss_codestudio_server.domain.instance import Instance
from dss_codestudio_server.http.security import TokenInfo, caller
from dss_codestudio_server.jsonshape import JsonObject


class FutureHandlers:
    """Handlers of `/futures/...`."""

    def __init__(self, instance: Instance) -> None:
        self._jobs = instance.jobs
        self._abort_wait = instance.config.abort_wait_seconds

    def list_futures(
        self,
        token_info: TokenInfo,
        with_scenarios: bool = False,
        with_not_scenarios: bool = True,
        all_users: bool = False,
    ) -> list[JsonObject]:
        """Return running futures (this server runs no scenarios)."""
        running = self._jobs.list_running(caller(token_info), all_users=all_users)
        return [wire.future_state(state) for state in running] if with_not_scenarios else []

    def get_future_state(self, job_id: str, token_info: TokenInfo, peek: bool = False) -> JsonObject:
        """Return a future's state (and result unless peeking)."""
        return wire.future_state(self._jobs.state(caller(token_info), job_id, peek=peek))

    def abort_future(self, job_id: str, token_info: TokenInfo) -> tuple[object, int]:
        """Abort a future's work."""
        self._jobs.abort(caller(token_info), job_id, wait_seconds=self._abort_wait)
        return NoContent, 204
