"""Where the client finds its DSS: arguments, then the environment, then ~/.dataiku/config.json.

The order is the one Dataiku's own tools use outside DSS: `DKU_DSS_URL` and `DKU_API_KEY`, else the
`dss_instances` entry named by `default_instance` in `~/.dataiku/config.json`:

    {"dss_instances": {"default": {"url": "https://dss:11200", "api_key": "...", "no_check_certificate": false}},
     "default_instance": "default"}
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path

from ._exceptions import DataikuException

ENV_URL = "DKU_DSS_URL"
ENV_API_KEY = "DKU_API_KEY"
ENV_NO_CHECK_CERTIFICATE = "DKU_NO_CHECK_CERTIFICATE"


class ConfigurationError(DataikuException, ValueError):
    """The client could not find which DSS to talk to, or with which key."""

    def __init__(self, message: str) -> None:
        super().__init__(message, error_type="ConfigurationError")


@dataclass(frozen=True)
class Instance:
    """A DSS instance to connect to, and where its URL and key were found (`source`, for error messages)."""

    url: str
    api_key: str | None
    no_check_certificate: bool = False
    source: str = "the host argument"

    def checked(self) -> Instance:
        """Return the instance if its URL is an http(s) URL; a ConfigurationError naming where it came from if not."""
        url = self.url.strip()
        if not url.startswith(("http://", "https://")):
            raise ConfigurationError(
                f"the DSS URL {url!r} ({self.source}) is not an http(s) URL: write it 'http://{url}' or 'https://{url}'"
            )
        return self

    def require_key(self) -> str:
        """Return the API key; a ConfigurationError saying where to give one if there is none."""
        if self.api_key:
            return self.api_key
        raise ConfigurationError(
            f"no API key for the DSS at {self.url} ({self.source}): set {ENV_API_KEY}, or give the instance an"
            f" api_key in {config_path()}"
        )


def config_path() -> Path:
    """Return the path of Dataiku's client configuration file."""
    return Path.home() / ".dataiku" / "config.json"


def _truthy(value: str | None) -> bool:
    return value is not None and value.strip().lower() in ("1", "true", "yes", "on")


def resolve_instance(
    host: str | None, api_key: str | None, *, instance: str | None = None, path: Path | None = None
) -> Instance:
    """Find the URL and API key: explicit arguments first, then the environment, then the config file.

    `instance` names an entry of `dss_instances` and forces the use of the config file for what the
    arguments do not give.
    """
    no_check = _truthy(os.environ.get(ENV_NO_CHECK_CERTIFICATE))
    if instance is None:
        source = "the host argument" if host else ENV_URL
        host = host or os.environ.get(ENV_URL) or None
        api_key = api_key or os.environ.get(ENV_API_KEY) or None
        if host is not None:
            return Instance(host, api_key, no_check, source).checked()
    entry = _config_entry(instance, path or config_path())
    if entry is None:
        raise ConfigurationError(
            f"no DSS to connect to: pass host and api_key, set {ENV_URL} and {ENV_API_KEY}, "
            f"or describe an instance in {path or config_path()}"
        )
    return Instance(
        host or entry.url,
        api_key or entry.api_key,
        no_check or entry.no_check_certificate,
        "the host argument" if host else entry.source,
    ).checked()


def _config_entry(name: str | None, path: Path) -> Instance | None:
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        if name is not None:
            raise ConfigurationError(f"instance {name!r} asked for, but {path} does not exist") from None
        return None
    except OSError as exc:
        raise ConfigurationError(f"cannot read {path}: {exc}") from exc
    try:
        config = json.loads(text)
    except ValueError as exc:
        raise ConfigurationError(f"{path} is not valid JSON: {exc}") from exc
    instances = config.get("dss_instances") if isinstance(config, dict) else None
    if not isinstance(instances, dict):
        raise ConfigurationError(f"{path} has no 'dss_instances' object")
    if name is None:
        default = config.get("default_instance")
        name = default if isinstance(default, str) else ("default" if "default" in instances else None)
        if name is None:
            raise ConfigurationError(f"{path} has no 'default_instance'")
    entry = instances.get(name)
    if not isinstance(entry, dict):
        known = ", ".join(sorted(str(k) for k in instances)) or "none"
        raise ConfigurationError(f"{path} has no instance {name!r} (known: {known})")
    url = entry.get("url")
    if not isinstance(url, str) or not url:
        raise ConfigurationError(f"instance {name!r} of {path} has no 'url'")
    key = entry.get("api_key")
    return Instance(
        url,
        key if isinstance(key, str) and key else None,
        entry.get("no_check_certificate") is True,
        f"instance {name!r} of {path}",
    )
