"""Walking one side of a zone: the regular files under a root, with their size and mtime.

The walk lists folders with `os.scandir` on directory descriptors (one `fstatat` per file, no
hashing), never follows a symlink, does not descend into excluded folders, and reports what it
cannot synchronise (symlinks, hard links, FIFOs, sockets, devices, undecodable names, unreadable
folders) instead of raising. It removes stale synchronisation temporaries it meets when asked to.
A hard link (a regular file with more than one name) may be a second name of a file outside the
zone: it is never read.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import NamedTuple

from .excludes import ExcludeRules
from .paths import DIR_FLAGS
from .tempfiles import TEMP_PREFIX, is_stale_temp


class FileStat(NamedTuple):
    """What a walk records of a regular file: enough to notice most changes without reading it."""

    size: int
    mtime_ns: int


# FileStat's own constructor is Python code; building the tuple directly is several times faster.
new_stat = tuple.__new__


@dataclass
class Tree:
    """The regular files of one side of a zone, keyed by relative path, and what was skipped."""

    files: dict[str, FileStat] = field(default_factory=dict)
    skipped: list[tuple[str, str]] = field(default_factory=list)
    temps_removed: int = 0

    def skipped_paths(self) -> set[str]:
        """Return the paths skipped (as listed: a name that is not valid UTF-8 is listed escaped)."""
        return {path for path, _ in self.skipped}


def _kind(mode: int) -> str:
    if stat.S_ISFIFO(mode):
        return "a FIFO"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    return "not a regular file"


def _printable(rel: str) -> str:
    return os.fsencode(rel).decode("utf-8", "backslashreplace")


def _decodable(name: str) -> bool:
    try:
        name.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _remove_stale_temp(dir_fd: int, entry: os.DirEntry[str], tree: Tree) -> None:
    try:
        if is_stale_temp(entry.name, entry.stat(follow_symlinks=False).st_mtime_ns):
            os.unlink(entry.name, dir_fd=dir_fd)
            tree.temps_removed += 1
    except FileNotFoundError:
        pass


def walk(root_fd: int, rules: ExcludeRules, *, clean_temps: bool = False) -> Tree:
    """List the regular files under the folder open as `root_fd` (which stays open)."""
    tree = Tree()
    files = tree.files
    skipped = tree.skipped
    file_excluded = rules.file_matcher()
    stack: list[tuple[int, str, Iterator[str]]] = []
    fd, prefix = os.dup(root_fd), ""
    try:
        while True:
            subdirs: list[str] = []
            try:
                entries = list(os.scandir(fd))
            except OSError as exc:
                skipped.append((prefix.rstrip("/") or ".", f"folder cannot be read: {exc.strerror}"))
                entries = []
            for entry in entries:
                name = entry.name
                try:
                    if entry.is_file(follow_symlinks=False):  # the common case first, with the least work
                        rel = prefix + name
                        if name.startswith(TEMP_PREFIX):
                            if clean_temps:
                                _remove_stale_temp(fd, entry, tree)
                            continue
                        if file_excluded is not None and file_excluded(rel) is not None:
                            continue
                        if not name.isascii() and not _decodable(name):
                            skipped.append((_printable(rel), "file name is not valid UTF-8"))
                            continue
                        st = entry.stat(follow_symlinks=False)
                        if st.st_nlink > 1:
                            skipped.append((rel, f"a hard link ({st.st_nlink} names): never read nor synchronised"))
                            continue
                        files[rel] = new_stat(FileStat, (st.st_size, st.st_mtime_ns))
                    elif entry.is_dir(follow_symlinks=False):
                        rel = prefix + name
                        if not name.isascii() and not _decodable(name):
                            skipped.append((_printable(rel), "file name is not valid UTF-8"))
                        elif not rules.excludes_dir(rel):
                            subdirs.append(name)
                    else:
                        rel = prefix + name
                        if rules.excludes_path(rel):
                            continue
                        if not _decodable(name):
                            rel = _printable(rel)
                        if entry.is_symlink():
                            skipped.append((rel, "symbolic link: never followed nor synchronised"))
                        else:
                            kind = _kind(entry.stat(follow_symlinks=False).st_mode)
                            skipped.append((rel, f"{kind}: not synchronised"))
                except FileNotFoundError:
                    continue  # removed while we listed its folder: it is simply not there
            stack.append((fd, prefix, iter(subdirs)))
            fd = -1
            while stack:
                parent_fd, parent_prefix, pending = stack[-1]
                subdir = next(pending, None)
                if subdir is None:
                    os.close(parent_fd)
                    stack.pop()
                    continue
                try:
                    fd = os.open(subdir, DIR_FLAGS, dir_fd=parent_fd)
                except FileNotFoundError:
                    continue
                except OSError as exc:
                    skipped.append((parent_prefix + subdir, f"folder cannot be opened: {exc.strerror}"))
                    continue
                prefix = parent_prefix + subdir + "/"
                break
            if fd == -1:
                return tree
    finally:
        if fd != -1:
            os.close(fd)
        for parent_fd, _, _ in stack:
            os.close(parent_fd)
