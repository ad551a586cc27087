"""Hypothesis strategies derived from the JSON schemas of openapi.yaml.

hypothesis-jsonschema does not work with current hypothesis, and the spec uses a small, regular subset
of OpenAPI 3.0 schemas, so this module maps that subset directly: objects (required and optional
properties, `additionalProperties` true or a schema), arrays, strings (maxLength, pattern), integers,
numbers, booleans, `nullable`, `enum`, local `$ref`s (recursive ones through `st.deferred`) and the
empty schema (any JSON value). Open objects get extra keys the schema does not name, with arbitrary
nested JSON values: unicode, empty and large ones.
"""

from __future__ import annotations

from functools import cache
from typing import Any

from hypothesis import strategies as st

from tests.support.openapi_spec import load_spec

JSON = Any

_SCALARS: st.SearchStrategy[JSON] = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(2**53), max_value=2**53),
    st.floats(allow_nan=False, allow_infinity=False),
    st.text(max_size=40),
)
#: Any JSON value, nested a few levels, as DSS sends for fields nobody documented.
json_values: st.SearchStrategy[JSON] = st.recursive(
    _SCALARS,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=12), inner, max_size=4),
    max_leaves=12,
)
#: Text with what breaks naive code: unicode beyond the BMP, controls, empty, and large.
tricky_text: st.SearchStrategy[str] = st.one_of(
    st.text(max_size=30),
    st.just(""),
    st.text(alphabet=st.characters(codec="utf-8"), min_size=1, max_size=10),
    st.text(alphabet="é漢字🙂\u200b\n\t\"'\\", max_size=20),
    st.builds(lambda n: "x" * n, st.integers(min_value=5_000, max_value=70_000)),
)


def _ref_name(ref: str) -> str:
    prefix = "#/components/schemas/"
    assert ref.startswith(prefix), ref
    return ref[len(prefix) :]


@cache
def strategy_for_ref(name: str) -> st.SearchStrategy[JSON]:
    """The strategy for `components.schemas[name]`, built lazily so recursive schemas work."""
    return st.deferred(lambda: from_schema(load_spec()["components"]["schemas"][name]))


def from_schema(schema: dict[str, Any], *, extra_keys: bool = True) -> st.SearchStrategy[JSON]:
    """A strategy for JSON values valid against `schema` (the OpenAPI 3.0 subset this spec uses)."""
    if "$ref" in schema:
        return strategy_for_ref(_ref_name(schema["$ref"]))
    base = _non_null(schema, extra_keys=extra_keys)
    return st.none() | base if schema.get("nullable") else base


def _non_null(schema: dict[str, Any], *, extra_keys: bool) -> st.SearchStrategy[JSON]:
    if "enum" in schema:
        return st.sampled_from(schema["enum"])
    kind = schema.get("type")
    if kind is None and "properties" not in schema:
        return json_values
    if kind == "object" or "properties" in schema:
        return _object(schema, extra_keys=extra_keys)
    if kind == "array":
        return st.lists(from_schema(schema.get("items", {}), extra_keys=extra_keys), max_size=3)
    if kind == "string":
        if schema.get("format") == "binary":
            return st.binary(max_size=64)
        if "pattern" in schema:
            return st.from_regex(schema["pattern"], fullmatch=True).filter(
                lambda s: len(s) <= schema.get("maxLength", 10**9)
            )
        return st.text(max_size=min(schema.get("maxLength", 40), 40), min_size=schema.get("minLength", 0))
    if kind == "integer":
        return st.integers(min_value=-(2**53), max_value=2**53)
    if kind == "number":
        return st.floats(allow_nan=False, allow_infinity=False)
    if kind == "boolean":
        return st.booleans()
    raise NotImplementedError(f"schema not supported by the strategy helper: {schema}")


def _object(schema: dict[str, Any], *, extra_keys: bool) -> st.SearchStrategy[JSON]:
    properties: dict[str, Any] = schema.get("properties", {})
    required = set(schema.get("required", []))
    each = {name: from_schema(p, extra_keys=extra_keys) for name, p in properties.items()}
    fixed = st.fixed_dictionaries(
        {name: s for name, s in each.items() if name in required},
        optional={name: s for name, s in each.items() if name not in required},
    )
    additional = schema.get("additionalProperties", True)
    if additional is False or not extra_keys:
        return fixed
    values = json_values if additional is True else from_schema(additional, extra_keys=extra_keys)
    keys = st.text(min_size=1, max_size=15).filter(lambda k: k not in properties)
    extras = st.dictionaries(keys, values, max_size=3)
    return st.builds(lambda known, more: {**more, **known}, fixed, extras)


def schema_names() -> list[str]:
    """Every schema of the spec's components."""
    return sorted(load_spec()["components"]["schemas"])
