"""Running code studios through the facade, sync and async: status, start, stop, restart, waits, push, pull, conflicts.

Every test runs against a real reference server, whose studios are real processes on this machine.

Studio-side files are read and written through the "editor" template below: its entry point is a
small HTTP service over the studio's workspace that also accepts PUT and DELETE, as a real code
studio's IDE would change files.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import dss_codestudio as dss
import httpx
import pytest
from dss_codestudio_server.embedded import EmbeddedServer

from tests.support.api import unique
from tests.support.facade_clients import resolve
from tests.support.live_facade import Live

pytestmark = pytest.mark.anyio

START_TIMEOUT = 60.0
LIB_ZONE = "project_lib_versioned"
LIB_FOLDER = "project-lib-versioned"  # where the default zones put the project library in the workspace

# The editor: GET, PUT and DELETE files of the workspace (paths relative to it), HEAD for readiness.
# It strips the browser path DSS gives the pod, in case the server proxies the port under it.
EDITOR = """
import http.server, os, pathlib, sys
root = pathlib.Path(sys.argv[1]).resolve()
prefixes = [v.rstrip('/') for k, v in os.environ.items() if k.startswith('DKU_CODE_STUDIO_BROWSER_PATH')]
class Editor(http.server.BaseHTTPRequestHandler):
    def log_message(self, *args):
        pass
    def target(self):
        path = self.path.split('?')[0]
        for prefix in sorted(prefixes, key=len, reverse=True):
            if prefix and path.startswith(prefix + '/'):
                path = path[len(prefix):]
                break
        return root / path.lstrip('/')
    def answer(self, status, body=b''):
        self.send_response(status)
        self.send_header('Content-Length', str(len(body)))
        self.end_headers()
        self.wfile.write(body)
    def do_HEAD(self):
        self.send_response(200)
        self.end_headers()
    def do_GET(self):
        target = self.target()
        self.answer(200, target.read_bytes()) if target.is_file() else self.answer(404)
    def do_PUT(self):
        target = self.target()
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(self.rfile.read(int(self.headers['Content-Length'])))
        self.answer(204)
    def do_DELETE(self):
        self.target().unlink()
        self.answer(204)
http.server.ThreadingHTTPServer((sys.argv[2], int(sys.argv[3])), Editor).serve_forever()
"""


def editor_blocks() -> list[dict[str, Any]]:
    """The blocks of the editor template, after the default file synchronisation block."""
    return [
        {"type": "simple_deployment", "params": {"useTcpReadiness": True, "initialSyncTimeoutInMinutes": 1}},
        {
            "type": "entrypoint",
            "params": {
                "label": "Editor",
                "entrypoint": f'${{python}} -c "{EDITOR}" ${{workspace}} ${{host}} ${{port}}',
                "exposedPort": {"label": "Editor", "port": 8080, "containerPort": 8080, "exposeHtml": True},
            },
        },
    ]


# -- the lifecycle, as documented --------------------------------------------------------------------


class Studios:
    """A project, the built templates, and helpers to reach a running studio's files."""

    def __init__(self, live: Live, editor_template: str) -> None:
        self.live = live
        self.editor_template = editor_template

    async def project(self) -> Any:
        project = await self.live.new_project()
        library = await resolve(project.get_library())
        util = await resolve((await resolve(library.add_folder("python"))).add_file("util.py"))
        await resolve(util.write("v1\n"))
        return project

    async def editor(self, project: Any) -> Any:
        return await resolve(project.create_code_studio(unique("Editor "), self.editor_template))

    async def stopped(self) -> tuple[Any, Any]:
        """A fresh project with a library file, and an editor studio in it, never started."""
        project = await self.project()
        return project, await self.editor(project)

    async def running(self) -> tuple[Any, Any, dss.DSSCodeStudioObjectStatus]:
        """A fresh project, an editor studio in it started, and the studio's status."""
        project, studio = await self.stopped()
        await resolve(studio.start(wait=True, timeout=START_TIMEOUT))
        return project, studio, await resolve(studio.get_status())

    def url(self, status: dss.DSSCodeStudioObjectStatus) -> httpx.URL:
        """Where the studio's first exposed port answers through the server's proxy (its absolute URL)."""
        [port] = status.exposed
        assert port.url == f"code-studios/{status.project_key}/{status.code_studio_id}/8080/"
        assert port.absolute_url == status.get_exposed_url() == f"{self.live.server.url}/{port.url}"
        return httpx.URL(port.absolute_url)

    @property
    def key(self) -> tuple[str, str]:
        """The credentials of the studios' owner (the administrator), as the proxy takes them."""
        return (self.live.server.admin_key, "")

    def answers(self, status: dss.DSSCodeStudioObjectStatus) -> bool:
        """Whether the studio's exposed port answers (through the proxy, which answers 404 for a gone studio)."""
        try:
            return httpx.head(self.url(status), timeout=5, auth=self.key).is_success
        except httpx.TransportError:
            return False

    def studio_file(self, status: dss.DSSCodeStudioObjectStatus, path: str) -> bytes | None:
        """A file of the studio's workspace, as the editor reads it; None when absent."""
        response = httpx.get(self.url(status).join(path), timeout=10, auth=self.key)
        if response.status_code == 404:
            return None
        response.raise_for_status()
        return response.content

    def edit_in_studio(self, status: dss.DSSCodeStudioObjectStatus, path: str, content: bytes | None) -> None:
        """Write (or delete, with None) a file of the studio's workspace, as the studio's IDE would."""
        target = self.url(status).join(path)
        if content is None:
            response = httpx.delete(target, timeout=10, auth=self.key)
        else:
            response = httpx.put(target, content=content, auth=self.key)
        response.raise_for_status()


@pytest.fixture(scope="module")
def editor_template(live_server: EmbeddedServer) -> str:
    """The editor template, built; the default template built too."""
    with dss.DSSClient(live_server.url, live_server.admin_key) as admin:
        template = admin.create_code_studio_template(unique("Editor "), "block_based")
        settings = template.get_settings()
        del settings.blocks[1:]  # keep the default file synchronisation block
        settings.blocks.extend(editor_blocks())
        settings.save()
        for handle in (template, admin.get_code_studio_template("python-workspace")):
            result = handle.build().wait_for_result(timeout=START_TIMEOUT)
            assert result.succeeded, result.messages
        return template.template_id


@pytest.fixture
def studios(live: Live, editor_template: str) -> Studios:
    return Studios(live, editor_template)


def zone_id(status: dss.DSSCodeStudioObjectStatus, kind: str = LIB_ZONE) -> str:
    [zone] = [z for z in status.get_zones("objects") if z.zone == kind]
    return zone.id


async def test_a_new_studio_is_stopped_and_was_never_started(studios: Studios) -> None:
    _, studio = await studios.stopped()
    status = await resolve(studio.get_status())
    assert isinstance(status, dss.DSSCodeStudioObjectStatus)
    assert status.state == dss.CodeStudioState.STOPPED
    assert status.state == "STOPPED"
    assert status["state"] == "STOPPED"  # dataikuapi's dict access
    assert status.last_state_change is None
    assert status.get_zones() == []
    assert status.exposed == []
    assert (await resolve(studio.wait_for_state("STOPPED", timeout=1))).state == "STOPPED"
    with pytest.raises(dss.WaitTimeoutError):
        await resolve(studio.wait_for_state("RUNNING", timeout=0.3))


async def test_start_stop_restart_and_the_status_that_follows(studios: Studios) -> None:
    _, studio = await studios.stopped()
    before = datetime.now(UTC) - timedelta(seconds=5)

    future = await resolve(studio.restart())
    assert future.job_id
    started = await resolve(future.wait_for_result(timeout=START_TIMEOUT))
    assert isinstance(started, dss.DSSCodeStudioStartResult)
    assert started.state == "RUNNING"

    status = await resolve(studio.get_status())
    assert status.state == dss.CodeStudioState.RUNNING
    assert status.last_state_change is not None
    assert status.last_state_change > before
    assert status.last_state_change.tzinfo is UTC
    assert status.run_as_user == "admin"
    zones = status.get_zones("objects")
    assert status.get_zones() == [z.id for z in zones]
    assert {z.zone for z in zones} >= {LIB_ZONE, "code_studio_versioned", "recipes"}
    assert zone_id(status) in started.pushed  # the start pushed the zones, the library's included
    [port] = status.exposed
    assert (port.label, port.port, port.exposed_html) == ("Editor", 8080, True)
    # The start pushed the project library into the studio.
    assert studios.studio_file(status, f"{LIB_FOLDER}/python/util.py") == b"v1\n"

    # start() leaves a running studio alone; restart() restarts it, with new zone ids.
    again = await resolve(studio.start(wait=True, timeout=START_TIMEOUT))
    assert again.state == "RUNNING"
    assert (await resolve(studio.get_status())).get_zones() == status.get_zones()
    restarted = await resolve(studio.restart(wait=True, timeout=START_TIMEOUT))
    assert restarted.state == "RUNNING"
    after_restart = await resolve(studio.get_status())
    assert after_restart.state == "RUNNING"
    assert set(after_restart.get_zones()).isdisjoint(status.get_zones())

    stopped = await resolve(studio.stop(wait=True, timeout=START_TIMEOUT))
    assert isinstance(stopped, dss.DSSCodeStudioStopResult)
    assert stopped.state == "STOPPED"
    status = await resolve(studio.get_status())
    assert status.state == "STOPPED"
    assert status.get_zones() == []
    assert status.exposed == []
    assert status.last_state_change is not None
    assert status.last_state_change >= after_restart.last_state_change  # type: ignore[operator]
    assert not studios.answers(after_restart)  # no process survives a stop

    # Stopping a stopped studio is a future that finished at once, without a job id.
    noop = await resolve(studio.stop())
    assert noop.job_id is None
    assert (await resolve(noop.wait_for_result(timeout=1))).state in (None, "STOPPED")


async def test_waiting_for_states(studios: Studios) -> None:
    _, studio = await studios.stopped()
    future = await resolve(studio.start())
    seen = await resolve(studio.wait_for_state(["STARTING", "RUNNING"], timeout=START_TIMEOUT))
    assert seen.state in ("STARTING", "RUNNING")
    running = await resolve(studio.wait_for_state(dss.CodeStudioState.RUNNING, timeout=START_TIMEOUT))
    assert running.state == "RUNNING"
    assert (await resolve(future.wait_for_result(timeout=START_TIMEOUT))).state == "RUNNING"
    await resolve(studio.stop())
    assert (await resolve(studio.wait_for_state("STOPPED", timeout=START_TIMEOUT))).state == "STOPPED"


async def test_push_pull_and_conflicts_of_a_zone(studios: Studios) -> None:
    project, studio, status = await studios.running()
    zone = zone_id(status)
    library = await resolve(project.get_library())
    util = library.get_file("python/util.py")
    assert util is not None
    in_studio = f"{LIB_FOLDER}/python/util.py"
    try:
        # Nothing changed on either side: nothing to copy, nothing in conflict.
        pushed = await resolve(studio.push_to_code_studio(zone))
        assert isinstance(pushed, dss.DSSCodeStudioPushResult)
        assert (pushed.count, pushed.size, pushed.conflicts) == (0, 0, [])
        conflicts = await resolve(studio.check_conflicts(zone))
        assert isinstance(conflicts, dss.DSSCodeStudioObjectConflicts)
        assert not conflicts.is_error
        assert conflicts.zone == zone
        assert (conflicts.count, conflicts.has_conflicts) == (0, False)
        pulled = await resolve(studio.pull_from_code_studio(zone))
        assert isinstance(pulled, dss.DSSCodeStudioPullResult)
        assert pulled.count == 0

        # A DSS-side change is pushed: exactly that file.
        await resolve(util.write("v2 from DSS\n"))
        pushed = await resolve(studio.push_to_code_studio(zone))
        assert (pushed.count, pushed.size) == (1, len(b"v2 from DSS\n"))
        assert studios.studio_file(status, in_studio) == b"v2 from DSS\n"

        # A studio-side file is pulled: exactly that file.
        studios.edit_in_studio(status, f"{LIB_FOLDER}/python/made_in_studio.py", b"new\n")
        pulled = await resolve(studio.pull_from_code_studio(zone))
        assert pulled.zones[zone].added == ["python/made_in_studio.py"]
        assert pulled.count == 1
        fresh = await resolve(project.get_library())
        made = fresh.get_file("python/made_in_studio.py")
        assert made is not None
        assert await resolve(made.read()) == "new\n"

        # The same file changed on both sides: a conflict, reported and never silently resolved.
        await resolve(util.write("v3 from DSS\n"))
        studios.edit_in_studio(status, in_studio, b"v3 from the studio\n")
        conflicts = await resolve(studio.check_conflicts(zone))
        assert conflicts.modified == ["python/util.py"]
        assert conflicts.authors == ["admin"]
        assert conflicts.commit_from != conflicts.commit_to
        assert conflicts.has_conflicts
        with pytest.raises(dss.ConflictError, match=r"python/util\.py"):
            await resolve(studio.pull_from_code_studio(zone))
        assert await resolve(util.read()) == "v3 from DSS\n"
        pushed = await resolve(studio.push_to_code_studio(zone))
        assert pushed.conflicts == ["python/util.py"]
        assert studios.studio_file(status, in_studio) == b"v3 from the studio\n"

        # Forcing decides: a forced pull lets the studio's version win.
        pulled = await resolve(studio.pull_from_code_studio(zone, force=True))
        assert pulled.zones[zone].modified == ["python/util.py"]
        assert await resolve(util.read()) == "v3 from the studio\n"
        assert not (await resolve(studio.check_conflicts(zone))).has_conflicts

        # ... and a forced push the DSS version.
        await resolve(util.write("v4 from DSS\n"))
        studios.edit_in_studio(status, in_studio, b"v4 from the studio\n")
        pushed = await resolve(studio.push_to_code_studio(zone, force=True))
        assert pushed.conflicts == []
        assert studios.studio_file(status, in_studio) == b"v4 from DSS\n"

        # Zone ids are per run: an unknown one is an error in the answer, not an HTTP error.
        unknown = await resolve(studio.check_conflicts("no-such-zone"))
        assert unknown.is_error
        assert unknown.error
    finally:
        await resolve(studio.stop(wait=True, timeout=START_TIMEOUT))


async def test_stop_pulls_the_studios_changes(studios: Studios) -> None:
    project, studio, status = await studios.running()
    zone = zone_id(status)
    studios.edit_in_studio(status, f"{LIB_FOLDER}/python/at_stop.py", b"pulled when stopped\n")
    stopped = await resolve(studio.stop(wait=True, timeout=START_TIMEOUT))
    assert stopped.pulled[zone].added == ["python/at_stop.py"]
    assert stopped.conflicts.get(zone) is None or stopped.conflicts[zone].count == 0
    library = await resolve(project.get_library())
    at_stop = library.get_file("python/at_stop.py")
    assert at_stop is not None
    assert await resolve(at_stop.read()) == "pulled when stopped\n"


async def test_deleting_a_running_studio_stops_it(studios: Studios) -> None:
    project, studio, status = await studios.running()
    studios.edit_in_studio(status, f"{LIB_FOLDER}/kept.py", b"kept\n")
    await resolve(studio.delete())
    assert not studios.answers(status)
    library = await resolve(project.get_library())
    kept = library.get_file("kept.py")
    assert kept is not None  # its files were pulled first, as a stop does
    with pytest.raises(dss.NotFoundError):
        await resolve(studio.get_status())


async def test_starting_a_studio_whose_template_was_never_built_is_a_conflict(studios: Studios) -> None:
    project = await studios.project()
    template = await studios.live.new_template()
    studio = await resolve(project.create_code_studio("Unbuilt", template.template_id))
    with pytest.raises(dss.ConflictError):
        await resolve(studio.restart())
    assert (await resolve(studio.get_status())).state == "STOPPED"


async def test_who_may_run_a_studio(studios: Studios) -> None:
    live = studios.live
    reader, reader_key = live.add_user("runreader")
    project = await live.new_project(permissions=[{"user": reader, "readProjectContent": True}])
    studio = await studios.editor(project)
    as_reader = live.client(reader_key).get_project(project.project_key).get_code_studio(studio.code_studio_id)
    assert (await resolve(as_reader.get_status())).state == "STOPPED"
    with pytest.raises(dss.PermissionDeniedError):
        await resolve(as_reader.restart())
    with pytest.raises(dss.PermissionDeniedError):
        await resolve(as_reader.stop())
    assert (await resolve(studio.get_status())).state == "STOPPED"
