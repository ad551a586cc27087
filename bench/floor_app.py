"""A bare Starlette app that answers the same JSON at the same paths as the reference server.

It is the floor of the per-call and throughput benchmarks: no validation, no auth check, no storage,
so what a client costs against it is the client's own cost. It also serves futures that complete at
known moments, to measure how quickly a client notices that long work is done.

Run: python bench/floor_app.py PORT
"""

from __future__ import annotations

import json
import sys
import time
from itertools import count

import uvicorn
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

PREFIX = "/dip/publicapi"
STATUS = {
    "state": "RUNNING",
    "lastStateChange": 1718100000000,
    "lastTemplateBuilt": 1718000000000,
    "jobId": "Xb7KqLpD",
    "runAsUser": "admin",
    "exposableCount": 1,
    "exposed": [{"label": "Workspace", "exposedHtml": True, "exposedPort": 8080, "url": "http://127.0.0.1:8080/"}],
    "syncedZones": [
        {"id": "z1", "zone": "code_studio_versioned", "pathInContainer": "/ws/code_studio-versioned", "oneWay": False},
        {"id": "z2", "zone": "project_lib_versioned", "pathInContainer": "/ws/project-lib-versioned", "oneWay": False},
    ],
}
SETTINGS = {
    "projectKey": "BENCH",
    "id": "62GsjBq",
    "name": "Bench studio",
    "templateId": "default",
    "libName": "62GsjBq",
    "owner": "admin",
    "versionTag": {"versionNumber": 1, "lastModifiedBy": {"login": "admin"}, "lastModifiedOn": 1718100000000},
    "creationTag": {"versionNumber": 0, "lastModifiedBy": {"login": "admin"}, "lastModifiedOn": 1718000000000},
    "tags": [],
    "customFields": {},
}
STATUS_BODY = json.dumps(STATUS).encode()
SETTINGS_BODY = json.dumps(SETTINGS).encode()

# jobId -> (completes_at monotonic, polls)
_futures: dict[str, list[float]] = {}
_ids = count(1)


async def status(request: Request) -> Response:
    return Response(STATUS_BODY, media_type="application/json")


async def settings(request: Request) -> Response:
    return Response(SETTINGS_BODY, media_type="application/json")


async def start_job(request: Request) -> Response:
    """POST .../code-studios/d<MS>/restart: a future that completes MS milliseconds from now."""
    seconds = int(request.path_params["studio_id"].removeprefix("d")) / 1000
    job_id = f"job{next(_ids)}"
    _futures[job_id] = [time.monotonic() + seconds, 0.0]
    return JSONResponse({"jobId": job_id, "hasResult": False, "alive": True, "aborted": False, "unknown": False})


async def future(request: Request) -> Response:
    job_id = request.path_params["job_id"]
    entry = _futures.get(job_id)
    if entry is None:
        return JSONResponse({"errorType": "NotFoundException", "message": f"no future {job_id}"}, status_code=404)
    entry[1] += 1
    done = time.monotonic() >= entry[0]
    peek = request.query_params.get("peek", "false").lower() == "true"
    body: dict[str, object] = {"jobId": job_id, "hasResult": done, "alive": not done, "aborted": False}
    if done and not peek:
        body["result"] = {"state": "RUNNING"}
    return JSONResponse(body)


async def future_stats(request: Request) -> Response:
    """GET /bench/futures/{job_id}: when the future completed (monotonic) and how many polls it got."""
    completes_at, polls = _futures[request.path_params["job_id"]]
    return JSONResponse({"completesAt": completes_at, "polls": int(polls)})


app = Starlette(
    routes=[
        Route(PREFIX + "/projects/{project_key}/code-studios/{studio_id}/status", status),
        Route(PREFIX + "/projects/{project_key}/code-studios/{studio_id}", settings),
        Route(PREFIX + "/projects/{project_key}/code-studios/{studio_id}/restart", start_job, methods=["POST"]),
        Route(PREFIX + "/futures/{job_id}", future),
        Route("/bench/futures/{job_id}", future_stats),
    ]
)

if __name__ == "__main__":
    uvicorn.run(app, host="127.0.0.1", port=int(sys.argv[1]), log_level="warning", access_log=False)
