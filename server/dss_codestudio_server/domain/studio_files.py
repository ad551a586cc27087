"""Where the files of code studios live: each zone kind's DSS side, and each studio's "pod".

Data directory layout (below the instance's data directory)::

    projects/<KEY>/library/                           project_lib_versioned (the project library)
    projects/<KEY>/lib-resources/                     project_lib_resources
    projects/<KEY>/recipes/, notebooks/               recipes, notebooks
    projects/<KEY>/code-studios/<libName>/versioned/  code_studio_versioned of one studio
    projects/<KEY>/code-studios/<libName>/resources/  code_studio_resources of one studio
    projects/<KEY>/code-studios/<libName>/zones/<kind>/  any other zone kind, per studio
    projects/<KEY>/code-studio-pods/<id>/workspace/   the studio's own file system (its "pod")
    projects/<KEY>/code-studio-pods/<id>/logs/        its entry points' output
    projects/<KEY>/code-studio-pods/<id>/sync/<zone>/ each zone's synchronisation base
    users/<login-slug>/versioned/, resources/         user_versioned, user_resources of one user

A zone's studio side is its `pathInContainer` mapped into the workspace: `/home/dataiku/workspace/x`
is `<workspace>/x` (build_plan.workspace_path refuses paths that would leave it, and the folders on
the way are checked not to be symbolic links). Project folders go with their project; a studio's
pod and its own zones go with the studio.
"""

from __future__ import annotations

import hashlib
import logging
import os
import re
from collections.abc import Sequence
from pathlib import Path
from typing import NamedTuple

from dss_codestudio_server.domain.errors import Conflict
from dss_codestudio_server.domain.libraries import LibraryService, content_hash
from dss_codestudio_server.domain.projects import ProjectService
from dss_codestudio_server.domain.zone_changes import ZoneChangeLog
from dss_codestudio_server.jsonshape import JsonObject
from dss_codestudio_server.storage import PathRefused, atomic_write_bytes, confined_path, remove_tree, remove_unlisted
from dss_codestudio_server.zonesync import Owner, ZoneRootError, safe_subdir

log = logging.getLogger(__name__)
LIBRARY_ZONE = "project_lib_versioned"
PROJECT_ZONES = {"project_lib_resources": "lib-resources", "recipes": "recipes", "notebooks": "notebooks"}
STUDIO_ZONES = {"code_studio_versioned": "versioned", "code_studio_resources": "resources"}
USER_ZONES = {"user_versioned": "versioned", "user_resources": "resources"}
ZONE_KIND = re.compile(r"^[A-Za-z0-9_-]{1,100}$")
STUDIO_LIBS = "code-studios"
PODS = "code-studio-pods"


class StudioRef(NamedTuple):
    """What names a studio's folders: its project, its id and its library name."""

    project_key: str
    studio_id: str
    lib_name: str


def user_slug(login: str) -> str:
    """Return the folder name of a user's zones: readable, and unique even for logins that differ in case or symbols."""
    readable = re.sub(r"[^A-Za-z0-9_.@+-]", "_", login)[:64].lstrip(".") or "user"
    return f"{readable}-{hashlib.sha256(login.encode()).hexdigest()[:12]}"


def zone_outlives_studio(kind: str) -> bool:
    """Whether a zone's DSS side stays when its studio is deleted (project and user zones do)."""
    return kind == LIBRARY_ZONE or kind in PROJECT_ZONES or kind in USER_ZONES


def _plain_folders_to(jail: Path, relative: str, owner: Owner | None) -> Path:
    """Return `jail/relative`, creating its parent folders; none of them may be a link or a file.

    The last component is left to the zone (which creates it, or refuses a missing root it had
    synchronised files from).
    """
    parent, _, _name = relative.rpartition("/")
    try:
        safe_subdir(jail, parent, create=True, owner=owner)
    except ZoneRootError as exc:
        raise Conflict(f"The studio's folder {parent!r} cannot hold a zone: {exc}") from exc
    return jail / relative


class StudioFiles:
    """Paths of the DSS sides of zones and of studios' pods."""

    def __init__(
        self, data_dir: Path, projects: ProjectService, libraries: LibraryService, changes: ZoneChangeLog
    ) -> None:
        self._data = data_dir
        self._users = data_dir / "users"
        self._projects = projects
        self._libraries = libraries
        self._changes = changes

    def log_folder(self, dss_root: Path) -> str:
        """Name a DSS-side folder in the zone change log (its path in the data directory)."""
        return dss_root.relative_to(self._data).as_posix()

    def dss_root(self, studio: StudioRef, owner: str, kind: str) -> Path:
        """Return the DSS-side folder of a zone kind for this studio and owner."""
        if not ZONE_KIND.fullmatch(kind):
            raise Conflict(f"Invalid zone kind {kind!r} in the template's file synchronisation block")
        project = self._projects.folder(studio.project_key)
        if kind == LIBRARY_ZONE:
            root = self._libraries.root(studio.project_key)
        elif kind in PROJECT_ZONES:
            root = project / PROJECT_ZONES[kind]
        elif kind in STUDIO_ZONES:
            root = project / STUDIO_LIBS / studio.lib_name / STUDIO_ZONES[kind]
        elif kind in USER_ZONES:
            root = self._users / user_slug(owner) / USER_ZONES[kind]
        else:
            root = project / STUDIO_LIBS / studio.lib_name / "zones" / kind
        return root

    def pod(self, studio: StudioRef) -> Path:
        """Return the studio's pod folder (workspace, logs, synchronisation state)."""
        return self._projects.folder(studio.project_key) / PODS / studio.studio_id

    def workspace(self, studio: StudioRef) -> Path:
        """Return the studio's workspace: its file system, where its processes run."""
        return self.pod(studio) / "workspace"

    def logs(self, studio: StudioRef) -> Path:
        """Return the folder of the studio's entry point logs."""
        return self.pod(studio) / "logs"

    def sync_states(self, studio: StudioRef) -> Path:
        """Return the folder of the studio's zones' synchronisation bases."""
        return self.pod(studio) / "sync"

    def sync_state(self, studio: StudioRef, state_key: str) -> Path:
        """Return the folder of one zone's synchronisation base."""
        return self.sync_states(studio) / state_key

    def studio_root(self, studio: StudioRef, workspace_path: str, owner: Owner | None = None) -> Path:
        """Return a zone's studio-side folder in the workspace (the folders leading to it are checked).

        The folders made on the way are given to `owner`, the studio's user when it is not the server's.
        """
        if not workspace_path:
            raise Conflict("A synchronised zone cannot be the whole workspace")
        return _plain_folders_to(self.workspace(studio), workspace_path, owner)

    def write_starter_files(self, studio: StudioRef, owner: str, files: Sequence[JsonObject]) -> list[str]:
        """Write a template's starter files into the DSS sides of their zones; returns the `zone/path` written.

        An existing file is never overwritten (user zones are shared by all of a user's studios), and
        a path that would leave its zone is skipped.
        """
        written = []
        for item in files:
            kind, path, content = item.get("zone"), item.get("path"), item.get("content", "")
            if not (isinstance(kind, str) and isinstance(path, str) and isinstance(content, str)):
                continue
            try:
                target = confined_path(self.dss_root(studio, owner, kind), path)
            except (PathRefused, Conflict) as exc:
                log.warning("starter file %s/%s of studio %s skipped: %s", kind, path, studio.studio_id, exc)
                continue
            if os.path.lexists(target):
                continue
            data = content.encode()
            if kind == LIBRARY_ZONE:
                self._libraries.write_file(studio.project_key, path, data, owner)
            else:
                root = self.dss_root(studio, owner, kind)
                atomic_write_bytes(target, data)
                self._changes.record(
                    self.log_folder(root), {target.relative_to(root).as_posix(): content_hash(data)}, (), owner
                )
            written.append(f"{kind}/{path}")
        return written

    def remove(self, studio: StudioRef) -> None:
        """Delete a studio's pod and its own zones (the DSS sides of code_studio_* zones), with their records."""
        own = self._projects.folder(studio.project_key) / STUDIO_LIBS / studio.lib_name
        self._changes.forget(self.log_folder(own) + "/")
        remove_tree(self.pod(studio))
        remove_tree(own)

    def forget_project(self, project_key: str) -> None:
        """Forget the zone change records of a project's folders (the project is being deleted)."""
        self._changes.forget(self.log_folder(self._projects.folder(project_key)) + "/")

    def remove_orphans(self, project_key: str, studios: dict[str, str]) -> list[str]:
        """Delete the pods and studio libraries of a project no studio row points at ({id: libName} of its studios)."""
        folder = self._projects.folder(project_key)
        removed = remove_unlisted(folder / PODS, set(studios))
        removed += remove_unlisted(folder / STUDIO_LIBS, set(studios.values()))
        return removed
