"""Paths that cannot leave their folder.

A zone's files are always reached through directory file descriptors opened one component at a
time with `O_NOFOLLOW`, so neither a symlink left in a tree nor one swapped in during a
synchronisation can lead outside the zone root. Every file is opened with `O_NOFOLLOW | O_NONBLOCK`
and checked with `fstat` to be a regular file with a single name (`open_regular`): a FIFO swapped
in for a file never blocks a reader, and a hard link to a file outside the zone is never read.
Relative paths are `/`-separated, validated by `check_relpath`, and never absolute, empty or with
`.`/`..` components.
"""

from __future__ import annotations

import contextlib
import errno
import os
import re
import stat
from pathlib import Path

from .errors import UnsafePathError, ZoneRootError

DIR_FLAGS = os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW | os.O_NONBLOCK | os.O_CLOEXEC
# O_NONBLOCK: opening a FIFO (or a device) returns at once instead of waiting for a writer; the
# fstat that follows refuses it. It changes nothing for a regular file.
FILE_READ_FLAGS = os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | os.O_CLOEXEC
Owner = tuple[int, int]
"""The (uid, gid) files and folders a side's writes are given, when it belongs to another user."""


class NotRegularFileError(OSError):
    """A name that is not a regular file with a single name (a FIFO, a device, a hard link...) was refused."""


def refusal(st: os.stat_result) -> str | None:
    """Why a file with this stat is never read by a synchronisation, or None if it may be."""
    if not stat.S_ISREG(st.st_mode):
        return "not a regular file"
    if st.st_nlink > 1:
        return f"a hard link ({st.st_nlink} names): never read nor synchronised"
    return None


def open_regular(name: str, dir_fd: int) -> tuple[int, os.stat_result]:
    """Open the regular file `name` of the folder `dir_fd` for reading, with its stat.

    Never follows a symlink, never blocks (a FIFO), and refuses with `NotRegularFileError` what is not a
    regular file with a single name: a hard link may be a second name of a file outside the zone.
    """
    fd = os.open(name, FILE_READ_FLAGS, dir_fd=dir_fd)
    try:
        st = os.fstat(fd)
        why = refusal(st)
        if why is not None:
            raise NotRegularFileError(errno.EINVAL, why)
    except BaseException:
        os.close(fd)
        raise
    return fd, st


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


def open_subdir(root_fd: int, reldir: str, *, create: bool, owner: Owner | None = None) -> int:
    """Open `reldir` ("" for the root itself) under `root_fd`, component by component, never following a symlink.

    With `create`, missing folders are made (given to `owner`, if any). Raises `OSError` (ELOOP, ENOTDIR, ENOENT)
    when a component is a symlink, a file, or missing.
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
                if owner is not None:
                    os.fchown(child, *owner)
            os.close(fd)
            fd = child
    except BaseException:
        os.close(fd)
        raise
    return fd


def safe_subdir(jail: Path, relative: str, *, create: bool = True, owner: Owner | None = None) -> Path:
    """Return the folder `relative` inside `jail`, checking that no component is a symlink or a file.

    `relative` may start with `/` (a path inside a container whose root is `jail`); it may not hold `..`.
    With `create`, the folder and its parents are made (the ones made given to `owner`, if any). Use it to
    place a studio zone's `pathInContainer` inside the studio's workspace.
    """
    rel = relative.strip("/")
    if create:
        jail.mkdir(parents=True, exist_ok=True)
    root_fd = open_root(jail)
    try:
        if rel:
            fd = open_subdir(root_fd, rel, create=create, owner=owner)
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
