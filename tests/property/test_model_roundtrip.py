"""Every model the generator made from openapi.yaml round-trips any valid JSON: from_dict(d).to_dict() == d.

The JSON comes from the schemas themselves (tests/support/schema_strategies.py), with extra keys in
every open object, so this also proves that nothing DSS adds in a later release is lost on the way
through the generated models.
"""

from __future__ import annotations

import io
from typing import Any

import pytest
from dss_codestudio_openapi import models
from dss_codestudio_openapi.types import File
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.support.openapi_spec import load_spec
from tests.support.schema_strategies import from_schema, schema_names

# Multipart forms carry files, not JSON: their own test below checks what they put on the wire.
MULTIPART_FORMS = {"CodeStudioTemplateImportForm"}
# Enum schemas (a string with `enum`) become enum classes, not models: each value round-trips as itself.
ENUM_SCHEMAS = [name for name in schema_names() if "enum" in load_spec()["components"]["schemas"][name]]
JSON_SCHEMAS = [name for name in schema_names() if name not in MULTIPART_FORMS and name not in ENUM_SCHEMAS]

ROUND_TRIP = settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large]
)


def test_every_schema_has_a_generated_model() -> None:
    assert [name for name in schema_names() if not hasattr(models, name)] == []


@pytest.mark.parametrize("name", ENUM_SCHEMAS)
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
