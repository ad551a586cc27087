"""Hypothesis strategies derived from the JSON schemas of openapi.yaml.

hypothesis-jsonschema does not work with current hypothesis, and the spec uses a small, regular subset
of OpenAPI 3.0 schemas, so this module maps that subset directly: objects (required and optional
properties, `additionalProperties` true or a schema), arrays, strings (minLength, maxLength, pattern
read as JSON Schema reads it), integers (within their int32/int64 format), numbers, booleans,
`nullable`, `enum`, `not: {enum}` (any other value), `oneOf` of branches that exclude each other
(the template block union: its known types are enums, its fallback's type excludes them), `allOf`
(merged: the typed futures), local `$ref`s (recursive ones through `st.deferred`) and the empty
schema (any JSON value). Open objects get extra keys the schema does not name, with arbitrary nested
JSON values: unicode, empty and large ones.

`template_settings()` builds whole code studio template settings from those schemas, with blocks of
every type the spec knows (each with the params schema of its type), plugin blocks, blocks of
types nobody knows, and unknown fields at every level.
"""

from __future__ import annotations

from functools import cache
from typing import Any

from hypothesis import strategies as st

from tests.support.openapi_spec import ecma_regex, load_spec, schema_of

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


def from_schema(
    schema: dict[str, Any], *, extra_keys: bool = True, text: st.SearchStrategy[str] | None = None
) -> st.SearchStrategy[JSON]:
    """A strategy for JSON values valid against `schema` (the OpenAPI 3.0 subset this spec uses).

    `text` replaces the strategy of strings the schema does not constrain (`tricky_text` for unicode,
    empty and large ones); extra keys of open objects then get such strings among their values too.
    """
    if "$ref" in schema:
        if text is None:
            return strategy_for_ref(_ref_name(schema["$ref"]))
        name = _ref_name(schema["$ref"])
        return st.deferred(lambda: from_schema(schema_of(name), extra_keys=extra_keys, text=text))
    if "oneOf" in schema:
        return st.one_of(*(from_schema(branch, extra_keys=extra_keys, text=text) for branch in schema["oneOf"]))
    if "allOf" in schema:
        return from_schema(merged(schema["allOf"]), extra_keys=extra_keys, text=text)
    base = _non_null(schema, extra_keys=extra_keys, text=text)
    if "not" in schema:
        excluded = schema["not"]
        if set(excluded) != {"enum"}:
            raise NotImplementedError(f"only `not: {{enum: [...]}}` is supported: {schema}")
        base = base.filter(lambda value: value not in excluded["enum"])
    return st.none() | base if schema.get("nullable") else base


def merged(parts: list[dict[str, Any]]) -> dict[str, Any]:
    """One object schema with what each of `parts` requires (an `allOf` of object schemas).

    A property two parts both describe takes the more precise one: a part that only describes it
    (no type, no `$ref`: any value) gives way to the other.
    """
    out: dict[str, Any] = {"type": "object", "properties": {}, "required": []}
    for part in parts:
        part = schema_of(_ref_name(part["$ref"])) if "$ref" in part else part
        if part.get("type", "object") != "object" or "allOf" in part or "oneOf" in part:
            raise NotImplementedError(f"allOf of this part is not supported: {part}")
        for name, prop in part.get("properties", {}).items():
            known = out["properties"].get(name)
            if known is None or set(known) <= {"description"}:
                out["properties"][name] = prop
            elif not set(prop) <= {"description"} and prop != known:
                raise NotImplementedError(f"property {name} described twice: {known} and {prop}")
        out["required"] += [name for name in part.get("required", []) if name not in out["required"]]
        if part.get("additionalProperties", True) is not True:
            out["additionalProperties"] = part["additionalProperties"]
    return out


INT_BOUNDS = {"int32": 2**31, "int64": 2**63}


def _string(schema: dict[str, Any], text: st.SearchStrategy[str] | None) -> st.SearchStrategy[str]:
    low, high = schema.get("minLength", 0), schema.get("maxLength", 10**9)
    if "pattern" in schema:
        # A pattern is a search (unanchored patterns leave the rest of the string free), read as
        # JSON Schema reads it; the padding around the match is arbitrary text.
        regex = ecma_regex(schema["pattern"])
        base: st.SearchStrategy[str] = st.from_regex(regex)
        if text is not None:
            base = base | text.filter(regex.search)
        return base.filter(lambda s: low <= len(s) <= high)
    if text is not None and "maxLength" not in schema:
        return text.filter(lambda s: len(s) >= low)
    return st.text(max_size=min(high, 40), min_size=low)


def _non_null(
    schema: dict[str, Any], *, extra_keys: bool, text: st.SearchStrategy[str] | None = None
) -> st.SearchStrategy[JSON]:
    if "enum" in schema:
        return st.sampled_from(schema["enum"])
    kind = schema.get("type")
    if kind is None and "properties" not in schema:
        return json_values
    if kind == "object" or "properties" in schema:
        return _object(schema, extra_keys=extra_keys, text=text)
    if kind == "array":
        return st.lists(from_schema(schema.get("items", {}), extra_keys=extra_keys, text=text), max_size=3)
    if kind == "string":
        if schema.get("format") == "binary":
            return st.binary(max_size=64)
        return _string(schema, text)
    if kind == "integer":
        bound = INT_BOUNDS.get(schema.get("format", ""), 2**53)
        return st.one_of(st.integers(-(2**53), 2**53), st.sampled_from([-bound, bound - 1]))
    if kind == "number":
        return st.floats(allow_nan=False, allow_infinity=False)
    if kind == "boolean":
        return st.booleans()
    raise NotImplementedError(f"schema not supported by the strategy helper: {schema}")


def _object(
    schema: dict[str, Any], *, extra_keys: bool, text: st.SearchStrategy[str] | None
) -> st.SearchStrategy[JSON]:
    properties: dict[str, Any] = schema.get("properties", {})
    required = set(schema.get("required", []))
    each = {name: from_schema(p, extra_keys=extra_keys, text=text) for name, p in properties.items()}
    fixed = st.fixed_dictionaries(
        {name: s for name, s in each.items() if name in required},
        optional={name: s for name, s in each.items() if name not in required},
    )
    additional = schema.get("additionalProperties", True)
    if additional is False or not extra_keys:
        return fixed
    if additional is True:
        values = json_values if text is None else json_values | text
    else:
        values = from_schema(additional, extra_keys=extra_keys, text=text)
    keys = st.text(min_size=1, max_size=15).filter(lambda k: k not in properties)
    extras = st.dictionaries(keys, values, max_size=3)
    return st.builds(lambda known, more: {**more, **known}, fixed, extras)


def schema_names() -> list[str]:
    """Every schema of the spec's components."""
    return sorted(load_spec()["components"]["schemas"])


# -- code studio template settings ------------------------------------------------------------------------


@cache
def known_blocks() -> dict[str, str]:
    """Each block type the spec knows, with its params schema (from KnownTemplateBlock's discriminator)."""
    mapping = schema_of("KnownTemplateBlock")["discriminator"]["mapping"]
    return {kind: _ref_name(schema_of(_ref_name(ref))["properties"]["params"]["$ref"]) for kind, ref in mapping.items()}


_NAME = st.text(alphabet="abcdefghijklmnopqrstuvwxyz-0123456789", min_size=1, max_size=12)
#: Types no block schema describes: plugin blocks (`pycdstdioblk_<pluginId>_<blockId>`) and anything else.
other_block_types: st.SearchStrategy[str] = st.one_of(
    st.builds("pycdstdioblk_{}_{}".format, _NAME, _NAME), st.text(min_size=1, max_size=30)
).filter(lambda kind: kind not in known_blocks())


def template_block(text: st.SearchStrategy[str] | None = None) -> st.SearchStrategy[JSON]:
    """A block of a `block_based` template: any known type, a plugin block, or a type nobody knows.

    Known blocks come from their schemas (typed params, unknown fields); other blocks from
    OtherTemplateBlock's (open params), with a plugin-like type half of the time.
    """
    known = from_schema(schema_of("KnownTemplateBlock"), text=text)
    other = st.builds(
        lambda kind, block: {**block, "type": kind},
        other_block_types,
        from_schema(schema_of("OtherTemplateBlock"), text=text),
    )
    return st.one_of(known, other)


def template_settings(text: st.SearchStrategy[str] | None = None) -> st.SearchStrategy[JSON]:
    """Whole template settings valid against CodeStudioTemplateSettings, with a non-blank label.

    `params.blocks` holds blocks of every kind (`template_block`); everything else comes from the
    schema, unknown fields included.
    """
    schema = schema_of("CodeStudioTemplateSettings")
    base = from_schema({**schema, "required": ["label"]}, text=text)
    blocks = st.lists(template_block(text), max_size=8)
    params_extra = st.dictionaries(
        st.text(min_size=1, max_size=10).filter(lambda k: k != "blocks"), json_values, max_size=2
    )

    def assemble(settings: dict[str, Any], blocks: list[Any], more: dict[str, Any]) -> dict[str, Any]:
        return {**settings, "params": {**more, "blocks": blocks}}

    return st.builds(assemble, base, blocks, params_extra)
