"""File synchronisation of code studio zones: push (DSS -> studio), pull (studio -> DSS), conflicts.

Each zone of a run pairs the DSS-side folder of its kind (studio_files) with its folder in the
studio's workspace, against a base kept per studio and zone, and for user zones per owner too
(zonesync, studio_workspace). What a push writes in the studio is given to the studio's user when
its processes run as another user than the server (a sandbox under root). The rules, as the API
exposes them:

- Conflicts are three-way against the last synchronisation: a file added, modified or deleted in
  the studio whose DSS-side copy was also added, modified or deleted since. Both sides deleting a
  file, or making it identical, is no conflict.
- A push copies the DSS-side changes to the studio and leaves conflicting files as they are in the
  studio (listed in `conflicts`), unless forced: then the DSS version wins.
- A pull copies the studio-side changes to DSS; if any of them conflicts it copies nothing and
  fails naming the files, unless forced (the studio version wins). The pull a stop makes skips
  conflicting files instead (they stay on both sides, and the stop result lists them). A one-way
  zone is never pulled.
- Only changed files are copied; `excludedFromSync` patterns are never synchronised; symbolic
  links, special files and names that cannot be synchronised are skipped and reported.
- A pull is recorded as changes by the studio's owner: in the library's change log for the
  project library, in the zone change log (zone_changes) for the other DSS sides. The `authors` of
  a conflict report come from these logs: who changed the DSS-side files since the last
  synchronisation (changes made behind the server's back, on disk, have no author).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TypeVar

from dss_codestudio_server.domain.errors import Conflict
from dss_codestudio_server.domain.libraries import LibraryService
from dss_codestudio_server.domain.studio_files import LIBRARY_ZONE, StudioFiles, StudioRef, zone_outlives_studio
from dss_codestudio_server.domain.studio_state import StudioRun, ZoneRun
from dss_codestudio_server.domain.zone_changes import ZoneChangeLog
from dss_codestudio_server.storage import TEMP_PREFIX
from dss_codestudio_server.zonesync import (
    CancelCheck,
    ConflictPolicy,
    ConflictReport,
    Owner,
    ProgressCallback,
    SyncCancelledError,
    SyncConflictError,
    SyncResult,
    Zone,
    ZoneSyncError,
)
from dss_codestudio_server.zonesync.basestate import BaseEntry, load_base

T = TypeVar("T")
# The temporary files of the server's own atomic writes (library, starter files) are never synchronised.
ALWAYS_EXCLUDED = (f"{TEMP_PREFIX}*",)


class ZoneConflictError(Conflict):
    """A pull refused because files changed on both sides; `report` names them."""

    def __init__(self, zone_id: str, report: ConflictReport) -> None:
        paths = [*report.added, *report.modified, *report.deleted]
        shown = ", ".join(paths[:20]) + (f" and {len(paths) - 20} more" if len(paths) > 20 else "")
        super().__init__(
            f"{len(paths)} {'file' if len(paths) == 1 else 'files'} of zone {zone_id} changed both in the studio and"
            " in DSS since the last"
            f" synchronisation: {shown}. Nothing was pulled; pull with force=true to keep the studio's version."
        )
        self.report = report


@dataclass(frozen=True)
class Unsynced:
    """Studio-side changes of a zone that a pull did not bring to DSS."""

    zone: ZoneRun
    paths: tuple[str, ...]
    error: str | None = None


def unsynced_message(studio_id: str, unsynced: list[Unsynced], doing: str) -> str:
    """Say which files of a stopped studio are not in DSS, and what to do before `doing` again."""
    parts = []
    for item in unsynced:
        if item.error:
            parts.append(f"zone {item.zone.zone}: {item.error}")
        else:
            shown = ", ".join(item.paths[:10]) + (f" and {len(item.paths) - 10} more" if len(item.paths) > 10 else "")
            parts.append(f"zone {item.zone.zone}: {shown}")
    return (
        f"Code studio {studio_id} is stopped but files of its workspace are not in DSS (a pull could not bring them,"
        f" they also changed in DSS, or none ran since they changed): {'; '.join(parts)}. {doing.capitalize()} would"
        " lose them: start it and pull these zones (with force=true, the studio's version wins), or push them with"
        " force=true (the DSS version wins), then try again."
    )


class StudioSync:
    """Synchronises the zones of studio runs."""

    def __init__(
        self,
        files: StudioFiles,
        libraries: LibraryService,
        changes: ZoneChangeLog,
        *,
        studio_owner: Owner | None = None,
    ) -> None:
        self._files = files
        self._libraries = libraries
        self._changes = changes
        self._studio_owner = studio_owner
        """The (uid, gid) of sandboxed studios' processes, given what is written on the studio side."""

    def _zone(self, studio: StudioRef, run: StudioRun, zone: ZoneRun) -> Zone:
        dss_root = self._files.dss_root(studio, run.run_as, zone.zone)
        dss_root.parent.mkdir(parents=True, exist_ok=True)
        try:
            return Zone(
                dss_root,
                self._files.studio_root(studio, zone.workspace_path, self._studio_owner),
                self._files.sync_state(studio, zone.state_key),
                excluded=(*run.excluded, *ALWAYS_EXCLUDED),
                one_way=zone.one_way,
                studio_owner=self._studio_owner,
            )
        except ValueError as exc:
            raise Conflict(f"Zone {zone.id} cannot be synchronised: {exc}") from exc

    def push(
        self,
        studio: StudioRef,
        run: StudioRun,
        zone: ZoneRun,
        *,
        force: bool = False,
        progress: ProgressCallback | None = None,
        cancel: CancelCheck | None = None,
    ) -> SyncResult:
        """Copy the DSS-side changes of a zone into the studio (conflicts skipped unless `force`)."""
        policy = ConflictPolicy.FORCE if force else ConflictPolicy.SKIP
        synced = self._zone(studio, run, zone)
        return self._guarded(zone, lambda: synced.push(on_conflict=policy, progress=progress, cancel=cancel))

    def pull(
        self,
        studio: StudioRef,
        run: StudioRun,
        zone: ZoneRun,
        *,
        policy: ConflictPolicy = ConflictPolicy.REFUSE,
        progress: ProgressCallback | None = None,
        cancel: CancelCheck | None = None,
    ) -> SyncResult:
        """Copy the studio-side changes of a zone to DSS; `policy` says what conflicts do (refuse by default)."""
        synced = self._zone(studio, run, zone)

        def pull() -> SyncResult:
            try:
                return synced.pull(on_conflict=policy, progress=progress, cancel=cancel)
            except SyncConflictError as exc:
                raise ZoneConflictError(zone.id, exc.report) from exc

        if zone.zone != LIBRARY_ZONE:
            return self._recorded(zone, pull, lambda result: self._record_zone(synced, result, run.run_as))
        with self._libraries.locked(studio.project_key):
            return self._recorded(zone, pull, lambda result: self._record_library(studio, run, result))

    def conflicts(self, studio: StudioRef, run: StudioRun, zone: ZoneRun) -> ConflictReport:
        """Report the files of a zone changed on both sides since the last synchronisation."""
        synced = self._zone(studio, run, zone)

        def authors(paths: tuple[str, ...]) -> list[str]:
            base = self._base(synced)
            states = {p: base[p].digest if p in base else None for p in paths}
            if zone.zone == LIBRARY_ZONE:
                return self._libraries.authors_since(studio.project_key, states)
            return self._changes.authors_since(self._files.log_folder(synced.dss_root), states)

        return self._guarded(zone, lambda: synced.conflicts(authors=authors))

    def unsynced(self, studio: StudioRef, run: StudioRun) -> list[Unsynced]:
        """Studio-side changes not yet in DSS, in the zones whose DSS side outlives the studio."""
        found: list[Unsynced] = []
        for zone in run.zones:
            if zone.one_way or not zone_outlives_studio(zone.zone):
                continue
            try:
                scan = self._zone(studio, run, zone).scan()
            except (ZoneSyncError, Conflict) as exc:
                found.append(Unsynced(zone, (), str(exc)))
                continue
            # A file both sides changed the same way is in DSS already: nothing of it would be lost.
            agreed = (set(scan.studio.paths()) & set(scan.dss.paths())) - set(scan.conflicts.paths())
            pending = tuple(p for p in scan.studio.paths() if p not in agreed)
            if pending:
                found.append(Unsynced(zone, pending))
        return found

    @staticmethod
    def _base(synced: Zone) -> dict[str, BaseEntry]:
        return load_base(synced.state_dir, str(synced.dss_root), str(synced.studio_root)).files

    def _recorded(
        self, zone: ZoneRun, pull: Callable[[], SyncResult], record: Callable[[SyncResult], None]
    ) -> SyncResult:
        """Run a pull and record what it wrote on the DSS side, even when it was cancelled half-way."""
        try:
            result = self._guarded(zone, pull)
        except SyncCancelledError as exc:
            record(exc.partial)
            raise
        record(result)
        return result

    def _record_library(self, studio: StudioRef, run: StudioRun, result: SyncResult) -> None:
        self._libraries.record_external(
            studio.project_key, (*result.added, *result.modified), result.deleted, run.run_as
        )

    def _record_zone(self, synced: Zone, result: SyncResult, author: str) -> None:
        if not result.count:
            return
        base = self._base(synced)  # holds the digest of every file the pull copied
        written = {p: base[p].digest for p in (*result.added, *result.modified) if p in base}
        self._changes.record(self._files.log_folder(synced.dss_root), written, result.deleted, author)

    @staticmethod
    def _guarded(zone: ZoneRun, operation: Callable[[], T]) -> T:
        """Run a zone operation; a zone that cannot be synchronised (a missing or replaced root) is a Conflict."""
        try:
            return operation()
        except SyncCancelledError:
            raise
        except ZoneSyncError as exc:
            raise Conflict(f"Zone {zone.id} ({zone.zone}) cannot be synchronised: {exc}") from exc
