"""The proxy tests' world: a live server with principals of every kind, the echo template, their studios.

The project `P` is readable by the `readers` group, written by `owner` and `other`, administered by
the `padmins` group; `admin` is an instance administrator. The echo template's entry point
(`echo_app.py`) tells what it received; it exposes port 9000 (`proxiedUrlSuffix` `/`, shown as
HTML), 9001 (`/$request_uri`, and asks for the secret as `Authorization: token` and as a cookie)
and 9002 (`/sub/`, and asks for its own local address as `Host`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
from dss_codestudio_server.domain.default_template import deployment_block, sync_block
from dss_codestudio_server.embedded import EmbeddedServer
from dss_codestudio_server.runtime import RunningProcess

from tests.support.api import finished

HERE = Path(__file__).resolve().parent
ECHO = HERE / "echo_app.py"
PROJECT = "P"
PERMISSIONS = [
    {"group": "readers", "readProjectContent": True},
    {"user": "owner", "readProjectContent": True, "writeProjectContent": True},
    {"user": "other", "readProjectContent": True, "writeProjectContent": True},
    {"group": "padmins", "admin": True},
]
SECRET_COOKIE = "echo_secret"


def basic(key: str, *, as_password: bool = False) -> tuple[str, str]:
    """httpx's `auth`: the key as the basic user name (as dataikuapi sends it), or as the password."""
    return ("", key) if as_password else (key, "")


def echo_block(port: int, suffix: str, *, secret: dict[str, str] | None = None, host: str = "") -> dict[str, Any]:
    """An entry point of the echo app exposing `port` with this `proxiedUrlSuffix` (and `proxyHost`)."""
    params: dict[str, Any] = {
        "label": f"Echo {port}",
        "entrypoint": f"exec ${{python}} {ECHO}",
        "env": {},
        "exposedPort": {"label": f"Echo {port}", "port": port, "exposeHtml": port == 9000, "proxiedUrlSuffix": suffix},
    }
    if secret is not None:
        params["proxySecret"] = secret
    if host:
        params["proxyHost"] = host
    return {"type": "entrypoint", "params": params}


ECHO_BLOCKS = [
    sync_block(),
    deployment_block(tcp=True),
    echo_block(9000, "/"),
    echo_block(9001, "/$request_uri", secret={"authorization": "token", "cookie": SECRET_COOKIE}),
    echo_block(9002, "/sub/", host="local"),
]


@dataclass
class World:
    """A live server with principals of every kind, the echo template, and studios of the owner's."""

    server: EmbeddedServer
    keys: dict[str, str]
    template: str = ""
    started: list[str] = field(default_factory=list)

    @property
    def instance(self) -> Any:
        return self.server.instance

    def api(self, who: str = "owner") -> httpx.Client:
        """A client of the API, as `who`."""
        return httpx.Client(base_url=self.server.api_url, auth=basic(self.keys[who]), timeout=60)

    def site(self, who: str | None = "owner", **options: Any) -> httpx.Client:
        """A client of the server's origin (where studios answer), as `who` (None: no credentials)."""
        auth = basic(self.keys[who]) if who is not None else None
        return httpx.Client(base_url=self.server.url, auth=auth, timeout=60, **options)

    def new_studio(self, who: str = "owner", template: str | None = None) -> str:
        with self.api(who) as api:
            made = api.post(
                f"/projects/{PROJECT}/code-studios/", json={"name": "s", "templateId": template or self.template}
            )
            assert made.status_code == 200, made.text
            return str(made.json()["codeStudio"]["id"])

    def start(self, studio: str, who: str = "owner") -> dict[str, Any]:
        """Start a studio as `who` and wait until it runs; return its status."""
        with self.api(who) as api:
            started = api.post(f"/projects/{PROJECT}/code-studios/{studio}/restart")
            assert started.status_code == 200, started.text
            finish(api, started.json())
            status = api.get(f"/projects/{PROJECT}/code-studios/{studio}/status").json()
        assert status["state"] == "RUNNING", status
        self.started.append(studio)
        return dict(status)

    def stop(self, studio: str, who: str = "owner") -> None:
        with self.api(who) as api:
            finish(api, api.post(f"/projects/{PROJECT}/code-studios/{studio}/stop").json())

    def running(self, who: str = "owner") -> str:
        """A new studio of `who`'s, started by them."""
        studio = self.new_studio(who)
        self.start(studio, who)
        return studio


def finish(api: httpx.Client, state: dict[str, Any], timeout: float = 120) -> dict[str, Any]:
    """Wait for a future (which must not fail) to end; return its last state."""
    answer = finished(api, state, timeout=timeout)
    assert answer.status_code == 200, answer.text
    return dict(answer.json())


def running_process(world: World, studio: str, port: int) -> RunningProcess:
    """The entry point of a running studio's port: where it listens (what a port scan would look for)."""
    processes = world.instance.code_studios.lifecycle.runtime.get(f"{PROJECT}/{studio}")
    assert processes is not None
    [found] = [p for p in processes.exposed if p.port == port]
    return found
