"""The issue's attacks, as an attacker with an API key and a studio of their own would make them: each fails.

- the change-owner plant: a studio given to a victim and started by its former owner (now only a
  project administrator) neither shows the victim's files to them nor brings their files into the
  victim's folders;
- the minted admin key: code in a studio cannot open the server's data directory;
- the setsid escape: nothing a studio starts survives its stop or its deletion;
- the hard link: a link to a file outside the workspace is never copied to DSS;
- the FIFO: a FIFO swapped in for a file does not block a pull, nor anyone else;
- the README symlink: the README written at start follows no link.
(The reader's read is in test_access.py; SIGTERM of `serve` in tests/server/test_serve_signals.py.)
"""

from __future__ import annotations

import contextlib
import http.client
import json
import os
import shlex
import textwrap
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from dss_codestudio_server.domain.default_template import deployment_block, sync_block
from dss_codestudio_server.domain.studio_files import StudioRef
from dss_codestudio_server.zonesync import zone as zone_module
from dss_codestudio_server.zonesync.tree import Tree

from tests.proxy.world import PROJECT, World, finish
from tests.support.processes import processes_with
from tests.support.sandbox import report_and_listen, sandbox_or_skip
from tests.support.waiting import wait_until

PLANTED = "planted-by-the-previous-owner.sh"


def status(world: World, studio: str, project: str = PROJECT, who: str = "admin") -> dict[str, Any]:
    with world.api(who) as api:
        return dict(api.get(f"/projects/{project}/code-studios/{studio}/status").json())


def zone(status_json: dict[str, Any], kind: str) -> dict[str, Any]:
    found: dict[str, Any] = next(z for z in status_json["syncedZones"] if z["zone"] == kind)
    return found


def user_folder(world: World, login: str) -> Path:
    """The DSS side of a user's `user_versioned` zone."""
    files = world.instance.code_studios._files
    return Path(files.dss_root(StudioRef(PROJECT, "x", "x"), login, "user_versioned"))


def make_template(world: World, label: str, command: str, port: int = 9000) -> str:
    """A template with DSS's default zones and one entry point running `command` (TCP readiness on `port`)."""
    entry = {
        "type": "entrypoint",
        "params": {"label": label, "entrypoint": command, "exposedPort": {"label": label, "port": port}},
    }
    with world.api("admin") as api:
        made = api.post("/admin/code-studios/", json={"label": label, "type": "block_based"}).json()
        settings = api.get(f"/admin/code-studios/{made['id']}").json()
        settings["params"]["blocks"] = [sync_block(), deployment_block(tcp=True), entry]
        settings["defaultPermission"] = {"canUse": True}
        assert api.put(f"/admin/code-studios/{made['id']}", json=settings).status_code == 204
        finish(api, api.post(f"/admin/code-studios/{made['id']}/build").json())
    return str(made["id"])


# -- the change-owner plant ----------------------------------------------------------------------------


def test_a_studio_given_to_a_victim_neither_shows_their_files_nor_plants_files_in_their_folders(world: World) -> None:
    mallory = world.instance.users.add_user("mallory", may_create_projects=True).key
    world.keys["mallory"] = mallory
    victim_files = user_folder(world, "owner")
    victim_files.mkdir(parents=True, exist_ok=True)
    (victim_files / "victim-settings.json").write_text('{"token": "the victim\'s"}')
    with world.api("mallory") as api:
        assert api.post("/projects/", json={"projectKey": "MAL", "name": "m", "owner": "mallory"}).status_code == 200
        studio = api.post("/projects/MAL/code-studios/", json={"name": "gift", "templateId": world.template})
        studio_id = studio.json()["codeStudio"]["id"]
        path = f"/projects/MAL/code-studios/{studio_id}"
        finish(api, api.post(f"{path}/restart").json())
        running = api.get(f"{path}/status").json()
        # Mallory's studio code plants files in its user zone and elsewhere in the workspace...
        Path(zone(running, "user_versioned")["studioPath"], PLANTED).write_text("steal()\n")
        Path(running["workspacePath"], ".bashrc").write_text("steal()\n")
        finish(api, api.post(f"{path}/stop").json())
        # ...and once more while it is stopped: a file of hers not in her folder yet, which a change of owner would
        # lose. Refused, until she brings it to her own folder (a start and a stop pull it there).
        Path(zone(running, "user_versioned")["studioPath"], "late-" + PLANTED).write_text("steal()\n")
        refused = api.post(f"{path}/change-owner", params={"newOwner": "owner"})
        assert refused.status_code == 409, refused.text
        assert "late-" + PLANTED in refused.json()["message"]
        finish(api, api.post(f"{path}/restart").json())
        finish(api, api.post(f"{path}/stop").json())
        assert (user_folder(world, "mallory") / ("late-" + PLANTED)).exists(), "in her own folder, nobody else's"
        given = api.post(f"{path}/change-owner", params={"newOwner": "owner"})
        assert given.status_code == 200, given.text
        workspace = Path(running["workspacePath"])
        assert not (workspace / ".bashrc").exists(), "the previous owner's session is emptied at once"
        assert not Path(zone(running, "user_versioned")["studioPath"]).exists()
        # Mallory administers the project: she may start the victim's studio, as DSS lets her...
        started = finish(api, api.post(f"{path}/restart").json())
        assert started["result"]["state"] == "RUNNING"
        now = api.get(f"{path}/status").json()
        assert now["runAsUser"] == "owner"
        in_studio = Path(zone(now, "user_versioned")["studioPath"])
        assert sorted(p.name for p in in_studio.iterdir()) == ["victim-settings.json"]
        # ...but never see what is in it, nor get the victim's files out of it.
        exposed = now["exposed"][0]["url"]
        with world.site("mallory") as site:
            assert site.get(exposed + "user-versioned/victim-settings.json").status_code == 403
        assert api.post(f"{path}/browser-login").status_code == 403
        zone_id = zone(now, "user_versioned")["id"]
        assert api.get(f"{path}/pull/{zone_id}").status_code == 403
        assert api.get(f"{path}/conflicts/{zone_id}").status_code == 403
        finish(api, api.post(f"{path}/stop").json())
    assert sorted(p.name for p in victim_files.iterdir()) == ["victim-settings.json"]
    assert not list(user_folder(world, "owner").glob("*" + PLANTED))


def test_a_change_of_owner_that_would_lose_the_previous_owners_files_is_refused(world: World) -> None:
    studio = world.new_studio()
    running = world.start(studio)
    in_studio = Path(zone(running, "user_versioned")["studioPath"], "notes.md")
    in_studio.write_text("written in the studio")
    on_dss = Path(zone(running, "user_versioned")["dssPath"], "notes.md")
    on_dss.parent.mkdir(parents=True, exist_ok=True)
    on_dss.write_text("written in another studio of the owner's meanwhile")
    world.stop(studio)  # both kept: a conflict
    with world.api("owner") as api:
        refused = api.post(f"/projects/{PROJECT}/code-studios/{studio}/change-owner", params={"newOwner": "other"})
        assert refused.status_code == 409, refused.text
        assert "notes.md" in refused.json()["message"]
        assert api.get(f"/projects/{PROJECT}/code-studios/{studio}").json()["owner"] == "owner"
    assert in_studio.read_text() == "written in the studio"


# -- the minted admin key -----------------------------------------------------------------------------

PROBE = """
import json, os, socket, sqlite3, sys
data = sys.argv[1]
def attempt(action):
    try:
        return ["ok", action()]
    except Exception as exc:
        return ["refused", type(exc).__name__]
def mint():
    db = sqlite3.connect("file:" + os.path.join(data, "server.db") + "?mode=ro", uri=True)
    return db.execute("SELECT login FROM users WHERE is_admin").fetchall()
report = {
    "secret": attempt(lambda: open(os.path.join(data, "instance-secret"), "rb").read().hex()),
    "database": attempt(mint),
    "listing": attempt(lambda: sorted(os.listdir(data))),
    "projects": attempt(lambda: sorted(os.listdir(os.path.join(data, "projects")))),
    "runtime": attempt(lambda: sorted(os.listdir(os.path.join(data, "runtime")))),
}
"""
PROBE += report_and_listen("probe.json")


def test_code_in_a_studio_cannot_open_the_servers_data_directory(world: World) -> None:
    data = world.instance.config.data_dir
    sandbox_or_skip(hidden=[data])
    template = make_template(
        world, "Prober", f"${{python}} -c {shlex.quote(textwrap.dedent(PROBE))} {shlex.quote(str(data))}"
    )
    studio = world.new_studio(template=template)
    running = world.start(studio)
    probe = Path(running["workspacePath"], "probe.json")
    wait_until(probe.exists)
    report = json.loads(probe.read_text())
    world.stop(studio)
    assert report["secret"][0] == "refused", report
    assert report["database"][0] == "refused", report
    assert report["runtime"][0] == "refused", report
    # On the way to its workspace, it sees that one folder of the data directory, and nothing else.
    assert report["listing"] == ["ok", ["projects"]], report
    assert report["projects"] == ["ok", [PROJECT]], report


# -- the setsid escape --------------------------------------------------------------------------------


def test_nothing_a_studio_starts_survives_its_stop_or_its_deletion(world: World) -> None:
    marker = f"6{os.getpid() % 10000:04d}"
    sandboxed = world.instance.sandbox_problem is None
    # `env -i` drops the environment by which the server recognises a studio's processes: only a sandbox
    # (its own PID namespace, which dies with its first process) catches that one too.
    escapes = f"(setsid sleep {marker}1 &); " + (f"(env -i setsid sleep {marker}2 &); " if sandboxed else "")
    template = make_template(world, "Escaper", escapes + "exec ${python} -m http.server --bind 127.0.0.1 $PORT")
    expected = 2 if sandboxed else 1
    studio = world.new_studio(template=template)
    world.start(studio)
    wait_until(lambda: len(processes_with(marker)) == expected)
    world.stop(studio)
    wait_until(lambda: not processes_with(marker), timeout=15)
    world.start(studio)
    wait_until(lambda: len(processes_with(marker)) == expected)
    with world.api("owner") as api:
        assert api.delete(f"/projects/{PROJECT}/code-studios/{studio}").status_code == 204
    wait_until(lambda: not processes_with(marker), timeout=15)


# -- the hard link, the FIFO, bounded waits -----------------------------------------------------------


def test_a_hard_link_to_the_instance_secret_never_reaches_the_project_library(world: World, running: str) -> None:
    """As an unsandboxed studio could (a sandboxed one cannot even see the secret): never copied."""
    now = status(world, running, who="owner")
    library = zone(now, "project_lib_versioned")
    os.link(world.instance.config.data_dir / "instance-secret", Path(library["studioPath"], "innocent.txt"))
    Path(library["studioPath"], "fine.txt").write_text("fine")
    try:
        with world.api("owner") as api:
            pulled = api.get(f"/projects/{PROJECT}/code-studios/{running}/pull/{library['id']}").json()
            files = api.get(f"/projects/{PROJECT}/libraries/contents").json()
        changes = pulled[library["id"]]
        assert changes["added"] == ["fine.txt"]
        [skipped] = changes["skipped"]
        assert skipped["path"] == "innocent.txt"
        assert skipped["reason"].startswith("a hard link")
        assert "innocent.txt" not in json.dumps(files)
    finally:
        Path(library["studioPath"], "innocent.txt").unlink()


@pytest.fixture
def fifo_after_walk(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[Path]]:
    """Files to replace by a FIFO right after a walk lists them, as a racing studio would."""
    targets: list[Path] = []
    real_walk = zone_module.walk

    def walk_then_swap(root_fd: int, *args: Any, **kwargs: Any) -> Tree:
        listed = real_walk(root_fd, *args, **kwargs)
        for target in targets:
            if target.is_file() and os.path.samestat(os.fstat(root_fd), target.parent.stat()):
                target.unlink()
                os.mkfifo(target)
        return listed

    monkeypatch.setattr(zone_module, "walk", walk_then_swap)
    yield targets
    for target in targets:  # release a reader stuck on it, if the fix ever regressed
        with contextlib.suppress(OSError):
            os.close(os.open(target, os.O_WRONLY | os.O_NONBLOCK))


def test_a_fifo_swapped_in_during_a_pull_blocks_neither_the_pull_nor_anyone_else(
    world: World, running: str, fifo_after_walk: list[Path]
) -> None:
    library = zone(status(world, running, who="owner"), "project_lib_versioned")
    victim = Path(library["studioPath"], "data.csv")
    victim.write_text("a,b\n")
    fifo_after_walk.append(victim)
    with world.api("owner") as api:
        started = time.monotonic()
        pulled = api.get(f"/projects/{PROJECT}/code-studios/{running}/pull/{library['id']}", timeout=30)
        assert time.monotonic() - started < 10
    assert pulled.status_code == 200, pulled.text
    assert [s["path"] for s in pulled.json()[library["id"]]["skipped"]] == ["data.csv"]
    victim.unlink()


def test_a_long_synchronisation_makes_others_wait_a_bounded_time_and_nobody_else(world: World, running: str) -> None:
    """While a studio's files are being synchronised, its other sync calls answer 409 (busy) within seconds."""
    studio = world.instance.code_studios.find(PROJECT, running)
    locks = world.instance.code_studios.lifecycle._locks
    holding, release = threading.Event(), threading.Event()

    def long_sync() -> None:
        with locks.syncing(studio, bounded=False):
            holding.set()
            release.wait(60)

    holder = threading.Thread(target=long_sync)
    holder.start()
    try:
        assert holding.wait(10)
        zone_id = zone(status(world, running, who="owner"), "project_lib_versioned")["id"]
        with world.api("owner") as api:
            for call in ("pull", "push", "conflicts"):
                started = time.monotonic()
                answer = api.get(f"/projects/{PROJECT}/code-studios/{running}/{call}/{zone_id}")
                assert answer.status_code == 409, (call, answer.text)
                assert "busy" in answer.json()["message"]
                assert time.monotonic() - started < 10
        with world.api("other") as api:  # another user, meanwhile: unaffected
            assert api.post(f"/projects/{PROJECT}/libraries/contents/others.txt", content=b"x").status_code == 204
            assert api.get(f"/projects/{PROJECT}/code-studios/{running}/status").status_code == 200
    finally:
        release.set()
        holder.join(30)


# -- the README symlink -------------------------------------------------------------------------------


def test_the_readme_written_at_start_follows_no_link(world: World, tmp_path: Path) -> None:
    decoy = tmp_path / "decoy.txt"
    decoy.write_text("must stay as it is")
    studio = world.new_studio()
    first = world.start(studio)
    readme = Path(first["workspacePath"], "CodeStudio_README.txt")
    assert "run by owner" in readme.read_text()
    world.stop(studio)
    readme.unlink()
    readme.symlink_to(decoy)
    world.start(studio)
    assert decoy.read_text() == "must stay as it is"
    assert not readme.is_symlink()
    assert "run by owner" in readme.read_text()
    world.stop(studio)


def test_the_proxy_path_is_never_a_way_into_another_project(world: World, running: str) -> None:
    """Dot segments in a proxied path stay inside the studio's port: they never reach the API or another studio."""
    sneaky = f"/code-studios/{PROJECT}/{running}/9000/../../../../dip/publicapi/projects/"
    connection = http.client.HTTPConnection("127.0.0.1", world.server.port, timeout=30)
    try:
        connection.request("GET", sneaky, headers={"Authorization": f"Bearer {world.keys['owner']}"})
        answer = connection.getresponse()
        echo = json.loads(answer.read())
    finally:
        connection.close()
    assert answer.status == 200
    # The studio answered (the echo app: what it received), not the API (a list of projects), with the path
    # exactly as it was sent.
    assert echo["path"] == "/../../../../dip/publicapi/projects/", "forwarded to the studio, not routed to the API"
