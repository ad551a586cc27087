"""Real DSS exports: an older (12.1-shaped) one gains DSS 13's defaults on import, and a studio made from
a real template, whose entry point has no command, runs nothing and stays RUNNING until stopped.

The 12.1 export is the real 13.5.4 one (the shared material) taken back to the 12.1.0 shape the evidence records
(section 3.2: no `reattachOnRestart`, `inheritGlobalCodeEnvsExtraSettings`, `codeEnvsExtraSettings`,
nor `exposedServices`/`initialSyncTimeoutInMinutes` in the Kubernetes block; `extendedProperties` in
the version tags; `dssVersion` 12.1.0): the 12.1.0 archive itself is not among the fixtures.
"""

from __future__ import annotations

import io
import json
import zipfile

import anyio
import pytest
from dss_codestudio_server.domain.template_defaults import fill_dss13_defaults

from tests.server.test_templates import zip_entries
from tests.support.api import make_project, wait_for_future
from tests.support.paths import real_export
from tests.support.servers import InProcessServer
from tests.support.studios import create_studio, start, status, stop

pytestmark = pytest.mark.anyio

DSS13_ONLY = ("reattachOnRestart", "inheritGlobalCodeEnvsExtraSettings", "codeEnvsExtraSettings")


def twelve_one_export() -> bytes:
    """The real export, in the shape DSS 12.1.0 exports."""
    entries = zip_entries(real_export().read_bytes())
    template = json.loads(entries["template.json"])
    for name in DSS13_ONLY:
        del template[name]
    for tag in ("versionTag", "creationTag"):
        template[tag]["extendedProperties"] = {}
    for block in template["params"]["blocks"]:
        if block["type"] == "simple_deployment":
            del block["params"]["exposedServices"], block["params"]["initialSyncTimeoutInMinutes"]
    manifest = json.loads(entries["manifest.json"])
    manifest.update(dssVersion="12.1.0", confVersion="12100")
    entries.update({"template.json": json.dumps(template).encode(), "manifest.json": json.dumps(manifest).encode()})
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as zf:
        for name, data in entries.items():
            zf.writestr(name, data)
    return out.getvalue()


def deployment_params(settings: dict) -> dict:
    return next(b["params"] for b in settings["params"]["blocks"] if b["type"] == "simple_deployment")


async def test_an_older_export_gains_dss13_defaults_on_import_and_keeps_them_in_its_export(http) -> None:
    real = json.loads(zip_entries(real_export().read_bytes())["template.json"])
    imported = await http.post(
        "/admin/code-studios/import", params={"label": "Old"}, files={"file": ("t.zip", twelve_one_export())}
    )
    assert imported.status_code == 200, imported.text
    [filled] = [m for m in imported.json()["messages"]["messages"] if m["code"] == "TEMPLATE_DEFAULTS_FILLED"]
    assert filled["severity"] == "INFO"
    assert "reattachOnRestart" in filled["message"]
    assert "simple_deployment.initialSyncTimeoutInMinutes" in filled["message"]
    settings = (await http.get(f"/admin/code-studios/{imported.json()['id']}")).json()
    # Exactly what DSS 13.5.4 wrote for this template, which never set them.
    for name in DSS13_ONLY:
        assert settings[name] == real[name], name
    assert deployment_params(settings) == deployment_params(real)
    assert settings["versionTag"].get("extendedProperties", {}) == {}  # an older field: kept or not, harmless
    exported = json.loads(
        zip_entries((await http.get(f"/admin/code-studios/{settings['id']}/export")).content)["template.json"]
    )
    for name in DSS13_ONLY:
        assert exported[name] == real[name], name
    assert deployment_params(exported) == deployment_params(real)


async def test_a_dss13_export_is_imported_as_it_is(http) -> None:
    imported = await http.post("/admin/code-studios/import", files={"file": ("t.zip", real_export().read_bytes())})
    assert imported.status_code == 200, imported.text
    assert "TEMPLATE_DEFAULTS_FILLED" not in [m.get("code") for m in imported.json()["messages"]["messages"]]


def test_defaults_never_replace_what_settings_hold() -> None:
    settings: dict = {
        "reattachOnRestart": True,
        "codeEnvsExtraSettings": {"useConda": True, "cranMirrorURL": "https://cran.example"},
        "params": {"blocks": [{"type": "simple_deployment", "params": {"initialSyncTimeoutInMinutes": 3}}, "odd"]},
    }
    filled = fill_dss13_defaults(settings)
    assert settings["reattachOnRestart"] is True
    assert settings["codeEnvsExtraSettings"]["useConda"] is True
    assert settings["codeEnvsExtraSettings"]["cranMirrorURL"] == "https://cran.example"
    assert settings["codeEnvsExtraSettings"]["pipInstallExtraOptions"] == []
    assert settings["params"]["blocks"][0]["params"] == {"initialSyncTimeoutInMinutes": 3, "exposedServices": []}
    assert filled == [
        "inheritGlobalCodeEnvsExtraSettings",
        "codeEnvsExtraSettings.condaInstallExtraOptions",
        "codeEnvsExtraSettings.condaCreateExtraOptions",
        "codeEnvsExtraSettings.pipInstallExtraOptions",
        "codeEnvsExtraSettings.virtualenvCreateExtraOptions",
        "simple_deployment.exposedServices",
    ]
    assert fill_dss13_defaults(settings) == []


async def test_a_real_templates_studio_runs_nothing_and_stays_running_until_stopped(server: InProcessServer) -> None:
    """The real export's only entry point ("Client Port") has no command: nothing runs, the studio stays up."""
    async with server.http() as http:
        imported = await http.post("/admin/code-studios/import", files={"file": ("t.zip", twelve_one_export())})
        template = imported.json()["id"]
        settings = (await http.get(f"/admin/code-studios/{template}")).json()
        # The code env its add_codeenv block names exists on Dataiku's instance, not here: left out.
        settings["params"]["blocks"] = [b for b in settings["params"]["blocks"] if b["type"] != "add_codeenv"]
        assert (await http.put(f"/admin/code-studios/{template}", json=settings)).status_code in (200, 204)
        built = await wait_for_future(http, (await http.post(f"/admin/code-studios/{template}/build")).json(), 60)
        assert built["result"]["messages"]["error"] is False, built
        codes = [m.get("code") for m in built["result"]["messages"]["messages"]]
        assert "BUILD_ENTRYPOINT_NO_COMMAND" in codes
        await make_project(http)
        studio = await create_studio(http, template=template)
        started = await start(http, studio)
        assert started["state"] == "RUNNING"
        # What stopped it was immediate (an "exited" check as it became RUNNING); give a stop every chance.
        for _ in range(10):
            assert (await status(http, studio))["state"] == "RUNNING"
            await anyio.sleep(0.05)
        assert len((await status(http, studio))["syncedZones"]) == 7
        stopped = await stop(http, studio)
        assert stopped["state"] == "STOPPED"
        assert (await status(http, studio))["state"] == "STOPPED"
