"""What the server reads from openapi.yaml besides routes: body rules and the settings schema."""

from __future__ import annotations

import functools
from importlib import resources
from pathlib import Path
from typing import Any

import jsonschema
import yaml

from dss_codestudio_server.config import ServerConfig
from dss_codestudio_server.domain.errors import InvalidRequest
from dss_codestudio_server.http.middleware import JSON, BodyRule

HTTP_METHODS = ("get", "put", "post", "delete", "patch")


def spec_path() -> Path:
    """Return the openapi.yaml the server serves (package data: a link to the repository's file)."""
    return Path(str(resources.files("dss_codestudio_server").joinpath("openapi.yaml")))


@functools.cache
def load_spec() -> dict[str, Any]:
    """Return the parsed spec."""
    loaded: dict[str, Any] = yaml.safe_load(spec_path().read_text())
    return loaded


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
        {"$ref": "#/components/schemas/CodeStudioTemplateSettings", "components": spec["components"]}
    )

    def validate(settings: dict[str, object]) -> None:
        error = jsonschema.exceptions.best_match(validator.iter_errors(settings))
        if error is not None:
            where = "/".join(str(p) for p in error.absolute_path) or "(root)"
            raise InvalidRequest(f"Invalid template settings at {where}: {error.message}")

    return validate
