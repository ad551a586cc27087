"""A file zone: a DSS-side folder and a studio-side folder kept in sync against a persisted base.

Each operation takes the zone's lock, walks both roots (stat only), and classifies every path on
each side against the base as unchanged, added, modified or deleted. Size and mtime decide first;
a file whose stat differs but whose size does not, or whose recorded stat was racy, is hashed to
tell a touch from an edit. Paths changed on one side only flow to the other side; paths changed on
both sides agree when both were deleted or both now hold the same content (the base is updated, no
copy), and conflict otherwise. Only the files now in agreement are written to the base, after the
files themselves; so a crash at any point leaves a base that never claims more than is on disk,
and the next operation re-discovers what a killed one had already done as agreements.
"""

from __future__ import annotations

import contextlib
import os
import time
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from threading import Event

from .analysis import PRESENT, RACY_MARGIN_NS, Analysis, Change, SideView, compare
from .basestate import BaseEntry, BaseState, load_base, remove_base, save_base, zone_lock
from .digest import commit_id
from .errors import SyncCancelledError, SyncConflictError, ZoneRootError
from .excludes import ExcludeRules
from .paths import Owner, open_root
from .results import (
    AuthorsLookup,
    CancelCheck,
    ConflictPolicy,
    ConflictReport,
    Direction,
    Durability,
    ProgressCallback,
    Side,
    SkippedFile,
    SyncResult,
    ZoneScan,
)
from .transfer import CopyOrder, DeleteOrder, Transfer, TransferOutcome
from .tree import Tree, walk

# Copies and hashes of large files use the CPUs; copies of small files mostly wait on the file system
# (on 2 cores, 4 threads rewrite 10,000 small files ~1.5x faster than 2, 8 no faster).
_DEFAULT_WORKERS = 4


def _as_check(cancel: CancelCheck | None) -> Callable[[], bool]:
    if cancel is None:
        return lambda: False
    if isinstance(cancel, Event):
        return cancel.is_set
    return cancel


class Zone:
    """A synchronised zone: DSS-side folder, studio-side folder, and the state folder holding their base.

    `dss_root` and `studio_root` are trusted absolute folders chosen by the caller (place a studio's
    `pathInContainer` inside its workspace with `safe_subdir`); nothing below them is ever reached through
    a symlink. `state_dir` holds the base and the lock, one per zone and per studio. `excluded` takes the
    template's `excludedFromSync` patterns; `one_way` zones only go DSS -> studio. `studio_owner` (uid, gid)
    is given what a push writes on the studio side, when the studio runs as another user.
    """

    def __init__(
        self,
        dss_root: Path,
        studio_root: Path,
        state_dir: Path,
        *,
        excluded: Sequence[str] = (),
        one_way: bool = False,
        durability: Durability = Durability.BATCH,
        workers: int | None = None,
        studio_owner: Owner | None = None,
    ) -> None:
        self.studio_owner = studio_owner
        self.dss_root = Path(os.path.abspath(dss_root))
        self.studio_root = Path(os.path.abspath(studio_root))
        self.state_dir = Path(os.path.abspath(state_dir))
        folders = (self.dss_root, self.studio_root, self.state_dir)
        for a, b in ((folders[0], folders[1]), (folders[0], folders[2]), (folders[1], folders[2])):
            if a == b or a in b.parents or b in a.parents:
                raise ValueError(f"zone folders must not contain one another: {a} and {b}")
        self.rules = ExcludeRules(excluded)
        self.one_way = one_way
        self.durability = durability
        self.workers = workers if workers is not None else _DEFAULT_WORKERS

    # ----------------------------------------------------------------------------------------------
    # Public operations

    def scan(self) -> ZoneScan:
        """Report what changed on each side since the last synchronisation, and what conflicts; change nothing."""
        with self._analysis(create_dss=False, create_studio=False) as a:
            unchanged = sum(
                1
                for p in a.base.files
                if a.dss.change.get(p) is Change.UNCHANGED and a.studio.change.get(p) is Change.UNCHANGED
            )
            return ZoneScan(
                dss=a.side_changes("dss"),
                studio=a.side_changes("studio"),
                conflicts=a.conflict_changes(),
                unchanged=unchanged,
                skipped=a.skipped(),
            )

    def conflicts(self, *, authors: AuthorsLookup | None = None) -> ConflictReport:
        """Report the files changed on both sides since the last sync, as DSS's `conflicts/{zone}` does.

        `authors` receives the DSS-side paths changed since the last synchronisation and returns who changed them;
        it is only called when the DSS side changed.
        """
        with self._analysis(create_dss=False, create_studio=False) as a:
            return self._report(a, authors)

    def push(
        self,
        *,
        on_conflict: ConflictPolicy = ConflictPolicy.SKIP,
        progress: ProgressCallback | None = None,
        cancel: CancelCheck | None = None,
    ) -> SyncResult:
        """Copy what changed on the DSS side to the studio side (DSS -> studio).

        Conflicting files are left as they are and listed (`SKIP`), overwritten by the DSS version (`FORCE`), or make
        the whole push copy nothing and raise `SyncConflictError` (`REFUSE`).
        """
        return self._sync("push", on_conflict, progress, cancel)

    def pull(
        self,
        *,
        on_conflict: ConflictPolicy = ConflictPolicy.REFUSE,
        progress: ProgressCallback | None = None,
        cancel: CancelCheck | None = None,
    ) -> SyncResult:
        """Copy what changed on the studio side to the DSS side (studio -> DSS); a one-way zone copies nothing.

        By default a pull with conflicting files copies nothing and raises `SyncConflictError` naming them; with
        `FORCE` the studio version wins; with `SKIP` (what a studio stop uses) they are left alone and listed.
        """
        if self.one_way:
            return SyncResult("pull")
        return self._sync("pull", on_conflict, progress, cancel)

    def forget(self) -> None:
        """Drop the base: the next operation treats both sides as never synchronised (nothing can be lost)."""
        with zone_lock(self.state_dir):
            remove_base(self.state_dir)

    # ----------------------------------------------------------------------------------------------
    # Analysis

    @contextlib.contextmanager
    def _analysis(self, *, create_dss: bool, create_studio: bool, clean: bool = False) -> Iterator[Analysis]:
        with zone_lock(self.state_dir):
            base = load_base(self.state_dir, str(self.dss_root), str(self.studio_root))
            marker_ns = time.time_ns() - RACY_MARGIN_NS
            dss_fd = self._open_side(self.dss_root, base, create=create_dss)
            try:
                studio_fd = self._open_side(self.studio_root, base, create=create_studio)
                try:
                    dss = SideView("dss", dss_fd, self._walk(dss_fd, clean))
                    studio = SideView("studio", studio_fd, self._walk(studio_fd, clean))
                    analysis = Analysis(base, marker_ns, dss, studio)
                    compare(analysis, self.rules, self.workers)
                    yield analysis
                finally:
                    if studio_fd is not None:
                        os.close(studio_fd)
            finally:
                if dss_fd is not None:
                    os.close(dss_fd)

    def _open_side(self, root: Path, base: BaseState, *, create: bool) -> int | None:
        if not os.path.lexists(root):
            if base.files:
                raise ZoneRootError(
                    f"zone folder {root} is missing although files were synchronised from it; "
                    "refusing to treat it as empty (forget the zone to start over)"
                )
            if not create:
                return None
            root.mkdir(parents=True, exist_ok=True)
            if root == self.studio_root and self.studio_owner is not None:
                os.chown(root, *self.studio_owner, follow_symlinks=False)
        return open_root(root)

    def _walk(self, root_fd: int | None, clean: bool) -> Tree:
        return Tree() if root_fd is None else walk(root_fd, self.rules, clean_temps=clean)

    def _report(self, a: Analysis, authors: AuthorsLookup | None) -> ConflictReport:
        base_files = a.base.files
        commit_from = commit_id((p, e.digest) for p, e in base_files.items())
        dss_changed = tuple(sorted(p for p, c in a.dss.change.items() if c is not Change.UNCHANGED))
        commit_to = commit_from
        if dss_changed:
            a.dss.hash_many([p for p in dss_changed if a.dss.change[p] in PRESENT], self.workers)
            manifest: list[tuple[str, str]] = []
            for path in a.dss.files:
                if a.dss.change[path] is Change.UNCHANGED:
                    manifest.append((path, base_files[path].digest))
                else:
                    manifest.append((path, a.dss.digests.get(path, "unreadable")))
            commit_to = commit_id(manifest)
        who: tuple[str, ...] = ()
        if authors is not None and dss_changed:
            who = tuple(sorted(set(authors(dss_changed))))
        c = a.conflict_changes()
        return ConflictReport(commit_from, commit_to, who, c.added, c.modified, c.deleted, a.skipped())

    # ----------------------------------------------------------------------------------------------
    # Synchronisation

    def _sync(
        self,
        direction: Direction,
        on_conflict: ConflictPolicy,
        progress: ProgressCallback | None,
        cancel: CancelCheck | None,
    ) -> SyncResult:
        pushing = direction == "push"
        with self._analysis(create_dss=not pushing, create_studio=pushing, clean=True) as a:
            src, dst = (a.dss, a.studio) if pushing else (a.studio, a.dss)
            if a.conflicts and on_conflict is ConflictPolicy.REFUSE:
                raise SyncConflictError(self._report(a, None))
            flowing = list(a.only_dss if pushing else a.only_studio)
            kept_conflicts: list[str] = []
            if on_conflict is ConflictPolicy.FORCE:
                flowing.extend(a.conflicts)
            else:
                kept_conflicts.extend(a.conflicts)
            copies, deletes = self._orders(a, src, dst, flowing)
            assert src.root_fd is not None or not copies
            assert dst.root_fd is not None
            transfer = Transfer(
                src.root_fd if src.root_fd is not None else dst.root_fd,
                dst.root_fd,
                durability=self.durability,
                workers=self.workers,
                progress=progress,
                cancelled=_as_check(cancel),
                dst_owner=self.studio_owner if pushing else None,
            )
            outcome = transfer.run(copies, deletes)
            added, modified, size = self._record(a, outcome, pushing)
            skipped = list(a.skipped())
            for failed in outcome.failed:
                if failed.conflict:
                    kept_conflicts.append(failed.path)
                side: Side = src.side if failed.on_source else dst.side
                skipped.append(SkippedFile(failed.path, side, failed.reason))
            if a.agreed or a.refreshed or a.excluded_in_base or outcome.copied or outcome.deleted:
                save_base(self.state_dir, a.base, durable=self.durability is not Durability.NONE)
            result = SyncResult(
                direction,
                tuple(sorted(added)),
                tuple(sorted(modified)),
                tuple(sorted(outcome.deleted)),
                size,
                tuple(sorted(kept_conflicts)),
                tuple(skipped),
            )
            if outcome.cancelled:
                raise SyncCancelledError(result)
            return result

    @staticmethod
    def _orders(
        a: Analysis, src: SideView, dst: SideView, flowing: list[str]
    ) -> tuple[list[CopyOrder], list[DeleteOrder]]:
        """Turn the paths flowing from `src` to `dst` into copy and delete orders, guarded by `dst`'s current stat."""
        copies: list[CopyOrder] = []
        deletes: list[DeleteOrder] = []
        for path in sorted(flowing):
            expect = dst.files.get(path)
            if src.change[path] is not Change.DELETED:
                st = src.files[path]
                digest = src.digests.get(path)
                # A digest is only reused for a file whose mtime is clear of the scan's racy window: an edit
                # after the scan then changes its stat, which the copy checks.
                known = (digest, st) if digest is not None and not a.racy(st.mtime_ns) else None
                copies.append(CopyOrder(path, st.size, expect, known))
            elif expect is not None:
                deletes.append(DeleteOrder(path, expect))
            else:
                a.agreed[path] = None  # already absent on the destination side too
        return copies, deletes

    @staticmethod
    def _record(a: Analysis, outcome: TransferOutcome, pushing: bool) -> tuple[list[str], list[str], int]:
        """Update the base for exactly the files now in agreement; return the added and modified paths and bytes."""
        base = a.base.files
        base.update(a.refreshed)
        for path, agreed in a.agreed.items():
            if agreed is None:
                base.pop(path, None)
            else:
                base[path] = agreed
        added: list[str] = []
        modified: list[str] = []
        size = 0
        for copied in outcome.copied:
            dss_st, studio_st = (copied.src, copied.dst) if pushing else (copied.dst, copied.src)
            base[copied.path] = BaseEntry(
                copied.digest,
                copied.size,
                dss_st.mtime_ns,
                studio_st.mtime_ns,
                a.racy(dss_st.mtime_ns),
                a.racy(studio_st.mtime_ns),
            )
            (modified if copied.replaced else added).append(copied.path)
            size += copied.size
        for path in outcome.deleted:
            base.pop(path, None)
        return added, modified, size
