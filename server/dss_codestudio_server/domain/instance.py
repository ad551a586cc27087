"""A server instance: its data directory, database and services, wired together.

Data directory layout::

    dss-codestudio-data-directory.json   the marker that makes the folder a data directory (storage.datadir)
    server.lock          locked (flock) by the one server serving the data directory
    server.db            SQLite database (WAL): users, keys, projects, templates, futures, ...
    instance-secret      key of the API-key hashes (owner-readable only)
    projects/<KEY>/library/          project library files (and the project's other zones, see studio_files)
    projects/<KEY>/code-studio-pods/<id>/  each code studio's workspace, logs and synchronisation bases
    users/<login>/                   each user's zones (user_versioned, user_resources)
    templates/<uid>/resources/       template resource files
    builds/<uid>/current -> out-<jobId>/   published build output of a template
    builds/cache/                    build step cache, by content hash
    builds/ides/<name>-<key>-<id>/   IDE environments installed by builds (JupyterLab, Streamlit, code-server)
    runtime/                         records of the studio processes running (killed at the next start after a crash)

Studio processes run in a bubblewrap sandbox (runtime.sandbox) that never shows them this data
directory, except each studio its own workspace; without bubblewrap they run unconfined, which
`sandbox_problem` says (and `require_sandbox` refuses).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path

from dss_codestudio_server.config import ServerConfig
from dss_codestudio_server.domain.builds import BuildService
from dss_codestudio_server.domain.code_envs import CodeEnvService
from dss_codestudio_server.domain.code_studios import CodeStudioService
from dss_codestudio_server.domain.default_template import default_template_settings
from dss_codestudio_server.domain.jobs import JobRunner
from dss_codestudio_server.domain.libraries import LibraryService
from dss_codestudio_server.domain.project_details import ProjectDetails
from dss_codestudio_server.domain.projects import ProjectService
from dss_codestudio_server.domain.studio_access import BrowserLogins
from dss_codestudio_server.domain.studio_files import StudioFiles
from dss_codestudio_server.domain.studio_lifecycle import StudioLifecycle
from dss_codestudio_server.domain.studio_state import StudioStateStore
from dss_codestudio_server.domain.studio_sync import StudioSync
from dss_codestudio_server.domain.templates import SettingsValidator, TemplateService
from dss_codestudio_server.domain.users import BOOTSTRAP_ADMIN, NewKey, UserService
from dss_codestudio_server.domain.zone_changes import ZoneChangeLog
from dss_codestudio_server.ides import ToolStore
from dss_codestudio_server.runtime import Sandbox, find_sandbox
from dss_codestudio_server.runtime.network import NETWORK_MODES, NetworkMode, network_problem
from dss_codestudio_server.storage import Database
from dss_codestudio_server.storage.datadir import ServingLock, prepare

log = logging.getLogger(__name__)
INITIALIZED = "initialized"


@dataclass(frozen=True)
class RecoveryReport:
    """What the start of an instance repaired after a previous crash."""

    failed_futures: int
    removed_staging: int
    library_changes: int
    orphan_folders: int
    studios_stopped: int = 0
    processes_killed: int = 0


class SandboxUnavailable(RuntimeError):
    """Studios cannot be sandboxed on this machine, and the configuration requires it."""


class Instance:
    """The services of one data directory; `close()` when done.

    The data directory must be one (`storage.datadir`: a missing or empty folder is initialised,
    anything else refused with NotADataDirectory). A serving instance (`serving=True`, the one that
    recovers after a crash and runs studios) holds its lock until closed; another one on the same
    data directory gets DataDirectoryInUse before it reads or writes anything.
    """

    def __init__(
        self,
        config: ServerConfig,
        *,
        settings_validator: SettingsValidator | None = None,
        serving: bool = False,
        dss_version: str | None = None,
    ) -> None:
        self.config = config
        self.dss_version = dss_version
        """The DSS version the server speaks (the spec's), which studios' DSS-like homes say."""
        data = config.data_dir
        sandboxing = find_sandbox(hidden=[data], read_only=config.sandbox_read_only)
        if sandboxing.sandbox is None and config.require_sandbox:
            raise SandboxUnavailable(f"studios cannot be sandboxed here: {sandboxing.problem}")
        self.sandbox_problem = sandboxing.problem
        """Why studio processes run unconfined on this machine, or None when they are sandboxed."""
        self.network_problem: str | None = None
        """Why studios share the machine's network although `isolated` was asked for, or None."""
        self.studio_network = self._network(config, sandboxing.sandbox)
        """`isolated` (each studio its own network namespace) or `shared` (the machine's)."""
        prepare(data)
        self._lock = ServingLock.acquire(data) if serving else None
        try:
            self._open_services(config, settings_validator, sandboxing.sandbox)
        except BaseException:
            if self._lock is not None:
                self._lock.release()
            raise

    def _open_services(
        self, config: ServerConfig, settings_validator: SettingsValidator | None, sandbox: Sandbox | None
    ) -> None:
        data = config.data_dir
        self.db = Database(data / "server.db")
        self.users = UserService(self.db, data / "instance-secret")
        self.jobs = JobRunner(self.db, retention_minutes=config.future_retention_minutes)
        self.projects = ProjectService(self.db, self.users, data / "projects")
        self.code_envs = CodeEnvService(self.db)
        self.project_details = ProjectDetails(self.db, self.projects, self.users, self.code_envs)
        self.libraries = LibraryService(self.db, self.projects)
        self.templates = TemplateService(
            self.db,
            data / "templates",
            data / "builds",
            archive_limits=config.archive_limits,
            settings_validator=settings_validator,
        )
        self.templates.set_code_env_check(self.code_envs.exists)
        self.builds = BuildService(
            self.db,
            self.templates,
            self.jobs,
            data / "builds",
            code_envs=self.code_envs,
            container_confs=config.container_confs,
            base_image=config.base_image,
            step_delay=config.build_step_delay,
            tools=ToolStore(data / "builds" / "ides", shared=config.ide_cache, install=config.ide_install),
        )
        changes = ZoneChangeLog(self.db)
        files = StudioFiles(data, self.projects, self.libraries, changes)
        sync = StudioSync(files, self.libraries, changes, studio_owner=sandbox.user if sandbox else None)
        self.code_studios = CodeStudioService(
            self.db,
            self.projects,
            self.templates,
            self.users,
            files,
            lambda find: StudioLifecycle(
                StudioStateStore(self.db),
                self.jobs,
                self.templates,
                files,
                sync,
                data / "runtime",
                find,
                stop_grace=config.studio_stop_grace_seconds,
                sandbox=sandbox,
                network=self.studio_network,
                lock_wait=config.studio_lock_wait_seconds,
                dss_version=self.dss_version,
            ),
            browser_logins=BrowserLogins(ticket_seconds=config.browser_login_seconds),
        )
        self.builds.set_tools_in_use(self.code_studios.lifecycle.runtime.read_only_in_use)

    def _network(self, config: ServerConfig, sandbox: Sandbox | None) -> NetworkMode:
        if config.studio_network not in NETWORK_MODES:
            raise ValueError(f"studio_network must be one of {', '.join(NETWORK_MODES)}")
        if config.studio_network == "shared" or sandbox is None:
            return "shared"  # without a sandbox, sandbox_problem says why nothing is isolated
        self.network_problem = network_problem(sandbox)
        return "shared" if self.network_problem else "isolated"

    def recover(self) -> RecoveryReport:
        """Repair what a crash of a previous server process left behind."""
        failed = self.jobs.recover_after_crash()
        stopped, killed = self.code_studios.lifecycle.recover()
        staging = self.builds.recover_after_crash()
        orphans = len(self.projects.remove_orphan_folders()) + len(self.templates.remove_orphans())
        orphans += len(self.code_studios.remove_orphans())
        changes = sum(
            self.libraries.reconcile(p["project_key"]) for p in self.db.query("SELECT project_key FROM projects")
        )
        report = RecoveryReport(failed, staging, changes, orphans, stopped, killed)
        if failed or staging or changes or orphans or stopped or killed:
            log.warning("recovered after an unclean stop: %s", report)
        return report

    def initialize(self) -> NewKey | None:
        """First-start content: an administrator (its key returned, once) and the default template."""
        key = self.users.bootstrap_admin()
        if self.db.query_one("SELECT 1 FROM meta WHERE key = ?", (INITIALIZED,)) is None:
            owner = key.login if key else BOOTSTRAP_ADMIN
            self.templates.create_with_settings(owner, default_template_settings())
            with self.db.transaction() as conn:
                conn.execute("INSERT INTO meta (key, value) VALUES (?, '1')", (INITIALIZED,))
        return key

    def close(self) -> None:
        """Stop running code studios (pulling their files), then running jobs (bounded waits); close the database.

        The lock of a serving instance is released last, once nothing of it runs any more.
        """
        try:
            self.code_studios.lifecycle.shutdown()
            self.jobs.shutdown()
            self.db.close()
        finally:
            if self._lock is not None:
                self._lock.release()


def open_instance(data_dir: Path) -> Instance:
    """Return an instance on `data_dir` with default settings (for the command line's user commands)."""
    return Instance(ServerConfig(data_dir=data_dir))
