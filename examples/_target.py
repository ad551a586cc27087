"""Where the examples run: the DSS given by DKU_DSS_URL and DKU_API_KEY, else an embedded reference server."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Target:
    """A DSS to run against: its URL, an API key, and a login that may own new projects."""

    url: str
    api_key: str
    owner: str


@contextmanager
def dss_target(owner: str | None = None) -> Iterator[Target]:
    """Yield the configured DSS, or start a reference server in a temporary folder (the `server` extra)."""
    url, key = os.environ.get("DKU_DSS_URL"), os.environ.get("DKU_API_KEY")
    if url and key:
        yield Target(url, key, owner or os.environ.get("DSS_PROJECT_OWNER", "admin"))
        return
    from dss_codestudio_server.config import ServerConfig
    from dss_codestudio_server.embedded import EmbeddedServer

    cache = os.environ.get("DSS_CODESTUDIO_IDE_CACHE")  # IDE environments shared with other servers and runs
    config = ServerConfig(ide_cache=Path(cache) if cache else None)
    with tempfile.TemporaryDirectory() as folder, EmbeddedServer(Path(folder), config=config) as server:
        print(f"no DKU_DSS_URL: running against an embedded reference server at {server.url}")
        yield Target(server.url, server.admin_key, owner or "admin")
