"""The three-way analysis of a zone: each side's files against the base, and what flows, agrees or conflicts.

A walk lists each side (stat only); `classify_side` marks every path added, modified, deleted or
unchanged against the base, hashing only where the stat leaves a doubt (same size, other mtime, or
a racy recorded stat); `compare` then sends what changed on one side only to the other, records as
agreed what both sides deleted or made identical, and calls the rest conflicts. A name the walk
skipped (a link, a FIFO...) is left alone on both sides.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from enum import Enum

from .basestate import BaseEntry, BaseState
from .digest import digest_file
from .excludes import ExcludeRules
from .paths import open_subdir, split_parent
from .results import FileChanges, Side, SkippedFile
from .transfer import SMALL_FILE
from .tree import FileStat, Tree

# A file whose mtime is this close to the start of a scan may still change within the same clock tick
# without its stat changing: its recorded stat is racy and is confirmed by hashing next time.
RACY_MARGIN_NS = 50_000_000
# Filesystems with whole-second (or FAT's two-second) timestamps need a wider window.
COARSE_RACY_MARGIN_NS = 2_000_000_000


class Change(Enum):
    """How a path changed on one side since the last synchronisation."""

    UNCHANGED = "unchanged"
    ADDED = "added"
    MODIFIED = "modified"
    DELETED = "deleted"


PRESENT = (Change.ADDED, Change.MODIFIED)


def is_skipped(path: str, skipped: set[str]) -> bool:
    """Whether `path` or one of its folders was skipped by the walk."""
    while path:
        if path in skipped:
            return True
        path = split_parent(path)[0]
    return False


@dataclass
class SideView:
    """One side of the zone during an operation: its walk, its changes, the digests computed so far."""

    side: Side
    root_fd: int | None
    tree: Tree
    change: dict[str, Change] = field(default_factory=dict)
    digests: dict[str, str] = field(default_factory=dict)
    unstable: set[str] = field(default_factory=set)

    @property
    def files(self) -> dict[str, FileStat]:
        """The regular files of this side, by path."""
        return self.tree.files

    def digest(self, path: str) -> str | None:
        """Return the digest of a file on this side (hashed now if needed), None if it cannot be read stably."""
        if path in self.digests:
            return self.digests[path]
        if path in self.unstable or self.root_fd is None:
            return None
        self._hash([path])
        return self.digests.get(path)

    def hash_many(self, paths: Sequence[str], workers: int = 1) -> None:
        """Hash many files, folder by folder; large files on `workers` threads (hashlib releases the GIL)."""
        wanted = [p for p in paths if p not in self.digests and p not in self.unstable]
        if not wanted or self.root_fd is None:
            return
        large = [p for p in wanted if self.files[p].size > SMALL_FILE] if workers > 1 else []
        if len(large) > 1:
            with ThreadPoolExecutor(min(workers, len(large)), thread_name_prefix="zonesync-hash") as pool:
                # Each thread records into the dicts only its own path: dict item assignment is atomic.
                list(pool.map(lambda p: self._hash([p]), large))
            chosen = set(large)
            wanted = [p for p in wanted if p not in chosen]
        self._hash(sorted(wanted))

    def _hash(self, paths: Sequence[str]) -> None:
        assert self.root_fd is not None
        current_dir: str | None = None
        dir_fd = -1
        try:
            for path in paths:
                parent, name = split_parent(path)
                if parent != current_dir:
                    if dir_fd != -1:
                        os.close(dir_fd)
                        dir_fd = -1
                    current_dir = parent
                    try:
                        dir_fd = open_subdir(self.root_fd, parent, create=False)
                    except OSError:
                        dir_fd = -1
                if dir_fd == -1:
                    self.unstable.add(path)
                    continue
                try:
                    digest, st = digest_file(dir_fd, name)
                except OSError:
                    self.unstable.add(path)
                    continue
                self.digests[path] = digest
                self.files[path] = st
        finally:
            if dir_fd != -1:
                os.close(dir_fd)


@dataclass
class Analysis:
    """The three-way comparison of both sides against the base."""

    base: BaseState
    marker_ns: int
    dss: SideView
    studio: SideView
    only_dss: list[str] = field(default_factory=list)
    only_studio: list[str] = field(default_factory=list)
    conflicts: list[str] = field(default_factory=list)
    agreed: dict[str, BaseEntry | None] = field(default_factory=dict)
    """Paths both sides agree on although the base does not: new entries, or None to drop one."""
    refreshed: dict[str, BaseEntry] = field(default_factory=dict)
    """Base entries whose stat was re-recorded after hashing showed the content unchanged."""
    excluded_in_base: int = 0

    def racy(self, mtime_ns: int) -> bool:
        """Whether a file with this mtime may still change within the scan's clock tick unnoticed."""
        margin = COARSE_RACY_MARGIN_NS if mtime_ns % 1_000_000_000 == 0 else 0
        return mtime_ns >= self.marker_ns - margin

    def view(self, side: Side) -> SideView:
        """Return one side's view."""
        return self.dss if side == "dss" else self.studio

    def skipped(self) -> tuple[SkippedFile, ...]:
        """Return what the walks of both sides skipped."""
        return tuple(
            SkippedFile(path, view.side, reason)
            for view in (self.dss, self.studio)
            for path, reason in view.tree.skipped
        )

    def conflict_changes(self) -> FileChanges:
        """Return the conflicting paths, classified by what the studio did to them."""
        by_kind: dict[Change, list[str]] = {Change.ADDED: [], Change.MODIFIED: [], Change.DELETED: []}
        for path in self.conflicts:
            by_kind[self.studio.change[path]].append(path)
        return FileChanges(
            tuple(sorted(by_kind[Change.ADDED])),
            tuple(sorted(by_kind[Change.MODIFIED])),
            tuple(sorted(by_kind[Change.DELETED])),
        )

    def side_changes(self, side: Side) -> FileChanges:
        """Return the paths one side added, modified and deleted."""
        changes = self.view(side).change
        return FileChanges(
            tuple(sorted(p for p, c in changes.items() if c is Change.ADDED)),
            tuple(sorted(p for p, c in changes.items() if c is Change.MODIFIED)),
            tuple(sorted(p for p, c in changes.items() if c is Change.DELETED)),
        )

    def entry(self, path: str, digest: str) -> BaseEntry:
        """Return a base entry for a file both sides now hold with `digest`, from their current stats."""
        d, s = self.dss.files[path], self.studio.files[path]
        return BaseEntry(digest, d.size, d.mtime_ns, s.mtime_ns, self.racy(d.mtime_ns), self.racy(s.mtime_ns))


def compare(a: Analysis, rules: ExcludeRules, workers: int) -> None:
    """Classify both sides against the base, then find what flows, what agrees and what conflicts."""
    if rules:
        excluded = [p for p in a.base.files if rules.excludes_path(p)]
        for p in excluded:
            del a.base.files[p]
        a.excluded_in_base = len(excluded)
    for view in (a.dss, a.studio):
        classify_side(a, view, workers)
    dss_change, studio_change = a.dss.change, a.studio.change
    both: list[str] = []
    for path, dc in dss_change.items():
        sc = studio_change[path]
        if dc is Change.UNCHANGED:
            if sc is not Change.UNCHANGED:
                a.only_studio.append(path)
        elif sc is Change.UNCHANGED:
            a.only_dss.append(path)
        else:
            both.append(path)
    to_hash = [p for p in both if dss_change[p] in PRESENT and studio_change[p] in PRESENT]
    a.dss.hash_many(to_hash, workers)
    a.studio.hash_many(to_hash, workers)
    for path in both:
        dc, sc = dss_change[path], studio_change[path]
        if dc is Change.DELETED and sc is Change.DELETED:
            a.agreed[path] = None
        elif dc in PRESENT and sc in PRESENT:
            d, s = a.dss.digest(path), a.studio.digest(path)
            if d is not None and d == s:
                a.agreed[path] = a.entry(path, d)
            else:
                a.conflicts.append(path)
        else:
            a.conflicts.append(path)


def classify_side(a: Analysis, view: SideView, workers: int) -> None:
    """Classify every path of one side against the base, hashing only where the stat leaves a doubt."""
    files = view.files
    base = a.base.files
    change = view.change
    doubts: list[str] = []
    is_dss = view.side == "dss"
    skipped = view.tree.skipped_paths() if view.tree.skipped else set()
    for path, entry in base.items():
        st = files.get(path)
        if st is None:
            # A name the walk skipped (now a link, a FIFO...) is left as it is on both sides, not taken for a
            # deletion: replacing a file by a hard link to it must not delete it on the other side.
            change[path] = Change.UNCHANGED if skipped and is_skipped(path, skipped) else Change.DELETED
            continue
        mtime, racy = (entry.dss_mtime_ns, entry.dss_racy) if is_dss else (entry.studio_mtime_ns, entry.studio_racy)
        if st.size != entry.size:
            change[path] = Change.MODIFIED
        elif st.mtime_ns == mtime and not racy:
            change[path] = Change.UNCHANGED
        else:
            doubts.append(path)
    for path in files:
        if path not in base:
            change[path] = Change.ADDED
    view.hash_many(doubts, workers)
    for path in doubts:
        digest = view.digests.get(path)
        entry = base[path]
        if digest is None or digest != entry.digest:
            change[path] = Change.MODIFIED
            continue
        change[path] = Change.UNCHANGED
        st = files[path]
        refreshed = a.refreshed.get(path, entry)
        if is_dss:
            a.refreshed[path] = refreshed._replace(dss_mtime_ns=st.mtime_ns, dss_racy=a.racy(st.mtime_ns))
        else:
            a.refreshed[path] = refreshed._replace(studio_mtime_ns=st.mtime_ns, studio_racy=a.racy(st.mtime_ns))
    # Paths absent on this side and absent from the base are unchanged here: give every path of
    # the union an entry, so the three-way step reads both sides' changes directly.
    other = a.studio if is_dss else a.dss
    for path in other.files:
        if path not in change:
            change[path] = Change.UNCHANGED
