"""Write the tables the facade reads from openapi.yaml beside the generated client.

`regen.py` calls `write_tables` once openapi-python-client has generated the package. Three modules
are written into it, so that nothing the spec says is written a second time by hand:

- `operations.py`: every operation with its method, path and client policies, keyed by the
  generated operation module. The policies are vendor extensions written next to each operation:
  `x-dss-retry` (required): `repeatable` (doing it twice is doing it once: retried after timeouts,
  dropped connections and transient statuses) or `unsent-only` (it changes state: retried only
  when the connection could not be opened, so that nothing is done twice), and
  `x-dss-long-running: true` for calls DSS does its work in before answering (they get the long
  default timeout).
- `descriptions.py`: the description of every property of the component schemas, by generated
  model class and attribute, which the facade's views use as the documentation of their fields.
- `unions.py`: a type alias for every component schema that is a union (`oneOf` of `$ref`s, such as
  `CodeStudioTemplateBlock`), which the generator inlines where the union is used and never names:
  the union of the member classes, nested unions flattened, in the spec's order.

An operation without `x-dss-retry`, an unknown value, or a module or attribute the generator did
not make is an error: the regeneration fails rather than write a table that disagrees with the code.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from openapi_python_client.strings import ClassName, PythonIdentifier, snake_case

HEADER = (
    '"""{doc}\n\nWritten by codegen/regen.py from openapi.yaml: do not edit; change the spec and regenerate.\n"""\n\n'
)
METHODS = ("get", "put", "post", "delete", "patch", "head", "options")
RETRY_VALUES = {"repeatable": "REPEATABLE", "unsent-only": "UNSENT_ONLY"}


class SpecError(Exception):
    """The spec and the generated package disagree, or an extension is missing or invalid."""


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _operations(spec: dict[str, Any], package: Path, field_prefix: str) -> str:
    imports: dict[str, set[str]] = {}
    entries: list[str] = []
    for path, item in spec["paths"].items():
        for method in METHODS:
            op = item.get(method)
            if op is None:
                continue
            op_id = op["operationId"]
            retry = op.get("x-dss-retry")
            if retry not in RETRY_VALUES:
                raise SpecError(f"{op_id}: x-dss-retry must be one of {sorted(RETRY_VALUES)}, not {retry!r}")
            long_running = op.get("x-dss-long-running", False)
            if not isinstance(long_running, bool):
                raise SpecError(f"{op_id}: x-dss-long-running must be true or false, not {long_running!r}")
            tag = snake_case(op["tags"][0]) if op.get("tags") else "default"
            module = snake_case(op_id)
            if not (package / "api" / tag / f"{module}.py").is_file():
                raise SpecError(f"{op_id}: the generator made no module api/{tag}/{module}.py")
            imports.setdefault(tag, set()).add(module)
            entries.append(
                f"    {module}: Operation({op_id!r}, {method.upper()!r}, {path!r}, "
                f"RetryPolicy.{RETRY_VALUES[retry]}, long_running={long_running}),"
            )
    lines = [
        HEADER.format(doc="Every operation of openapi.yaml with its method, path and the policies of its `x-dss-*`."),
        "from __future__ import annotations\n\n",
        "import enum\nfrom collections.abc import Mapping\nfrom dataclasses import dataclass\n",
        "from types import MappingProxyType, ModuleType\n\n",
        *(f"from .api.{tag} import {', '.join(sorted(modules))}\n" for tag, modules in sorted(imports.items())),
        "\n\nclass RetryPolicy(enum.Enum):\n",
        '    """How an operation may be retried (`x-dss-retry`)."""\n\n',
        '    REPEATABLE = "repeatable"\n',
        '    """Doing it twice is doing it once: retried after timeouts, connection failures, transient statuses."""\n',
        '    UNSENT_ONLY = "unsent-only"\n',
        '    """It changes state: retried only when the connection could not be opened (nothing was sent)."""\n\n\n',
        "@dataclass(frozen=True, slots=True)\nclass Operation:\n",
        '    """An operation of the spec: its id, method and path, and its client policies."""\n\n',
        "    operation_id: str\n    method: str\n    path: str\n    retry: RetryPolicy\n",
        "    long_running: bool\n",
        '    """DSS works before answering (`x-dss-long-running`): the call gets the long default timeout."""\n\n\n',
        "OPERATIONS: Mapping[ModuleType, Operation] = MappingProxyType(\n    {\n",
        *(f"    {entry}\n" for entry in entries),
        "    }\n)\n",
        '"""Each generated operation module (`api/<tag>/<operation>.py`), with its operation."""\n',
    ]
    return "".join(lines)


def _descriptions(spec: dict[str, Any], package: Path, field_prefix: str) -> str:
    classes: list[str] = []
    entries: list[str] = []
    for name, schema in sorted(spec["components"]["schemas"].items()):
        properties = schema.get("properties") or {}
        documented = {key: prop["description"] for key, prop in properties.items() if prop.get("description")}
        if not documented:
            continue
        class_name = str(ClassName(name, prefix=field_prefix))
        source = package / "models" / f"{snake_case(class_name)}.py"
        text = source.read_text(encoding="utf-8") if source.is_file() else ""
        if f"class {class_name}:" not in text:
            raise SpecError(f"schema {name}: the generator made no class {class_name} in {source.name}")
        fields: list[str] = []
        for key, description in documented.items():
            attribute = str(PythonIdentifier(key, prefix=field_prefix))
            if f"\n    {attribute}: " not in text:
                raise SpecError(f"schema {name}: the generator made no attribute {attribute} for {key}")
            fields.append(f"        {attribute!r}: {_one_line(description)!r},")
        classes.append(class_name)
        entries.append(f"    {class_name}: {{\n" + "\n".join(fields) + "\n    },")
    lines = [
        HEADER.format(doc="The description of each property of the spec's schemas, by generated model and attribute."),
        "from __future__ import annotations\n\n",
        "from collections.abc import Mapping\n\n",
        f"from .models import {', '.join(classes)}\n\n",
        "DESCRIPTIONS: Mapping[type, Mapping[str, str]] = {\n",
        *(f"{entry}\n" for entry in entries),
        "}\n",
        '"""For each model class, the description the spec gives each of its attributes."""\n',
    ]
    return "".join(lines)


def _members(spec: dict[str, Any], name: str, seen: tuple[str, ...] = ()) -> list[str]:
    """The schemas a union schema stands for, nested unions flattened; a schema that is no union is itself."""
    if name in seen:
        raise SpecError(f"schema {name}: a union that contains itself")
    variants = spec["components"]["schemas"][name].get("oneOf")
    if variants is None:
        return [name]
    prefix = "#/components/schemas/"
    out: list[str] = []
    for variant in variants:
        ref = variant.get("$ref", "")
        if not ref.startswith(prefix):
            raise SpecError(f"schema {name}: every member of a oneOf must be a $ref to a component schema")
        out += [m for m in _members(spec, ref[len(prefix) :], (*seen, name)) if m not in out]
    return out


def _unions(spec: dict[str, Any], package: Path, field_prefix: str) -> str:
    aliases: list[str] = []
    classes: set[str] = set()
    for name, schema in spec["components"]["schemas"].items():
        if "oneOf" not in schema:
            continue
        members = [str(ClassName(m, prefix=field_prefix)) for m in _members(spec, name)]
        for class_name in members:
            source = package / "models" / f"{snake_case(class_name)}.py"
            if not source.is_file() or f"class {class_name}:" not in source.read_text(encoding="utf-8"):
                raise SpecError(f"schema {name}: the generator made no class {class_name} for its member")
        classes.update(members)
        alias = str(ClassName(name, prefix=field_prefix))
        aliases.append(f"{alias}: TypeAlias = {' | '.join(members)}\n")
        aliases.append(f'"""{_one_line(schema.get("description", alias))}"""\n\n')
    lines = [
        HEADER.format(doc="A type alias for each union schema of the spec, which the generated models inline."),
        "from __future__ import annotations\n\n",
        "from typing import TypeAlias\n\n",
        *([f"from .models import {', '.join(sorted(classes))}\n\n"] if classes else []),
        *aliases,
    ]
    return "".join(lines)


def write_tables(spec: dict[str, Any], package: Path, field_prefix: str = "field_") -> list[Path]:
    """Write `operations.py`, `descriptions.py` and `unions.py` into the generated `package`; returns their paths."""
    written = []
    for name, build in (("operations.py", _operations), ("descriptions.py", _descriptions), ("unions.py", _unions)):
        target = package / name
        target.write_text(build(spec, package, field_prefix), encoding="utf-8")
        written.append(target)
    return written
