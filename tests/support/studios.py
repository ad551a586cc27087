"""Code studios in tests: templates whose entry points the test drives, studios and their lifecycle.

The controlled entry point listens on `$PORT` (TCP readiness), writes its environment to `env.json`
in the studio's workspace, and reads files its test writes there: with `gate` present it waits for
`go` before listening (a start that stays STARTING as long as the test wants), `crash` makes it exit
with status 3, with `hold-stop` present it ignores SIGTERM until `release-stop` appears (a stop
that stays STOPPING), and with `write-at-stop` it writes a file into code_studio-versioned on SIGTERM.
"""

from __future__ import annotations

import json
import shlex
import textwrap
from typing import Any

import anyio
import httpx
from dss_codestudio_server.domain.default_template import DEFAULT_ZONES, WORKSPACE, deployment_block

from tests.support.api import future_outcome, wait_for_future

CONTROLLED = textwrap.dedent(
    """
    import json, os, pathlib, signal, socket, sys, time
    ws = pathlib.Path(sys.argv[1])
    def wait_for(name):
        while not (ws / name).exists():
            time.sleep(0.01)
    def on_term(signum, frame):
        if (ws / "write-at-stop").exists():
            (ws / "code_studio-versioned" / "written-at-stop.txt").write_text("last words")
        if (ws / "hold-stop").exists():
            wait_for("release-stop")
        os._exit(0)
    signal.signal(signal.SIGTERM, on_term)
    (ws / "env.json").write_text(json.dumps(dict(os.environ)))
    if (ws / "gate").exists():
        wait_for("go")
    s = socket.socket()
    s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    s.bind(("127.0.0.1", int(os.environ["PORT"])))
    s.listen()
    s.settimeout(0.02)
    while not (ws / "crash").exists():
        try:
            s.accept()[0].close()
        except OSError:
            pass
    os._exit(3)
    """
).strip()
CONTROLLED_COMMAND = f"${{python}} -c {shlex.quote(CONTROLLED)} ${{workspace}}"


def sync_block(
    zones: list[tuple[str, str]] | None = None, *, excluded: list[str] | None = None, one_way: set[str] | None = None
) -> dict[str, Any]:
    """A file synchronisation block: (zone kind, folder in the workspace) pairs."""
    return {
        "type": "dss_base_image",
        "params": {
            "syncedZones": [
                {"zone": kind, "pathInContainer": f"{WORKSPACE}/{folder}", "oneWay": kind in (one_way or set())}
                for kind, folder in (zones if zones is not None else DEFAULT_ZONES)
            ],
            "excludedFromSync": excluded if excluded is not None else ["__pycache__/", "*.tmp"],
        },
    }


def entrypoint_block(
    command: str = CONTROLLED_COMMAND, *, port: int | None = 9000, label: str = "App"
) -> dict[str, Any]:
    """An entry point block running `command`, exposing `port`."""
    params: dict[str, Any] = {"label": label, "entrypoint": command, "env": {}}
    if port is not None:
        params["exposedPort"] = {"label": f"{label} port", "port": port, "exposeHtml": True}
    return {"type": "entrypoint", "params": params}


async def make_template(http: httpx.AsyncClient, label: str, *blocks: dict[str, Any], build: bool = True) -> str:
    """Create a block-based template anyone may use, with these blocks (default: sync block, controlled entry point)."""
    response = await http.post("/admin/code-studios/", json={"label": label, "type": "block_based"})
    assert response.status_code == 200, response.text
    template_id = str(response.json()["id"])
    settings = (await http.get(f"/admin/code-studios/{template_id}")).json()
    settings["params"]["blocks"] = list(blocks) or [sync_block(), deployment_block(), entrypoint_block()]
    settings["defaultPermission"] = {"canUse": True}
    assert (await http.put(f"/admin/code-studios/{template_id}", json=settings)).status_code == 204
    if build:
        built = await wait_for_future(http, (await http.post(f"/admin/code-studios/{template_id}/build")).json())
        assert built["result"]["messages"]["error"] is False, built
    return template_id


async def create_studio(http: httpx.AsyncClient, project: str = "PROJ", template: str = "python-workspace") -> str:
    """Create a studio and return its id."""
    response = await http.post(
        f"/projects/{project}/code-studios/", content=json.dumps({"name": "My studio", "templateId": template})
    )
    assert response.status_code == 200, response.text
    return str(response.json()["codeStudio"]["id"])


async def status(http: httpx.AsyncClient, studio: str, project: str = "PROJ") -> dict[str, Any]:
    """The status of a studio."""
    response = await http.get(f"/projects/{project}/code-studios/{studio}/status")
    assert response.status_code == 200, response.text
    result: dict[str, Any] = response.json()
    return result


async def wait_for_state(
    http: httpx.AsyncClient, studio: str, state: str, project: str = "PROJ", timeout: float = 30.0
) -> dict[str, Any]:
    """Poll the status until the studio is in `state`."""
    with anyio.fail_after(timeout):
        while (current := await status(http, studio, project))["state"] != state:
            await anyio.sleep(0.02)
    return current


async def start(http: httpx.AsyncClient, studio: str, project: str = "PROJ") -> dict[str, Any]:
    """Start a studio and wait for it; return the start's result."""
    response = await http.post(f"/projects/{project}/code-studios/{studio}/restart")
    assert response.status_code == 200, response.text
    outcome = await future_outcome(http, response.json())
    assert outcome.status_code == 200, outcome.text
    result: dict[str, Any] = outcome.json()["result"]
    return result


async def stop(http: httpx.AsyncClient, studio: str, project: str = "PROJ") -> dict[str, Any]:
    """Stop a studio and wait for it; return the stop's result."""
    response = await http.post(f"/projects/{project}/code-studios/{studio}/stop")
    assert response.status_code == 200, response.text
    state = response.json()
    if "jobId" not in state:
        result: dict[str, Any] = state["result"]
        return result
    outcome = await future_outcome(http, state)
    assert outcome.status_code == 200, outcome.text
    result = outcome.json()["result"]
    return result


def zone_of(status_json: dict[str, Any], kind: str) -> dict[str, Any]:
    """The synced zone of this kind in a status."""
    zone: dict[str, Any] = next(z for z in status_json["syncedZones"] if z["zone"] == kind)
    return zone
