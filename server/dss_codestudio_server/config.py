"""Settings of a reference server instance."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from dss_codestudio_server.domain.template_archive import ArchiveLimits
from dss_codestudio_server.jsonshape import JsonLimits

DEFAULT_PORT = 11200
MIB = 1024 * 1024


def default_data_dir() -> Path:
    """`$XDG_DATA_HOME/dss-codestudio`, or `~/.local/share/dss-codestudio`."""
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / "dss-codestudio"


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
