"""Paths that cannot leave their folder.

A zone's files are always reached through directory file descriptors opened one component at a
time with `O_NOFOLLOW`, so neither a symlink left in a tree nor one swapped in during a
synchronisation can lead outside the zone root. Relative paths are `/`-separated, validated by
`check_relpath`, and never absolute, empty or with `.`/`..` components.
"""

from __future__ import annotations

import contextlib
import errno
import os
import re
from pathlib import Path

from .errors import UnsafePathError, ZoneRootError

DIR_FLAGS = os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW | os.O_CLOEXEC
FILE_READ_FLAGS = os.O_RDONLY | os.O_NOFOLLOW | os.O_CLOEXEC


_UNSAFE_JOINED = re.compile(r"(?:\A|\x00)/|(?:\A|\x00|/)\.{0,2}(?:/|\x00|\Z)")


def all_safe_relpaths(paths: list[str]) -> bool:
    """Whether every path is safe; one regex over all of them joined by NUL (a path holding NUL is unsafe)."""
    if not paths:
        return True
    joined = "\0".join(paths)
    return joined.count("\0") == len(paths) - 1 and _UNSAFE_JOINED.search(joined) is None


def check_relpath(path: str) -> str:
    """Return `path` if it is a safe `/`-separated relative path, else raise `UnsafePathError`."""
    if not is_safe_relpath(path):
        raise UnsafePathError(f"unsafe relative path {path!r}")
    return path


_UNSAFE = re.compile(r"\A/|\x00|(?:\A|/)\.{0,2}(?:/|\Z)")


def is_safe_relpath(path: str) -> bool:
    """Whether `check_relpath` accepts `path` (one regex search, for bulk checks)."""
    return _UNSAFE.search(path) is None


def open_root(root: Path) -> int:
    """Open a zone root folder without following a symlink at its last component."""
    try:
        return os.open(root, DIR_FLAGS)
    except OSError as exc:
        if exc.errno in (errno.ELOOP, errno.ENOTDIR):
            raise ZoneRootError(f"zone root {root} is not a folder (a symlink or a file)") from exc
        raise


def open_subdir(root_fd: int, reldir: str, *, create: bool) -> int:
    """Open `reldir` ("" for the root itself) under `root_fd`, component by component, never following a symlink.

    With `create`, missing folders are made. Raises `OSError` (ELOOP, ENOTDIR, ENOENT) when a component is a
    symlink, a file, or missing.
    """
    fd = os.dup(root_fd)
    if not reldir:
        return fd
    try:
        for part in check_relpath(reldir).split("/"):
            try:
                child = os.open(part, DIR_FLAGS, dir_fd=fd)
            except FileNotFoundError:
                if not create:
                    raise
                with contextlib.suppress(FileExistsError):
                    os.mkdir(part, 0o777, dir_fd=fd)
                child = os.open(part, DIR_FLAGS, dir_fd=fd)
            os.close(fd)
            fd = child
    except BaseException:
        os.close(fd)
        raise
    return fd


def safe_subdir(jail: Path, relative: str, *, create: bool = True) -> Path:
    """Return the folder `relative` inside `jail`, checking that no component is a symlink or a file.

    `relative` may start with `/` (a path inside a container whose root is `jail`); it may not hold `..`.
    With `create`, the folder and its parents are made. Use it to place a studio zone's `pathInContainer`
    inside the studio's workspace.
    """
    rel = relative.strip("/")
    if create:
        jail.mkdir(parents=True, exist_ok=True)
    root_fd = open_root(jail)
    try:
        if rel:
            fd = open_subdir(root_fd, rel, create=create)
            os.close(fd)
    except OSError as exc:
        raise ZoneRootError(f"{relative!r} inside {jail} is not a plain folder: {exc.strerror}") from exc
    finally:
        os.close(root_fd)
    return jail / rel if rel else jail


def split_parent(path: str) -> tuple[str, str]:
    """Split a relative path into its parent folder ("" at the root) and its name."""
    parent, _, name = path.rpartition("/")
    return parent, name
