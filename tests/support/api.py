"""Calls of the API that many tests make through a raw httpx client, the DSS error check, credentials, fresh names.

`finished` is for sync clients (servers on a port), the others for the async clients of
in-process servers (`InProcessServer.http()`).
"""

from __future__ import annotations

import base64
import secrets
from typing import Any

import anyio
import httpx

from tests.support.waiting import wait_until


def unique(prefix: str) -> str:
    """A fresh name (a project key, a label, a login): tests that share a server never collide."""
    return prefix + secrets.token_hex(4).upper()


def basic(user: str, password: str = "") -> dict[str, str]:
    """A basic Authorization header; `basic(key)` is what dataikuapi sends (the key as user, no password)."""
    return {"Authorization": "Basic " + base64.b64encode(f"{user}:{password}".encode()).decode()}


def assert_dss_error(response: httpx.Response, status: int, error_type: str | None = None) -> dict[str, Any]:
    """Check an answer is the DSS error JSON (`errorType`, `message`, `detailedMessage`) with this status."""
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith("application/json")
    body: dict[str, Any] = response.json()
    assert set(body) >= {"errorType", "message", "detailedMessage"}, body
    if error_type:
        assert body["errorType"] == error_type
    return body


async def make_project(http: httpx.AsyncClient, key: str = "PROJ", owner: str = "admin", **extra: Any) -> None:
    """Create a project (named after its key)."""
    response = await http.post("/projects/", json={"projectKey": key, "name": key.title(), "owner": owner, **extra})
    assert response.status_code == 200, response.text


async def wait_for_future(http: httpx.AsyncClient, state: dict[str, Any], timeout: float = 20.0) -> dict[str, Any]:
    """Poll a future (which must succeed) until it has its result; return its last state."""
    with anyio.fail_after(timeout):
        while not state.get("hasResult"):
            await anyio.sleep(0.02)
            response = await http.get(f"/futures/{state['jobId']}")
            assert response.status_code == 200, response.text
            state = response.json()
    return state


async def future_outcome(http: httpx.AsyncClient, state: dict[str, Any], timeout: float = 30.0) -> httpx.Response:
    """Poll a future until it ends; return the last answer (200 with the result, or the error)."""
    with anyio.fail_after(timeout):
        while True:
            response = await http.get(f"/futures/{state['jobId']}")
            if response.status_code != 200 or response.json()["hasResult"]:
                return response
            await anyio.sleep(0.02)


def finished(api: httpx.Client, state: dict[str, Any], timeout: float = 60) -> httpx.Response:
    """Poll a future until it ends, with a sync client; return the last answer (the result, or the error)."""
    if "jobId" not in state:
        return httpx.Response(200, json=state)

    def done() -> httpx.Response | None:
        response = api.get(f"/futures/{state['jobId']}")
        return response if response.status_code != 200 or response.json()["hasResult"] else None

    return wait_until(done, timeout=timeout, what=f"the end of future {state['jobId']}")
