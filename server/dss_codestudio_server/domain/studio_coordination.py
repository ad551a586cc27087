"""In-memory coordination of running studios: one lock for decisions, one for synchronisations.

Each studio has two locks. The decision lock is held only while a transition is decided and
recorded (never during a synchronisation or a process start), so it is always short. The sync lock
serialises the synchronisations of a studio's zones (the pushes of a start, the pulls of a stop, the
API's push, pull and conflicts): a request of the API waits for it a bounded time only, then is
answered 409 "busy" (`StudioBusy`), so that no request thread stays parked behind a long
synchronisation, and the server's thread pool never fills with them.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from dss_codestudio_server.domain.errors import Conflict

if TYPE_CHECKING:
    from dss_codestudio_server.domain.code_studios import CodeStudio

DEFAULT_LOCK_WAIT = 5.0


def studio_key(project_key: str, studio_id: str) -> str:
    """Return the key of a studio in locks, futures' targets and the runtime."""
    return f"{project_key}/{studio_id}"


class StudioBusy(Conflict):
    """A studio's files are being synchronised by another operation; try again shortly (409)."""


@dataclass
class Coordination:
    """In-memory coordination of one studio (its persisted state is in the database)."""

    lock: threading.Lock = field(default_factory=threading.Lock)
    sync_lock: threading.Lock = field(default_factory=threading.Lock)
    pending_start: str | None = None
    """A start waiting for the stop that opens a restart."""
    removing: bool = False


class StudioLocks:
    """The coordination of every studio this server knows, created on first use."""

    def __init__(self, *, lock_wait: float = DEFAULT_LOCK_WAIT) -> None:
        self._studios: dict[str, Coordination] = {}
        self._guard = threading.Lock()
        self.lock_wait = lock_wait

    def of(self, studio: CodeStudio) -> Coordination:
        """Return the coordination of a studio."""
        key = studio_key(studio.project_key, studio.id)
        with self._guard:
            return self._studios.setdefault(key, Coordination())

    @contextmanager
    def locked(self, studio: CodeStudio) -> Iterator[Coordination]:
        """Hold a studio's decision lock (always short)."""
        coordination = self.of(studio)
        with coordination.lock:
            yield coordination

    @contextmanager
    def syncing(self, studio: CodeStudio, *, bounded: bool) -> Iterator[None]:
        """Hold a studio's sync lock; `bounded`: wait `lock_wait` seconds at most, then raise `StudioBusy`."""
        lock = self.of(studio).sync_lock
        if not lock.acquire(timeout=self.lock_wait if bounded else -1):
            raise StudioBusy(
                f"Code studio {studio.id} is busy: its files are being synchronised by another operation"
                f" (a start, a stop, a push or a pull). Try again when it is done."
            )
        try:
            yield
        finally:
            lock.release()

    def forget(self, studio: CodeStudio) -> None:
        """Forget the coordination of a deleted studio."""
        with self._guard:
            self._studios.pop(studio_key(studio.project_key, studio.id), None)
