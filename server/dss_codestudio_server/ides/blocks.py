"""DSS's IDE blocks, read into what this server builds and starts for each (no I/O here).

A template's JupyterLab, Streamlit and VS Code blocks carry DSS's parameters in `params.config`
(the real 13.5.4 export's VS Code block does; a block with its parameters directly in `params` is
read the same way). Each becomes:

- an environment the build installs (`ToolSpec`): a virtual environment from the package index for
  JupyterLab and Streamlit (`pythonPackages` and `pythonModules`, merged as DSS merges them, the
  last one naming a package winning), code-server from the npm registry for VS Code
  (`codeServerVersion`);
- an entry point on the block's `port` (8888, 8501 and 8080 by default, as DSS), started by
  `ides.launch` inside the studio's sandbox with the environment's folder read-only, shown as HTML
  with DSS's label, ready when the IDE's own health endpoint answers, and reached through the proxy
  with the secret of the start as the IDE takes it (JupyterLab's token, code-server's session cookie);
- for Streamlit, DSS's starter app in the code studio's versioned zone (`streamlit/app.py`),
  written when a studio is created from the template (and at start when it is missing).

What cannot be honoured is a WARNING, never a failure: another Python than the server's, a DSS code
environment instead of a generated one (`codeEnvMode` `dss` or `user`), VS Code extensions (the
extension gallery is out of reach). Unknown parameters are kept in the template and ignored. Paths
may use DSS's zone variables (`__USER_VERSIONED__`...), which stand for the zones' `pathInContainer`.
"""

from __future__ import annotations

import json
import re
import shlex
import sys
from dataclasses import dataclass, field
from typing import Literal

from dss_codestudio_server.domain.info_messages import InfoMessages
from dss_codestudio_server.jsonshape import JsonObject

JUPYTERLAB_BLOCK = "pycdstdioblk_code-studio-blocks_jupyterlab"
VSCODE_BLOCK = "pycdstdioblk_code-studio-blocks_vscode"
STREAMLIT_BLOCK = "pycdstdioblk_code-studio-blocks_streamlit"
"""DSS's Streamlit block id is not public: this one follows the pattern of the two that are."""
IdeName = Literal["jupyterlab", "vscode", "streamlit"]
IDE_BLOCKS: dict[str, IdeName] = {JUPYTERLAB_BLOCK: "jupyterlab", VSCODE_BLOCK: "vscode", STREAMLIT_BLOCK: "streamlit"}
ENVIRONMENT = "__IDE_ENVIRONMENT__"
"""Stands, in an IDE's entry point command, for the folder of its environment until the build installed it."""
LAUNCHER = "${python} -m dss_codestudio_server.ides.launch"
WORKSPACE = "/home/dataiku/workspace"
ZONE_VARIABLES = {
    "__CODE_STUDIO_VERSIONED__": "code_studio_versioned",
    "__CODE_STUDIO_RESOURCES__": "code_studio_resources",
    "__PROJECT_LIB_VERSIONED__": "project_lib_versioned",
    "__PROJECT_LIB_RESOURCES__": "project_lib_resources",
    "__USER_VERSIONED__": "user_versioned",
    "__USER_RESOURCES__": "user_resources",
    "__RECIPES__": "recipes",
}
STREAMLIT_APP = "streamlit/app.py"
STREAMLIT_STARTER = '''"""A Streamlit app of a DSS code studio: edit it here or in DSS, it reruns when saved."""

import os

import streamlit as st

st.title("Hello from your code studio")
st.write("Project:", os.environ.get("DKU_CURRENT_PROJECT_KEY", "?"))
st.write("This app is `code_studio-versioned/streamlit/app.py`: its changes sync with DSS.")
'''
_REQUIREMENT = re.compile(
    r"[A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?"  # name
    r"(?:\[[A-Za-z0-9._,-]+\])?"  # extras
    r"(?:(?:===|==|!=|~=|<=|>=|<|>)[A-Za-z0-9.*+!_-]+(?:,(?:===|==|!=|~=|<=|>=|<|>)[A-Za-z0-9.*+!_-]+)*)?"
)


@dataclass(frozen=True)
class ToolSpec:
    """An environment a build installs: Python packages in a virtual environment, or code-server."""

    kind: Literal["python", "code-server"]
    name: str
    """What it is for: `jupyterlab`, `streamlit` or `code-server`."""
    packages: tuple[str, ...] = ()
    """For `python`: the requirements pip installs."""
    version: str | None = None
    """For `code-server`: the version asked for (None: the newest that runs here)."""

    def to_json(self) -> JsonObject:
        """Return the spec as JSON (what identifies the environment, with the machine's facts)."""
        return {"kind": self.kind, "name": self.name, "packages": list(self.packages), "version": self.version}


@dataclass
class IdeBlock:
    """What an IDE block becomes: an environment to install, an entry point, starter files, messages."""

    ide: IdeName
    label: str
    port: int
    tool: ToolSpec
    entrypoint: JsonObject
    """The build output's entry point; its command names `ENVIRONMENT` until the build installed it."""
    starter_files: list[JsonObject] = field(default_factory=list)
    dockerfile: list[str] = field(default_factory=list)
    messages: InfoMessages = field(default_factory=InfoMessages)


def config_of(params: JsonObject) -> JsonObject:
    """Return an IDE block's parameters: `params.config` (DSS's shape), else `params` itself."""
    config = params.get("config")
    return config if isinstance(config, dict) else params


def merge_packages(*specs: object) -> tuple[list[str], list[str]]:
    """Merge package lists as DSS does (the last one naming a package wins); also return what is not a requirement.

    Each list is a string of requirements separated by spaces (quotes allowed) or a list of them.
    """
    merged: dict[str, str] = {}
    invalid: list[str] = []
    for spec in specs:
        tokens = spec.split() if isinstance(spec, str) else spec if isinstance(spec, list) else []
        for token in tokens:
            text = token.strip().strip("\"'") if isinstance(token, str) else ""
            if not text:
                continue
            if not _REQUIREMENT.fullmatch(text):
                invalid.append(str(token))
                continue
            name = re.split(r"[\[<>=!~]", text, maxsplit=1)[0]
            merged[re.sub(r"[-_.]+", "-", name).lower()] = text
    return list(merged.values()), invalid


class _Paths:
    """DSS's zone variables and container paths, as paths of the studio's workspace in a shell command."""

    def __init__(self, zones: dict[str, str]) -> None:
        self._zones = zones

    def container(self, value: object, default: str) -> str:
        path = value.strip() if isinstance(value, str) and value.strip() else default
        for variable, zone in ZONE_VARIABLES.items():
            path = path.replace(variable, self._zones.get(zone, ""))
        return path

    def shell(self, value: object, default: str) -> str:
        """Return `${workspace}` followed by the path inside the workspace, shell-quoted."""
        path = self.container(value, default).rstrip("/")
        rel = path[len(WORKSPACE) :] if path == WORKSPACE or path.startswith(WORKSPACE + "/") else "/" + path
        segments = [s for s in rel.split("/") if s not in ("", ".", "..")]
        return "${workspace}" + "".join("/" + shlex.quote(s) for s in segments)


def _port(value: object, default: int, messages: InfoMessages, label: str) -> int:
    if value is None:
        return default
    if isinstance(value, int) and not isinstance(value, bool) and 1024 <= value < 65536:
        return value
    messages.error(f"{label}: invalid port {value!r} (1024 to 65535)", code="BUILD_PORT_INVALID")
    return default


def _python_env(ide: IdeName, config: JsonObject, messages: InfoMessages, label: str) -> ToolSpec:
    """Return the virtual environment of JupyterLab or Streamlit; warn of what of DSS's options cannot be honoured."""
    mode = config.get("codeEnvMode", "generate")
    if mode in ("dss", "user"):
        messages.warning(
            f"{label}: codeEnvMode {mode!r} uses a DSS code environment, which this server does not install;"
            f" a Python environment with {ide} was generated instead",
            code="BUILD_IDE_CODEENV_GENERATED",
        )
    wanted = config.get("pythonVersion")
    ours = f"{sys.version_info.major}.{sys.version_info.minor}"
    digits = re.findall(r"\d+", wanted) if isinstance(wanted, str) else []
    if digits and ".".join(digits[:2]) != ours and "".join(digits[:2]) != ours.replace(".", ""):
        messages.warning(
            f"{label}: pythonVersion {wanted!r} is not available here: the server's Python {ours} is used",
            code="BUILD_IDE_PYTHON_VERSION",
        )
    packages, invalid = merge_packages(config.get("pythonPackages") or ide, config.get("pythonModules"))
    for token in invalid:
        messages.error(f"{label}: {token!r} is not a Python requirement (name[extras]<spec>)", code="BUILD_IDE_INVALID")
    if not any(re.split(r"[\[<>=!~]", p, maxsplit=1)[0].lower() == ide for p in packages):
        packages.insert(0, ide)
    return ToolSpec("python", ide, tuple(packages))


def _entrypoint(index: int, label: str, port: int, command: str, readiness: str, **proxy: object) -> JsonObject:
    return {
        "index": index,
        "label": label,
        "port": port,
        "containerPort": port,
        "portLabel": label,
        "exposeHtml": True,
        "useInWebapps": False,
        "env": {"PYTHONUNBUFFERED": "1"},
        "command": command,
        "argv": shlex.split(command),
        "readiness": {"type": "http", "url": readiness},
        **proxy,
    }


def plan_ide(block_type: str, params: JsonObject, zones: dict[str, str], index: int) -> IdeBlock:
    """Read an IDE block (`block_type` one of `IDE_BLOCKS`); `zones` maps zone kinds to their `pathInContainer`."""
    ide = IDE_BLOCKS[block_type]
    config = config_of(params)
    messages = InfoMessages()
    paths = _Paths(zones)
    if ide == "vscode":
        label = "VS Code"
        port = _port(config.get("port"), 8080, messages, label)
        version = config.get("codeServerVersion")
        tool = ToolSpec("code-server", "code-server", version=version if isinstance(version, str) and version else None)
        command = (
            f"{LAUNCHER} vscode --code-server {ENVIRONMENT} --port ${{port}}"
            f" --open {paths.shell(config.get('openInPath'), WORKSPACE)}"
            f" --settings {paths.shell(config.get('settingsPath'), '__USER_VERSIONED__/settings/code-server')}"
            f" --extensions {paths.shell(config.get('extensionsPath'), '__CODE_STUDIO_RESOURCES__/vscode-extensions')}"
            " --machine-settings"
            f" {paths.shell(config.get('machineSettingsPath'), '__CODE_STUDIO_VERSIONED__/vscode-machine-settings')}"
        )
        entry = _entrypoint(
            index, label, port, command, "/healthz", proxiedUrlSuffix="/", proxySecret={"cookie": "code-server-session"}
        )
        extensions = [
            name
            for name, value in (
                ("Python extension", config.get("pythonExtensionVersion")),
                ("Jupyter extension", config.get("jupyterExtensionVersion")),
                ("additional extensions", config.get("additionalExtensions")),
                ("code assistant", config.get("installCodeAssistant")),
            )
            if value
        ]
        if extensions:
            messages.warning(
                f"{label}: {', '.join(extensions)} not installed: this server cannot reach VS Code's extension"
                " gallery; install extensions from .vsix files into the extensions folder",
                code="BUILD_IDE_EXTENSIONS_SKIPPED",
            )
        dockerfile = [f"RUN npm install --global code-server@{tool.version or 'latest'}", f"EXPOSE {port}"]
        return IdeBlock(ide, label, port, tool, entry, [], dockerfile, messages)
    label = "JupyterLab" if ide == "jupyterlab" else "Streamlit"
    port = _port(config.get("port"), 8888 if ide == "jupyterlab" else 8501, messages, label)
    tool = _python_env(ide, config, messages, label)
    pip = " ".join(shlex.quote(p) for p in tool.packages)
    dockerfile = [
        f"RUN python3 -m venv /opt/dataiku/{ide} && /opt/dataiku/{ide}/bin/pip install {pip}",
        f"EXPOSE {port}",
    ]
    if ide == "jupyterlab":
        command = (
            f"{LAUNCHER} jupyterlab --env {ENVIRONMENT} --port ${{port}} --base-url ${{baseUrl}} --root ${{workspace}}"
        )
        entry = _entrypoint(
            index,
            label,
            port,
            command,
            "${baseUrl}/api/status",
            proxiedUrlSuffix="/$request_uri",
            proxySecret={"authorization": "token"},
            proxyHost="local",
        )
        return IdeBlock(ide, label, port, tool, entry, [], dockerfile, messages)
    versioned = paths.container("__CODE_STUDIO_VERSIONED__", "")
    app = paths.shell(f"{versioned or WORKSPACE + '/code_studio-versioned'}/{STREAMLIT_APP}", "")
    command = f"{LAUNCHER} streamlit --env {ENVIRONMENT} --port ${{port}} --base-url ${{baseUrl}} --app {app}"
    entry = _entrypoint(index, label, port, command, "${baseUrl}/_stcore/health", proxiedUrlSuffix="/$request_uri")
    starter: list[JsonObject] = [{"zone": "code_studio_versioned", "path": STREAMLIT_APP, "content": STREAMLIT_STARTER}]
    return IdeBlock(ide, label, port, tool, entry, starter, dockerfile, messages)


def spec_material(spec: ToolSpec) -> str:
    """Return the canonical text of a spec (part of what identifies an installed environment)."""
    return json.dumps(spec.to_json(), sort_keys=True, separators=(",", ":"))
