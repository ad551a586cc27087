"""Starting the processes of sandboxes from one long-lived thread.

bubblewrap's `--die-with-parent` is a parent-death signal, which the kernel may send when the
*thread* that started the sandbox ends: a sandbox started from the short-lived thread of a start
could die with it. `Spawner` starts them from a thread that lives as long as the runtime.
"""

from __future__ import annotations

import queue
import subprocess
import threading
from collections.abc import Callable
from concurrent.futures import Future

_Popen = subprocess.Popen[bytes]
_SpawnOrder = tuple[Callable[[], _Popen], Future[_Popen]]


class Spawner:
    """Starts the processes of sandboxes from one thread that lives as long as the runtime.

    bubblewrap's `--die-with-parent` is a parent-death signal, which the kernel may send when the
    thread that started the sandbox ends: a sandbox started from the short-lived thread of a start
    could die with it. Processes started here outlive every other thread, and end with the server.
    """

    def __init__(self) -> None:
        self._orders: queue.SimpleQueue[
            tuple[Callable[[], subprocess.Popen[bytes]], Future[subprocess.Popen[bytes]]] | None
        ] = queue.SimpleQueue()
        self._thread: threading.Thread | None = None
        self._lock = threading.Lock()

    def run(self, start: Callable[[], subprocess.Popen[bytes]]) -> subprocess.Popen[bytes]:
        """Call `start` (which starts a process) on the spawning thread and return what it returned."""
        with self._lock:
            if self._thread is None:
                self._thread = threading.Thread(target=self._serve, name="studio-spawner", daemon=True)
                self._thread.start()
        done: Future[subprocess.Popen[bytes]] = Future()
        self._orders.put((start, done))
        return done.result()

    def _serve(self) -> None:
        while (order := self._orders.get()) is not None:
            start, done = order
            try:
                done.set_result(start())
            except BaseException as exc:
                done.set_exception(exc)

    def close(self) -> None:
        """End the spawning thread (once every sandbox it started has ended)."""
        with self._lock:
            thread, self._thread = self._thread, None
        if thread is not None:
            self._orders.put(None)
            thread.join(10)
