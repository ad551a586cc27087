"""A web app kept in the project library answers through the studio's proxied URL, as it would in DSS.

The app (webapp/app.py, a small Starlette app written as Dataiku's code-studio web-app tooling works)
is written into the project library through the API, pushed into the studio's project-lib zone, found
there through `DKU_PROJECT_LIB_VERSIONED_LOCATION`, and serves under `DKU_CODE_STUDIO_BROWSER_PATH_<port>`:
it needs the pod environment DSS gives (`DIP_HOME`, the zone locations, the browser paths).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from dss_codestudio_server.domain.default_template import deployment_block, sync_block

from tests.proxy.conftest import PROJECT, World, finish

WEBAPP = Path(__file__).resolve().parent / "webapp"
PORT = 8501
INDEX = "<!doctype html><title>Hello</title><h1>Hello from the project library</h1>\n"


@pytest.fixture(scope="module")
def webapp_template(world: World) -> str:
    block = {
        "type": "entrypoint",
        "params": {
            "label": "Hello web app",
            # Found through the zone's location, as the app finds its own files: nothing names a server path.
            "entrypoint": 'exec ${python} "$DKU_PROJECT_LIB_VERSIONED_LOCATION/python/hello/app.py"',
            "exposedPort": {"label": "Hello", "port": PORT, "exposeHtml": True, "proxiedUrlSuffix": "/$request_uri"},
        },
    }
    with world.api("admin") as api:
        created = api.post("/admin/code-studios/", json={"label": "Web app", "type": "block_based"}).json()
        settings = api.get(f"/admin/code-studios/{created['id']}").json()
        settings["params"]["blocks"] = [sync_block(), deployment_block(tcp=True), block]
        settings["defaultPermission"] = {"canUse": True}
        assert api.put(f"/admin/code-studios/{created['id']}", json=settings).status_code == 204
        built = finish(api, api.post(f"/admin/code-studios/{created['id']}/build").json())
        assert built["result"]["messages"]["error"] is False, built
    return str(created["id"])


def test_a_web_app_kept_in_the_library_answers_through_the_proxied_url(world: World, webapp_template: str) -> None:
    with world.api("owner") as api:
        for name, content in (("app.py", (WEBAPP / "app.py").read_bytes()), ("index.html", INDEX.encode())):
            written = api.post(f"/projects/{PROJECT}/libraries/contents/python/hello/{name}", content=content)
            assert written.status_code in (200, 204), written.text
    studio = world.new_studio("owner", webapp_template)
    status = world.start(studio, "owner")
    [exposed] = status["exposed"]
    assert exposed["exposedPort"] == PORT
    lib_zone = next(z for z in status["syncedZones"] if z["zone"] == "project_lib_versioned")
    prefix = f"/code-studios/{PROJECT}/{studio}/{PORT}"
    with world.site("owner") as site:
        page = site.get(f"{prefix}/")
        assert page.status_code == 200, page.text
        assert page.text == INDEX
        info = site.get(f"{prefix}/info").json()
        assert info == {
            "inStudio": True,
            "prefix": prefix,
            "here": str(Path(lib_zone["studioPath"]) / "python" / "hello"),
            "project": PROJECT,
            "dssVersion": "13.5.4",
            "path": f"{prefix}/info",
        }
        # DSS's other form of the studio's URLs reaches it too.
        assert site.get(f"/dip{prefix}/").text == INDEX
        assert site.get(f"{prefix}/missing").status_code == 404  # the app's own 404, under its prefix
    with world.site(None) as anonymous:
        assert anonymous.get(f"{prefix}/").status_code in (401, 302, 303)  # the proxy lets no one else in
    with world.site("outsider") as outsider:
        assert outsider.get(f"{prefix}/").status_code in (403, 404)
    world.stop(studio, "owner")
