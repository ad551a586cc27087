"""A port a template exposes with no command of its own (the real 13.5.4 export's Angular port 4200).

Its user starts the server from a terminal of the studio; in the studio's own network the proxy
reaches whatever listens there, and answers DSS's 502 until something does.
"""

from __future__ import annotations

from typing import Any

from dss_codestudio_server.domain.default_template import deployment_block, sync_block

from tests.proxy.world import ECHO, PROJECT, World, finish
from tests.support.waiting import wait_until


def open_port(port: int, label: str) -> dict[str, Any]:
    """An entry point without a command: a port only, as the export's "Client Port"."""
    exposed = {"label": label, "port": port, "containerPort": port + 1, "proxiedUrlSuffix": "/$request_uri"}
    return {
        "type": "entrypoint",
        "params": {"label": f"{label} port", "scripts": [], "exposedPort": {**exposed, "exposeHtml": True}},
    }


def test_a_port_without_a_command_reaches_what_the_user_starts_on_it(world: World) -> None:
    blocks = [
        sync_block(),
        deployment_block(tcp=True),
        {
            "type": "entrypoint",
            "params": {
                "label": "Echo",
                # What a user would start from the studio's terminal: a second server, on port 4200.
                "entrypoint": f"(PORT=4200 ${{python}} {ECHO} &) ; exec ${{python}} {ECHO}",
                "exposedPort": {"label": "Echo", "port": 9100, "proxiedUrlSuffix": "/"},
            },
        },
        open_port(4200, "Dev"),
        open_port(4201, "Nothing yet"),
    ]
    with world.api("admin") as api:
        template = api.post("/admin/code-studios/", json={"label": "Open ports", "type": "block_based"}).json()["id"]
        settings = api.get(f"/admin/code-studios/{template}").json()
        settings["params"]["blocks"] = blocks
        settings["defaultPermission"] = {"canUse": True}
        assert api.put(f"/admin/code-studios/{template}", json=settings).status_code == 204
        built = finish(api, api.post(f"/admin/code-studios/{template}/build").json())
        codes = {m.get("code") for m in built["result"]["messages"]["messages"]}
        assert "BUILD_ENTRYPOINT_NO_COMMAND" in codes, "said at build time"
    studio = world.new_studio(template=template)
    status = world.start(studio)
    exposed = {e["exposedPort"]: e for e in status["exposed"]}
    assert exposed[4200] == {
        "label": "Dev",
        "exposedHtml": True,
        "exposedPort": 4200,
        "url": f"code-studios/{PROJECT}/{studio}/4200/",
    }
    with world.site("owner") as site:
        path = f"/code-studios/{PROJECT}/{studio}/4200/app/"
        # The user's server may start after the studio is ready.
        wait_until(lambda: site.get(path).status_code == 200, timeout=30)
        answer = site.get(path)
        assert answer.json()["path"] == path, "proxied with the whole path, as its proxiedUrlSuffix says"
        nothing = site.get(f"/code-studios/{PROJECT}/{studio}/4201/")
        assert nothing.status_code == 502
        assert "does not answer on port 4201" in nothing.json()["message"]
        with world.site("other") as other:
            assert other.get(path).status_code == 403, "the owner's only, as every port"
    world.stop(studio)
