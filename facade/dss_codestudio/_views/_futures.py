"""Views of the state of a long-running task (future), as `wait_for_result(on_progress=...)` shows it."""

from __future__ import annotations

from datetime import datetime

from dss_codestudio_openapi.models import FutureProgressState, FutureState
from dss_codestudio_openapi.types import Unset

from ._base import ModelView, flag, integer, items, opt_text, when


class DSSFutureProgressStep(ModelView[FutureProgressState]):
    """One step of the progress of a future, outermost first."""

    __slots__ = ()

    @property
    def name(self) -> str | None:
        return opt_text(self._model.name)

    @property
    def unit(self) -> str | None:
        return opt_text(self._model.unit)

    @property
    def current(self) -> int | None:
        """The amount of work done so far (`cur`)."""
        return integer(self._model.cur)

    @property
    def target(self) -> int | None:
        return integer(self._model.target)


class DSSFutureProgress(ModelView[FutureState]):
    """A snapshot of a future, as a poll saw it (what `on_progress` callbacks receive)."""

    __slots__ = ()

    @property
    def job_id(self) -> str | None:
        return opt_text(self._model.job_id)

    @property
    def alive(self) -> bool:
        return flag(self._model.alive)

    @property
    def has_result(self) -> bool:
        return flag(self._model.has_result)

    @property
    def aborted(self) -> bool:
        return flag(self._model.aborted)

    @property
    def running_time(self) -> float:
        """How long the work has run, in seconds."""
        return (integer(self._model.running_time) or 0) / 1000

    @property
    def start_time(self) -> datetime | None:
        """When the work started (aware, UTC)."""
        return when(self._model.start_time)

    @property
    def job_display_name(self) -> str | None:
        return opt_text(self._model.job_display_name)

    @property
    def owner(self) -> str | None:
        return opt_text(self._model.owner)

    @property
    def steps(self) -> list[DSSFutureProgressStep]:
        """The steps of the progress, outermost first."""
        progress = self._model.progress
        return [] if isinstance(progress, Unset) else [DSSFutureProgressStep(s) for s in items(progress.states)]
