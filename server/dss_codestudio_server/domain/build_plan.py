"""What a template build produces, derived from the template's blocks (no I/O here).

Each block becomes a build step with its Dockerfile lines and messages; the entry points the local
runtime starts, and the synchronised zones, come from the `entrypoint`, `simple_deployment` and
`dss_base_image` blocks, and from DSS's IDE blocks (JupyterLab, Streamlit, VS Code: `ides.blocks`),
whose environments the build then installs. A block the builder cannot honour is reported as a message (WARNING when
the image is still usable, ERROR when it cannot be produced), never as a crash.

Entry point commands and readiness URLs keep the placeholders the runtime fills in when it starts a
studio, in the `${name}` form DSS uses (`runtime.entrypoints.PLACEHOLDERS`): `${python}`, `${host}`,
`${port}`, `${workspace}` and `${baseUrl}`. They are written to `entrypoints.json` as the template
has them; one convention from template settings to running processes.
"""

from __future__ import annotations

import json
import shlex
from collections.abc import Collection
from dataclasses import dataclass, field

from dss_codestudio_server.domain.info_messages import InfoMessages
from dss_codestudio_server.ides.blocks import IDE_BLOCKS, IdeBlock, plan_ide
from dss_codestudio_server.jsonshape import JsonObject

WORKSPACE_IN_CONTAINER = "/home/dataiku/workspace"
DEFAULT_BASE_IMAGE = "dataiku-dss-code-studio-base:local"
DOCKERFILE_SUBSTITUTIONS = {
    "__TEMPLATE_RESOURCES__": "template-resources",
    "${template.resources}": "template-resources",
    "${dip.home}": "/home/dataiku/dss",
    "${dku.install.dir}": "/opt/dataiku",
}
BUILT_IN = (
    "dss_base_image",
    "simple_deployment",
    "append_dockerfile",
    "entrypoint",
    "add_codeenv",
    "add_starter_files",
)


@dataclass
class BuildStep:
    """One block turned into Dockerfile lines, with what the builder has to say about it."""

    index: int
    block_type: str
    block: JsonObject
    dockerfile: list[str]
    messages: InfoMessages = field(default_factory=InfoMessages)
    ide: IdeBlock | None = None
    """An IDE block's environment and entry point (`ides.blocks`): the build installs it."""

    @property
    def cache_material(self) -> str:
        """What identifies the step's output: the block's content, canonically serialised."""
        return json.dumps(self.block, sort_keys=True, separators=(",", ":"))


@dataclass
class BuildPlan:
    """Everything a build writes, before it is written."""

    steps: list[BuildStep]
    entrypoints: list[JsonObject]
    skipped_entrypoints: list[JsonObject]
    zones: list[JsonObject]
    excluded_from_sync: list[str]
    exposed_ports: list[JsonObject]
    starter_files: list[JsonObject]
    messages: InfoMessages

    @property
    def has_error(self) -> bool:
        """Whether the image cannot be produced."""
        return self.messages.has_error or any(s.messages.has_error for s in self.steps)


def _obj(value: object) -> JsonObject:
    return value if isinstance(value, dict) else {}


def workspace_path(path_in_container: str) -> str | None:
    """Where a container path lives in the studio's workspace folder (None if it cannot)."""
    path = path_in_container.strip()
    if path == WORKSPACE_IN_CONTAINER:
        return ""
    rel = path[len(WORKSPACE_IN_CONTAINER) + 1 :] if path.startswith(WORKSPACE_IN_CONTAINER + "/") else path.lstrip("/")
    segments = [s for s in rel.split("/") if s]
    if any(s in (".", "..") or "\\" in s or "\0" in s for s in segments):
        return None
    return "/".join(segments)


def _port(value: object) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) and 0 < value < 65536 else None


class _Planner:
    def __init__(
        self,
        template_id: str,
        settings: JsonObject,
        base_image: str,
        code_envs: Collection[tuple[str, str]] | None = None,
    ) -> None:
        self.template_id = template_id
        self.code_envs = code_envs
        self.settings = settings
        self.base_image = base_image
        self.messages = InfoMessages()
        self.steps: list[BuildStep] = []
        self.entrypoints: list[JsonObject] = []
        self.skipped: list[JsonObject] = []
        self.zones: list[JsonObject] = []
        self.excluded: list[str] = []
        self.exposed_ports: list[JsonObject] = []
        self.starter_files: list[JsonObject] = []
        self.readiness: JsonObject = {"type": "tcp"}
        self.start_timeout_s = 600
        self.zone_paths: dict[str, str] = {}

    def plan(self) -> BuildPlan:
        kind = self.settings.get("type")
        params = _obj(self.settings.get("params"))
        if kind == "block_based":
            blocks = params.get("blocks")
            if not isinstance(blocks, list):
                self.messages.error("The template has no list of blocks (params.blocks)", code="BUILD_NO_BLOCKS")
                blocks = []
            self._deployment_first(blocks)
            for index, block in enumerate(blocks):
                self.steps.append(self._step(index, block))
            if not any(s.block_type == "dss_base_image" for s in self.steps):
                self.messages.warning(
                    "No file synchronization block (dss_base_image): the studio has no synchronised zones",
                    code="BUILD_NO_SYNC_BLOCK",
                )
                self.steps.insert(0, BuildStep(-1, "dss_base_image", {}, [f"FROM {self.base_image}"]))
        elif kind == "manual":
            self.steps.append(self._manual(params))
        else:
            self.messages.error(
                f"Templates of type {kind!r} cannot be built by this server", code="BUILD_TYPE_UNSUPPORTED"
            )
        for ep in self.entrypoints:
            if ep.get("port") and "readiness" not in ep:  # an IDE's is its own health endpoint
                ep["readiness"] = dict(self.readiness)  # an entry point without a port is ready once started
            ep["startTimeoutSeconds"] = self.start_timeout_s
        if not self.entrypoints and not self.messages.has_error:
            self.messages.warning(
                "The template has no entry point with a command: a studio made from it runs no process",
                code="BUILD_NO_ENTRYPOINT",
            )
        return BuildPlan(
            self.steps,
            self.entrypoints,
            self.skipped,
            self.zones,
            self.excluded,
            self.exposed_ports,
            self.starter_files,
            self.messages,
        )

    def _deployment_first(self, blocks: list[object]) -> None:
        # Readiness is a pod-level setting that applies to every entry point, whatever the block order;
        # the zones' paths are what IDE blocks' zone variables (`__USER_VERSIONED__`...) stand for.
        for block in blocks:
            if isinstance(block, dict) and block.get("type") == "dss_base_image":
                zones = _obj(block.get("params")).get("syncedZones")
                for zone in zones if isinstance(zones, list) else []:
                    kind, path = _obj(zone).get("zone"), _obj(zone).get("pathInContainer")
                    if isinstance(kind, str) and isinstance(path, str):
                        self.zone_paths.setdefault(kind, path)
            if isinstance(block, dict) and block.get("type") == "simple_deployment":
                params = _obj(block.get("params"))
                if params.get("useTcpReadiness", True) is False:
                    url = params.get("readinessProbeUrl")
                    self.readiness = {"type": "http", "url": url if isinstance(url, str) and url else "${baseUrl}/"}
                minutes = params.get("initialSyncTimeoutInMinutes")
                if isinstance(minutes, int) and not isinstance(minutes, bool) and minutes > 0:
                    self.start_timeout_s = minutes * 60

    def _step(self, index: int, block: object) -> BuildStep:
        if not isinstance(block, dict) or not isinstance(block.get("type"), str):
            step = BuildStep(index, "?", _obj(block), [])
            step.messages.error(f"Block {index + 1} has no type", code="BUILD_BLOCK_INVALID")
            return step
        block_type = str(block["type"])
        step = BuildStep(index, block_type, block, [f"# block {index + 1}: {block_type}"])
        if "params" in block and not isinstance(block["params"], dict):
            step.messages.error(
                f"Block {index + 1} ({block_type}): params must be an object", code="BUILD_BLOCK_INVALID"
            )
            return step
        params = _obj(block.get("params"))
        handler = getattr(self, f"_block_{block_type}", None)
        if handler is not None:
            handler(step, params)
        elif block_type in IDE_BLOCKS:
            self._ide(step, block_type, params)
        elif block_type.startswith("pycdstdioblk_"):
            step.dockerfile.append(f"# skipped: plugin block {block_type} is not installed on this server")
            step.messages.warning(
                f"Block {index + 1}: plugin block {block_type} is not available on this server; it was skipped",
                code="BUILD_BLOCK_UNSUPPORTED",
            )
        else:
            step.dockerfile.append(f"# skipped: unknown block type {block_type}")
            step.messages.warning(
                f"Block {index + 1}: unknown block type {block_type}; it was skipped", code="BUILD_BLOCK_UNSUPPORTED"
            )
        return step

    def _block_dss_base_image(self, step: BuildStep, params: JsonObject) -> None:
        step.dockerfile += [
            f"FROM {self.base_image}",
            f'LABEL com.dataiku.code-studio.template="{self.template_id}"',
            f"WORKDIR {WORKSPACE_IN_CONTAINER}",
        ]
        zones = params.get("syncedZones", [])
        for zone in zones if isinstance(zones, list) else []:
            zone = _obj(zone)
            kind, path = zone.get("zone"), zone.get("pathInContainer")
            if not isinstance(kind, str) or not isinstance(path, str):
                step.messages.error("A synchronised zone needs a zone and a pathInContainer", code="BUILD_ZONE_INVALID")
                continue
            rel = workspace_path(path)
            if rel is None:
                step.messages.error(f"Zone {kind}: invalid pathInContainer {path!r}", code="BUILD_ZONE_INVALID")
                continue
            self.zones.append(
                {"zone": kind, "pathInContainer": path, "workspacePath": rel, "oneWay": zone.get("oneWay") is True}
            )
            step.dockerfile.append(f"RUN mkdir -p {shlex.quote(path)}")
        excluded = params.get("excludedFromSync", [])
        self.excluded = [p for p in excluded if isinstance(p, str)] if isinstance(excluded, list) else []

    def _block_simple_deployment(self, step: BuildStep, params: JsonObject) -> None:
        ports = params.get("exposedPorts", [])
        for port in ports if isinstance(ports, list) else []:
            number = _port(_obj(port).get("port"))
            if number is None:
                step.messages.error(f"Invalid exposed port {port!r}", code="BUILD_PORT_INVALID")
                continue
            self.exposed_ports.append(_obj(port))
            step.dockerfile.append(f"EXPOSE {number}")
        step.dockerfile.append(f"# readiness: {json.dumps(self.readiness)}")

    def _block_append_dockerfile(self, step: BuildStep, params: JsonObject) -> None:
        text = params.get("dockerfile", "")
        if not isinstance(text, str):
            step.messages.error("append_dockerfile: dockerfile must be text", code="BUILD_BLOCK_INVALID")
            return
        for key, value in DOCKERFILE_SUBSTITUTIONS.items():
            text = text.replace(key, value)
        root = params.get("runAsRoot") is True
        step.dockerfile += (
            (["USER root"] if root else []) + text.rstrip("\n").splitlines() + (["USER dataiku"] if root else [])
        )
        label = params.get("label") or "Append to Dockerfile"
        step.messages.info(
            f"{label}: the Dockerfile lines are part of the image definition; the local runtime does not run them",
            code="BUILD_DOCKERFILE_NOT_RUN",
        )

    def _block_entrypoint(self, step: BuildStep, params: JsonObject) -> None:
        label = str(params.get("label") or f"Entry point {step.index + 1}")
        exposed = _obj(params.get("exposedPort"))
        port = _port(exposed.get("port")) if exposed else None
        if exposed and port is None:
            step.messages.error(f"{label}: invalid exposed port {exposed.get('port')!r}", code="BUILD_PORT_INVALID")
            return
        command = params.get("entrypoint")
        if port:
            step.dockerfile.append(f"EXPOSE {_port(exposed.get('containerPort')) or port}")
        entry: JsonObject = {
            "index": step.index,
            "label": label,
            "port": port,
            "containerPort": _port(exposed.get("containerPort")) or port,
            "portLabel": str(exposed.get("label") or label),
            "exposeHtml": exposed.get("exposeHtml") is True,
            "proxiedUrlSuffix": str(exposed.get("proxiedUrlSuffix") or "/"),
            # How the proxy hands this entry point the start's secret besides its header (runtime.SecretDelivery).
            **({"proxySecret": params["proxySecret"]} if isinstance(params.get("proxySecret"), dict) else {}),
            **({"proxyHost": params["proxyHost"]} if params.get("proxyHost") in ("caller", "local") else {}),
            "useInWebapps": params.get("useInWebapps") is True,
            "env": {str(k): str(v) for k, v in _obj(params.get("env")).items()},
        }
        if not isinstance(command, str) or not command.strip():
            self.skipped.append({**entry, "reason": "no command (params.entrypoint)"})
            step.messages.warning(
                f"{label}: no command (params.entrypoint); the local runtime starts no process for it"
                + (f" and nothing answers on port {port}" if port else ""),
                code="BUILD_ENTRYPOINT_NO_COMMAND",
            )
            return
        try:
            argv = shlex.split(command)
        except ValueError as exc:
            step.messages.error(f"{label}: the command cannot be parsed ({exc})", code="BUILD_ENTRYPOINT_INVALID")
            return
        step.dockerfile.append(f"# entry point {label!r}: {command}")
        self.entrypoints.append({**entry, "command": command, "argv": argv})

    def _ide(self, step: BuildStep, block_type: str, params: JsonObject) -> None:
        ide = plan_ide(block_type, params, self.zone_paths, step.index)
        step.messages.extend(ide.messages)
        step.dockerfile += ide.dockerfile
        if ide.messages.has_error:
            return
        step.ide = ide
        self.entrypoints.append(ide.entrypoint)
        self.starter_files += ide.starter_files

    def _block_add_codeenv(self, step: BuildStep, params: JsonObject) -> None:
        name, lang = params.get("envName"), params.get("envLang", "PYTHON")
        if not isinstance(name, str) or not name:
            step.messages.error("add_codeenv: envName is missing", code="BUILD_BLOCK_INVALID")
            return
        if self.code_envs is not None and (str(lang), name) not in self.code_envs:
            step.messages.error(
                f"Code environment {name} ({lang}) does not exist on this server: an administrator declares it"
                f" (`dss-codestudio server add-code-env {name}`), or the template names a declared one"
                " (an import remaps it with importSpec.codeEnvRemapping)",
                code="BUILD_CODEENV_UNKNOWN",
            )
            return
        env_dir = str(params.get("envDir") or name)
        folder = "python-code-envs" if lang == "PYTHON" else "R-code-envs"
        step.dockerfile.append(f"COPY code-envs/{lang}/{env_dir} /opt/dataiku/{folder}/{env_dir}")
        step.messages.warning(
            f"Code environment {name} ({lang}) is not installed by this server;"
            " entry points run with the server's Python",
            code="BUILD_CODEENV_NOT_AVAILABLE",
        )

    def _block_add_starter_files(self, step: BuildStep, params: JsonObject) -> None:
        files = params.get("files", [])
        for item in files if isinstance(files, list) else []:
            item = _obj(item)
            if not isinstance(item.get("path"), str) or not isinstance(item.get("zone"), str):
                step.messages.error("add_starter_files: each file needs a zone and a path", code="BUILD_BLOCK_INVALID")
                continue
            self.starter_files.append(item)
        step.dockerfile.append(f"# {len(self.starter_files)} starter file(s), written into new studios' zones")

    def _manual(self, params: JsonObject) -> BuildStep:
        text = params.get("dockerfile", "")
        step = BuildStep(0, "manual", params, [f"# manual template {self.template_id}"])
        if isinstance(text, str) and text.strip():
            step.dockerfile += text.rstrip("\n").splitlines()
        else:
            step.dockerfile.append(f"FROM {self.base_image}")
            step.messages.warning("The manual template has no Dockerfile (params.dockerfile); the base image is used")
        return step


def plan_build(
    template_id: str,
    settings: JsonObject,
    *,
    base_image: str = DEFAULT_BASE_IMAGE,
    code_envs: Collection[tuple[str, str]] | None = None,
) -> BuildPlan:
    """Derive what building this template produces.

    `code_envs` are the (language, name) of the code envs the instance declares: an `add_codeenv`
    block naming another one is an error, as in DSS, whose build cannot add an env it does not
    have. None checks nothing.
    """
    return _Planner(template_id, settings, base_image, code_envs).plan()
