"""Settings of a reference server instance.

The bottom of the server's layers with `jsonshape`: every other layer reads its settings from here,
and it imports nothing of theirs.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from dss_codestudio_server.jsonshape import JsonLimits

DEFAULT_PORT = 11200
MIB = 1024 * 1024


def default_data_dir() -> Path:
    """`$XDG_DATA_HOME/dss-codestudio`, or `~/.local/share/dss-codestudio`."""
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / "dss-codestudio"


@dataclass(frozen=True)
class ArchiveLimits:
    """Bounds a template archive must stay within (`domain.template_archive` checks them)."""

    max_entries: int = 10_000
    max_total_size: int = 512 * 1024 * 1024
    max_json_size: int = 16 * 1024 * 1024
    max_ratio: int = 200
    # Entries smaller than this are not checked for their ratio (tiny files compress very well).
    ratio_floor: int = 1024 * 1024
    # Depth and values of template.json, manifest.json and exportSpec.json.
    json_limits: JsonLimits = field(default_factory=JsonLimits)


@dataclass(frozen=True)
class ConnectionLimits:
    """What one HTTP connection may cost the server (`http.connections` enforces them).

    - `max_header_bytes`: the request line and headers of a request, together. 128 KiB: the largest
      request line the API needs is ~60 KiB (an import's `importSpec`, 4096 characters, and label,
      1000, each character up to 12 bytes percent-encoded), plus room for headers. Past it: 431.
    - `header_timeout`: seconds a client has to send a request's head once it has sent its first
      byte; then the connection is closed (408). 30 s: ample for any client, and a slow-loris
      connection holds a slot for 30 s, not forever.
    - `keep_alive_timeout`: seconds an idle connection is kept open, before its first request too.
      30 s, not uvicorn's 5 s: dataikuapi before 13.2.3 polls a future every 5 s on its pooled
      connection, and a server closing idle connections after 5 s closes it as the client reuses
      it (connection reset). Still bounded: a silent connection holds a slot no longer than a
      slow request head may (`header_timeout`).
    - `max_concurrency`: connections plus requests in progress; past it new requests get 503
      (uvicorn's `limit_concurrency`). 512: well below the open-file limit most systems give a
      process (1024), with room for the studios' files and sockets.
    """

    max_header_bytes: int = 128 * 1024
    header_timeout: float = 30.0
    keep_alive_timeout: int = 30
    max_concurrency: int = 512


@dataclass(frozen=True)
class ServerConfig:
    """Everything that can be tuned on a server instance."""

    data_dir: Path = field(default_factory=default_data_dir)
    # Finished futures are kept this long, so a slow client can still read them.
    future_retention_minutes: float = 30.0
    # Seconds each build step takes when it is not cached: the time an image layer would take.
    build_step_delay: float = 0.0
    container_confs: tuple[str, ...] = ("local",)
    base_image: str = "dataiku-dss-code-studio-base:local"
    # Largest JSON request body, and largest upload (template archive, library file).
    max_json_body: int = 16 * MIB
    max_upload: int = 256 * MIB
    # How deep, and how many values, a JSON document may hold (request bodies, archives' JSON files).
    json_limits: JsonLimits = field(default_factory=JsonLimits)
    archive_limits: ArchiveLimits = field(default_factory=ArchiveLimits)
    # Validate responses against openapi.yaml (a response that breaks the spec becomes a 500).
    validate_responses: bool = False
    # How long an abort waits for the aborted work to stop before answering.
    abort_wait_seconds: float = 10.0
    # How long a stopping code studio's processes get after SIGTERM before they are killed.
    studio_stop_grace_seconds: float = 10.0
    # Studio processes run in a bubblewrap sandbox where the machine has one; with this, a server on a
    # machine without one refuses to start instead of running studios unconfined.
    require_sandbox: bool = False
    # Folders studios may read besides the system and the server's Python (a tool a template runs, say).
    sandbox_read_only: tuple[Path, ...] = ()
    # How long the API's push, pull and conflicts wait for another synchronisation of a studio (then 409).
    studio_lock_wait_seconds: float = 5.0
    # How long a browser login link lives (it works once).
    browser_login_seconds: float = 60.0
    # `isolated`: each studio in a network namespace of its own, its ports reached by the proxy only
    # (where bubblewrap runs); `shared`: the machine's network (studios reach the network, and every
    # local process reaches their ports).
    studio_network: str = "isolated"
    # A folder of IDE environments (JupyterLab, Streamlit, VS Code) shared by servers or runs: builds use
    # the environments found there, and install missing ones there when it is writable.
    ide_cache: Path | None = None
    # Whether builds install the IDE environments they do not find (else IDE blocks without one are skipped).
    ide_install: bool = True
    # Bounds of each HTTP connection: head size and read time, keep-alive, concurrency.
    connections: ConnectionLimits = field(default_factory=ConnectionLimits)
