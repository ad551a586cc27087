"""Fixtures of the proxy's tests: the world (tests.proxy.world) of a module, and a studio running in it."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.proxy.world import ECHO_BLOCKS, HERE, PERMISSIONS, PROJECT, World, finish
from tests.support.servers import embedded
from tests.support.waiting import wait_until


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> Iterator[World]:
    data = tmp_path_factory.mktemp("proxy") / "data"
    with embedded(data, sandbox_read_only=(HERE,), studio_lock_wait_seconds=1.0) as server:
        users = server.instance.users
        keys = {"admin": server.admin_key}
        keys["owner"] = users.add_user("owner").key
        keys["other"] = users.add_user("other").key
        keys["reader"] = users.add_user("reader", groups=("readers",)).key
        keys["padmin"] = users.add_user("padmin", groups=("padmins",)).key
        keys["outsider"] = users.add_user("outsider").key
        admin = users.get("admin")
        server.instance.projects.create(admin, key=PROJECT, name=PROJECT, owner="admin", permissions=PERMISSIONS)
        made = World(server, keys)
        with made.api("admin") as api:
            created = api.post("/admin/code-studios/", json={"label": "Echo", "type": "block_based"}).json()
            settings = api.get(f"/admin/code-studios/{created['id']}").json()
            settings["params"]["blocks"] = ECHO_BLOCKS
            settings["defaultPermission"] = {"canUse": True}
            assert api.put(f"/admin/code-studios/{created['id']}", json=settings).status_code == 204
            built = finish(api, api.post(f"/admin/code-studios/{created['id']}/build").json())
            assert built["result"]["messages"]["error"] is False, built
            made.template = str(created["id"])
        yield made
        for studio in made.started:
            state = made.instance.code_studios.lifecycle._states.get(PROJECT, studio)
            if state is not None and state.state != "STOPPED":
                with made.api("admin") as api:
                    owner = api.get(f"/projects/{PROJECT}/code-studios/{studio}").json()["owner"]
                made.stop(studio, owner if owner in made.keys else "admin")
        wait_until(lambda: not made.instance.code_studios.lifecycle.runtime._studios, timeout=60)


@pytest.fixture(scope="module")
def running(world: World) -> str:
    """A studio of the owner's, started by them, shared by the tests that leave it as it is."""
    return world.running()
