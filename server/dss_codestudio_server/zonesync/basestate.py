"""The base state of a zone: what both sides looked like after the last synchronisation.

For every file the two sides agreed on, the base keeps its content digest and size, and each side's
mtime at that moment, so a later scan recognises an unchanged file from its stat alone. A side's
stat is marked *racy* when its mtime was too close to the moment it was recorded for a later
same-tick edit to be noticed: a racy stat is always confirmed by hashing (git's "racily clean").

The base lives in `base.json` in the zone's state folder, written atomically (temporary file,
fsync, `os.replace`, fsync of the folder), always after the files it describes. A missing base is
an empty one. A base that cannot be read, or that was written for other zone roots, is treated as
empty too: with no base every difference is an addition on one side, which can never delete or
overwrite anything, so nothing is lost. Operations on one zone are serialised with an exclusive
`flock` on `lock` in the state folder, across threads and processes.
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import logging
import os
import secrets
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple

from .paths import all_safe_relpaths, is_safe_relpath

_FORMAT = "dss-codestudio-zonesync-base"
_VERSION = 1
BASE_FILE = "base.json"
LOCK_FILE = "lock"

log = logging.getLogger(__name__)


class BaseEntry(NamedTuple):
    """A file both sides agreed on at the last synchronisation."""

    digest: str
    size: int
    dss_mtime_ns: int
    studio_mtime_ns: int
    dss_racy: bool = False
    studio_racy: bool = False


new_entry = tuple.__new__  # BaseEntry's own constructor is Python code: too slow for large bases


@dataclass
class BaseState:
    """The files of a zone as both sides agreed on them at the last synchronisation."""

    dss_root: str
    studio_root: str
    files: dict[str, BaseEntry] = field(default_factory=dict)


def load_base(state_dir: Path, dss_root: str, studio_root: str) -> BaseState:
    """Read the base of a zone; an absent, unreadable or foreign base is an empty one."""
    empty = BaseState(dss_root, studio_root)
    try:
        raw = (state_dir / BASE_FILE).read_bytes()
    except FileNotFoundError:
        return empty
    try:
        doc = json.loads(raw)
        if doc.get("format") != _FORMAT or doc.get("version") != _VERSION:
            raise ValueError("unknown format")
        if doc.get("dssRoot") != dss_root or doc.get("studioRoot") != studio_root:
            log.warning("base state in %s was written for other zone roots; starting from an empty base", state_dir)
            return empty
        files: dict[str, BaseEntry] = {}
        raw_files = doc["files"]
        check_each = not all_safe_relpaths(list(raw_files))
        for path, (digest, size, dss_mtime, studio_mtime, flags) in raw_files.items():
            if check_each and not is_safe_relpath(path):
                log.warning("dropping unsafe path %r from the base state in %s", path, state_dir)
                continue
            if not (type(digest) is str and type(size) is int and type(dss_mtime) is int and type(studio_mtime) is int):
                raise TypeError(f"malformed entry for {path!r}")
            files[path] = new_entry(BaseEntry, (digest, size, dss_mtime, studio_mtime, flags & 1 == 1, flags & 2 == 2))
    except (ValueError, TypeError, KeyError, AttributeError) as exc:
        log.warning("base state in %s is unreadable (%s); starting from an empty base", state_dir, exc)
        return empty
    return BaseState(dss_root, studio_root, files)


def fsync_dir(path: Path) -> None:
    """Make a folder's entries (renames, creations) durable."""
    fd = os.open(path, os.O_RDONLY | os.O_DIRECTORY | os.O_CLOEXEC)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def save_base(state_dir: Path, base: BaseState, *, durable: bool) -> None:
    """Write the base atomically: a reader or a crash sees the old base or the new one, never a mix."""
    files = {
        path: [e.digest, e.size, e.dss_mtime_ns, e.studio_mtime_ns, int(e.dss_racy) | (int(e.studio_racy) << 1)]
        for path, e in sorted(base.files.items())
    }
    doc = {
        "format": _FORMAT,
        "version": _VERSION,
        "dssRoot": base.dss_root,
        "studioRoot": base.studio_root,
        "files": files,
    }
    data = json.dumps(doc, separators=(",", ":"), ensure_ascii=False).encode("utf-8", "surrogateescape")
    tmp = state_dir / f".{BASE_FILE}.{secrets.token_hex(8)}.tmp"
    try:
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_CLOEXEC, 0o600)
        try:
            view = memoryview(data)
            while view:
                view = view[os.write(fd, view) :]
            if durable:
                os.fsync(fd)
        finally:
            os.close(fd)
        os.replace(tmp, state_dir / BASE_FILE)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            tmp.unlink()
        raise
    if durable:
        fsync_dir(state_dir)


def remove_base(state_dir: Path) -> None:
    """Forget the base of a zone (the next synchronisation starts from scratch)."""
    with contextlib.suppress(FileNotFoundError):
        (state_dir / BASE_FILE).unlink()


@contextlib.contextmanager
def zone_lock(state_dir: Path) -> Iterator[None]:
    """Hold the zone's exclusive lock; also removes base temporaries a crashed writer left behind."""
    state_dir.mkdir(parents=True, exist_ok=True)
    fd = os.open(state_dir / LOCK_FILE, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o600)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        for leftover in state_dir.glob(f".{BASE_FILE}.*.tmp"):
            with contextlib.suppress(FileNotFoundError):
                leftover.unlink()
        yield
    finally:
        os.close(fd)
