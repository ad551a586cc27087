"""Read openapi.yaml into operations that tests can enumerate and match requests against."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from typing import Any

import yaml

from tests.support.paths import SPEC_PATH

HTTP_METHODS = ("get", "put", "post", "delete", "patch", "head", "options")


@dataclass(frozen=True)
class Operation:
    """One operation of the spec, with what a request to it may carry."""

    method: str
    path: str
    operation_id: str
    raw: dict[str, Any] = field(repr=False, hash=False, compare=False)
    parameters: tuple[dict[str, Any], ...] = field(repr=False, hash=False, compare=False)

    @property
    def regex(self) -> re.Pattern[str]:
        out = ""
        for part in re.split(r"(\{[^}]+\})", self.path):
            if part.startswith("{"):
                name = part[1:-1]
                fmt = self.param(name, "path").get("schema", {}).get("format")
                out += f"(?P<{name}>.+)" if fmt == "path" else f"(?P<{name}>[^/]+)"
            else:
                out += re.escape(part)
        return re.compile("^" + out + "$")

    def param(self, name: str, where: str) -> dict[str, Any]:
        for p in self.parameters:
            if p["name"] == name and p["in"] == where:
                return p
        raise KeyError(f"{self.operation_id} has no {where} parameter {name}")

    def params_in(self, where: str) -> dict[str, dict[str, Any]]:
        return {p["name"]: p for p in self.parameters if p["in"] == where}

    @property
    def body_content(self) -> dict[str, Any]:
        return resolve(self.raw.get("requestBody", {})).get("content", {})


@cache
def load_spec() -> dict[str, Any]:
    return yaml.safe_load(SPEC_PATH.read_text())


def resolve(node: Any) -> Any:
    """Follow a local `$ref` (once or repeatedly) to what it names."""
    spec = load_spec()
    while isinstance(node, dict) and "$ref" in node:
        target: Any = spec
        for part in node["$ref"].removeprefix("#/").split("/"):
            target = target[part]
        node = target
    return node


@cache
def operations() -> tuple[Operation, ...]:
    out = []
    for path, item in load_spec()["paths"].items():
        shared = [resolve(p) for p in item.get("parameters", [])]
        for method in HTTP_METHODS:
            if method in item:
                op = item[method]
                own = [resolve(p) for p in op.get("parameters", [])]
                merged = {(p["name"], p["in"]): p for p in shared + own}
                out.append(Operation(method, path, op["operationId"], op, tuple(merged.values())))
    return tuple(out)


def match(method: str, path: str) -> tuple[Operation, dict[str, str]] | None:
    """The operation a request goes to, with its path parameters, or None.

    Literal routes win over templated ones (`/admin/code-studios/import` before `{templateId}`),
    as a server routes them.
    """
    candidates = []
    for op in operations():
        if op.method != method.lower():
            continue
        m = op.regex.match(path)
        if m:
            candidates.append((op.path.count("{"), op, m.groupdict()))
    if not candidates:
        return None
    candidates.sort(key=lambda c: c[0])
    return candidates[0][1], candidates[0][2]


def ecma_regex(pattern: str) -> re.Pattern[str]:
    """A spec `pattern` as JSON Schema reads it (ECMA-262): a closing `$` is the end of the string.

    Python's `$` also matches before a final newline, so `re.search(pattern, "KEY\\n")` accepts
    what the spec refuses; this reading does not.
    """
    return re.compile(pattern[:-1] + r"\Z" if pattern.endswith("$") and not pattern.endswith("\\$") else pattern)


def schema_of(name: str) -> dict[str, Any]:
    """`components.schemas[name]`."""
    schema: dict[str, Any] = load_spec()["components"]["schemas"][name]
    return schema
