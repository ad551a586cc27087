"""No data loss, as a property, through the real server and the studio lifecycle.

A hypothesis state machine runs two code studios of one project on a reference server and makes
random edits on both sides of three zones: the project library (shared by both studios; its DSS
side edited through the API), and each studio's own code_studio_versioned zone (its DSS side edited
on disk). Between edits it checks conflicts, pushes and pulls single zones through the API, stops,
starts and restarts studios, and restarts the server itself. A model of each zone (the content
agreed at the last synchronisation and the content on each side) predicts every outcome with the
three-way rule: the side that changed since the agreement wins, equal changes agree, different
changes are conflicts that stay on both sides.

After every step, each side on disk is exactly what the model says: every byte written on either
side is on both sides after the synchronisation that followed, or it is in conflict (reported by the
conflicts call, refused by a pull, skipped by a push, a stop and a start) and still where it was
written. tests/zonesync/test_no_data_loss.py checks the engine alone; this goes through the server.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path
from typing import Any

import httpx
from dss_codestudio_server.embedded import EmbeddedServer
from hypothesis import HealthCheck, event, seed, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, precondition, rule

from tests.hardening.settings import LONG, examples
from tests.support.api import basic, finished
from tests.support.files import tree
from tests.support.servers import start_embedded

PATHS = ["a.txt", "pkg/b.py", "c.bin"]
KINDS = {"lib": "project_lib_versioned", "cs": "code_studio_versioned"}
STUDIOS = [0, 1]
Content = bytes | None


class Model:
    """What each side of each zone holds, and what was agreed at the last synchronisation."""

    def __init__(self) -> None:
        self.dss: dict[str, dict[str, Content]] = {key: dict.fromkeys(PATHS) for key in ("lib", "cs0", "cs1")}
        self.studio = {s: {k: dict.fromkeys(PATHS) for k in KINDS} for s in STUDIOS}
        self.agreed = {s: {k: dict.fromkeys(PATHS) for k in KINDS} for s in STUDIOS}

    @staticmethod
    def dss_key(studio: int, kind: str) -> str:
        return "lib" if kind == "lib" else f"cs{studio}"

    def conflicts(self, s: int, kind: str) -> set[str]:
        dss, mine, base = self.dss[self.dss_key(s, kind)], self.studio[s][kind], self.agreed[s][kind]
        return {p for p in PATHS if dss[p] != base[p] and mine[p] != base[p] and dss[p] != mine[p]}

    def push(self, s: int, kind: str) -> set[str]:
        """DSS -> studio, conflicts left alone; returns the conflicts."""
        dss, mine, base = self.dss[self.dss_key(s, kind)], self.studio[s][kind], self.agreed[s][kind]
        conflicts = self.conflicts(s, kind)
        for p in PATHS:
            if dss[p] != base[p] and p not in conflicts:
                mine[p] = base[p] = dss[p]
        return conflicts

    def pull(self, s: int, kind: str, *, refuse: bool) -> set[str]:
        """Studio -> DSS; with `refuse`, nothing moves if a changed file is in conflict. Returns the conflicts."""
        dss, mine, base = self.dss[self.dss_key(s, kind)], self.studio[s][kind], self.agreed[s][kind]
        conflicts = self.conflicts(s, kind)
        if refuse and conflicts:
            return conflicts
        for p in PATHS:
            if mine[p] != base[p] and p not in conflicts:
                dss[p] = base[p] = mine[p]
        return conflicts


class ZonesThroughTheServer(RuleBasedStateMachine):
    def __init__(self) -> None:
        super().__init__()
        self.work = Path(tempfile.mkdtemp(prefix="hardening-nodataloss-"))
        self.data = self.work / "data"
        self.model = Model()
        self.counter = 0
        self.server_restarts = 0
        self.server: EmbeddedServer | None = None
        self.api: httpx.Client | None = None
        self._serve()
        api = self.http
        assert finished(api, api.post("/admin/code-studios/python-workspace/build").json()).status_code == 200
        assert api.post("/projects/", json={"projectKey": "P", "name": "P", "owner": "admin"}).status_code == 200
        self.ids = []
        for _ in STUDIOS:
            created = api.post("/projects/P/code-studios/", json={"name": "s", "templateId": "python-workspace"})
            self.ids.append(created.json()["codeStudio"]["id"])
        self.running = dict.fromkeys(STUDIOS, False)
        self.zone_ids: dict[int, dict[str, str]] = {}
        self.roots: dict[tuple[str, int], Path] = {}  # ("dss" | "studio" + kind, studio) -> folder
        for s in STUDIOS:
            self._start(s)
            status = self._status(s)
            for kind, name in KINDS.items():
                zone = next(z for z in status["syncedZones"] if z["zone"] == name)
                self.roots[("dss" + kind, s)] = Path(zone["dssPath"])
                self.roots[("studio" + kind, s)] = Path(zone["studioPath"])

    # -- plumbing -------------------------------------------------------------------------------

    def _serve(self) -> None:
        self.server = start_embedded(self.data)
        self.api = httpx.Client(base_url=self.server.api_url, headers=basic(self.server.admin_key), timeout=120)

    @property
    def http(self) -> httpx.Client:
        assert self.api is not None
        return self.api

    def _path(self, s: int) -> str:
        return f"/projects/P/code-studios/{self.ids[s]}"

    def _status(self, s: int) -> dict[str, Any]:
        status: dict[str, Any] = self.http.get(f"{self._path(s)}/status").json()
        return status

    def _start(self, s: int) -> None:
        outcome = finished(self.http, self.http.post(f"{self._path(s)}/restart").json())
        assert outcome.status_code == 200, outcome.text
        self.running[s] = True
        status = self._status(s)
        self.zone_ids[s] = {k: next(z["id"] for z in status["syncedZones"] if z["zone"] == n) for k, n in KINDS.items()}
        for kind in KINDS:
            expected = self.model.push(s, kind)
            event("start: conflicts left" if expected else "start: clean")
            pushed = outcome.json()["result"]["pushed"][self.zone_ids[s][kind]]
            assert set(pushed["conflicts"]) == expected, (s, kind, pushed, expected)

    def _stopped(self, s: int, result: dict[str, Any] | None) -> None:
        """The model of a stop: every zone pulled, conflicts left on both sides (and reported)."""
        self.running[s] = False
        for kind in KINDS:
            conflicts = self.model.pull(s, kind, refuse=False)
            event("stop: conflicts kept" if conflicts else "stop: clean")
            if result is not None:
                reported = result["conflicts"].get(self.zone_ids[s][kind], {})
                assert {*reported.get("added", []), *reported.get("modified", []), *reported.get("deleted", [])} == (
                    conflicts
                ), (kind, result)

    def _folder(self, side: str, s: int, kind: str) -> Path:
        return self.roots[(side + kind, s)]

    # -- rules ---------------------------------------------------------------------------------

    @rule(
        side=st.sampled_from(["dss", "studio"]),
        s=st.sampled_from(STUDIOS),
        kind=st.sampled_from(list(KINDS)),
        path=st.sampled_from(PATHS),
        action=st.sampled_from(["write", "write same size", "delete"]),
    )
    def change(self, side: str, s: int, kind: str, path: str, action: str) -> None:
        """Write (same-size writes are the hard case for change detection) or delete a file on one side."""
        if action == "delete":
            self._delete(side, s, kind, path)
        else:
            self._write(side, s, kind, path, same_size=action == "write same size")

    @rule(
        s=st.sampled_from(STUDIOS),
        kind=st.sampled_from(list(KINDS)),
        path=st.sampled_from(PATHS),
        identical=st.booleans(),
    )
    def edit_both_sides(self, s: int, kind: str, path: str, identical: bool) -> None:
        """The case that matters: the same file changed on both sides before a synchronisation."""
        self._write("dss", s, kind, path, same_size=True)
        if identical and self.running[s]:
            target = self._folder("studio", s, kind) / path
            target.parent.mkdir(parents=True, exist_ok=True)
            data = self.model.dss[self.model.dss_key(s, kind)][path]
            assert data is not None
            target.write_bytes(data)
            self.model.studio[s][kind][path] = data
        else:
            self._write("studio", s, kind, path, same_size=True)

    def _write(self, side: str, s: int, kind: str, path: str, *, same_size: bool) -> None:
        if side == "studio" and not self.running[s]:
            return  # a stopped studio has no pod to edit files in
        self.counter += 1
        data = f"{side}{s}-{self.counter:06d}".encode() if same_size else f"{side}{s}-{self.counter}".encode() * 5
        if side == "dss" and kind == "lib":
            response = self.http.post(f"/projects/P/libraries/contents/{path}", content=data)
            assert response.status_code == 204, response.text
            self.model.dss["lib"][path] = data
            return
        target = self._folder(side, s, kind) / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
        if side == "dss":
            self.model.dss[self.model.dss_key(s, kind)][path] = data
        else:
            self.model.studio[s][kind][path] = data

    def _delete(self, side: str, s: int, kind: str, path: str) -> None:
        if side == "studio" and not self.running[s]:
            return
        if side == "dss" and kind == "lib":
            if self.model.dss["lib"][path] is not None:
                response = self.http.delete(f"/projects/P/libraries/contents/{path}")
                assert response.status_code == 204, response.text
                self.model.dss["lib"][path] = None
            return
        target = self._folder(side, s, kind) / path
        if target.exists():
            target.unlink()
        if side == "dss":
            self.model.dss[self.model.dss_key(s, kind)][path] = None
        else:
            self.model.studio[s][kind][path] = None

    @rule(
        s=st.sampled_from(STUDIOS),
        kind=st.sampled_from(list(KINDS)),
        order=st.sampled_from(["pull", "push", "pull push", "push pull"]),
    )
    def synchronise(self, s: int, kind: str, order: str) -> None:
        """Check the zone's conflicts, then push and pull it through the API, in some order."""
        if not self.running[s]:
            self._start(s)  # zones exist only while the studio runs
        self._check_conflicts(s, kind)
        for direction in order.split():
            self._push(s, kind) if direction == "push" else self._pull(s, kind)

    def _check_conflicts(self, s: int, kind: str) -> None:
        zone = self.zone_ids[s][kind]
        answer = self.http.get(f"{self._path(s)}/conflicts/{zone}").json()[zone]
        expected = self.model.conflicts(s, kind)
        event("conflicts call: conflicts" if expected else "conflicts call: none")
        assert {*answer["added"], *answer["modified"], *answer["deleted"]} == expected

    def _push(self, s: int, kind: str) -> None:
        response = self.http.get(f"{self._path(s)}/push/{self.zone_ids[s][kind]}")
        assert response.status_code == 200, response.text
        conflicts = self.model.push(s, kind)
        event("push: conflicts left" if conflicts else "push: clean")
        assert set(response.json()["conflicts"]) == conflicts

    def _pull(self, s: int, kind: str) -> None:
        response = self.http.get(f"{self._path(s)}/pull/{self.zone_ids[s][kind]}")
        conflicts = self.model.pull(s, kind, refuse=True)
        event("pull: refused for conflicts" if conflicts else "pull: clean")
        assert response.status_code == (409 if conflicts else 200), response.text
        if conflicts:
            assert all(p in response.json()["message"] for p in conflicts), response.text

    @rule(s=st.sampled_from(STUDIOS), action=st.sampled_from(["restart", "stop"]))
    def lifecycle(self, s: int, action: str) -> None:
        """Stop a studio (its zones pulled) or restart it (then pushed), or start a stopped one."""
        if not self.running[s]:
            self._start(s)
        elif action == "stop":
            outcome = finished(self.http, self.http.post(f"{self._path(s)}/stop").json())
            assert outcome.status_code == 200, outcome.text
            self._stopped(s, outcome.json()["result"])
        else:
            self._stopped(s, None)  # a restart is a stop, then a start
            self._start(s)

    @precondition(lambda self: self.server_restarts < 2)  # a second each: a few per sequence
    @rule()
    def restart_the_server(self) -> None:
        """A clean shutdown stops every studio (pulling them); the next server starts on the same data."""
        assert self.server is not None
        self.server_restarts += 1
        self.http.close()
        self.server.stop()
        for s in STUDIOS:
            if self.running[s]:
                self._stopped(s, None)
        self._serve()

    # -- the property --------------------------------------------------------------------------

    @invariant()
    def every_byte_is_where_the_model_says(self) -> None:
        for s in STUDIOS:
            for kind in KINDS:
                dss = self.model.dss[self.model.dss_key(s, kind)]
                for side, expected in (("dss", dss), ("studio", self.model.studio[s][kind])):
                    on_disk = {p: c for p, c in tree(self._folder(side, s, kind)).items() if p in PATHS}
                    wanted = {p: c for p, c in expected.items() if c is not None}
                    assert on_disk == wanted, f"studio {s}, zone {kind}, {side} side lost or changed a file"

    def teardown(self) -> None:
        try:
            if self.api is not None:
                self.api.close()
            if self.server is not None:
                self.server.stop()
        finally:
            shutil.rmtree(self.work, ignore_errors=True)


# CI: a fixed seed (derandomized runs start with degenerate sequences, one rule repeated, which
# cost the same and check little); the long version draws fresh ones.
ZonesThroughTheServer.TestCase.settings = settings(
    **{**examples(ci=8, long=int(os.environ.get("DSS_HARDENING_SEQUENCES", "150"))), "derandomize": False},
    stateful_step_count=50 if LONG else 25,
    suppress_health_check=[HealthCheck.too_slow],
)
if not LONG:
    seed(20261125)(ZonesThroughTheServer)
test_no_data_loss_through_the_server = ZonesThroughTheServer.TestCase
