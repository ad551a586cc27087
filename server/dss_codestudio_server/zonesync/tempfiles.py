"""Names of the temporary files a copy writes before renaming them into place.

A copied file is first written as `.~dss-sync-<pid>-<token>.tmp` in its destination folder, then
renamed over its final name, so a reader (or a crash) sees either the old or the new content. Scans
never report or copy these names. A temporary file is stale, and removed by the next scan that meets
it, when the process that wrote it is gone (or it is this process and the name is not one of its
copies in flight), or when it is older than a day.
"""

from __future__ import annotations

import itertools
import os
import re
import secrets
import threading
import time

TEMP_PREFIX = ".~dss-sync-"
_TEMP_RE = re.compile(r"\.~dss-sync-(\d+)-[0-9a-f]{16}\.tmp\Z")
_MAX_AGE_NS = 24 * 3600 * 10**9

_live: set[str] = set()
_live_lock = threading.Lock()


_run = secrets.token_hex(4)  # distinguishes this process's names from those of a process that had its pid
_counter = itertools.count()


def new_temp_name() -> str:
    """Return a fresh temporary name, registered as in flight until `release_temp_name`."""
    name = f"{TEMP_PREFIX}{os.getpid()}-{_run}{next(_counter) & 0xFFFFFFFF:08x}.tmp"
    with _live_lock:
        _live.add(name)
    return name


def release_temp_name(name: str) -> None:
    """Forget a temporary name once it was renamed or removed."""
    with _live_lock:
        _live.discard(name)


def is_stale_temp(name: str, mtime_ns: int) -> bool:
    """Whether a temporary file left in a zone belongs to no copy in flight and may be removed."""
    match = _TEMP_RE.match(name)
    if match is None:
        return False
    if time.time_ns() - mtime_ns > _MAX_AGE_NS:
        return True
    pid = int(match.group(1))
    if pid == os.getpid():
        with _live_lock:
            return name not in _live
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    except PermissionError:
        return False
    return False
