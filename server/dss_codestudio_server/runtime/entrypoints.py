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

import re
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


SECRET_HEADER = "X-DSS-CodeStudio-Secret"
"""The header in which the server's proxy hands each request the secret of the studio's current start."""
SECRET_VAR = "DSS_CODESTUDIO_PROXY_SECRET"
"""The environment variable holding that secret in every studio process (and nowhere else)."""


@dataclass(frozen=True)
class SecretDelivery:
    """How the proxy hands an entry point the secret of the studio's start, besides the `SECRET_HEADER` header.

    An entry point that authenticates its clients its own way asks for the secret as an `Authorization`
    header (`authorization: "token"` sends `Authorization: token <secret>`, as JupyterLab and code-server
    accept) or as a cookie (`cookie: "<name>"`). Written `proxySecret` in the build output.
    """

    authorization: str | None = None
    cookie: str | None = None

    @classmethod
    def from_dict(cls, raw: object) -> SecretDelivery:
        """Parse `{"authorization": "token"}`, `{"cookie": "name"}` (or both), or nothing."""
        if raw is None:
            return cls()
        if not isinstance(raw, Mapping):
            raise ValueError("proxySecret must be an object")
        scheme, cookie = raw.get("authorization"), raw.get("cookie")
        for name, value in (("authorization", scheme), ("cookie", cookie)):
            if value is not None and (not isinstance(value, str) or not _TOKEN.fullmatch(value)):
                raise ValueError(f"proxySecret.{name} must be a token (letters, digits, '-', '_')")
        return cls(scheme if isinstance(scheme, str) else None, cookie if isinstance(cookie, str) else None)

    def headers(self, secret: str) -> list[tuple[str, str]]:
        """Return the headers carrying the secret to the entry point (its cookie apart)."""
        out = [(SECRET_HEADER, secret)]
        if self.authorization is not None:
            out.append(("Authorization", f"{self.authorization} {secret}"))
        return out


_TOKEN = re.compile(r"[A-Za-z0-9_-]{1,64}")


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
    proxied_url_suffix: str = "/"
    """What the proxy forwards to the port: `/` (or another path) followed by what comes after the studio's
    prefix, or, with `/$request_uri`, the whole request path, prefix included (as DSS's proxy does)."""
    secret: SecretDelivery = field(default_factory=SecretDelivery)
    read_only: tuple[Path, ...] = ()
    """Folders the entry point needs read-only in its sandbox (an IDE's environment), at their own paths."""
    local_host: bool = False
    """Whether the proxy sends it its own local address as `Host` (`proxyHost: "local"`: JupyterLab refuses
    other hosts), the caller's being in `X-Forwarded-Host`; by default the caller's `Host` is kept."""

    @classmethod
    def from_dict(cls, raw: Mapping[str, object]) -> EntryPoint:
        """Parse an entry point of a build output: `label`, `command`, `port`, `readiness`, `exposeHtml`, `env`.

        Also `proxiedUrlSuffix`, `proxySecret`, `readOnly` (absolute folders) and `proxyHost` (`local` or `caller`).
        """
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
        suffix = raw.get("proxiedUrlSuffix") or "/"
        if not isinstance(suffix, str) or not suffix.startswith("/") or any(ord(c) < 0x21 for c in suffix):
            raise ValueError(f"entry point {label!r}: proxiedUrlSuffix must be a path starting with '/'")
        read_only = raw.get("readOnly") or []
        if not isinstance(read_only, list) or not all(isinstance(p, str) and p.startswith("/") for p in read_only):
            raise ValueError(f"entry point {label!r}: readOnly must list absolute folders")
        host = raw.get("proxyHost", "caller")
        if host not in ("caller", "local"):
            raise ValueError(f"entry point {label!r}: proxyHost must be 'caller' or 'local'")
        return cls(
            label,
            command,
            port,
            readiness,
            bool(raw.get("exposeHtml", False)),
            dict(env_raw),
            suffix,
            SecretDelivery.from_dict(raw.get("proxySecret")),
            tuple(Path(p) for p in read_only),
            host == "local",
        )


@dataclass(frozen=True)
class OpenPort:
    """A port a studio exposes with no process of its own: a server its user starts (from a terminal, say).

    Reachable only when the studio has a network of its own: the relay then joins the port whatever
    listens on it, and the proxy answers 502 until something does.
    """

    port: int
    label: str
    expose_html: bool = False
    proxied_url_suffix: str = "/"
    local_host: bool = False

    @classmethod
    def from_dict(cls, raw: Mapping[str, object]) -> OpenPort | None:
        """Read a skipped entry point of a build output (no command); None when it exposes no port."""
        port = raw.get("port")
        if not isinstance(port, int) or isinstance(port, bool) or not 0 < port < 65536:
            return None
        label = raw.get("portLabel") or raw.get("label") or str(port)
        suffix = raw.get("proxiedUrlSuffix") or "/"
        if not isinstance(suffix, str) or not suffix.startswith("/") or any(ord(c) < 0x21 for c in suffix):
            suffix = "/"
        return cls(port, str(label), raw.get("exposeHtml") is True, suffix, raw.get("proxyHost") == "local")


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
