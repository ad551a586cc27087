"""Every model the generator made from openapi.yaml round-trips any valid JSON: from_dict(d).to_dict() == d.

The JSON comes from the schemas themselves (tests/support/schema_strategies.py), with extra keys in
every open object, so this also proves that nothing DSS adds in a later release is lost on the way
through the generated models.
"""

from __future__ import annotations

import copy
import io
import types
from typing import Any

import pytest
from dss_codestudio import DSSCodeStudioTemplateSettings
from dss_codestudio_openapi import models, unions
from dss_codestudio_openapi.types import File
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.support.openapi_spec import load_spec
from tests.support.schema_strategies import from_schema, known_blocks, schema_names, template_settings, tricky_text

# Multipart forms carry files, not JSON: their own test below checks what they put on the wire.
MULTIPART_FORMS = {"CodeStudioTemplateImportForm"}
# Unions have no model of their own (the generator inlines them; `unions.py` names them): the models
# of the schemas that use them read them, and `test_union_aliases_round_trip` reads each on its own.
UNIONS = {name for name in schema_names() if "oneOf" in load_spec()["components"]["schemas"][name]}
# Enum schemas (a string with `enum`) become enum classes, not models: each value round-trips as itself.
ENUM_SCHEMAS = {name for name in schema_names() if "enum" in load_spec()["components"]["schemas"][name]}
JSON_SCHEMAS = [name for name in schema_names() if name not in MULTIPART_FORMS | UNIONS | ENUM_SCHEMAS]

ROUND_TRIP = settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large]
)


def test_every_schema_has_a_generated_model() -> None:
    assert [name for name in schema_names() if not hasattr(models, name) and name not in UNIONS] == []
    assert all(isinstance(getattr(unions, name), types.UnionType) for name in UNIONS)


@pytest.mark.parametrize("name", sorted(UNIONS))
def test_union_aliases_round_trip(name: str) -> None:
    """A value of a union reads into one of its alias's classes, as the models that use the union read it."""
    alias: Any = getattr(unions, name)
    schema = load_spec()["components"]["schemas"][name]

    @ROUND_TRIP
    @given(from_schema(schema))
    def check(document: dict[str, Any]) -> None:
        [block] = models.CodeStudioTemplateParams.from_dict({"blocks": [document]}).blocks
        assert isinstance(block, alias)
        assert block.to_dict() == document
        # A known type reads into its own model (the discriminator's mapping), every other into the fallback.
        mapping = load_spec()["components"]["schemas"]["KnownTemplateBlock"]["discriminator"]["mapping"]
        expected = mapping.get(document["type"], "#/components/schemas/OtherTemplateBlock").rsplit("/", 1)[-1]
        assert type(block).__name__ == expected

    check()


@pytest.mark.parametrize("name", sorted(ENUM_SCHEMAS))
def test_generated_enum_has_every_value(name: str) -> None:
    values = load_spec()["components"]["schemas"][name]["enum"]
    assert [member.value for member in getattr(models, name)] == values
    assert [str(getattr(models, name)(value)) for value in values] == values


@pytest.mark.parametrize("name", JSON_SCHEMAS)
def test_generated_model_round_trips(name: str) -> None:
    model: Any = getattr(models, name)
    schema = load_spec()["components"]["schemas"][name]

    @ROUND_TRIP
    @given(from_schema(schema))
    def check(document: dict[str, Any]) -> None:
        assert model.from_dict(document).to_dict() == document

    check()


@ROUND_TRIP
@given(st.binary(max_size=2048), st.text(min_size=1, max_size=30))
def test_import_form_sends_the_file_bytes(payload: bytes, file_name: str) -> None:
    form = models.CodeStudioTemplateImportForm(file=File(payload=io.BytesIO(payload), file_name=file_name))
    [(field, (name, stream, _mime))] = form.to_multipart()
    assert (field, name, stream.read()) == ("file", file_name, payload)


@ROUND_TRIP
@given(st.data())
def test_unknown_fields_survive_at_every_depth(data: st.DataObject) -> None:
    """A template settings document keeps unknown keys on the settings, the params and each block."""
    settings_doc = data.draw(from_schema({"$ref": "#/components/schemas/CodeStudioTemplateSettings"}))
    settings_doc["x-unknown-top"] = {"nested": ["é", None, 1.5]}
    params = settings_doc.setdefault("params", {})
    params["futureField"] = True
    blocks = params.setdefault("blocks", [])
    blocks.append({"type": "pycdstdioblk_new_block", "params": {"config": {"k": "漢字"}}, "blockExtra": 3})
    parsed = models.CodeStudioTemplateSettings.from_dict(settings_doc)
    assert parsed.to_dict() == settings_doc
    assert parsed["x-unknown-top"] == {"nested": ["é", None, 1.5]}


@ROUND_TRIP
@given(template_settings(tricky_text))
def test_the_facades_typed_blocks_are_the_raw_blocks(document: dict[str, Any]) -> None:
    """`get_blocks()` reads each block into the model its type names; `set_blocks()` writes them back unchanged."""
    raw = copy.deepcopy(document)
    settings = DSSCodeStudioTemplateSettings(None, "t", raw)  # type: ignore[arg-type]  # no call is made
    blocks = settings.get_blocks()
    mapping = load_spec()["components"]["schemas"]["KnownTemplateBlock"]["discriminator"]["mapping"]
    assert set(mapping) == set(known_blocks())
    for block, source in zip(blocks, document["params"]["blocks"], strict=True):
        expected = mapping.get(source["type"], "#/components/schemas/OtherTemplateBlock").rsplit("/", 1)[-1]
        assert type(block).__name__ == expected
    settings.set_blocks(blocks)
    assert raw == document
