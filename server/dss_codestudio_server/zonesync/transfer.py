"""Copying and deleting files between two zone roots, atomically and in parallel.

Each file is written to a temporary name in its destination folder, stamped with the source's
mode and mtime, then renamed over its final name: whatever happens, a reader sees the old content or
the new one, never a half-written or missing file. Before the rename (or an unlink) the destination
is checked to still be what the plan expected, so an edit made on the destination side since the
scan is never overwritten; the check-then-rename window is a few microseconds. A source that
changes while it is copied is not installed. Small files are read into memory and hashed from
there; large ones are copied in the kernel (`copy_file_range`) and hashed from the copy.

Sources are opened with `paths.open_regular` (never a FIFO, a device or a hard link). Files written
for another user (`dst_owner`: a sandboxed studio's user) are given to that user before they are
renamed into place, and so are the folders made for them.

Files are grouped by folder (one pair of directory descriptors per folder, opened with
`O_NOFOLLOW` component by component) and copied by a thread pool, large files one by one and small
ones by chunks; progress is reported and cancellation checked between files. Durability follows `Durability`.
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import os
import stat
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field

from .digest import digest_fd
from .fileio import copy_in_kernel, read_all, start_writeback, sync_filesystem, write_all
from .paths import NotRegularFileError, Owner, open_regular, open_subdir, split_parent
from .results import Durability, Progress, ProgressCallback
from .tempfiles import new_temp_name, release_temp_name
from .tree import FileStat

SMALL_FILE = 1 << 20
_CHUNK_FILES = 64
_TEMP_FLAGS = os.O_RDWR | os.O_CREAT | os.O_EXCL | os.O_CLOEXEC


@dataclass(frozen=True, slots=True)
class CopyOrder:
    """Copy `path` from the source root; the destination must still be `expect` (None: absent)."""

    path: str
    size: int
    expect: FileStat | None
    known: tuple[str, FileStat] | None = None
    """The source's digest, hashed during the scan, and its stat then: reused while the stat is unchanged."""


@dataclass(frozen=True, slots=True)
class DeleteOrder:
    """Delete `path` on the destination side, provided it is still `expect`."""

    path: str
    expect: FileStat


@dataclass(frozen=True, slots=True)
class Copied:
    """A file now identical on both sides."""

    path: str
    digest: str
    size: int
    src: FileStat
    dst: FileStat
    replaced: bool


@dataclass(frozen=True, slots=True)
class Failed:
    """A file left as it was; `conflict` when the destination changed since the scan."""

    path: str
    reason: str
    conflict: bool = False
    on_source: bool = False


@dataclass
class TransferOutcome:
    """What a transfer did."""

    copied: list[Copied] = field(default_factory=list)
    deleted: list[str] = field(default_factory=list)
    failed: list[Failed] = field(default_factory=list)
    cancelled: bool = False


_Result = Copied | Failed | None
"""What copying one file gave: None when it was cancelled before it started."""


def _same(st: os.stat_result, expect: FileStat) -> bool:
    return stat.S_ISREG(st.st_mode) and st.st_size == expect.size and st.st_mtime_ns == expect.mtime_ns


def _check_destination(dst_dir: int, name: str, expect: FileStat | None) -> Failed | None:
    try:
        cur = os.stat(name, dir_fd=dst_dir, follow_symlinks=False)
    except FileNotFoundError:
        if expect is None:
            return None
        return Failed(name, "deleted on the destination side during the synchronisation", conflict=True)
    if stat.S_ISDIR(cur.st_mode):
        return Failed(name, "a folder has this name on the destination side")
    if not stat.S_ISREG(cur.st_mode):
        return Failed(name, "a symlink or special file has this name on the destination side")
    if cur.st_nlink > 1:
        return Failed(name, "a hard link has this name on the destination side")
    if expect is None:
        return Failed(name, "created on the destination side during the synchronisation", conflict=True)
    if not _same(cur, expect):
        return Failed(name, "changed on the destination side during the synchronisation", conflict=True)
    return None


@dataclass(slots=True)
class _Folder:
    """A folder being copied: its two descriptors, and how many holders still need them open.

    Each chunk in flight holds the folder, and so does the loop submitting its chunks: the folder is
    closed when the last of them lets go.
    """

    src_fd: int
    dst_fd: int
    holders: int = 1


class Transfer:
    """Copies and deletions from one zone root to the other, for one push or pull."""

    def __init__(
        self,
        src_root: int,
        dst_root: int,
        *,
        durability: Durability,
        workers: int,
        progress: ProgressCallback | None,
        cancelled: Callable[[], bool],
        dst_owner: Owner | None = None,
    ) -> None:
        self._dst_owner = dst_owner
        self._src_root = src_root
        self._dst_root = dst_root
        self._durability = durability
        self._workers = max(1, workers)
        self._progress = progress
        self._cancelled = cancelled

    def run(self, copies: Sequence[CopyOrder], deletes: Sequence[DeleteOrder]) -> TransferOutcome:
        """Carry out the orders: copies first, then deletions, then the durability policy."""
        out = TransferOutcome()
        files_total = len(copies) + len(deletes)
        bytes_total = sum(c.size for c in copies)
        done = [0, 0]

        def report(results: Sequence[_Result]) -> None:
            for r in results:
                if r is None:
                    continue
                done[0] += 1
                if isinstance(r, Copied):
                    out.copied.append(r)
                    done[1] += r.size
                else:
                    out.failed.append(r)
            if self._progress is not None:
                self._progress(Progress(done[0], files_total, done[1], bytes_total))

        self._copy_all(copies, report, out)
        if not out.cancelled:
            self._delete_all(deletes, out)
            if self._progress is not None and deletes:
                files_done = len(out.copied) + len(out.deleted) + len(out.failed)
                self._progress(Progress(files_done, files_total, done[1], bytes_total))
        if self._durability is not Durability.NONE and (out.copied or out.deleted):
            sync_filesystem(self._dst_root)
        return out

    def _groups(self, copies: Sequence[CopyOrder]) -> Iterator[tuple[str, list[tuple[str, CopyOrder]]]]:
        groups: dict[str, list[tuple[str, CopyOrder]]] = {}
        for order in copies:
            parent, name = split_parent(order.path)
            groups.setdefault(parent, []).append((name, order))
        yield from sorted(groups.items())

    def _copy_all(
        self,
        copies: Sequence[CopyOrder],
        report: Callable[[Sequence[_Result]], None],
        out: TransferOutcome,
    ) -> None:
        pool = ThreadPoolExecutor(self._workers, thread_name_prefix="zonesync-copy") if self._workers > 1 else None
        # Chunks run in the pool and are reported here, in the order they were submitted, as soon as each
        # is done: progress keeps flowing, and few chunks (and so few open folders) are ever in flight.
        in_flight: deque[tuple[Future[list[_Result]], _Folder]] = deque()
        limit = 2 * self._workers
        opened: list[_Folder] = []

        def release(folder: _Folder) -> None:
            folder.holders -= 1
            if folder.holders:
                return
            opened.remove(folder)
            try:
                if self._durability is Durability.FILE:
                    os.fsync(folder.dst_fd)
            finally:
                os.close(folder.src_fd)
                os.close(folder.dst_fd)

        def report_oldest() -> None:
            fut, folder = in_flight.popleft()
            report(fut.result())
            release(folder)

        try:
            for parent, members in self._groups(copies):
                if self._cancelled():
                    out.cancelled = True
                    break
                fds = self._open_folders(parent, members, report)
                if fds is None:
                    continue
                folder = _Folder(*fds)
                opened.append(folder)
                small = [m for m in members if m[1].size <= SMALL_FILE]
                chunks = [[m] for m in members if m[1].size > SMALL_FILE]
                chunks += [small[i : i + _CHUNK_FILES] for i in range(0, len(small), _CHUNK_FILES)]
                for chunk in chunks:
                    if pool is None:
                        report(self._copy_chunk(folder.src_fd, folder.dst_fd, chunk))
                        continue
                    # The copies wait on the file system (creating, renaming over, flushing) and hash
                    # outside the GIL: they overlap in the pool, large files one by one, small ones by chunks.
                    in_flight.append((pool.submit(self._copy_chunk, folder.src_fd, folder.dst_fd, chunk), folder))
                    folder.holders += 1
                    while len(in_flight) > limit:
                        report_oldest()
                release(folder)
            while in_flight:
                report_oldest()
        finally:
            for fut, _ in in_flight:  # only after an exception: let the workers end before closing their folders
                with contextlib.suppress(BaseException):
                    fut.result()
            for folder in opened:
                os.close(folder.src_fd)
                os.close(folder.dst_fd)
            if pool is not None:
                pool.shutdown(wait=True)
        if self._cancelled():
            out.cancelled = True

    def _open_folders(
        self,
        parent: str,
        members: list[tuple[str, CopyOrder]],
        report: Callable[[Sequence[_Result]], None],
    ) -> tuple[int, int] | None:
        try:
            src_fd = open_subdir(self._src_root, parent, create=False)
        except OSError as exc:
            report(
                [Failed(o.path, f"source folder cannot be opened: {exc.strerror}", on_source=True) for _, o in members]
            )
            return None
        try:
            dst_fd = open_subdir(self._dst_root, parent, create=True, owner=self._dst_owner)
        except OSError as exc:
            os.close(src_fd)
            reason = (
                "a folder on the path is a symlink or a file on the destination side"
                if exc.errno in (errno.ELOOP, errno.ENOTDIR, errno.EEXIST)
                else f"destination folder cannot be made: {exc.strerror}"
            )
            report([Failed(o.path, reason) for _, o in members])
            return None
        return src_fd, dst_fd

    def _copy_chunk(self, src_dir: int, dst_dir: int, chunk: list[tuple[str, CopyOrder]]) -> list[_Result]:
        results: list[_Result] = []
        for name, order in chunk:
            if self._cancelled():
                results.append(None)
                continue
            result = self._copy_one(src_dir, dst_dir, name, order)
            results.append(result)
        return results

    def _copy_one(self, src_dir: int, dst_dir: int, name: str, order: CopyOrder) -> Copied | Failed:
        path = order.path
        try:
            sfd, before = open_regular(name, src_dir)
        except NotRegularFileError as exc:
            return Failed(path, f"source is {exc.strerror}", on_source=True)
        except OSError as exc:
            return Failed(path, f"source cannot be read: {exc.strerror}", on_source=True)
        tmp = new_temp_name()
        tmp_made = False
        try:
            dfd = os.open(tmp, _TEMP_FLAGS, 0o600, dir_fd=dst_dir)
            tmp_made = True
            try:
                if self._dst_owner is not None:
                    os.fchown(dfd, *self._dst_owner)
                digest: str | None = None
                if order.known is not None and order.known[1] == (before.st_size, before.st_mtime_ns):
                    # Hashed by the scan and unchanged since (checked again after the copy): not read twice.
                    digest = order.known[0]
                if before.st_size <= SMALL_FILE:
                    data = read_all(sfd, before.st_size)
                    if digest is None:
                        digest = hashlib.sha256(data).hexdigest()
                    write_all(dfd, data)
                    copied = len(data)
                else:
                    copied = copy_in_kernel(sfd, dfd)
                    if self._durability is not Durability.NONE:
                        # The flush to come (syncfs, or ext4's on the rename over an older file) then
                        # overlaps the hashing and the other copies instead of following them.
                        start_writeback(dfd)
                after = os.fstat(sfd)
                if (
                    after.st_size != before.st_size
                    or after.st_mtime_ns != before.st_mtime_ns
                    or copied != after.st_size
                ):
                    return Failed(path, "source changed while it was copied", on_source=True)
                os.fchmod(dfd, (after.st_mode & 0o777) | 0o600)
                os.utime(dfd, ns=(after.st_atime_ns, after.st_mtime_ns))
                if digest is None:
                    os.lseek(dfd, 0, os.SEEK_SET)
                    digest = digest_fd(dfd)
                if self._durability is Durability.FILE:
                    os.fsync(dfd)
            finally:
                os.close(dfd)
            refused = _check_destination(dst_dir, name, order.expect)
            if refused is not None:
                return Failed(path, refused.reason, refused.conflict)
            os.replace(tmp, name, src_dir_fd=dst_dir, dst_dir_fd=dst_dir)
            tmp_made = False
            return Copied(
                path,
                digest,
                copied,
                FileStat(after.st_size, after.st_mtime_ns),
                # The mtime just set. On a filesystem that truncates it, the next scan hashes the file once
                # (same size, other mtime) and re-records it: never a wrong answer, only a slower one.
                FileStat(copied, after.st_mtime_ns),
                order.expect is not None,
            )
        except OSError as exc:
            return Failed(path, f"copy failed: {exc.strerror or exc}")
        finally:
            os.close(sfd)
            if tmp_made:
                with contextlib.suppress(OSError):
                    os.unlink(tmp, dir_fd=dst_dir)
            release_temp_name(tmp)

    def _delete_all(self, deletes: Sequence[DeleteOrder], out: TransferOutcome) -> None:
        by_parent: dict[str, list[tuple[str, DeleteOrder]]] = {}
        for order in deletes:
            parent, name = split_parent(order.path)
            by_parent.setdefault(parent, []).append((name, order))
        emptied: set[str] = set()
        for parent, members in sorted(by_parent.items()):
            try:
                dir_fd = open_subdir(self._dst_root, parent, create=False)
            except FileNotFoundError:
                out.deleted.extend(o.path for _, o in members)  # the whole folder is already gone
                continue
            except OSError as exc:
                out.failed.extend(Failed(o.path, f"folder cannot be opened: {exc.strerror}") for _, o in members)
                continue
            try:
                for name, order in members:
                    try:
                        current = os.stat(name, dir_fd=dir_fd, follow_symlinks=False)
                    except FileNotFoundError:
                        out.deleted.append(order.path)  # already gone: the sides agree
                        continue
                    if not _same(current, order.expect):
                        reason = "changed on the destination side during the synchronisation"
                        out.failed.append(Failed(order.path, reason, conflict=True))
                        continue
                    try:
                        os.unlink(name, dir_fd=dir_fd)
                    except FileNotFoundError:
                        pass
                    except OSError as exc:
                        out.failed.append(Failed(order.path, f"cannot be deleted: {exc.strerror}"))
                        continue
                    out.deleted.append(order.path)
                if self._durability is Durability.FILE:
                    os.fsync(dir_fd)
            finally:
                os.close(dir_fd)
            if parent:
                emptied.add(parent)
        self._remove_empty_folders(emptied)

    def _remove_empty_folders(self, folders: set[str]) -> None:
        """Remove folders (and their parents) that deletions left empty; never the root."""
        candidates: set[str] = set()
        for folder in folders:
            while folder:
                candidates.add(folder)
                folder = split_parent(folder)[0]
        for folder in sorted(candidates, key=lambda f: f.count("/"), reverse=True):
            parent, name = split_parent(folder)
            try:
                parent_fd = open_subdir(self._dst_root, parent, create=False)
            except OSError:
                continue
            try:
                os.rmdir(name, dir_fd=parent_fd)
            except OSError:
                pass  # not empty (an excluded or new file), or already gone
            finally:
                os.close(parent_fd)
