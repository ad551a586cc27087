"""A studio's workspace between runs: its README, and what is left of it when the studio changes owner.

The workspace belongs to the studio's processes, which may have put links anywhere in it: the
README is written to a temporary name and renamed over `CodeStudio_README.txt`, so a link put in
its place is replaced, never followed.

User zones (`user_versioned`, `user_resources`) hold their owner's private files, shared by all
of that owner's studios. Their synchronisation bases are kept per owner (`state_key`), and when a
studio changes owner, everything of the previous owner's session is emptied from its workspace
before the next start: the user zones' folders and their bases, and what lay outside any zone
(shell history, caches, a home folder's files; a DSS pod loses those at every stop anyway). Only
the folders of the studio's and the project's zones stay. So nothing of the previous owner's
session is ever pulled into the new owner's folders, and the new owner's files are pushed into a
workspace where nothing of the previous owner waits for them.
"""

from __future__ import annotations

import contextlib
import hashlib
import logging
import os
import secrets
from collections.abc import Iterable
from pathlib import Path

from dss_codestudio_server.domain.studio_files import USER_ZONES
from dss_codestudio_server.domain.studio_state import StudioRun
from dss_codestudio_server.storage import remove_tree
from dss_codestudio_server.zonesync import Owner

log = logging.getLogger(__name__)
README = "CodeStudio_README.txt"


def state_key(kind: str, path_in_container: str, owner: str) -> str:
    """Name the folder of a zone's synchronisation base: per zone, and for user zones per owner too."""
    key = f"{kind}-{hashlib.sha256(path_in_container.encode()).hexdigest()[:10]}"
    if kind in USER_ZONES:
        key += f"-{hashlib.sha256(owner.encode()).hexdigest()[:12]}"
    return key


def write_readme(workspace: Path, text: str, owner: Owner | None) -> None:
    """Write the workspace's README, replacing whatever has its name (a link is replaced, never followed)."""
    workspace.mkdir(parents=True, exist_ok=True)
    dir_fd = os.open(workspace, os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW | os.O_CLOEXEC)
    tmp = f".{README}.{secrets.token_hex(6)}.tmp"
    try:
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW | os.O_CLOEXEC, 0o644, dir_fd=dir_fd)
        try:
            os.write(fd, text.encode())
            if owner is not None:
                os.fchown(fd, *owner)
        finally:
            os.close(fd)
        try:
            os.replace(tmp, README, src_dir_fd=dir_fd, dst_dir_fd=dir_fd)
        except OSError as exc:  # a folder with the README's name: the studio keeps it, without README
            log.warning("the README of %s was not written: %s", workspace, exc)
    finally:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp, dir_fd=dir_fd)
        os.close(dir_fd)


def readme_text(name: str, studio_id: str, project_key: str, run: StudioRun) -> str:
    """Return the README of a run: who runs it, and which folders are synchronised."""
    lines = [
        f"Code studio {name} ({studio_id}) of project {project_key}, run by {run.run_as}.",
        "",
        "These folders are synchronised with DSS (pushed at start, pulled at stop):",
        *(f"  {z.workspace_path}/  ({z.zone}{', one way: DSS -> studio' if z.one_way else ''})" for z in run.zones),
        "",
        "Anything else in this workspace stays in the studio.",
    ]
    return "\n".join(lines) + "\n"


def empty_for_new_owner(workspace: Path, sync_states: Path, previous: StudioRun | None) -> None:
    """Empty the workspace of the previous owner's session: all but the folders of non-user zones.

    The bases of every user zone go too. `previous` is the last run (None: the studio never ran).
    """
    keep = [z.workspace_path for z in previous.zones if z.zone not in USER_ZONES] if previous else []
    _remove_all_but(workspace, keep)
    with contextlib.suppress(FileNotFoundError):
        for state in sync_states.iterdir():
            if state.name.startswith(tuple(USER_ZONES)):
                remove_tree(state)


def _remove_all_but(root: Path, keep: Iterable[str]) -> None:
    """Remove everything below `root` except the folders `keep` (relative paths) and the folders on their way."""
    kept = set(keep)
    try:
        entries = list(os.scandir(root))
    except (FileNotFoundError, NotADirectoryError):
        return
    for entry in entries:
        if entry.name in kept and entry.is_dir(follow_symlinks=False):
            continue
        inner = [k[len(entry.name) + 1 :] for k in kept if k.startswith(entry.name + "/")]
        if inner and entry.is_dir(follow_symlinks=False):
            _remove_all_but(Path(entry.path), inner)
            continue
        remove_tree(Path(entry.path))
