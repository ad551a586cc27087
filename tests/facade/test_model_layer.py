"""One model layer: the facade reads the generated models, which the spec alone names and documents.

What DSS answers is decoded once, by the generated code, into the model the views wrap; the views
name no JSON key and document their fields with the spec's words; a field added to the spec is
readable, typed, through the facade without editing it.
"""

from __future__ import annotations

import ast
import json
import os
import subprocess
import sys
import typing
from pathlib import Path
from typing import Any

import dss_codestudio as dss
import httpx
import pytest
import yaml
from dss_codestudio import _views
from dss_codestudio.models import CodeStudioStatus, CodeStudioTemplateSettings, FutureState, Unset
from dss_codestudio_openapi.descriptions import DESCRIPTIONS

from tests.support.facade_clients import FakeDSS, resolve
from tests.support.openapi_spec import load_spec
from tests.support.paths import ROOT, SPEC_PATH

FACADE = ROOT / "facade" / "dss_codestudio"

STATUS = {
    "state": "RUNNING",
    "lastStateChange": 1718100000000,
    "syncedZones": [{"id": "z1", "zone": "recipes", "studioPath": "/w/r", "newZoneField": [1]}],
    "exposed": [{"label": "VS Code", "exposedPort": 8080}],
    "fieldOfANewerDSS": {"x": [1, None]},
}


@pytest.mark.anyio
async def test_a_status_call_decodes_its_body_once(make_client, fake: FakeDSS, monkeypatch) -> None:
    body = json.dumps(STATUS).encode()
    fake.on("getCodeStudioStatus", httpx.Response(200, content=body, headers={"content-type": "application/json"}))
    decoded: list[object] = []
    loads = json.loads

    def counting_loads(text: Any, *args: Any, **kwargs: Any) -> Any:
        if text == body:
            decoded.append(text)
        return loads(text, *args, **kwargs)

    monkeypatch.setattr(json, "loads", counting_loads)
    status = await resolve(make_client().get_project("P").get_code_studio("c").get_status())
    assert len(decoded) == 1
    assert isinstance(status.model, CodeStudioStatus)  # what the generated code parsed, not a second reading
    assert status.state == "RUNNING"
    assert status.get_zones() == ["z1"]
    assert status.get_raw() == STATUS  # every field, unknown ones included, from the model's to_dict()
    assert status["fieldOfANewerDSS"] == {"x": [1, None]}
    assert status.model.additional_properties["fieldOfANewerDSS"] == {"x": [1, None]}
    assert status.get_zones("objects")[0].model.studio_path == "/w/r"


@pytest.mark.anyio
async def test_template_settings_are_saved_through_the_model_with_every_field(make_client, fake: FakeDSS) -> None:
    settings_json = {
        "id": "t",
        "type": "block_based",
        "label": "T",
        "versionTag": {"versionNumber": 3, "lastModifiedBy": {"login": "a", "extra": 1}},
        "params": {"blocks": [{"type": "dss_base_image", "params": {"syncedZones": []}}]},
        "aFieldOfANewerDSS": [{"deep": None}],
    }
    fake.json("getCodeStudioTemplateSettings", settings_json)
    fake.on("saveCodeStudioTemplateSettings", httpx.Response(204))
    settings = await resolve(make_client().get_code_studio_template("t").get_settings())
    assert isinstance(settings.to_model(), CodeStudioTemplateSettings)
    assert settings.to_model().version_tag.version_number == 3
    settings.blocks.append({"type": "append_dockerfile", "params": {"dockerfile": "RUN true"}})
    settings.get_raw()["params"]["blocks"][0]["params"]["excludedFromSync"] = ["*.tmp"]
    await resolve(settings.save())
    sent = fake.last("saveCodeStudioTemplateSettings").json
    assert sent == settings.get_raw()
    assert sent["aFieldOfANewerDSS"] == [{"deep": None}]
    assert sent["params"]["blocks"][1]["params"] == {"dockerfile": "RUN true"}


def test_views_document_their_fields_with_the_spec() -> None:
    assert dss.DSSSyncedZone.zone.__doc__ == DESCRIPTIONS[_views.DSSSyncedZone._model_type]["zone"]  # type: ignore[index]
    assert "changes at every start" in (dss.DSSSyncedZone.id.__doc__ or "")
    assert dss.DSSFutureProgress.alive.__doc__ == DESCRIPTIONS[FutureState]["alive"]
    # A property named after no field of the model must say itself what it is.
    with pytest.raises(TypeError, match=r"Wrong\.no_such_field has no docstring and FutureState"):

        class Wrong(_views.ModelView[FutureState]):
            @property
            def no_such_field(self) -> int:
                return 1


def _public_views() -> list[type]:
    return [
        cls for name in dss.__all__ if isinstance(cls := getattr(dss, name), type) and issubclass(cls, _views.ModelView)
    ]


@pytest.mark.parametrize("view", _public_views(), ids=lambda c: c.__name__)
def test_each_view_wraps_a_generated_model(view: type) -> None:
    model = view._model_type
    assert model is not None
    assert model.__module__.startswith("dss_codestudio_openapi.models.")
    assert model in DESCRIPTIONS or not any(isinstance(v, property) and v.__doc__ is None for v in vars(view).values())


def _spec_keys() -> set[str]:
    """Every name the spec gives a property (at any depth) or a parameter."""
    keys: set[str] = set()

    def walk(node: Any) -> None:
        if isinstance(node, dict):
            if isinstance(node.get("properties"), dict):
                keys.update(node["properties"])
            if "in" in node and isinstance(node.get("name"), str):
                keys.add(node["name"])
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(load_spec())
    return keys


# Keys the object model may read that are not DSS's: httpx's per-request timeout extension, what
# typing.get_type_hints answers, and the attrs field of the generated models' unknown properties.
NOT_DSS_KEYS = {"timeout", "return", "additional_properties"}
TYPING_SUBSCRIPTS = {"Literal", "list", "dict", "tuple", "type"}


def _string_keys(tree: ast.AST) -> list[tuple[int, str]]:
    """String constants used as keys: `x["k"]`, `x.get("k")` (and pop, setdefault), `"k" in x`.

    Type expressions (`Literal["str"]`), dunders and HTTP header names (`retry-after`: DSS's JSON
    keys are identifiers) are left out.
    """
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Subscript) and isinstance(node.slice, ast.Constant):
            if not (isinstance(node.value, ast.Name) and node.value.id in TYPING_SUBSCRIPTS):
                found.append((node.lineno, node.slice.value))
        elif (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and node.func.attr in ("get", "pop", "setdefault")
            and node.args
            and isinstance(node.args[0], ast.Constant)
        ):
            found.append((node.lineno, node.args[0].value))
        elif isinstance(node, ast.Compare) and isinstance(node.left, ast.Constant):
            found += [(node.lineno, node.left.value) for op in node.ops if isinstance(op, ast.In | ast.NotIn)]
    return [(line, k) for line, k in found if isinstance(k, str) and k.isidentifier() and not k.startswith("__")]


def _object_model_sources() -> list[Path]:
    # The CLI (its own JSON output), the generated sync twin and the ~/.dataiku/config.json reader are not in scope.
    skipped = {FACADE / "cli", FACADE / "_sync"}
    return [p for p in FACADE.rglob("*.py") if not skipped & set(p.parents) and p.name != "_config.py"]


def test_the_object_model_names_no_key_the_spec_does_not_have() -> None:
    spec_keys = _spec_keys() | NOT_DSS_KEYS
    unknown = [
        f"{path.relative_to(ROOT)}:{line}: {key!r}"
        for path in _object_model_sources()
        for line, key in _string_keys(ast.parse(path.read_text()))
        if key not in spec_keys
    ]
    assert unknown == []
    # And it reads the keys it needs through the models: the views name none at all.
    for path in (FACADE / "_views").glob("*.py"):
        assert _string_keys(ast.parse(path.read_text())) == [], path


def test_the_cli_imports_only_public_names() -> None:
    wrong = []
    for path in sorted((FACADE / "cli").glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.ImportFrom):
                module = node.module or ""
                public = module in ("dss_codestudio", "dss_codestudio.models") or module.startswith(
                    "dss_codestudio.cli"
                )
                inside_cli = node.level == 1  # the CLI's own modules
                facade = (module == "dss_codestudio" or module.startswith("dss_codestudio.")) and node.level == 0
                if (node.level > 1) or (facade and not public) or (not inside_cli and node.level):
                    wrong.append(f"{path.name}:{node.lineno}: from {'.' * node.level}{module}")
                if module.startswith("dss_codestudio_openapi"):
                    wrong.append(f"{path.name}:{node.lineno}: from {module} (the generated client)")
            elif isinstance(node, ast.Import):
                wrong += [
                    f"{path.name}:{node.lineno}: import {a.name}"
                    for a in node.names
                    if a.name.startswith("dss_codestudio") and a.name not in ("dss_codestudio", "dss_codestudio.models")
                ]
    assert wrong == []


def test_public_classes_belong_to_the_public_package() -> None:
    classes = [obj for name in dss.__all__ if isinstance(obj := getattr(dss, name), type)]
    assert len(classes) > 40
    assert {cls.__name__: cls.__module__ for cls in classes if cls.__module__ != "dss_codestudio"} == {}
    assert repr(dss.CodeStudioState.RUNNING).startswith("<CodeStudioState.RUNNING")


def _private_names_of_libraries() -> set[str]:
    """The private attribute names of the httpx objects and of the generated client the facade holds."""
    from dss_codestudio_openapi import Client
    from dss_codestudio_openapi.api.code_studios import get_code_studio_status

    names: set[str] = set()
    client = httpx.Client()
    samples: list[object] = [
        client,
        httpx.AsyncClient,
        httpx.Request("GET", "http://x"),
        httpx.Response(200),
        httpx.URL("http://x"),
        httpx.HTTPTransport(),
        httpx.Headers(),
        Client(base_url="http://x"),
        get_code_studio_status,
    ]
    for sample in samples:
        names.update(dir(sample))
        names.update(getattr(sample, "__dict__", {}))
    client.close()
    return {n for n in names if n.startswith("_") and not n.endswith("_")}


def test_the_facade_uses_no_private_name_of_httpx_or_the_generated_client() -> None:
    """No `x._name` where `_name` is private to httpx or the generated client (the facade's own `self._x` aside)."""
    forbidden = _private_names_of_libraries()
    assert {"_transport", "_mounts", "_get_kwargs", "_build_response", "_async_client"} <= forbidden
    used = []
    for path in FACADE.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text())):
            own = (
                isinstance(node, ast.Attribute)
                and isinstance(node.value, ast.Name)
                and node.value.id in ("self", "cls")
            )
            if isinstance(node, ast.Attribute) and node.attr in forbidden and not own:
                used.append(f"{path.relative_to(ROOT)}:{node.lineno}: .{node.attr}")
    assert used == []


def test_a_field_added_to_the_spec_is_read_typed_through_the_facade_without_editing_it(tmp_path: Path) -> None:
    """Regenerate from a copy of the spec with one more field: the facade reads it, typed, as it is."""
    spec = yaml.safe_load(SPEC_PATH.read_text())
    spec["components"]["schemas"]["CodeStudioStatus"]["properties"]["podName"] = {
        "type": "string",
        "description": "The name of the pod the studio runs in.",
    }
    (tmp_path / "openapi.yaml").write_text(yaml.safe_dump(spec, sort_keys=False))
    sys.path.insert(0, str(ROOT / "codegen"))
    try:
        import regen
    finally:
        sys.path.remove(str(ROOT / "codegen"))
    generated = tmp_path / "generated"
    regen.generate(generated / "dss_codestudio_openapi", spec=tmp_path / "openapi.yaml")
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(generated), str(ROOT / "facade")])}

    probe = """
import json, typing, httpx, dss_codestudio_openapi
from dss_codestudio import DSSClient, DSSCodeStudioObjectStatus
from dss_codestudio.models import CodeStudioStatus
answer = {"state": "RUNNING", "podName": "studio-pod-7"}
with DSSClient("http://dss", "k", transport=httpx.MockTransport(lambda r: httpx.Response(200, json=answer))) as c:
    status = c.get_project("P").get_code_studio("S").get_status()
print(json.dumps({
    "package": dss_codestudio_openapi.__file__,
    "value": status.model.pod_name,
    "annotation": CodeStudioStatus.__annotations__["pod_name"],
    "unknown": sorted(status.model.additional_properties),
    "raw": status.get_raw(),
}))
"""
    run = subprocess.run([sys.executable, "-c", probe], env=env, capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stderr
    seen = json.loads(run.stdout)
    assert seen["package"].startswith(str(generated))
    assert seen["value"] == "studio-pod-7"
    assert seen["unknown"] == []  # a field of the model now, no longer an additional property
    assert seen["annotation"] == "str | Unset"
    assert seen["raw"] == {"state": "RUNNING", "podName": "studio-pod-7"}

    # And mypy sees its type through the view: `status.model.pod_name` is `str | Unset`.
    (tmp_path / "probe.py").write_text(
        "from typing import assert_type\n\n"
        "from dss_codestudio import DSSCodeStudioObjectStatus\n"
        "from dss_codestudio.models import Unset\n\n\n"
        "def read(status: DSSCodeStudioObjectStatus) -> None:\n"
        "    assert_type(status.model.pod_name, str | Unset)\n"
    )
    (tmp_path / "mypy.ini").write_text("[mypy]\n")
    mypy = [sys.executable, "-m", "mypy", "--config-file", "mypy.ini", "--strict", "--follow-imports=silent"]
    checked = subprocess.run(
        [*mypy, "--cache-dir", str(tmp_path / "cache"), "probe.py"],
        cwd=tmp_path,
        env={**env, "MYPYPATH": env["PYTHONPATH"]},
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert checked.returncode == 0, checked.stdout + checked.stderr


def test_status_fields_the_spec_marks_optional_read_as_absent_not_unset() -> None:
    status = dss.DSSCodeStudioObjectStatus("P", "S", CodeStudioStatus(state="STOPPED"))
    assert isinstance(status.model.job_id, Unset)
    assert (status.job_id, status.last_state_change, status.exposed, status.get_zones()) == (None, None, [], [])
    hints = typing.get_type_hints(dss.DSSCodeStudioObjectStatus.job_id.fget)
    assert hints["return"] == str | None


def test_lenient_reading_keeps_what_it_cannot_type_and_refuses_only_missing_required_fields(caplog) -> None:
    from dss_codestudio._parsing import parse_list
    from dss_codestudio.models import CodeStudioConflicts, SchemaMismatch, SyncedZone, parse
    from dss_codestudio_openapi.models import LibraryNode

    status = parse(CodeStudioStatus, {"state": "RUNNING", "exposed": {"not": "a list"}, "jobId": "J", "x": 1})
    assert (status.state, status.job_id, status.exposed) == ("RUNNING", "J", dss.models.UNSET)
    assert status.to_dict() == {"state": "RUNNING", "exposed": {"not": "a list"}, "jobId": "J", "x": 1}
    assert "CodeStudioStatus: the values of exposed do not match the spec" in caplog.text
    with pytest.raises(SchemaMismatch, match="required 'id'"):
        parse(SyncedZone, {"zone": "recipes"})
    with pytest.raises(SchemaMismatch, match="expected a JSON object"):
        parse(SyncedZone, ["id"])
    # A model whose unknown properties are models of one schema cannot keep a value of another shape.
    conflicts = parse(CodeStudioConflicts, {"z1": {"added": ["a.py"]}, "z2": 3, "error": "no"})
    assert list(conflicts.additional_properties) == ["z1"]
    assert conflicts.error == "no"
    nodes = parse_list(LibraryNode, [{"name": "a"}, 3, {"children": []}, {"name": "b", "children": [{"name": "c"}]}])
    assert [n.name for n in nodes] == ["a", "b"]


def test_views_are_made_from_raw_dictionaries_too() -> None:
    # What a future got by id answers is raw JSON: dataikuapi code wraps it in the typed result.
    stopped = dss.DSSCodeStudioStopResult({"state": "STOPPED", "pulled": {"z1": {"added": ["a.py"], "size": 3}}})
    assert stopped.state is dss.CodeStudioState.STOPPED
    assert (stopped.pulled["z1"].added, stopped.pulled["z1"].count, stopped.pulled["z1"].size) == (["a.py"], 1, 3)
    status = dss.DSSCodeStudioObjectStatus("P", "S", {"state": "RUNNING", "syncedZones": [{"id": "z"}]})
    assert status.get_zones() == ["z"]
    conflicts = dss.DSSCodeStudioObjectConflicts("z", {"z": {"modified": ["b.py"]}})
    assert (conflicts.modified, conflicts.count, conflicts["z"]) == (["b.py"], 1, {"modified": ["b.py"]})
