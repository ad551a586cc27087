"""Load: 16 concurrent clients with a mixed workload against one server, for a bounded time.

The server runs in a subprocess (`dss-codestudio-server serve`); 16 threads, each with its own
connection, make a seeded random mix of status reads, template settings saves, restarts and stops,
pushes and pulls of the zones of four studios, library writes and reads, studio creations and
deletions and template creations. Every answer is checked as it comes:

- no 5xx, and no status the operation does not document for that situation;
- a status is never impossible: a known state, zones and exposed ports exactly while RUNNING, and
  `lastStateChange` never going back as one client sees it;
- ids are never given twice (studios, templates created concurrently with the same label);

and at the end: every library write is there with its last content, every studio stops, no studio
process is left, and the database is intact. The p99 latency is reported (and written to
`$DSS_HARDENING_REPORT` if set, for README's figures).

Concurrent saves of the same template settings follow the spec's rule, last write wins: the stored
settings are exactly one of the bodies sent, and `versionTag.versionNumber` counts every save.
"""

from __future__ import annotations

import json
import os
import random
import sqlite3
import threading
import time
from collections import defaultdict
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
import pytest

from tests.hardening.settings import LONG, duration
from tests.support.api import finished
from tests.support.ports import free_port
from tests.support.processes import studio_processes
from tests.support.server_process import admin_key, server_process

CLIENTS = 16
STUDIOS = 4
STATES = {"STOPPED", "STARTING", "RUNNING", "STOPPING"}
# What each operation may answer under this load, besides 2xx (each documented in openapi.yaml).
ALLOWED = {
    "status": set(),
    "save settings": set(),
    "restart": {409},  # the studio is STOPPING
    "stop": set(),
    "push": {404, 409},  # the zone id changed (restart) or the studio is not RUNNING; conflicts
    "pull": {404, 409},
    "library write": set(),
    "library read": set(),
    "create studio": set(),
    "delete studio": set(),
    "create template": set(),
    "future": {409, 500},  # an aborted start (a stop came), a start that failed
}
WEIGHTS = {
    "status": 30,
    "library write": 18,
    "library read": 6,
    "save settings": 10,
    "push": 10,
    "pull": 10,
    "restart": 4,
    "stop": 2,
    "create studio": 4,
    "create template": 4,
}


@dataclass
class Recorder:
    """Every answer of the load: latencies by operation, failures, ids handed out."""

    latencies: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))
    failures: list[str] = field(default_factory=list)
    studio_ids: list[str] = field(default_factory=list)
    template_ids: list[str] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def call(self, client: httpx.Client, op: str, method: str, url: str, **kwargs: Any) -> httpx.Response:
        started = time.perf_counter()
        response = client.request(method, url, **kwargs)
        elapsed = time.perf_counter() - started
        with self.lock:
            self.latencies[op].append(elapsed)
            if (response.status_code >= 500 and op != "future") or (
                response.status_code >= 300 and response.status_code not in ALLOWED[op]
            ):
                self.failures.append(f"{op} {method} {url}: {response.status_code} {response.text[:300]}")
        return response

    def fail(self, message: str) -> None:
        with self.lock:
            self.failures.append(message)

    def report(self) -> dict[str, Any]:
        every = sorted(t for times in self.latencies.values() for t in times)
        by_op = {op: _percentiles(sorted(times)) for op, times in sorted(self.latencies.items())}
        return {"requests": len(every), **_percentiles(every), "by_operation": by_op}


def _percentiles(times: list[float]) -> dict[str, Any]:
    def at(q: float) -> float:
        return round(times[min(len(times) - 1, int(q * len(times)))] * 1000, 1) if times else 0.0

    return {"count": len(times), "p50_ms": at(0.50), "p99_ms": at(0.99), "max_ms": at(1.0)}


@dataclass
class Target:
    """The server under load and what the workload works on."""

    api_url: str
    key: str
    studios: list[str]
    template: str


@pytest.fixture
def target(tmp_path: Path) -> Iterator[tuple[Target, Path]]:
    data, port, log = tmp_path / "data", free_port(), tmp_path / "server.log"
    with server_process(data, port, log, build_step_delay=0):
        key = admin_key(log)
        base = f"http://127.0.0.1:{port}/dip/publicapi"
        with httpx.Client(base_url=base, auth=(key, ""), timeout=60) as api:
            assert finished(api, api.post("/admin/code-studios/python-workspace/build").json()).status_code == 200
            assert api.post("/projects/", json={"projectKey": "P", "name": "P", "owner": "admin"}).status_code == 200
            studios = []
            for _ in range(STUDIOS):
                created = api.post("/projects/P/code-studios/", json={"name": "load", "templateId": "python-workspace"})
                studios.append(created.json()["codeStudio"]["id"])
            template = api.post("/admin/code-studios/", json={"label": "load", "type": "block_based"}).json()["id"]
        yield Target(base, key, studios, template), data
    with sqlite3.connect(data / "server.db") as db:
        assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


class Client:
    """One of the 16: its own connection, its own random stream, its own library folder."""

    def __init__(self, number: int, target: Target, recorder: Recorder, deadline: float) -> None:
        self.number = number
        self.target = target
        self.recorder = recorder
        self.deadline = deadline
        self.rng = random.Random(number)
        self.http = httpx.Client(base_url=target.api_url, auth=(target.key, ""), timeout=120)
        self.written: dict[str, bytes] = {}
        self.seen_change: dict[str, int] = {}
        self.my_studios: list[str] = []
        self.writes = 0

    def run(self) -> None:
        ops = list(WEIGHTS)
        weights = list(WEIGHTS.values())
        try:
            while time.monotonic() < self.deadline:
                op = self.rng.choices(ops, weights)[0]
                getattr(self, "do_" + op.replace(" ", "_"))()
            for studio in self.my_studios:
                self.recorder.call(self.http, "delete studio", "DELETE", f"/projects/P/code-studios/{studio}")
        except Exception as exc:  # a transport error is a failure of the load, not of the thread
            self.recorder.fail(f"client {self.number}: {exc!r}")
        finally:
            self.http.close()

    def _studio(self) -> str:
        return self.rng.choice(self.target.studios)

    def _status(self, studio: str) -> dict[str, Any]:
        response = self.recorder.call(self.http, "status", "GET", f"/projects/P/code-studios/{studio}/status")
        status: dict[str, Any] = response.json()
        running = status["state"] == "RUNNING"
        if status["state"] not in STATES:
            self.recorder.fail(f"{studio}: unknown state {status['state']}")
        if bool(status["syncedZones"]) != running or (bool(status["exposed"]) and not running):
            self.recorder.fail(f"{studio}: zones or ports while {status['state']}: {status}")
        if status["lastStateChange"] < self.seen_change.get(studio, 0):
            self.recorder.fail(f"{studio}: lastStateChange went back")
        self.seen_change[studio] = status["lastStateChange"]
        return status

    def do_status(self) -> None:
        self._status(self._studio())

    def do_library_write(self) -> None:
        self.writes += 1
        path = f"client{self.number}/file{self.rng.randrange(8)}.txt"
        data = f"client {self.number} write {self.writes}\n".encode() * self.rng.randrange(1, 200)
        response = self.recorder.call(
            self.http, "library write", "POST", f"/projects/P/libraries/contents/{path}", content=data
        )
        if response.status_code == 204:
            self.written[path] = data

    def do_library_read(self) -> None:
        if not self.written:
            return
        path = self.rng.choice(sorted(self.written))
        response = self.recorder.call(
            self.http,
            "library read",
            "GET",
            f"/projects/P/libraries/contents/{path}",
            params={"dataEncoding": "base64"},
        )
        if response.status_code == 200 and _decoded(response) != self.written[path]:
            self.recorder.fail(f"library {path}: not the last content written")

    def do_save_settings(self) -> None:
        url = f"/admin/code-studios/{self.target.template}"
        settings = self.http.get(url).json()
        settings["description"] = f"saved by client {self.number}"
        self.recorder.call(self.http, "save settings", "PUT", url, json=settings)

    def do_restart(self) -> None:
        studio = self._studio()
        response = self.recorder.call(self.http, "restart", "POST", f"/projects/P/code-studios/{studio}/restart")
        if response.status_code == 200 and "jobId" in response.json() and self.rng.random() < 0.5:
            self._follow(response.json()["jobId"])

    def do_stop(self) -> None:
        studio = self._studio()
        response = self.recorder.call(self.http, "stop", "POST", f"/projects/P/code-studios/{studio}/stop")
        if response.status_code == 200 and "jobId" in response.json() and self.rng.random() < 0.5:
            self._follow(response.json()["jobId"])

    def _follow(self, job_id: str) -> None:
        end = time.monotonic() + 60
        while time.monotonic() < end:
            state = self.recorder.call(self.http, "future", "GET", f"/futures/{job_id}", params={"peek": "true"})
            if state.status_code != 200 or state.json()["hasResult"]:
                return
            time.sleep(0.05)
        self.recorder.fail(f"future {job_id} still running after 60 s")

    def _sync(self, direction: str) -> None:
        studio = self._studio()
        status = self._status(studio)
        zones = [z["id"] for z in status["syncedZones"] if z["zone"] == "project_lib_versioned"]
        if zones:
            url = f"/projects/P/code-studios/{studio}/{direction}/{zones[0]}"
            self.recorder.call(self.http, direction, "GET", url)

    def do_push(self) -> None:
        self._sync("push")

    def do_pull(self) -> None:
        self._sync("pull")

    def do_create_studio(self) -> None:
        if len(self.my_studios) >= 2:
            studio = self.my_studios.pop(0)
            self.recorder.call(self.http, "delete studio", "DELETE", f"/projects/P/code-studios/{studio}")
            return
        body = {"name": f"client {self.number}", "templateId": "python-workspace"}
        response = self.recorder.call(self.http, "create studio", "POST", "/projects/P/code-studios/", json=body)
        if response.status_code == 200:
            studio = response.json()["codeStudio"]["id"]
            self.my_studios.append(studio)
            with self.recorder.lock:
                self.recorder.studio_ids.append(studio)

    def do_create_template(self) -> None:
        body = {"label": "same label for all", "type": "block_based"}
        response = self.recorder.call(self.http, "create template", "POST", "/admin/code-studios/", json=body)
        if response.status_code == 200:
            with self.recorder.lock:
                self.recorder.template_ids.append(response.json()["id"])


def _decoded(response: httpx.Response) -> bytes:
    import base64

    return base64.b64decode(response.json()["data"])


def test_sixteen_clients_with_a_mixed_workload(target: tuple[Target, Path]) -> None:
    server, data = target
    recorder = Recorder()
    seconds = duration(ci=12, long=180)
    deadline = time.monotonic() + seconds
    clients = [Client(n, server, recorder, deadline) for n in range(CLIENTS)]
    with ThreadPoolExecutor(CLIENTS) as pool:
        for future in [pool.submit(c.run) for c in clients]:
            future.result(timeout=seconds + 600)

    with httpx.Client(base_url=server.api_url, auth=(server.key, ""), timeout=120) as api:
        for client in clients:  # no library write is lost
            for path, content in client.written.items():
                got = api.get(f"/projects/P/libraries/contents/{path}", params={"dataEncoding": "base64"})
                assert got.status_code == 200, (path, got.text)
                assert _decoded(got) == content, f"{path} lost its last write"
        for studio in server.studios:  # every studio stops, and nothing is left running
            outcome = finished(api, api.post(f"/projects/P/code-studios/{studio}/stop").json(), timeout=120)
            assert outcome.status_code == 200, outcome.text
            assert api.get(f"/projects/P/code-studios/{studio}/status").json()["state"] == "STOPPED"
        assert not studio_processes(data)
        assert api.get("/futures/", params={"allUsers": "true"}).json() == []
        listed = [s["id"] for s in api.get("/projects/P/code-studios/").json()]
        assert sorted(listed) == sorted(server.studios)

    report = recorder.report()
    report |= {"clients": CLIENTS, "seconds": seconds, "failures": len(recorder.failures)}
    print(json.dumps(report, indent=1))
    if os.environ.get("DSS_HARDENING_REPORT"):
        with open(os.environ["DSS_HARDENING_REPORT"], "a") as out:
            out.write(json.dumps({"load": report}) + "\n")
    assert not recorder.failures, "\n".join(recorder.failures[:20])
    assert len(set(recorder.studio_ids)) == len(recorder.studio_ids), "a studio id was given twice"
    assert len(set(recorder.template_ids)) == len(recorder.template_ids), "a template id was given twice"
    assert report["requests"] > (CLIENTS * seconds if not LONG else 0), report  # it was a load


def test_concurrent_saves_of_the_same_settings_last_write_wins(target: tuple[Target, Path]) -> None:
    server, _ = target
    url = f"/admin/code-studios/{server.template}"

    def save(number: int) -> int:
        with httpx.Client(base_url=server.api_url, auth=(server.key, ""), timeout=60) as http:
            settings = http.get(url).json()
            settings["description"] = f"writer {number}"
            settings["params"]["blocks"].append({"type": "writer", "params": {"number": number}})
            return http.put(url, json=settings).status_code

    with httpx.Client(base_url=server.api_url, auth=(server.key, ""), timeout=60) as api:
        before = api.get(url).json()["versionTag"]["versionNumber"]
        rounds = 3 if not LONG else 30
        for _ in range(rounds):
            with ThreadPoolExecutor(CLIENTS) as pool:
                assert list(pool.map(save, range(CLIENTS))) == [204] * CLIENTS
            after = api.get(url).json()
            # Exactly one writer's whole body, not a mix of several.
            writer = int(after["description"].removeprefix("writer "))
            assert after["params"]["blocks"][-1] == {"type": "writer", "params": {"number": writer}}
        assert after["versionTag"]["versionNumber"] == before + rounds * CLIENTS  # every save counted
