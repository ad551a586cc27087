"""A small Starlette web app, kept in a project's library, written as Dataiku's code-studio web-app tooling works.

It decides that it runs in a code studio from `DIP_HOME` and `DKU_CODE_STUDIO_BROWSER_PATH`; there it
finds its own files through `DKU_PROJECT_LIB_VERSIONED_LOCATION` (refusing to start without that
zone, as the tooling does), and serves under `DKU_CODE_STUDIO_BROWSER_PATH_<port>`, the prefix the
proxy forwards whole (`proxiedUrlSuffix` `/$request_uri`). On a laptop it serves at `/`. It answers
only requests that carry the secret of the studio's start, which the server's proxy adds.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import uvicorn
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, PlainTextResponse, Response
from starlette.routing import Mount, Route

PORT = 8501  # the port the template exposes
IN_STUDIO = bool(os.environ.get("DIP_HOME") and os.environ.get("DKU_CODE_STUDIO_BROWSER_PATH"))
if IN_STUDIO:
    library = os.environ.get("DKU_PROJECT_LIB_VERSIONED_LOCATION")
    if not library:
        sys.exit("synchronization of project-lib-versioned is necessary")
    HERE = Path(library) / "python" / "hello"
    PREFIX = os.environ[f"DKU_CODE_STUDIO_BROWSER_PATH_{PORT}"]
else:
    HERE, PREFIX = Path(__file__).resolve().parent, ""
SECRET = os.environ.get("DSS_CODESTUDIO_PROXY_SECRET")


async def index(request: Request) -> Response:
    return HTMLResponse((HERE / "index.html").read_text())


async def info(request: Request) -> Response:
    dss_version = json.loads((Path(os.environ["DIP_HOME"]) / "dss-version.json").read_text())["product_version"]
    return JSONResponse(
        {
            "inStudio": IN_STUDIO,
            "prefix": PREFIX,
            "here": str(HERE),
            "project": os.environ.get("DKU_CURRENT_PROJECT_KEY"),
            "dssVersion": dss_version,
            "path": request.url.path,
        }
    )


routes = [Route("/", index), Route("/info", info)]
app = Starlette(routes=[Mount(PREFIX, routes=routes)] if PREFIX else routes)


async def guarded(scope, receive, send):  # type: ignore[no-untyped-def]
    """Refuse what did not come through the server's proxy (it adds the start's secret)."""
    headers = dict(scope.get("headers", [])) if scope["type"] == "http" else {}
    if SECRET and scope["type"] == "http" and headers.get(b"x-dss-codestudio-secret", b"").decode() != SECRET:
        await PlainTextResponse("not through the proxy", status_code=403)(scope, receive, send)
        return
    await app(scope, receive, send)


if __name__ == "__main__":
    uvicorn.run(guarded, host="127.0.0.1", port=int(os.environ["PORT"]), log_level="warning")
