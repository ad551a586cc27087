"""Where IDE environments are installed and found again: the IDE store, and an optional shared IDE cache.

An environment (`ToolSpec` plus the facts of this machine it depends on: the Python version, the
Node.js major version) has a key; it is installed once into a folder named after it
(`<name>-<key>-<id>/`, its `manifest.json` written last: a folder without one is an unfinished
install) and found again by that key, whatever template or block asks for it: an unchanged block
never installs again, and two blocks asking for the same environment share it. A request that
resolves to another environment (code-server 4.91.0 asked for, 4.100.3 installed) leaves an alias,
so that the next build needs neither the registry nor a new install.

The store of a server is in its data directory. A shared IDE cache (`ide_cache`: a folder several
servers, or repeated test runs, use) is searched first, and installs go there when it is writable;
a read-only one (filled beforehand) only lends its environments. Installs of one key are serialised
across threads and processes (a lock file), and the store's unused environments are removed
(`collect`), never the shared cache's. With installs disabled, only what is found is used.
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import json
import os
import secrets
import shutil
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from dss_codestudio_server.ides.blocks import ToolSpec, spec_material
from dss_codestudio_server.ides.code_server import check_prerequisites, find_node, install_code_server, resolve_version
from dss_codestudio_server.ides.python_env import install_python_env
from dss_codestudio_server.ides.steps import Steps, ToolAborted, ToolError

MANIFEST = "manifest.json"
LOCK_POLL = 0.2
FORMAT = 1


class ToolUnavailable(Exception):
    """The environment is not installed and this server does not install environments."""


@dataclass(frozen=True)
class Tool:
    """An installed environment: its folder and manifest, and how it was obtained for this build."""

    path: Path
    manifest: dict[str, object]
    reused: bool
    """Found installed (by this build's key or an alias), not installed by this build."""
    shared: bool
    """In the shared IDE cache rather than the server's own store."""
    warnings: tuple[str, ...] = ()

    @property
    def summary(self) -> str:
        """What it is, with its version (`jupyterlab 4.6.6`)."""
        return str(self.manifest.get("summary", self.path.name))

    @property
    def read_only(self) -> tuple[Path, ...]:
        """The folders a studio needs read-only to run it (its own, and Node.js's outside the system)."""
        node = self.manifest.get("node")
        folders = [self.path]
        if isinstance(node, str) and not node.startswith(("/usr/", "/bin/")):
            folders.append(Path(node).parent.parent)
        return tuple(folders)


def folder_size(path: Path) -> int:
    """Return the disk space a folder takes (its files' blocks, each file counted once)."""
    seen: set[tuple[int, int]] = set()
    total = 0
    for root, dirs, files in os.walk(path):
        for name in dirs + files:
            with contextlib.suppress(OSError):
                st = os.lstat(os.path.join(root, name))
                if (st.st_dev, st.st_ino) not in seen:
                    seen.add((st.st_dev, st.st_ino))
                    total += st.st_blocks * 512
    return total


class ToolStore:
    """The IDE store of a server (see the module docstring)."""

    def __init__(self, local: Path, *, shared: Path | None = None, install: bool = True) -> None:
        self.local = local
        self.shared = shared
        self.install = install
        """Whether missing environments are installed (else only found ones are used)."""
        local.mkdir(parents=True, exist_ok=True)

    # -- keys, lookups and aliases ------------------------------------------------------------------

    def key(self, spec: ToolSpec, facts: dict[str, object]) -> str:
        """Return the key of an environment: its spec and the facts of this machine it depends on."""
        material = f"{FORMAT}\n{spec_material(spec)}\n{json.dumps(facts, sort_keys=True)}"
        return hashlib.sha256(material.encode()).hexdigest()

    def _roots(self) -> list[tuple[Path, bool]]:
        roots = [(self.shared, True)] if self.shared is not None and self.shared.is_dir() else []
        return [*roots, (self.local, False)]

    def _target(self) -> tuple[Path, bool]:
        if self.shared is not None:
            with contextlib.suppress(OSError):
                self.shared.mkdir(parents=True, exist_ok=True)
            if os.access(self.shared, os.W_OK | os.X_OK):
                return self.shared, True
        return self.local, False

    def find(self, name: str, key: str) -> tuple[Path, dict[str, object], bool] | None:
        """Return the newest complete environment of a key (folder, manifest, in the shared cache), or None."""
        found: list[tuple[int, Path, dict[str, object], bool]] = []
        for root, shared in self._roots():
            for manifest_file in root.glob(f"{name}-{key[:16]}-*/{MANIFEST}"):
                try:
                    manifest = json.loads(manifest_file.read_text())
                except (OSError, ValueError):
                    continue
                if isinstance(manifest, dict) and manifest.get("key") == key:
                    found.append((int(manifest.get("installedMs", 0)), manifest_file.parent, manifest, shared))
        if not found:
            return None
        _, path, manifest, shared = max(found, key=lambda f: f[0])
        return path, manifest, shared

    def _alias(self, key: str) -> dict[str, object] | None:
        for root, _ in self._roots():
            with contextlib.suppress(OSError, ValueError):
                alias = json.loads((root / "aliases" / f"{key}.json").read_text())
                if isinstance(alias, dict) and isinstance(alias.get("key"), str):
                    return alias
        return None

    def _write_alias(self, root: Path, key: str, target: str, warnings: list[str]) -> None:
        folder = root / "aliases"
        with contextlib.suppress(OSError):
            folder.mkdir(exist_ok=True)
            tmp = folder / f".{key}.{secrets.token_hex(4)}.tmp"
            tmp.write_text(json.dumps({"key": target, "warnings": warnings}))
            tmp.replace(folder / f"{key}.json")

    @contextlib.contextmanager
    def _locked(self, root: Path, key: str, cancelled: Callable[[], bool]) -> Iterator[None]:
        (root / ".locks").mkdir(exist_ok=True)
        with open(root / ".locks" / f"{key}.lock", "w") as lock:
            while True:
                try:
                    fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
                    break
                except BlockingIOError:
                    if cancelled():
                        raise ToolAborted("waiting for another installation of the same environment") from None
                    time.sleep(LOCK_POLL)
            try:
                yield
            finally:
                fcntl.flock(lock, fcntl.LOCK_UN)

    # -- providing an environment -----------------------------------------------------------------------

    def provide(
        self,
        spec: ToolSpec,
        *,
        no_cache: bool = False,
        cancelled: Callable[[], bool] = lambda: False,
        report: Callable[[str], None] = lambda _step: None,
    ) -> Tool:
        """Return the environment of `spec`: found installed, or installed now (not found with `no_cache`).

        ToolError says why it cannot be installed, ToolUnavailable that installs are disabled, ToolAborted
        that the build was aborted.
        """
        root, shared = self._target()
        steps = Steps(root / f".install-{spec.name}-{secrets.token_hex(4)}.log", cancelled, report)
        try:
            try:
                node = find_node(steps) if spec.kind == "code-server" else None
            except ToolError as exc:
                if self.install:
                    raise
                raise ToolUnavailable(exc.message) from exc
            facts: dict[str, object] = (
                {"node": node.major}
                if node is not None
                else {"python": f"{sys.version_info.major}.{sys.version_info.minor}", "prefix": sys.base_prefix}
            )
            key = self.key(spec, facts)
            if not no_cache:
                found = self._found(spec.name, key)
                if found is not None:
                    return found
            if not self.install:
                raise ToolUnavailable(f"{spec.name} is not installed and this server does not install IDE environments")
            return self._install(spec, facts, key, root, shared, steps, no_cache)
        finally:
            with contextlib.suppress(OSError):
                steps.log_file.unlink()

    def _found(self, name: str, key: str, warnings: tuple[str, ...] = ()) -> Tool | None:
        found = self.find(name, key)
        if found is None:
            alias = self._alias(key)
            if alias is None:
                return None
            found = self.find(name, str(alias["key"]))
            listed = alias.get("warnings")
            warnings += tuple(str(w) for w in listed) if isinstance(listed, list) else ()
            if found is None:
                return None
        path, manifest, shared = found
        return Tool(path, manifest, True, shared, warnings)

    def _install(
        self, spec: ToolSpec, facts: dict[str, object], key: str, root: Path, shared: bool, steps: Steps, no_cache: bool
    ) -> Tool:
        warnings: list[str] = []
        node = None
        if spec.kind == "code-server":
            node = check_prerequisites(steps)
            version, warnings = resolve_version(spec.version, node, steps)
            resolved = ToolSpec(spec.kind, spec.name, version=version)
            resolved_key = self.key(resolved, facts)
            if not no_cache:
                found = self._found(spec.name, resolved_key, tuple(warnings))
                if found is not None:
                    self._write_alias(root, key, resolved_key, warnings)
                    return found
        else:
            resolved, resolved_key = spec, key
        with self._locked(root, resolved_key, steps.cancelled):
            if not no_cache:  # another build may have installed it while this one waited
                found = self._found(spec.name, resolved_key, tuple(warnings))
                if found is not None:
                    return found
            dest = root / f"{spec.name}-{resolved_key[:16]}-{secrets.token_hex(4)}"
            dest.mkdir()
            steps.note(f"installing {spec_material(resolved)} into {dest}")
            started = time.monotonic()
            try:
                if node is not None:
                    made = install_code_server(dest, str(resolved.version), node, steps, root / ".npm-cache")
                else:
                    made = install_python_env(dest, resolved, steps)
                shutil.copyfile(steps.log_file, dest / "install.log")
                manifest = {
                    "formatVersion": FORMAT,
                    "key": resolved_key,
                    "spec": resolved.to_json(),
                    "installedMs": int(time.time() * 1000),
                    "installSeconds": round(time.monotonic() - started, 1),
                    **made,
                }
                manifest["sizeBytes"] = folder_size(dest)
                tmp = dest / f".{MANIFEST}.tmp"
                tmp.write_text(json.dumps(manifest, indent=2))
                tmp.replace(dest / MANIFEST)  # written last: the install is complete
            except BaseException:
                shutil.rmtree(dest, ignore_errors=True)
                raise
        if resolved_key != key:
            self._write_alias(root, key, resolved_key, warnings)
        return Tool(dest, manifest, False, shared, tuple(warnings))

    # -- removing what nobody uses --------------------------------------------------------------------

    def collect(self, keep: set[Path]) -> list[Path]:
        """Remove the server's own environments not in `keep`, and unfinished installs (never the shared cache's).

        An environment being installed (its key locked) is left alone.
        """
        removed: list[Path] = []
        kept = {Path(os.path.realpath(p)) for p in keep}
        for folder in sorted(self.local.iterdir()) if self.local.is_dir() else []:
            if folder.name.startswith(".") or folder.name == "aliases" or not folder.is_dir():
                continue
            if Path(os.path.realpath(folder)) in kept:
                continue
            if self._busy(folder):
                continue
            shutil.rmtree(folder, ignore_errors=True)
            removed.append(folder)
        return removed

    def _busy(self, folder: Path) -> bool:
        """Whether an install of this folder's key runs (its lock is held)."""
        manifest = folder / MANIFEST
        try:
            key = str(json.loads(manifest.read_text())["key"])
        except (OSError, ValueError, KeyError, TypeError):
            locks = list((self.local / ".locks").glob(f"{folder.name.split('-')[-2]}*.lock"))
            return any(_held(lock) for lock in locks)
        return _held(self.local / ".locks" / f"{key}.lock")


def _held(lock_file: Path) -> bool:
    try:
        with open(lock_file) as lock:
            try:
                fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                return True
            fcntl.flock(lock, fcntl.LOCK_UN)
    except OSError:
        return False
    return False
