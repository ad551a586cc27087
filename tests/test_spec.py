"""The authored spec is valid OpenAPI 3.0.3 and meets the project's rules for every operation and schema."""

from __future__ import annotations

from typing import Any

import pytest
from openapi_spec_validator import validate
from openapi_spec_validator.readers import read_from_filename

from tests.support.openapi_spec import load_spec, operations, resolve
from tests.support.paths import SPEC_PATH

# The operations the foundation issue names, as (method, path). The spec may hold more, never fewer.
REQUIRED = {
    ("get", "/admin/code-studios/"),
    ("post", "/admin/code-studios/"),
    ("post", "/admin/code-studios/import"),
    ("get", "/admin/code-studios/{templateId}"),
    ("put", "/admin/code-studios/{templateId}"),
    ("delete", "/admin/code-studios/{templateId}"),
    ("post", "/admin/code-studios/{templateId}/build"),
    ("get", "/admin/code-studios/{templateId}/export"),
    ("get", "/projects/{projectKey}/code-studios/"),
    ("post", "/projects/{projectKey}/code-studios/"),
    ("get", "/projects/{projectKey}/code-studios/{codeStudioId}"),
    ("delete", "/projects/{projectKey}/code-studios/{codeStudioId}"),
    ("get", "/projects/{projectKey}/code-studios/{codeStudioId}/status"),
    ("post", "/projects/{projectKey}/code-studios/{codeStudioId}/restart"),
    ("post", "/projects/{projectKey}/code-studios/{codeStudioId}/stop"),
    ("get", "/projects/{projectKey}/code-studios/{codeStudioId}/conflicts/{zone}"),
    ("get", "/projects/{projectKey}/code-studios/{codeStudioId}/pull/{zone}"),
    ("get", "/projects/{projectKey}/code-studios/{codeStudioId}/push/{zone}"),
    ("post", "/projects/{projectKey}/code-studios/{codeStudioId}/change-owner"),
    ("get", "/futures/"),
    ("get", "/futures/{jobId}"),
    ("delete", "/futures/{jobId}"),
    ("get", "/projects/"),
    ("post", "/projects/"),
    ("delete", "/projects/{projectKey}"),
    ("get", "/projects/{projectKey}/libraries/contents"),
    ("get", "/projects/{projectKey}/libraries/contents/{path}"),
    ("post", "/projects/{projectKey}/libraries/contents/{path}"),
    ("delete", "/projects/{projectKey}/libraries/contents/{path}"),
    ("post", "/projects/{projectKey}/libraries/folders/{path}"),
    ("post", "/projects/{projectKey}/libraries/contents-actions/rename/"),
    ("post", "/projects/{projectKey}/libraries/contents-actions/move"),
}


def test_spec_is_valid_openapi_303() -> None:
    spec_dict, base_uri = read_from_filename(str(SPEC_PATH))
    validate(spec_dict, base_uri=base_uri)
    assert spec_dict["openapi"] == "3.0.3"


def test_server_url_is_relative_and_alias_documented() -> None:
    spec = load_spec()
    assert [s["url"] for s in spec["servers"]] == ["/dip/publicapi"]
    assert "/public/api" in spec["info"]["description"]


def test_covers_every_required_operation() -> None:
    present = {(op.method, op.path) for op in operations()}
    assert REQUIRED - present == set()


def test_every_operation_is_documented() -> None:
    tags = {t["name"] for t in load_spec()["tags"]}
    ids = [op.operation_id for op in operations()]
    assert len(ids) == len(set(ids)), "operationIds must be unique"
    for op in operations():
        assert op.raw.get("summary"), op.operation_id
        assert len(op.raw.get("description", "")) > 40, op.operation_id
        assert op.raw.get("tags"), op.operation_id
        assert set(op.raw["tags"]) <= tags, op.operation_id
        for p in op.parameters:
            assert p.get("description"), f"{op.operation_id}: parameter {p['name']}"


def test_every_error_is_the_dss_error_object() -> None:
    for op in operations():
        statuses = set(op.raw["responses"])
        assert {"400", "401"} <= statuses, op.operation_id
        if "{" in op.path:
            assert "404" in statuses, op.operation_id
        for status, response in op.raw["responses"].items():
            if int(status) >= 400:
                schema = resolve(response)["content"]["application/json"]["schema"]
                assert schema == {"$ref": "#/components/schemas/DSSError"}, (op.operation_id, status)


# Instance-level objects every user may read: the code envs, which a project owner chooses from.
READABLE_BY_EVERY_USER = {"listCodeEnvs", "getCodeEnv"}


def test_admin_operations_document_403() -> None:
    for op in operations():
        if op.path.startswith("/admin/") and op.operation_id not in READABLE_BY_EVERY_USER:
            assert "403" in op.raw["responses"], op.operation_id
        if op.operation_id in READABLE_BY_EVERY_USER:
            assert "403" not in op.raw["responses"], op.operation_id
            assert "Every user may" in " ".join(op.raw["description"].split()), op.operation_id


def test_security_accepts_basic_and_bearer() -> None:
    spec = load_spec()
    schemes = spec["components"]["securitySchemes"]
    assert {(s["type"], s["scheme"]) for s in schemes.values()} == {("http", "basic"), ("http", "bearer")}
    assert spec["security"] == [{name: []} for name in schemes]


def _walk_schemas(node: Any, where: str) -> list[tuple[str, dict[str, Any]]]:
    """Every inline object schema below `node`, with a readable location."""
    out: list[tuple[str, dict[str, Any]]] = []
    if isinstance(node, dict):
        if node.get("type") == "object" or "properties" in node:
            out.append((where, node))
        for key, value in node.items():
            out += _walk_schemas(value, f"{where}.{key}")
    elif isinstance(node, list):
        for i, value in enumerate(node):
            out += _walk_schemas(value, f"{where}[{i}]")
    return out


def test_every_schema_field_has_a_description() -> None:
    for where, schema in _walk_schemas(load_spec()["components"]["schemas"], "schemas"):
        for name, prop in schema.get("properties", {}).items():
            if "$ref" in prop:
                continue
            assert prop.get("description"), f"{where}.{name}"


def _request_schemas() -> set[str]:
    names = set()
    for op in operations():
        for content in op.body_content.values():
            ref = content.get("schema", {}).get("$ref", "")
            names.add(ref.rsplit("/", 1)[-1])
    return names


def test_response_objects_stay_open() -> None:
    """Objects DSS extends over releases keep unknown fields, so a round trip loses nothing."""
    closed_requests = _request_schemas() - {"CodeStudioTemplateSettings"}
    for name, schema in load_spec()["components"]["schemas"].items():
        if name in closed_requests:
            continue
        for where, obj in _walk_schemas(schema, name):
            assert obj.get("additionalProperties", True) is not False, where


@pytest.mark.parametrize(("schema", "field"), [("CodeStudioStatus", "state"), ("CodeStudioTemplateSettings", "type")])
def test_extensible_enumerations_are_plain_strings(schema: str, field: str) -> None:
    prop = load_spec()["components"]["schemas"][schema]["properties"][field]
    assert prop["type"] == "string"
    assert "enum" not in prop
    assert "Known values" in prop["description"]


def test_template_blocks_are_a_union_of_the_known_types_and_an_open_fallback() -> None:
    """Each known type has its block schema; every other type, plugin blocks included, is an `OtherTemplateBlock`."""
    schemas = load_spec()["components"]["schemas"]
    assert schemas["CodeStudioTemplateBlock"]["oneOf"] == [
        {"$ref": "#/components/schemas/KnownTemplateBlock"},
        {"$ref": "#/components/schemas/OtherTemplateBlock"},
    ]
    known = schemas["KnownTemplateBlock"]
    mapping = known["discriminator"]["mapping"]
    assert known["discriminator"]["propertyName"] == "type"
    assert known["oneOf"] == [{"$ref": ref} for ref in mapping.values()]
    for kind, ref in mapping.items():
        block = resolve({"$ref": ref})
        assert block["properties"]["type"]["enum"] == [kind]
        assert block["required"] == ["type"]
        assert block["additionalProperties"] is True
        assert f"`{kind}`" in schemas["CodeStudioTemplateBlock"]["description"]
    fallback = schemas["OtherTemplateBlock"]
    assert fallback["properties"]["type"]["type"] == "string"
    assert fallback["properties"]["type"]["not"] == {"enum": list(mapping)}
    assert fallback["properties"]["params"]["additionalProperties"] is True
    assert fallback["additionalProperties"] is True


def _references(node: Any) -> set[str]:
    if isinstance(node, dict):
        found = {node["$ref"]} if isinstance(node.get("$ref"), str) else set()
        return found.union(*(_references(value) for value in node.values()))
    if isinstance(node, list):
        return set().union(*(_references(value) for value in node))
    return set()


def test_every_component_is_reachable_from_an_operation() -> None:
    """No schema, parameter or response is wired to nothing: each types something an operation sends or answers."""
    spec = load_spec()
    reached: set[str] = set()
    todo = _references(spec["paths"])
    while todo:
        ref = todo.pop()
        reached.add(ref)
        todo |= _references(resolve({"$ref": ref})) - reached
    for kind in ("schemas", "parameters", "responses"):
        declared = {f"#/components/{kind}/{name}" for name in spec["components"][kind]}
        assert sorted(declared - reached) == [], kind


def test_info_names_the_license_with_its_text_and_a_contact() -> None:
    info = load_spec()["info"]
    assert info["license"] == {"name": "Apache-2.0", "url": "https://www.apache.org/licenses/LICENSE-2.0"}
    assert info["contact"]["name"]


def test_parameter_examples_are_valid_against_their_schema() -> None:
    """Fuzzers read an example as intent: the library path's, a nested path, tells them `/` belongs there."""
    from openapi_schema_validator import OAS30Validator

    examples = {}
    for op in operations():
        for parameter in op.parameters:
            if "example" in parameter:
                examples[parameter["name"]] = parameter
                errors = [e.message for e in OAS30Validator(parameter["schema"]).iter_errors(parameter["example"])]
                assert not errors, (op.operation_id, parameter["name"], errors)
    assert "/" in examples["path"]["example"]


def test_every_example_is_valid_against_its_schema() -> None:
    """The examples double as the answers of the recording stand-in: they must be what the schema says."""
    from openapi_schema_validator import OAS30Validator

    components = load_spec()["components"]
    checked = 0
    for op in operations():
        for status, response in op.raw["responses"].items():
            for media, content in resolve(response).get("content", {}).items():
                if "example" in content:
                    validator = OAS30Validator({**content["schema"], "components": components})
                    errors = [e.message for e in validator.iter_errors(content["example"])]
                    assert not errors, (op.operation_id, status, media, errors)
                    checked += 1
    assert checked >= len(operations())
