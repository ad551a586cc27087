"""Hypothesis strategies derived from the JSON schemas of openapi.yaml.

hypothesis-jsonschema does not work with current hypothesis, and the spec uses a small, regular subset
of OpenAPI 3.0 schemas, so this module maps that subset directly: objects (required and optional
properties, `additionalProperties` true or a schema), arrays, strings (minLength, maxLength, pattern
read as JSON Schema reads it), integers (within their int32/int64 format), numbers, booleans,
`nullable`, `enum`, local `$ref`s (recursive ones through `st.deferred`) and the empty schema (any
JSON value). Open objects get extra keys the schema does not name, with arbitrary nested JSON values:
unicode, empty and large ones.

`template_settings()` builds whole code studio template settings from those schemas, with blocks of
every type the spec documents (each with the params schema of its type), plugin blocks, blocks of
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
    base = _non_null(schema, extra_keys=extra_keys, text=text)
    return st.none() | base if schema.get("nullable") else base


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

#: The params schema of each block type the spec documents (CodeStudioTemplateBlock's description).
BLOCK_PARAMS = {
    "dss_base_image": "DssBaseImageBlockParams",
    "simple_deployment": "SimpleDeploymentBlockParams",
    "append_dockerfile": "AppendDockerfileBlockParams",
    "entrypoint": "EntrypointBlockParams",
    "add_codeenv": "AddCodeEnvBlockParams",
    "add_starter_files": "AddStarterFilesBlockParams",
}
#: Plugin blocks the spec names; their params are a `config` object the plugin defines.
PLUGIN_BLOCKS = ("pycdstdioblk_code-studio-blocks_vscode", "pycdstdioblk_code-studio-blocks_jupyterlab")


def template_block(text: st.SearchStrategy[str] | None = None) -> st.SearchStrategy[JSON]:
    """A block of a `block_based` template: any documented type, a plugin block, or an unknown one."""
    extra = st.dictionaries(
        st.text(min_size=1, max_size=10).filter(lambda k: k not in ("type", "params")), json_values, max_size=2
    )
    documented = [
        st.builds(
            lambda params, more, kind=kind: {**more, "type": kind, "params": params},
            from_schema(schema_of(name), text=text),
            extra,
        )
        for kind, name in BLOCK_PARAMS.items()
    ]
    config = st.dictionaries(st.text(max_size=20), json_values if text is None else json_values | text, max_size=6)
    plugins = st.builds(
        lambda kind, cfg, more: {**more, "type": kind, "params": {"config": cfg}},
        st.sampled_from(PLUGIN_BLOCKS),
        config,
        extra,
    )
    unknown_type = st.text(min_size=1, max_size=30).filter(lambda t: t not in BLOCK_PARAMS and t not in PLUGIN_BLOCKS)
    unknown = st.builds(
        lambda kind, params: {"type": kind, "params": params},
        unknown_type,
        st.dictionaries(st.text(max_size=10), json_values, max_size=3),
    )
    return st.one_of(*documented, plugins, unknown)


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
