"""The "pod" of a studio on this machine: its workspace, its logs, and the environment DSS gives a pod.

Processes do not inherit the server's whole environment (it may hold secrets): they get a small
allowlist of the server's variables (PATH, locale, HOME, Python's), then what DSS sets in a code
studio pod (`DKU_CODE_STUDIO_BROWSER_PATH`, `DKU_CODE_STUDIO_BROWSER_PATH_<port>`,
`DKU_CURRENT_PROJECT_KEY`, `DKU_IS_CODE_STUDIO`, `K8S_*`, `DIP_HOME`, and where each synced zone is:
`DKU_<ZONE>_LOCATION`), then the pod's and the entry point's extra variables, then `PORT`, the
local port to listen on.

Zone locations: DSS sets `DKU_CODE_STUDIO_VERSIONED_LOCATION` and `DKU_PROJECT_LIB_VERSIONED_LOCATION`
(Dataiku's web-app tooling finds an app's code through the latter); the other zones follow the same
rule (`DKU_` + the zone kind in capitals + `_LOCATION`: `DKU_RECIPES_LOCATION`,
`DKU_USER_RESOURCES_LOCATION`...), an inference from those two. Each is set only when the template
syncs that zone.

`DIP_HOME`: Dataiku's tooling decides that it runs in a code studio from `DIP_HOME` and
`DKU_CODE_STUDIO_BROWSER_PATH` being set. A pod's `DIP_HOME` is a DSS-like home the studio may
read, written for each start in the studio's own workspace (`dss_home.write_dss_home`): never the
server's data directory, which studios cannot see.
"""

from __future__ import annotations

import os
import re
import socket
import uuid
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from .entrypoints import EntryPoint, OpenPort, browser_path

_INHERITED = ("PATH", "LANG", "LANGUAGE", "TZ", "TMPDIR", "HOME", "USER", "LOGNAME", "SHELL", "TERM")
_INHERITED_PREFIXES = ("LC_", "PYTHON", "VIRTUAL_ENV")
DIP_HOME_FOLDER = ".dss-home"
RUN_TOKEN_VAR = "DSS_CODESTUDIO_RUN_TOKEN"
"""Set in every studio process: how reconciliation recognises them, and their children, after a server crash."""


@dataclass(frozen=True)
class PodSpec:
    """Where and as what a studio runs."""

    project_key: str
    code_studio_id: str
    workspace: Path
    """The studio's own folder: its "pod" file system and the working folder of its processes."""
    log_dir: Path
    """Where each entry point's stdout and stderr go, one file per entry point."""
    zone_locations: Mapping[str, str] = field(default_factory=dict)
    """Where each synced zone is in the workspace, by zone kind (`project_lib_versioned`: its folder)."""
    env: Mapping[str, str] = field(default_factory=dict)
    """Extra variables for every process of the studio."""
    extra_ports: tuple[OpenPort, ...] = ()
    """Ports exposed with no entry point of their own (a server its user starts from a terminal, say)."""
    dss_version: str | None = None
    """The DSS version the studio's DSS-like home (`DIP_HOME`) says it is, when known."""

    @property
    def dip_home(self) -> Path:
        """The studio's DSS-like home (`DIP_HOME`): a folder of its workspace, written at each start."""
        return self.workspace / DIP_HOME_FOLDER

    @property
    def pod_name(self) -> str:
        """A Kubernetes-like pod name for the studio."""
        raw = f"code-studio-{self.project_key}-{self.code_studio_id}".lower()
        return re.sub(r"[^a-z0-9-]+", "-", raw).strip("-")[:63]


def zone_location_variable(kind: str) -> str:
    """Return the variable holding a zone's folder (`project_lib_versioned` -> `DKU_PROJECT_LIB_VERSIONED_LOCATION`)."""
    return f"DKU_{re.sub(r'[^A-Za-z0-9]+', '_', kind).upper()}_LOCATION"


def base_environment() -> dict[str, str]:
    """Return the variables of the server's environment that studio processes inherit."""
    return {k: v for k, v in os.environ.items() if k in _INHERITED or any(k.startswith(p) for p in _INHERITED_PREFIXES)}


def pod_environment(
    pod: PodSpec,
    entry_points: Sequence[EntryPoint],
    local_ports: Mapping[int, int],
    run_token: str,
) -> dict[str, str]:
    """Return the environment DSS would give the studio's pod (without the per-entry-point variables)."""
    env = base_environment()
    env.update(
        {
            "DKU_CODE_STUDIO_BROWSER_PATH": browser_path(pod.project_key, pod.code_studio_id),
            "DKU_CURRENT_PROJECT_KEY": pod.project_key,
            "DKU_IS_CODE_STUDIO": "1",
            "K8S_NODE_NAME": socket.gethostname(),
            "K8S_POD_NAME": pod.pod_name,
            "K8S_POD_NAMESPACE": "dss-local",
            "K8S_POD_ID": str(uuid.uuid4()),
            RUN_TOKEN_VAR: run_token,
        }
    )
    env["DIP_HOME"] = str(pod.dip_home)
    for kind, location in pod.zone_locations.items():
        env[zone_location_variable(kind)] = location
    for ep in entry_points:
        if ep.port is not None:
            env[f"DKU_CODE_STUDIO_BROWSER_PATH_{ep.port}"] = browser_path(pod.project_key, pod.code_studio_id, ep.port)
            env[f"DKU_CODE_STUDIO_LOCAL_PORT_{ep.port}"] = str(local_ports[ep.port])
    for open_port in pod.extra_ports:
        env[f"DKU_CODE_STUDIO_BROWSER_PATH_{open_port.port}"] = browser_path(
            pod.project_key, pod.code_studio_id, open_port.port
        )
    env.update(pod.env)
    return env


def entry_point_environment(
    pod_env: Mapping[str, str], entry_point: EntryPoint, local_port: int | None
) -> dict[str, str]:
    """Return the environment of one entry point's process."""
    env = dict(pod_env)
    env.update(entry_point.env)
    if local_port is not None:
        env["PORT"] = str(local_port)
    return env
