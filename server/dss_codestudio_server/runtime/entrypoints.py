"""Entry points: the processes a studio runs, as a template's build output describes them.

An entry point has a label, a shell command line, optionally the port it declares (the port in the
"pod", used in URLs and environment variable names), a readiness check and extra environment. The
command may use placeholders, replaced (shell-quoted) when it starts, in the `${name}` form DSS uses in
readiness URLs: `${python}` (this interpreter), `${host}` (127.0.0.1, the only address to listen on),
`${port}` (the local port the runtime picked), `${workspace}` (the studio's workspace folder) and
`${baseUrl}` (the browser path of the port, `/code-studios/<projectKey>/<codeStudioId>/<port>`). A readiness
URL may use `${baseUrl}`, `${host}` and `${port}`. The same names go end to end: template settings, build
output (`entrypoints.json`), runtime.
"""

from __future__ import annotations

import shlex
import sys
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal


@dataclass(frozen=True)
class Readiness:
    """How to tell that an entry point is ready: a TCP connect, or an HTTP GET answering 2xx/3xx."""

    kind: Literal["tcp", "http"] = "tcp"
    url: str | None = None
    """For `http`: a path (`/__health`, `${baseUrl}/`) asked of the local port, or a full URL."""

    @classmethod
    def from_dict(cls, raw: Mapping[str, object]) -> Readiness:
        """Parse `{"type": "tcp"}` or `{"type": "http", "url": "..."}`."""
        kind = raw.get("type", "tcp")
        if kind == "tcp":
            return cls("tcp")
        if kind == "http":
            url = raw.get("url", "/")
            if not isinstance(url, str):
                raise ValueError("readiness url must be a string")
            return cls("http", url)
        raise ValueError(f"unknown readiness type {kind!r} (expected 'tcp' or 'http')")


@dataclass(frozen=True)
class EntryPoint:
    """One process of a studio."""

    label: str
    command: str
    port: int | None = None
    """The port the template declares for this entry point, if it exposes one."""
    readiness: Readiness | None = None
    """None: ready as soon as started without a port, or when its port accepts TCP connections with one."""
    expose_html: bool = False
    env: Mapping[str, str] = field(default_factory=dict)

    @classmethod
    def from_dict(cls, raw: Mapping[str, object]) -> EntryPoint:
        """Parse an entry point of a build output: `label`, `command`, `port`, `readiness`, `exposeHtml`, `env`."""
        label, command, port = raw.get("label", ""), raw.get("command"), raw.get("port")
        if not isinstance(label, str):
            raise ValueError("entry point label must be a string")
        if not isinstance(command, str) or not command.strip():
            raise ValueError(f"entry point {label!r} has no command")
        if port is not None and (not isinstance(port, int) or isinstance(port, bool) or not 0 < port < 65536):
            raise ValueError(f"entry point {label!r} has an invalid port {port!r}")
        readiness_raw = raw.get("readiness")
        readiness = None
        if readiness_raw is not None:
            if not isinstance(readiness_raw, Mapping):
                raise ValueError(f"entry point {label!r}: readiness must be an object")
            readiness = Readiness.from_dict(readiness_raw)
        env_raw = raw.get("env") or {}
        if not isinstance(env_raw, Mapping) or not all(
            isinstance(k, str) and isinstance(v, str) for k, v in env_raw.items()
        ):
            raise ValueError(f"entry point {label!r}: env must map strings to strings")
        return cls(label, command, port, readiness, bool(raw.get("exposeHtml", False)), dict(env_raw))


def browser_path(project_key: str, code_studio_id: str, port: int | None = None) -> str:
    """Return the path DSS serves a studio (or one of its ports) at, relative to its base URL."""
    path = f"/code-studios/{project_key}/{code_studio_id}"
    return path if port is None else f"{path}/{port}"


LOCAL_HOST = "127.0.0.1"
PLACEHOLDERS = {
    "${python}": "the Python interpreter of the server",
    "${host}": "the address entry points listen on (127.0.0.1)",
    "${port}": "the free local port given to the entry point",
    "${workspace}": "the studio's workspace folder (its file system)",
    "${baseUrl}": "the browser path of the entry point's port, /code-studios/<projectKey>/<codeStudioId>/<port>",
}
"""The placeholders of entry point commands, and what each stands for."""


def render_command(command: str, *, port: int | None, workspace: Path, base_url: str) -> str:
    """Replace the placeholders of a command line, shell-quoting their values."""
    values = {
        "${python}": shlex.quote(sys.executable),
        "${host}": LOCAL_HOST,
        "${workspace}": shlex.quote(str(workspace)),
        "${baseUrl}": shlex.quote(base_url),
    }
    if port is not None:
        values["${port}"] = str(port)
    for placeholder, value in values.items():
        command = command.replace(placeholder, value)
    return command


def render_url(url: str, *, port: int, base_url: str) -> str:
    """Return the readiness URL of an entry point listening on local `port`."""
    url = url.replace("${baseUrl}", base_url).replace("${port}", str(port)).replace("${host}", LOCAL_HOST)
    if url.startswith(("http://", "https://")):
        return url
    return f"http://{LOCAL_HOST}:{port}/{url.lstrip('/')}"
