"""6. The proxy's cost: requests to a studio's port through the server's proxy, against direct connections.

A studio runs `studio_app.py` (uvicorn, answering 5 bytes: as little work as a web app can do, so that
what is measured is the proxy). Each figure is measured both ways in the same run, interleaved: through
the proxy (`/code-studios/<projectKey>/<codeStudioId>/9000/`, authenticated by the API key as the
basic user, as dataikuapi sends it, or by a browser session cookie), and straight to the entry point's
own port (with the start's secret, as the proxy sends it): the floor. Keep-alive clients both ways.
"""

from __future__ import annotations

import base64
import json
import os
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import httpx
from _harness import BENCH, Table, reference_server
from websockets.sync.client import connect

PROJECT = "BENCHPROXY"
PORT = 9000


def _setup(url: str, key: str) -> tuple[str, dict[str, Any]]:
    """A studio running studio_app.py; returns its id and where its app listens (port and secret)."""
    entry = {
        "type": "entrypoint",
        "params": {
            "label": "App",
            "entrypoint": f"exec ${{python}} {BENCH / 'studio_app.py'}",
            "exposedPort": {"label": "App", "port": PORT, "exposeHtml": True},
        },
    }
    sync = {"type": "dss_base_image", "params": {"syncedZones": [], "excludedFromSync": []}}
    deployment = {"type": "simple_deployment", "params": {"useTcpReadiness": True}}
    with httpx.Client(base_url=f"{url}/dip/publicapi", auth=(key, ""), timeout=120) as api:
        template = api.post("/admin/code-studios/", json={"label": "Bench app", "type": "block_based"}).json()["id"]
        settings = api.get(f"/admin/code-studios/{template}").json()
        settings["params"]["blocks"] = [sync, deployment, entry]
        api.put(f"/admin/code-studios/{template}", json=settings)
        _wait(api, api.post(f"/admin/code-studios/{template}/build").json())
        api.post("/projects/", json={"projectKey": PROJECT, "name": "bench", "owner": "bench"})
        studio = api.post(f"/projects/{PROJECT}/code-studios/", json={"name": "b", "templateId": template}).json()
        studio_id = studio["codeStudio"]["id"]
        _wait(api, api.post(f"/projects/{PROJECT}/code-studios/{studio_id}/restart").json())
        status = api.get(f"/projects/{PROJECT}/code-studios/{studio_id}/status").json()
    endpoint = Path(status["workspacePath"]) / "bench-endpoint.json"
    deadline = time.monotonic() + 30
    while not endpoint.exists():
        if time.monotonic() > deadline:
            raise RuntimeError("the bench app did not say where it listens")
        time.sleep(0.05)
    return studio_id, json.loads(endpoint.read_text())


def _wait(api: httpx.Client, state: dict[str, Any]) -> None:
    while "jobId" in state and not state.get("hasResult"):
        time.sleep(0.1)
        state = api.get(f"/futures/{state['jobId']}").json()


def cpu_seconds(pid: int) -> float:
    """The CPU time (user and system) a process has used."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _per_call(fn: Callable[[], Any], calls: int) -> float:
    start = time.perf_counter()
    for _ in range(calls):
        fn()
    return (time.perf_counter() - start) / calls


def _compare(table: Table, what: str, ways: dict[str, Callable[[], Any]], calls: int, reps: int, unit: str) -> None:
    for fn in ways.values():
        _per_call(fn, max(20, calls // 10))
    samples: dict[str, list[float]] = {name: [] for name in ways}
    for _ in range(reps):
        for name, fn in ways.items():
            samples[name].append(_per_call(fn, calls))
    floor = statistics.median(samples["direct (floor)"])
    for name, values in samples.items():
        value = statistics.median(values)
        table.add(what, name, value * 1e6 if unit == "us" else value, value / floor)


def measure(data_dir: Path, *, quick: bool) -> Table:
    """Run benchmark 6 against a reference server of its own (it serves studio_app.py from bench/)."""
    calls, reps = (300, 3) if quick else (2000, 7)
    table = Table(
        f"6. The proxy's cost, against a direct connection to the same entry point ({calls} calls x {reps}, medians)",
        ["what", "way", "us/call (s for 100 MB)", "x direct"],
    )
    with reference_server(data_dir, "--studio-read-only", str(BENCH)) as ref:
        studio, endpoint = _setup(ref.url, ref.key)
        secret = {"X-DSS-CodeStudio-Secret": endpoint["secret"]}
        direct_url = f"http://127.0.0.1:{endpoint['port']}/"
        proxied_url = f"{ref.url}/code-studios/{PROJECT}/{studio}/{PORT}/"
        direct = httpx.Client(headers=secret)
        by_key = httpx.Client(auth=(ref.key, ""))
        browser = httpx.Client()
        login = by_key.post(f"{ref.url}/dip/publicapi/projects/{PROJECT}/code-studios/{studio}/browser-login").json()
        browser.get(f"{ref.url}/{login['url']}")
        assert direct.get(direct_url).text == by_key.get(proxied_url).text == browser.get(proxied_url).text == "hello"
        ways = {
            "direct (floor)": lambda: direct.get(direct_url),
            "proxied, API key": lambda: by_key.get(proxied_url),
            "proxied, browser session": lambda: browser.get(proxied_url),
        }
        _compare(table, "GET, 5 bytes", ways, calls, reps, "us")
        spent = cpu_seconds(ref.pid)
        _per_call(ways["proxied, API key"], calls)
        server_cpu = (cpu_seconds(ref.pid) - spent) / calls
        ws_direct = connect(f"ws://127.0.0.1:{endpoint['port']}/ws", additional_headers=secret)
        ws_proxied = connect(
            f"{proxied_url.replace('http://', 'ws://')}ws",
            additional_headers={"Authorization": "Basic " + base64.b64encode(f"{ref.key}:".encode()).decode()},
        )

        def round_trip(ws: Any) -> Callable[[], Any]:
            return lambda: (ws.send("ping"), ws.recv())

        _compare(
            table,
            "WebSocket message round trip",
            {"direct (floor)": round_trip(ws_direct), "proxied, API key": round_trip(ws_proxied)},
            calls,
            reps,
            "us",
        )
        ws_direct.close()
        ws_proxied.close()
        size = 100 << 20

        def download(client: httpx.Client, url: str) -> Callable[[], Any]:
            def run() -> None:
                with client.stream("GET", url + "download", params={"size": size}) as answer:
                    for _ in answer.iter_raw(1 << 20):
                        pass

            return run

        downloads = {"direct (floor)": download(direct, direct_url), "proxied, API key": download(by_key, proxied_url)}
        _compare(table, "download 100 MB", downloads, 1, 3 if quick else 5, "s")
        for client in (direct, by_key, browser):
            client.close()
        with httpx.Client(base_url=f"{ref.url}/dip/publicapi", auth=(ref.key, ""), timeout=120) as api:
            _wait(api, api.post(f"/projects/{PROJECT}/code-studios/{studio}/stop").json())
    table.notes.append(
        f"The server's CPU time per proxied GET: {server_cpu * 1e6:,.0f} us (authentication and authorisation,"
        " a keyed hash of the key and SQLite reads, included); it does not depend on the machine's load."
    )
    return table


if __name__ == "__main__":
    import tempfile

    with tempfile.TemporaryDirectory(prefix="dss-bench-proxy-") as tmp:
        print(measure(Path(tmp) / "data", quick="--quick" in sys.argv).render())
