"""`dss-codestudio quickstart`: the whole system working end to end, against an embedded reference server.

It starts a reference server in this process (a temporary data directory and a free port on
127.0.0.1 by default), then, with visible progress: builds the default template, creates a project
and a code studio, starts it, opens the URL the studio exposes through the server's proxy (with the
API key, then as a browser does, with a login link), edits a file on each side (a
project library file through the API, the same file in the studio's workspace on disk), shows the
conflict report, resolves it, synchronises, stops the studio and the server, checks that no process
is left, and prints a summary. It ends by itself; its exit status says whether every step worked.
"""

from __future__ import annotations

import contextlib
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Annotated
from urllib.parse import quote

import httpx
import typer

from dss_codestudio import DSSClient, DSSCodeStudioObjectStatus, DSSProject, DSSSyncedZone, JSONObject, JSONValue

from ._command import Cli, command
from ._errors import CliError, ExitCode
from ._format import files, plural, size
from ._options import TimeoutOption
from ._processes import can_list_processes, live_descendants, port_answers
from ._progress import Step
from ._server import import_server
from ._synchronize import ZoneSync, check_conflicts, conflict_rows, synchronize
from .studios import state_of

if TYPE_CHECKING:
    from dss_codestudio_server.embedded import EmbeddedServer

TEMPLATE = "python-workspace"
LIBRARY_FILE = "python/greetings.py"
DSS_ONLY_FILE = "python/from_dss.py"
STUDIO_ONLY_FILE = "notes/from_studio.md"
LIBRARY_ZONE = "project_lib_versioned"
STUDIO_ZONE = "code_studio_versioned"

ORIGINAL = 'def greet(name: str) -> str:\n    return f"Hello, {name}"\n'
DSS_EDIT = 'def greet(name: str) -> str:\n    return f"Hello, {name}!"  # edited on DSS\n'
STUDIO_EDIT = 'def greet(name: str) -> str:\n    return f"Hi, {name}"  # edited in the studio\n'
MERGED = 'def greet(name: str) -> str:\n    return f"Hi, {name}!"  # merged: both edits\n'


@dataclass
class Summary:
    """What the quickstart did, step by step, for the closing table and the --json answer."""

    steps: list[tuple[str, float, str]] = field(default_factory=list)
    facts: dict[str, JSONValue] = field(default_factory=dict)

    def to_json(self) -> JSONObject:
        """Return the machine-readable summary."""
        steps: list[JSONValue] = [{"step": s, "seconds": round(t, 3), "result": r} for s, t, r in self.steps]
        return {"ok": True, "steps": steps, **self.facts}


@dataclass
class StepLog:
    """A step being run: its progress display, and the lines saying what it did."""

    shown: Step
    lines: list[str] = field(default_factory=list)

    def __call__(self, line: str) -> None:
        self.lines.append(line)


class Quickstart:
    """The quickstart's steps, each shown with its progress and recorded in the summary."""

    def __init__(self, cli: Cli, timeout: float) -> None:
        self.cli = cli
        self.timeout = timeout
        self.summary = Summary()

    def say(self, text: str) -> None:
        """Narrate (on stdout, or on stderr with --json so that stdout stays JSON)."""
        (self.cli.err if self.cli.json else self.cli.out).print(text, markup=False, highlight=False)

    @contextlib.contextmanager
    def step(self, title: str) -> Iterator[StepLog]:
        """Run a step under a progress display, and record what it says it did."""
        with self.cli.progress.step(title) as shown:
            log = StepLog(shown)
            yield log
        self.summary.steps.append((title, shown.elapsed, "; ".join(log.lines)))
        for line in log.lines:
            self.say(f"    {line}")

    def run(self, server: EmbeddedServer, client: DSSClient) -> None:
        """Run every step against a started server."""
        template = client.get_code_studio_template(TEMPLATE)
        with self.step(f"Build the default template {TEMPLATE}") as log:
            build = template.build().wait_for_result(self.timeout, on_progress=log.shown.future_progress())
            log(f"built for {', '.join(b.config_name or '?' for b in build.builds) or 'every configuration'}")

        with self.step("Create a project with a library file") as log:
            project = self._create_project(client, server)
            project.get_library().add_file(LIBRARY_FILE).write(ORIGINAL)
            log(f"project {project.project_key}, library file {LIBRARY_FILE}")
        self.summary.facts["projectKey"] = project.project_key

        with self.step("Create a code studio") as log:
            studio = project.create_code_studio("Quickstart studio", TEMPLATE)
            log(f"code studio {studio.code_studio_id} from {TEMPLATE}")
        self.summary.facts["codeStudioId"] = studio.code_studio_id

        with self.step("Start it") as log:
            studio.start().wait_for_result(self.timeout, on_progress=log.shown.future_progress(state_of(studio)))
            status = studio.get_status()
            log(f"{status.state}, {plural(len(status.get_zones()), 'synchronised zone')}")
            log(f"its workspace on disk: {status.workspace_path or '(not given)'}")

        url = self._exposed_url(status)
        zones = status.get_zones("objects")
        lib_zone, studio_zone = self._zone(zones, LIBRARY_ZONE), self._zone(zones, STUDIO_ZONE)
        lib_folder, studio_folder = self._zone_folder(lib_zone), self._zone_folder(studio_zone)
        key = (client.api_key or "", "")
        with self.step("Open the URL it exposes, through the server's proxy") as log:
            log(self._fetch(url, auth=key))
            log(self._fetch(self._workspace_url(url, status, lib_folder / LIBRARY_FILE), auth=key, expect=ORIGINAL))
            anonymous = httpx.get(url, timeout=10)
            if anonymous.status_code != 401:
                raise CliError(f"GET {url} without a key answered {anonymous.status_code}, not 401", ExitCode.FAILED)
            log(f"GET {url} without a key -> 401: only the studio's owner gets in")
        with self.step("Open it as a browser does, with a login link") as log:
            log(self._browse(studio.get_browser_login_url()))
        self.summary.facts["exposedUrl"] = url

        with self.step("Edit a file on each side") as log:
            library = project.get_library()
            file = library.get_file(LIBRARY_FILE)
            if file is None:
                raise CliError(f"the library file {LIBRARY_FILE} vanished", ExitCode.FAILED)
            file.write(DSS_EDIT)
            library.add_file(DSS_ONLY_FILE).write("ANSWER = 42\n")
            log(f"DSS: {LIBRARY_FILE} changed and {DSS_ONLY_FILE} added through the API")
            _write(lib_folder / LIBRARY_FILE, STUDIO_EDIT)
            _write(studio_folder / STUDIO_ONLY_FILE, "Written in the studio.\n")
            log(
                f"studio: {self._in_workspace(status, lib_folder / LIBRARY_FILE)} changed and "
                f"{self._in_workspace(status, studio_folder / STUDIO_ONLY_FILE)} added, on disk in its workspace"
            )

        with self.step("Check every zone for conflicts") as log:
            reports = check_conflicts(lambda: studio, zones, log.shown)
            for line in conflict_lines(reports):
                log(line)
            total = sum(r.conflict_count for r in reports)
            if total != 1:
                raise CliError(f"expected exactly 1 file in conflict, found {total}", ExitCode.FAILED)

        with self.step("Synchronise: refused while a file is in conflict") as log:
            refused = synchronize(lambda: studio, zones, log.shown)
            if refused.synchronized:
                raise CliError("the synchronisation went ahead despite a conflict", ExitCode.FAILED)
            log(f"nothing copied: {refused.problem}")

        with self.step("Resolve it: merge both edits in the studio and keep that version") as log:
            _write(lib_folder / LIBRARY_FILE, MERGED)
            pulled = studio.pull_from_code_studio(lib_zone.id, force=True)
            log(f"forced pull of {LIBRARY_ZONE}: {files(pulled.count)} copied to DSS")

        with self.step("Synchronise every zone") as log:
            outcome = synchronize(lambda: studio, zones, log.shown)
            if not outcome.synchronized:
                raise CliError(f"the synchronisation failed: {outcome.problem}", ExitCode.CONFLICTS)
            for r in outcome.zones:
                moved_in = r.pulled.count if r.pulled else 0
                moved_out = r.pushed.count if r.pushed else 0
                if moved_in or moved_out:
                    log(f"{r.zone.zone}: {files(moved_in)} pulled to DSS, {files(moved_out)} pushed to the studio")
            self._check_synchronised(project, lib_folder, log)

        with self.step("Stop the code studio") as log:
            studio.stop(wait=True, timeout=self.timeout)
            gone = httpx.get(url, auth=key, timeout=10).status_code
            if gone != 404:
                raise CliError(f"{url} answered {gone} after the stop, not 404", ExitCode.FAILED)
            log(f"{studio.get_status().state}; {url} answers 404: the studio is gone")

    def _create_project(self, client: DSSClient, server: EmbeddedServer) -> DSSProject:
        existing = set(client.list_project_keys())
        key = next(k for k in ("QUICKSTART", *(f"QUICKSTART_{n}" for n in range(2, 1000))) if k not in existing)
        owner = next(u.login for u in server.instance.users.all_users() if u.is_admin)
        return client.create_project(key, "Quickstart", owner, description="Made by dss-codestudio quickstart")

    def _exposed_url(self, status: DSSCodeStudioObjectStatus) -> str:
        url = status.get_exposed_url()
        if not url:
            raise CliError("the running studio exposes no URL", ExitCode.FAILED)
        return url if url.endswith("/") else url + "/"

    @staticmethod
    def _browse(link: str) -> str:
        """Open a login link as a browser would (following the redirect, keeping the cookie); then once more."""
        with httpx.Client(follow_redirects=True, timeout=10) as browser:
            opened = browser.get(link)
            if opened.status_code != 200 or not browser.cookies:
                raise CliError(f"the login link answered {opened.status_code}", ExitCode.FAILED)
            again = browser.get(opened.url)
            reused = httpx.get(link, timeout=10)
        if again.status_code != 200 or reused.status_code != 401:
            raise CliError("the browser session or the single use of the login link failed", ExitCode.FAILED)
        return f"login link -> {opened.url} (a cookie for this studio only); the link works once: again -> 401"

    @staticmethod
    def _fetch(url: str, *, auth: tuple[str, str], expect: str | None = None) -> str:
        response = httpx.get(url, timeout=10, headers={"Accept": "application/json"}, auth=auth)
        if response.status_code != 200:
            raise CliError(f"GET {url} answered {response.status_code}", ExitCode.FAILED)
        if expect is not None and response.text != expect:
            raise CliError(f"GET {url} did not answer the expected content", ExitCode.FAILED)
        kind = response.headers.get("content-type", "?").split(";")[0]
        return f"GET {url} -> {response.status_code} OK, {size(len(response.content))} of {kind}"

    @staticmethod
    def _zone(zones: list[DSSSyncedZone], kind: str) -> DSSSyncedZone:
        for zone in zones:
            if zone.zone == kind:
                return zone
        raise CliError(f"the studio has no {kind} zone", ExitCode.FAILED)

    @staticmethod
    def _zone_folder(zone: DSSSyncedZone) -> Path:
        """Return the folder of a zone in the studio's workspace, which the reference server gives as `studioPath`."""
        path = zone.studio_path
        if not path:
            raise CliError(
                f"the server does not say where zone {zone.zone} is on disk (no studioPath)", ExitCode.FAILED
            )
        return Path(path)

    @staticmethod
    def _in_workspace(status: DSSCodeStudioObjectStatus, path: Path) -> str:
        """Return the path of a file relative to the studio's workspace (the server's `workspacePath`)."""
        workspace = status.workspace_path
        if workspace is None:
            raise CliError(
                "the server does not say where the studio's workspace is (no workspacePath)", ExitCode.FAILED
            )
        return path.relative_to(workspace).as_posix()

    def _workspace_url(self, base: str, status: DSSCodeStudioObjectStatus, path: Path) -> str:
        """Return the URL at which the studio's workspace service (serving `workspacePath`) serves a file."""
        return base + quote(self._in_workspace(status, path))

    @staticmethod
    def _check_synchronised(project: DSSProject, lib_folder: Path, log: StepLog) -> None:
        """Check that each side has the other's changes: the merged file on DSS, DSS's new file in the studio."""
        on_dss = project.get_library().get_file(LIBRARY_FILE)
        if on_dss is None or on_dss.read() != MERGED:
            raise CliError(f"DSS does not have the merged {LIBRARY_FILE}", ExitCode.FAILED)
        if not (lib_folder / DSS_ONLY_FILE).is_file():
            raise CliError(f"the studio does not have {DSS_ONLY_FILE}", ExitCode.FAILED)
        log(f"DSS has the merged {LIBRARY_FILE}; the studio has {DSS_ONLY_FILE}")


def conflict_lines(reports: list[ZoneSync]) -> list[str]:
    """One line per conflicting file."""
    return [
        f"{zone}: {path} {change} in the studio, changed on DSS by {authors}"
        for zone, change, path, authors in conflict_rows(reports)
    ]


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def register(app: typer.Typer) -> None:
    """Add `quickstart` to the CLI."""

    @command(app, "quickstart", connects=False)
    def quickstart(
        cli: Cli,
        data_dir: Annotated[
            Path | None,
            typer.Option("--data-dir", help="Keep the server's data here [default: a temporary folder, deleted]."),
        ] = None,
        port: Annotated[
            int, typer.Option("--port", help="Port on 127.0.0.1 [default: a free one].", show_default=False)
        ] = 0,
        timeout: TimeoutOption = 600.0,
    ) -> None:
        """Run the whole system end to end against an embedded reference server, and check it leaves nothing running."""
        embedded = import_server("dss_codestudio_server.embedded")
        started = time.monotonic()
        workdir = data_dir or Path(cli_tempdir(cli))
        guide = Quickstart(cli, timeout)
        with cli.progress.step("Start an embedded reference server"):
            server = embedded.EmbeddedServer(workdir, port=port).start()
        try:
            guide.say(f"    server on {server.url}, data in {workdir}")
            guide.summary.facts["serverUrl"] = server.url
            with DSSClient(server.url, server.admin_key) as client:
                guide.run(server, client)
        finally:
            with cli.progress.step("Stop the server"):
                server.stop()
        check_nothing_left(cli, guide, server)
        guide.summary.facts["seconds"] = round(time.monotonic() - started, 3)
        cli.emit(guide.summary.to_json(), lambda: print_summary(cli, guide))


def cli_tempdir(cli: Cli) -> str:
    """Return a temporary folder deleted when the command ends."""
    folder = tempfile.TemporaryDirectory(prefix="dss-codestudio-quickstart-")
    cli.on_exit(folder.cleanup)
    return folder.name


def check_nothing_left(cli: Cli, guide: Quickstart, server: EmbeddedServer) -> None:
    """Fail unless every process the quickstart started has ended and nothing answers on its ports."""
    with guide.step("Check that no process is left") as log:
        if port_answers(server.host, server.port):
            raise CliError(f"the server still answers on {server.url}", ExitCode.FAILED)
        log(f"nothing answers on {server.url}")
        if can_list_processes():
            left = live_descendants()
            if left:
                names = "; ".join(f"{p.pid}: {p.command}" for p in left)
                raise CliError(f"{plural(len(left), 'process', 'processes')} left running: {names}", ExitCode.FAILED)
            log("no child process left running")
    guide.summary.facts["processesLeft"] = 0


def print_summary(cli: Cli, guide: Quickstart) -> None:
    """Print the closing table."""
    facts = guide.summary.facts
    cli.out.print()
    cli.table(["STEP", "TIME"], [[s, f"{t:.1f} s"] for s, t, _ in guide.summary.steps], title="Quickstart summary")
    cli.out.print(
        f"Server {facts.get('serverUrl')}, project {facts.get('projectKey')}, code studio {facts.get('codeStudioId')} "
        f"(exposed at {facts.get('exposedUrl')}): built, started, opened through the proxy (key and browser login), "
        f"edited on both sides, conflict reported "
        f"and resolved, synchronised, stopped.",
        markup=False,
    )
    cli.out.print(f"All done in {facts.get('seconds')} s; no process left running.", markup=False)
