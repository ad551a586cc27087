"""Low-level file I/O of a transfer: whole reads and writes, in-kernel copies, and flushes to disk.

`start_writeback` starts writing a file's dirty pages without waiting (so that the batch's flush
finds less to do), and `sync_filesystem` flushes a whole filesystem once for a batch (`syncfs`,
else `sync`): both through the C library, where it has them.
"""

from __future__ import annotations

import ctypes
import errno
import os
from collections.abc import Callable


class _Libc:
    """`syncfs(2)` and `sync_file_range(2)`, where the C library has them."""

    def __init__(self) -> None:
        self.syncfs: Callable[[int], int] | None
        self.sync_file_range: Callable[[int, int, int, int], int] | None
        try:
            libc = ctypes.CDLL(None, use_errno=True)
        except OSError:
            self.syncfs = self.sync_file_range = None
            return
        self.syncfs = getattr(libc, "syncfs", None)
        self.sync_file_range = getattr(libc, "sync_file_range", None)
        if self.sync_file_range is not None:
            self.sync_file_range.argtypes = [ctypes.c_int, ctypes.c_int64, ctypes.c_int64, ctypes.c_uint]


_libc = _Libc()


_SYNC_FILE_RANGE_WRITE = 2


def start_writeback(fd: int) -> None:
    """Start writing a file's dirty pages to disk without waiting, so that a later flush finds less to do."""
    if _libc.sync_file_range is not None:
        _libc.sync_file_range(fd, 0, 0, _SYNC_FILE_RANGE_WRITE)  # a hint: its failure changes nothing


def sync_filesystem(fd: int) -> None:
    """Flush the filesystem holding `fd` to stable storage (one call for a whole batch)."""
    if _libc.syncfs is None or _libc.syncfs(fd) != 0:
        os.sync()


def read_all(fd: int, size: int) -> bytes:
    """Read a regular file of `size` bytes whole (more if it grew meanwhile)."""
    # Ask for one byte more than expected, to notice a file that grew. A regular file only reads short at
    # its end, so a short first read needs no second call to see EOF.
    first = os.read(fd, size + 1)
    if len(first) <= size:
        return first
    parts = [first]
    while chunk := os.read(fd, 1 << 20):
        parts.append(chunk)
    return b"".join(parts)


def write_all(fd: int, data: bytes) -> None:
    """Write all of `data`, whatever short writes the system makes."""
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view) :]


def copy_in_kernel(src: int, dst: int) -> int:
    """Copy the rest of `src` to `dst` in the kernel (`copy_file_range`, else `sendfile`); return the bytes copied."""
    total = 0
    try:
        while n := os.copy_file_range(src, dst, 1 << 30):
            total += n
        return total
    except OSError as exc:
        if total or exc.errno not in (errno.EXDEV, errno.ENOSYS, errno.EINVAL, errno.EOPNOTSUPP, errno.EPERM):
            raise
    while n := os.sendfile(dst, src, None, 1 << 30):
        total += n
    return total
