"""Atomic file writes and path confinement.

A write goes to a temporary file in the destination folder, is flushed and fsynced, then renamed
over the destination (`os.replace` is atomic on POSIX), and the folder is fsynced so the rename
itself survives a crash: readers see the old content or the new one, never a mix. The temporary
name has a fixed length (`.~dsscs-` and random characters), so a file of any name the file system
can hold (255 bytes) can be written.

`confined_path` turns an untrusted relative path into a path inside a root folder, refusing `..`,
absolute paths, NUL bytes, backslashes and any component that is a symbolic link, so no request
can read or write outside its folder.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import stat
import tempfile
from pathlib import Path

# Bytes of a relative path (in UTF-8), and of each of its segments (NAME_MAX of Linux file systems).
MAX_PATH_LENGTH = 1024
MAX_SEGMENT_LENGTH = 255
# Temporary files of atomic writes start with this; listings skip them.
TEMP_PREFIX = ".~dsscs-"


class PathRefused(ValueError):
    """An untrusted path that would escape its folder or is malformed."""


def fsync_dir(path: Path) -> None:
    """Make the entries of a folder (creations, renames, deletions) durable."""
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def atomic_write_bytes(path: Path, data: bytes) -> None:
    """Replace `path` with `data` atomically and durably."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=TEMP_PREFIX, suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise
    fsync_dir(path.parent)


def atomic_write_json(path: Path, value: object) -> None:
    """Replace `path` with `value` as indented JSON, atomically and durably."""
    atomic_write_bytes(path, (json.dumps(value, indent=2, sort_keys=False) + "\n").encode())


def split_relative(raw: str) -> list[str]:
    """Split an untrusted `/`-separated relative path into checked segments.

    Leading slashes are ignored (the official client sends library paths with one); `.`, `..`,
    empty segments inside the path, backslashes, NUL and other control characters are refused.
    """
    try:
        size = len(raw.encode("utf-8"))
    except UnicodeEncodeError as exc:  # a lone surrogate (JSON's "\ud800"): no file can have this name
        raise PathRefused("the path is not valid Unicode (a lone surrogate)") from exc
    if size > MAX_PATH_LENGTH:
        raise PathRefused(f"path longer than {MAX_PATH_LENGTH} bytes in UTF-8")
    stripped = raw.lstrip("/")
    if stripped.endswith("/"):
        stripped = stripped.rstrip("/")
    if not stripped:
        return []
    segments = stripped.split("/")
    for segment in segments:
        if segment in ("", ".", ".."):
            raise PathRefused(f"invalid path {raw!r}: empty, '.' or '..' segment")
        if "\\" in segment:
            raise PathRefused(f"invalid path {raw!r}: backslash")
        if any(ord(ch) < 32 or ord(ch) == 127 for ch in segment):
            raise PathRefused(f"invalid path {raw!r}: control character")
        if len(segment.encode("utf-8")) > MAX_SEGMENT_LENGTH:
            raise PathRefused(f"invalid path {raw!r}: segment longer than {MAX_SEGMENT_LENGTH} bytes")
    return segments


def confined_path(root: Path, raw: str) -> Path:
    """Return the path `raw` names inside `root`, checked so that it cannot leave `root`.

    No existing component of the result may be a symbolic link (links are never followed), and
    the resolved result must be inside the resolved root.
    """
    segments = split_relative(raw)
    current = root
    checking = True
    for segment in segments:
        current = current / segment
        if not checking:
            continue
        try:
            mode = os.lstat(current).st_mode
        except (FileNotFoundError, NotADirectoryError):
            checking = False  # nothing exists below a missing component or a file
            continue
        if stat.S_ISLNK(mode):
            raise PathRefused(f"invalid path {raw!r}: goes through a symbolic link")
    resolved_root = root.resolve()
    resolved = current.resolve()
    if resolved != resolved_root and resolved_root not in resolved.parents:
        raise PathRefused(f"invalid path {raw!r}: outside its folder")
    return current


def remove_tree(path: Path) -> None:
    """Delete a file or a folder tree; links are removed, never followed. Missing is fine."""
    try:
        mode = os.lstat(path).st_mode
    except FileNotFoundError:
        return
    if stat.S_ISDIR(mode):
        shutil.rmtree(path)
    else:
        path.unlink()


def remove_unlisted(folder: Path, keep: set[str]) -> list[str]:
    """Delete the entries of `folder` whose names are not in `keep`; returns the deleted names."""
    removed = []
    for child in folder.iterdir() if folder.is_dir() else []:
        if child.name not in keep:
            remove_tree(child)
            removed.append(child.name)
    return removed
