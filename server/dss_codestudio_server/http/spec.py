"""What the server reads from openapi.yaml besides routes: body rules and the settings schema."""

from __future__ import annotations

import copy
import functools
import re
from importlib import resources
from pathlib import Path
from typing import Any

import jsonschema
import yaml

from dss_codestudio_server.config import ServerConfig
from dss_codestudio_server.domain.errors import InvalidRequest
from dss_codestudio_server.http.middleware import JSON, BodyRule
from dss_codestudio_server.http.validation import FORMATS, best_error, discriminators
from dss_codestudio_server.jsonshape import JsonObject

HTTP_METHODS = ("get", "put", "post", "delete", "patch")
BASE_PATHS = ("/dip/publicapi", "/public/api")


def spec_path() -> Path:
    """Return the openapi.yaml the server serves (package data: a link to the repository's file)."""
    return Path(str(resources.files("dss_codestudio_server").joinpath("openapi.yaml")))


# libyaml's loader when PyYAML has it: the spec parses in ~0.08 s instead of ~0.25 s.
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@functools.cache
def load_spec() -> dict[str, Any]:
    """Return the parsed spec (parsed once per process: do not change it, `spec_document` gives a copy)."""
    loaded: dict[str, Any] = yaml.load(spec_path().read_text(), Loader=_LOADER)
    return loaded


def spec_document() -> dict[str, Any]:
    """Return a copy of the parsed spec, for connexion (which fills in defaults in what it is given)."""
    return copy.deepcopy(load_spec())


def operation_ids() -> list[str]:
    """Every operationId of the spec."""
    return [op["operationId"] for item in load_spec()["paths"].values() for m, op in item.items() if m in HTTP_METHODS]


def body_rules(config: ServerConfig) -> dict[str, BodyRule]:
    """For each operation with a request body: the media type its body is read as, and its size limit."""
    rules = {}
    for item in load_spec()["paths"].values():
        for method, op in item.items():
            if method not in HTTP_METHODS or "requestBody" not in op:
                continue
            media = next(iter(op["requestBody"]["content"]))
            rules[op["operationId"]] = BodyRule(media, config.max_json_body if media == JSON else config.max_upload)
    return rules


def settings_validator() -> Any:
    """Return a function checking a template's settings against the spec's CodeStudioTemplateSettings."""
    spec = load_spec()
    validator = jsonschema.Draft4Validator(
        {"$ref": "#/components/schemas/CodeStudioTemplateSettings", "components": spec["components"]},
        format_checker=FORMATS,
    )
    discriminated = discriminators(spec["components"]["schemas"])

    def validate(settings: JsonObject) -> None:
        error = best_error(validator.iter_errors(settings), discriminated)
        if error is not None:
            where = "/".join(str(p) for p in error.absolute_path) or "(root)"
            raise InvalidRequest(f"Invalid template settings at {where}: {error.message}")

    return validate


def _resolve(node: dict[str, Any]) -> dict[str, Any]:
    if "$ref" not in node:
        return node
    target: Any = load_spec()
    for part in node["$ref"].removeprefix("#/").split("/"):
        target = target[part]
    resolved: dict[str, Any] = target
    return resolved


@functools.cache
def _path_methods() -> list[tuple[re.Pattern[str], str]]:
    """Each path of the spec as a regex (as the router matches it), with its `Allow` header value.

    Literal paths come first (`/admin/code-studios/import` before `{templateId}`), as they are routed.
    """
    out = []
    for path, item in load_spec()["paths"].items():
        formats = {
            p["name"]: p.get("schema", {}).get("format")
            for p in map(_resolve, item.get("parameters", []))
            if p["in"] == "path"
        }
        regex = "".join(
            ("(.+)" if formats.get(part[1:-1]) == "path" else "([^/]+)") if part.startswith("{") else re.escape(part)
            for part in re.split(r"(\{[^}]+\})", path)
        )
        methods = {m.upper() for m in item if m in HTTP_METHODS}
        if "GET" in methods:
            methods.add("HEAD")  # answered for every GET, as the router does
        out.append((path.count("{"), re.compile(regex), ", ".join(sorted(methods))))
    return [(regex, allow) for _, regex, allow in sorted(out, key=lambda entry: entry[0])]


def allowed_methods(url_path: str) -> str | None:
    """Return the `Allow` header for a URL path of the API: every method the spec gives its path, or None."""
    for base in BASE_PATHS:
        if url_path.startswith(base + "/"):
            rest = url_path[len(base) :]
            matches = [allow for regex, allow in _path_methods() if regex.fullmatch(rest)]
            return matches[0] if matches else None
    return None
