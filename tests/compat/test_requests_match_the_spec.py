"""Every request dataiku-api-client 15.2.0 sends for code studios, templates, futures, projects and
libraries matches an operation of openapi.yaml: method, path, parameter names and values, and body.

The official client runs unmodified; only its HTTP session is replaced by a recording stand-in that
prepares each request exactly as `requests` would put it on the wire, checks it against the spec and
answers with the example the spec gives for the matched operation. The methods to drive are read from
the client's classes, so a method added in a later client release fails `test_every_method_is_driven`
until it is driven here or excluded with a reason.
"""

from __future__ import annotations

import base64
import inspect
import io
import json
import re
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, unquote, urlsplit

import pytest
import requests
from dataikuapi import DSSClient
from dataikuapi.dss.admin import (
    DSSCodeEnv,
    DSSCodeStudioTemplate,
    DSSCodeStudioTemplateListItem,
    DSSCodeStudioTemplateSettings,
    DSSDesignCodeEnvSettings,
)
from dataikuapi.dss.codestudio import (
    DSSCodeStudioObject,
    DSSCodeStudioObjectConflicts,
    DSSCodeStudioObjectListItem,
    DSSCodeStudioObjectSettings,
    DSSCodeStudioObjectStatus,
)
from dataikuapi.dss.future import DSSFuture
from dataikuapi.dss.project import DSSProject, DSSProjectSettings
from dataikuapi.dss.projectlibrary import DSSLibrary, DSSLibraryFile, DSSLibraryFolder, DSSLibraryItem
from openapi_schema_validator import OAS30Validator

from tests.support.openapi_spec import Operation, load_spec, match, operations, resolve

HOST = "http://dss.example.test:11200"
PREFIX = "/dip/publicapi"
API_KEY = "dkuaps-recording-key"

# Classes whose whole public surface is driven.
WHOLE_CLASSES: list[type] = [
    DSSCodeStudioObject,
    DSSCodeStudioObjectListItem,
    DSSCodeStudioObjectSettings,
    DSSCodeStudioObjectStatus,
    DSSCodeStudioObjectConflicts,
    DSSCodeStudioTemplateListItem,
    DSSCodeStudioTemplate,
    DSSCodeStudioTemplateSettings,
    DSSFuture,
    DSSLibrary,
    DSSLibraryItem,
    DSSLibraryFolder,
    DSSLibraryFile,
    DSSProjectSettings,
]
# Classes of which only the code-studio, template, future, project and library methods are in scope.
PARTIAL_CLASSES: dict[type, str] = {
    DSSClient: (
        r"code_studio|future|project_key|^list_projects$|^get_project$|^create_project$"
        r"|running_scenarios|default_project|^get_auth_info$|^list_code_envs$|^get_code_env$"
    ),
    DSSProject: r"code_studio|library|^delete$|^get_summary$|metadata$|^get_settings$|permissions$",
    # The code env calls a template import's remapping and a project's settings need.
    DSSCodeEnv: r"^get_definition$|^set_definition$|^get_settings$",
    DSSDesignCodeEnvSettings: r"^get_raw$|^save$|^env_lang$|^env_name$|required_packages$|built_container_confs$",
}
EXCLUDED = {
    "DSSClient.get_default_project": "imports the `dataiku` package that only exists inside DSS; it sends no request",
}


def _defined_in_dataikuapi(obj: Any) -> bool:
    target = obj.fget if isinstance(obj, property) else getattr(obj, "__func__", obj)
    return getattr(target, "__module__", "").startswith("dataikuapi")


def public_methods() -> set[str]:
    """Every public method and property, by `Class.name`, that the test must drive."""
    names = set()
    for cls in [*WHOLE_CLASSES, *PARTIAL_CLASSES]:
        pattern = PARTIAL_CLASSES.get(cls)
        for name in dir(cls):
            if name.startswith("_") or (pattern and not re.search(pattern, name)):
                continue
            static = inspect.getattr_static(cls, name)
            if _defined_in_dataikuapi(static):
                names.add(f"{cls.__name__}.{name}")
    return names


# ---------------------------------------------------------------------------------------------------
# The recording stand-in for requests.Session


@dataclass
class Recorded:
    """A request as it went on the wire, with the operation it matched."""

    method: str
    url: str
    operation: Operation
    path_params: dict[str, str]
    query: list[tuple[str, str]]
    body: bytes | None
    content_type: str | None
    files: dict[str, Any] | None


@dataclass
class RecordingSession:
    """Stands in for `requests.Session`: records, checks against the spec, answers the spec's example."""

    auth: Any = None
    headers: dict[str, str] = field(default_factory=dict)
    verify: bool = True
    cert: Any = None
    recorded: list[Recorded] = field(default_factory=list)
    # operationId -> queue of (status, JSON body) answers that replace the example.
    overrides: dict[str, list[tuple[int, Any]]] = field(default_factory=dict)

    def request(
        self,
        method: str,
        url: str,
        params: Any = None,
        data: Any = None,
        files: Any = None,
        stream: bool = False,
        headers: Any = None,
        verify: Any = None,
        **_: Any,
    ) -> requests.Response:
        prepared = requests.Request(
            method,
            url,
            params=params,
            data=data,
            files=files,
            headers={**self.headers, **(headers or {})},
            auth=self.auth,
        ).prepare()
        split = urlsplit(prepared.url or "")
        assert split.path.startswith(PREFIX), prepared.url
        found = match(method, unquote(split.path[len(PREFIX) :]))
        assert found is not None, f"no operation of the spec matches {method} {prepared.url}"
        op, path_params = found
        body = prepared.body.encode() if isinstance(prepared.body, str) else prepared.body
        rec = Recorded(
            method,
            prepared.url or "",
            op,
            {k: unquote(v) for k, v in path_params.items()},
            parse_qsl(split.query, keep_blank_values=True),
            body,
            prepared.headers.get("Content-Type"),
            files,
        )
        check_against_spec(rec, prepared)
        self.recorded.append(rec)
        return self._answer(rec)

    def _answer(self, rec: Recorded) -> requests.Response:
        queue = self.overrides.get(rec.operation.operation_id)
        if queue:
            status, payload = queue.pop(0)
        else:
            status, payload = 200, example_answer(rec)
        response = requests.Response()
        response.status_code = status
        if isinstance(payload, bytes):
            content = payload
            response.headers["Content-Type"] = "application/zip"
        elif payload is None:
            response.status_code = 204 if status == 200 else status
            content = b""
        else:
            content = json.dumps(payload).encode()
            response.headers["Content-Type"] = "application/json"
        response._content = content
        response.raw = io.BytesIO(content)
        response.url = rec.url
        return response


def example_zip() -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("template.json", json.dumps({"type": "block_based", "label": "exported"}))
        zf.writestr("manifest.json", json.dumps({"dssVersion": "13.5.4", "templateDataModelVersion": "1"}))
        zf.writestr("exportSpec.json", json.dumps({"resourcesMap": {}, "usedCodeEnvRefs": []}))
    return buf.getvalue()


def example_answer(rec: Recorded) -> Any:
    """The spec's example for the first 2xx answer of the operation (None for 204)."""
    op = rec.operation
    for status, response in sorted(op.raw["responses"].items()):
        if not status.startswith("2"):
            continue
        content = resolve(response).get("content")
        if not content:
            return None
        if "application/zip" in content:
            return example_zip()
        example = content["application/json"]["example"]
        if op.operation_id == "getProjectLibraryFile" and ("dataEncoding", "base64") in rec.query:
            return {**example, "data": base64.b64encode(example["data"].encode()).decode()}
        return example
    raise AssertionError(f"{op.operation_id} documents no 2xx answer")


def _validator(schema: dict[str, Any]) -> OAS30Validator:
    root = load_spec()
    # Resolve local refs against the whole document.
    return OAS30Validator({**schema, "components": root["components"]})


def _coerce_query(value: str, schema: dict[str, Any]) -> Any:
    if schema.get("type") == "boolean":
        assert value.lower() in ("true", "false"), f"not a boolean: {value!r}"
        return value.lower() == "true"
    if schema.get("type") == "integer":
        return int(value)
    return value


def check_against_spec(rec: Recorded, prepared: requests.PreparedRequest) -> None:
    """Assert that the request is one the spec describes."""
    op = rec.operation
    where = f"{rec.method} {rec.url} ({op.operation_id})"
    assert (prepared.headers.get("Authorization") or "").startswith("Basic "), where
    for name, value in rec.path_params.items():
        errors = list(_validator(op.param(name, "path")["schema"]).iter_errors(value))
        assert not errors, f"{where}: path parameter {name}={value!r}: {errors[0].message}"
    declared = op.params_in("query")
    sent = [name for name, _ in rec.query]
    assert len(sent) == len(set(sent)), f"{where}: repeated query parameter"
    for name, value in rec.query:
        assert name in declared, f"{where}: query parameter {name!r} is not in the spec"
        schema = declared[name]["schema"]
        errors = list(_validator(schema).iter_errors(_coerce_query(value, schema)))
        assert not errors, f"{where}: query {name}={value!r}: {errors[0].message}"
    for name, param in declared.items():
        if param.get("required"):
            assert name in sent, f"{where}: required query parameter {name} missing"
    content = op.body_content
    request_body = resolve(op.raw.get("requestBody", {}))
    if not rec.body and not rec.files:
        assert not request_body.get("required"), f"{where}: the spec requires a body"
        return
    assert content, f"{where}: sends a body the spec does not describe"
    if "application/json" in content:
        assert rec.body is not None
        payload = json.loads(rec.body)
        errors = list(_validator(content["application/json"]["schema"]).iter_errors(payload))
        assert not errors, f"{where}: body {payload!r}: {errors[0].message}"
    elif "multipart/form-data" in content:
        assert (rec.content_type or "").startswith("multipart/form-data"), where
        schema = resolve(content["multipart/form-data"]["schema"])
        assert rec.files is not None
        assert set(rec.files) <= set(schema["properties"]), where
        assert set(schema.get("required", [])) <= set(rec.files), where
    else:
        assert "application/octet-stream" in content, where


# ---------------------------------------------------------------------------------------------------
# Drivers: one per public method, each calling it as a user would.


@dataclass
class Ctx:
    """What a driver works with: a client whose session records, and a scratch folder."""

    client: DSSClient
    session: RecordingSession
    tmp: Path

    @property
    def project(self) -> DSSProject:
        return self.client.get_project("MYPROJ")

    @property
    def studio(self) -> DSSCodeStudioObject:
        return self.project.get_code_studio("62GsjBq")

    @property
    def template(self) -> DSSCodeStudioTemplate:
        return self.client.get_code_studio_template("vscode-template")

    def library(self) -> DSSLibrary:
        return self.project.get_library()

    def ops(self) -> list[str]:
        return [r.operation.operation_id for r in self.session.recorded]


def _conflicts(c: Ctx) -> DSSCodeStudioObjectConflicts:
    result: DSSCodeStudioObjectConflicts = c.studio.check_conflicts("csz-2")
    return result


def _import(c: Ctx) -> Any:
    archive = c.tmp / "template.zip"
    archive.write_bytes(example_zip())
    return c.client.import_code_studio_template(
        str(archive), label="Imported copy", import_spec={"codeEnvRemapping": []}
    )


def _library_file(c: Ctx) -> DSSLibraryFile:
    f = c.library().get_file("python/compute_orders.py")
    assert isinstance(f, DSSLibraryFile)
    return f


def _library_folder(c: Ctx) -> DSSLibraryFolder:
    f = c.library().get_folder("python")
    assert isinstance(f, DSSLibraryFolder)
    return f


def _add_file(parent: Callable[[Ctx], DSSLibrary | DSSLibraryFolder]) -> Callable[[Ctx], Any]:
    def driver(c: Ctx) -> Any:
        # add_file first reads the file to check that it does not exist yet: answer 404 to that read.
        not_found = {"errorType": "com.dataiku.dip.server.controllers.NotFoundException", "message": "no such file"}
        c.session.overrides["getProjectLibraryFile"] = [(404, not_found)]
        item = parent(c).add_file("new_module.py")
        item.write("print('hello')\n")
        return item

    return driver


def _set_metadata(c: Ctx) -> None:
    metadata = c.project.get_metadata()
    metadata["tags"] = ["tag1", "tag2"]
    c.project.set_metadata(metadata)


def _set_permissions(c: Ctx) -> None:
    permissions = c.project.get_permissions()
    permissions["permissions"].append({"group": "data_team", "readProjectContent": True, "readDashboards": True})
    c.project.set_permissions(permissions)


def _save_project_settings(c: Ctx) -> None:
    settings = c.project.get_settings()
    settings.set_python_code_env("py311")
    settings.set_k8s_cluster("c1")
    settings.add_exposed_object("DATASET", "orders", "OTHER")
    settings.save()


def _code_env(c: Ctx) -> DSSCodeEnv:
    return c.client.get_code_env("PYTHON", "py311")


def _save_code_env_settings(c: Ctx) -> None:
    settings = _code_env(c).get_settings()
    assert isinstance(settings, DSSDesignCodeEnvSettings)
    settings.set_required_packages("pandas", "scikit-learn")
    settings.save()


def _wait_polled(c: Ctx) -> Any:
    future = c.studio.restart()
    return future.wait_for_result()


# name -> (driver, operations it must reach; empty for methods that only read local state)
DRIVERS: dict[str, tuple[Callable[[Ctx], Any], list[str]]] = {
    # DSSClient
    "DSSClient.list_code_studio_templates": (
        lambda c: [c.client.list_code_studio_templates(), c.client.list_code_studio_templates(as_type="objects")],
        ["listCodeStudioTemplates", "listCodeStudioTemplates"],
    ),
    "DSSClient.get_code_studio_template": (lambda c: c.client.get_code_studio_template("vscode-template"), []),
    "DSSClient.create_code_studio_template": (
        lambda c: c.client.create_code_studio_template("My template", "block_based"),
        ["createCodeStudioTemplate"],
    ),
    "DSSClient.import_code_studio_template": (_import, ["importCodeStudioTemplate"]),
    "DSSClient.list_futures": (
        lambda c: [c.client.list_futures(), c.client.list_futures(as_objects=True, all_users=True)],
        ["listFutures", "listFutures"],
    ),
    "DSSClient.list_running_scenarios": (lambda c: c.client.list_running_scenarios(all_users=True), ["listFutures"]),
    "DSSClient.get_future": (lambda c: c.client.get_future("Xb7KqLpD"), []),
    "DSSClient.list_project_keys": (lambda c: c.client.list_project_keys(), ["listProjects"]),
    "DSSClient.list_projects": (lambda c: c.client.list_projects(include_location=True), ["listProjects"]),
    "DSSClient.get_project": (lambda c: c.client.get_project("MYPROJ"), []),
    "DSSClient.create_project": (
        lambda c: [
            c.client.create_project("NEWPROJ", "New project", "admin"),
            c.client.create_project(
                "OTHER", "Other", "admin", description="d", settings={"x": 1}, project_folder_id="ROOT", tags=["t"]
            ),
        ],
        ["createProject", "createProject"],
    ),
    "DSSClient.get_auth_info": (
        lambda c: [c.client.get_auth_info(), c.client.get_auth_info(with_secrets=True)],
        ["getAuthInfo", "getAuthInfo"],
    ),
    "DSSClient.list_code_envs": (
        lambda c: [c.client.list_code_envs(), c.client.list_code_envs(as_objects=True)],
        ["listCodeEnvs", "listCodeEnvs"],
    ),
    "DSSClient.get_code_env": (lambda c: c.client.get_code_env("PYTHON", "py311"), []),
    # DSSProject
    "DSSProject.get_summary": (lambda c: c.project.get_summary(), ["getProjectSummary"]),
    "DSSProject.get_metadata": (lambda c: c.project.get_metadata(), ["getProjectMetadata"]),
    "DSSProject.set_metadata": (_set_metadata, ["getProjectMetadata", "setProjectMetadata"]),
    "DSSProject.get_settings": (lambda c: c.project.get_settings(), ["getProjectSettings"]),
    "DSSProject.get_permissions": (lambda c: c.project.get_permissions(), ["getProjectPermissions"]),
    "DSSProject.set_permissions": (_set_permissions, ["getProjectPermissions", "setProjectPermissions"]),
    # DSSProjectSettings: the helpers change the dictionary; save sends it.
    **{
        f"DSSProjectSettings.{name}": (lambda c, call=call: call(c.project.get_settings()), ["getProjectSettings"])
        for name, call in {
            "get_raw": lambda s: s.get_raw(),
            "set_python_code_env": lambda s: [s.set_python_code_env("py311"), s.set_python_code_env(None)],
            "set_r_code_env": lambda s: [s.set_r_code_env("r4"), s.set_r_code_env(None)],
            "set_container_exec_config": lambda s: [
                s.set_container_exec_config("k8s"),
                s.set_container_exec_config(None),
            ],
            "set_k8s_cluster": lambda s: [s.set_k8s_cluster("c1", "c2"), s.set_k8s_cluster(None)],
            "set_cluster": lambda s: [s.set_cluster("c1"), s.set_cluster(None)],
            "add_exposed_object": lambda s: s.add_exposed_object("DATASET", "orders", "OTHER"),
        }.items()
    },
    "DSSProjectSettings.save": (_save_project_settings, ["getProjectSettings", "saveProjectSettings"]),
    # DSSCodeEnv and its settings
    "DSSCodeEnv.get_definition": (lambda c: _code_env(c).get_definition(), ["getCodeEnv"]),
    "DSSCodeEnv.set_definition": (
        lambda c: _code_env(c).set_definition(_code_env(c).get_definition()),
        ["getCodeEnv", "saveCodeEnv"],
    ),
    "DSSCodeEnv.get_settings": (lambda c: _code_env(c).get_settings(), ["getCodeEnv"]),
    **{
        f"DSSDesignCodeEnvSettings.{name}": (lambda c, call=call: call(_code_env(c).get_settings()), ["getCodeEnv"])
        for name, call in {
            "get_raw": lambda s: s.get_raw(),
            "env_lang": lambda s: s.env_lang,
            "env_name": lambda s: s.env_name,
            "get_required_packages": lambda s: s.get_required_packages(as_list=True),
            "set_required_packages": lambda s: s.set_required_packages("pandas", "requests"),
            "get_built_container_confs": lambda s: s.get_built_container_confs(),
            "set_built_container_confs": lambda s: s.set_built_container_confs("k8s"),
        }.items()
    },
    "DSSDesignCodeEnvSettings.save": (_save_code_env_settings, ["getCodeEnv", "saveCodeEnv"]),
    "DSSProject.list_code_studios": (
        lambda c: [c.project.list_code_studios(), c.project.list_code_studios(as_type="objects")],
        ["listCodeStudios", "listCodeStudios"],
    ),
    "DSSProject.get_code_studio": (lambda c: c.project.get_code_studio("62GsjBq"), []),
    "DSSProject.create_code_studio": (
        lambda c: c.project.create_code_studio("My VS Code", "vscode-template"),
        ["createCodeStudio"],
    ),
    "DSSProject.get_library": (lambda c: c.project.get_library(), ["getProjectLibraryContents"]),
    "DSSProject.delete": (
        lambda c: [c.project.delete(), c.project.delete(clear_managed_datasets=True, wait=False)],
        ["deleteProject", "deleteProject"],
    ),
    # DSSCodeStudioObject
    "DSSCodeStudioObject.delete": (lambda c: c.studio.delete(), ["deleteCodeStudio"]),
    "DSSCodeStudioObject.get_settings": (lambda c: c.studio.get_settings(), ["getCodeStudioSettings"]),
    "DSSCodeStudioObject.get_status": (lambda c: c.studio.get_status(), ["getCodeStudioStatus"]),
    "DSSCodeStudioObject.stop": (lambda c: c.studio.stop().wait_for_result(), ["stopCodeStudio"]),
    "DSSCodeStudioObject.restart": (_wait_polled, ["restartCodeStudio", "getFutureState"]),
    "DSSCodeStudioObject.check_conflicts": (_conflicts, ["checkCodeStudioConflicts"]),
    "DSSCodeStudioObject.pull_from_code_studio": (
        lambda c: c.studio.pull_from_code_studio("csz-2"),
        ["pullFromCodeStudio"],
    ),
    "DSSCodeStudioObject.push_to_code_studio": (
        lambda c: c.studio.push_to_code_studio("csz-2"),
        ["pushToCodeStudio"],
    ),
    "DSSCodeStudioObject.change_owner": (
        lambda c: c.studio.change_owner("alice+ops@example.com"),
        ["changeCodeStudioOwner"],
    ),
    # DSSCodeStudioObjectListItem
    **{
        f"DSSCodeStudioObjectListItem.{name}": (
            lambda c, name=name: getattr(c.project.list_code_studios()[0], name),
            ["listCodeStudios"],
        )
        for name in ("name", "id", "owner", "template_id", "template_label", "template_description")
    },
    "DSSCodeStudioObjectListItem.to_code_studio": (
        lambda c: c.project.list_code_studios()[0].to_code_studio(),
        ["listCodeStudios"],
    ),
    # DSSCodeStudioObjectSettings
    **{
        f"DSSCodeStudioObjectSettings.{name}": (
            lambda c, name=name: getattr(c.studio.get_settings(), name),
            ["getCodeStudioSettings"],
        )
        for name in ("id", "name", "owner", "template_id", "lib_name")
    },
    "DSSCodeStudioObjectSettings.get_raw": (lambda c: c.studio.get_settings().get_raw(), ["getCodeStudioSettings"]),
    # DSSCodeStudioObjectStatus
    "DSSCodeStudioObjectStatus.get_raw": (lambda c: c.studio.get_status().get_raw(), ["getCodeStudioStatus"]),
    "DSSCodeStudioObjectStatus.state": (lambda c: c.studio.get_status().state, ["getCodeStudioStatus"]),
    "DSSCodeStudioObjectStatus.last_state_change": (
        lambda c: c.studio.get_status().last_state_change,
        ["getCodeStudioStatus"],
    ),
    "DSSCodeStudioObjectStatus.get_zones": (
        lambda c: [c.studio.get_status().get_zones(), c.studio.get_status().get_zones(as_type="objects")],
        ["getCodeStudioStatus", "getCodeStudioStatus"],
    ),
    # DSSCodeStudioObjectConflicts
    **{
        f"DSSCodeStudioObjectConflicts.{name}": (
            lambda c, name=name: getattr(_conflicts(c), name),
            ["checkCodeStudioConflicts"],
        )
        for name in ("is_error", "authors", "added", "modified", "deleted")
    },
    "DSSCodeStudioObjectConflicts.get_raw": (lambda c: _conflicts(c).get_raw(), ["checkCodeStudioConflicts"]),
    # DSSCodeStudioTemplateListItem
    **{
        f"DSSCodeStudioTemplateListItem.{name}": (
            lambda c, name=name: getattr(c.client.list_code_studio_templates()[0], name),
            ["listCodeStudioTemplates"],
        )
        for name in ("label", "id", "build_for_configs", "last_built")
    },
    "DSSCodeStudioTemplateListItem.to_code_studio_template": (
        lambda c: c.client.list_code_studio_templates()[0].to_code_studio_template(),
        ["listCodeStudioTemplates"],
    ),
    # DSSCodeStudioTemplate
    "DSSCodeStudioTemplate.get_settings": (lambda c: c.template.get_settings(), ["getCodeStudioTemplateSettings"]),
    "DSSCodeStudioTemplate.build": (
        lambda c: [c.template.build(), c.template.build(disable_docker_cache=True).wait_for_result()],
        ["buildCodeStudioTemplate", "buildCodeStudioTemplate", "getFutureState"],
    ),
    "DSSCodeStudioTemplate.get_export_stream": (
        lambda c: c.template.get_export_stream().read(),
        ["exportCodeStudioTemplate"],
    ),
    "DSSCodeStudioTemplate.export_to_file": (
        lambda c: c.template.export_to_file(str(c.tmp / "export.zip")),
        ["exportCodeStudioTemplate"],
    ),
    "DSSCodeStudioTemplate.delete": (
        lambda c: [c.template.delete(), c.template.delete(delete_runtime=True, delete_images=True)],
        ["deleteCodeStudioTemplate", "deleteCodeStudioTemplate"],
    ),
    # DSSCodeStudioTemplateSettings
    "DSSCodeStudioTemplateSettings.get_raw": (
        lambda c: c.template.get_settings().get_raw(),
        ["getCodeStudioTemplateSettings"],
    ),
    "DSSCodeStudioTemplateSettings.get_built_for_all_container_confs": (
        lambda c: c.template.get_settings().get_built_for_all_container_confs(),
        ["getCodeStudioTemplateSettings"],
    ),
    "DSSCodeStudioTemplateSettings.get_built_container_confs": (
        lambda c: c.template.get_settings().get_built_container_confs(),
        ["getCodeStudioTemplateSettings"],
    ),
    "DSSCodeStudioTemplateSettings.set_built_container_confs": (
        lambda c: _set_confs_and_save(c),
        ["getCodeStudioTemplateSettings", "saveCodeStudioTemplateSettings", "saveCodeStudioTemplateSettings"],
    ),
    "DSSCodeStudioTemplateSettings.save": (
        lambda c: c.template.get_settings().save(),
        ["getCodeStudioTemplateSettings", "saveCodeStudioTemplateSettings"],
    ),
    # DSSFuture
    "DSSFuture.abort": (lambda c: c.client.get_future("Xb7KqLpD").abort(), ["abortFuture"]),
    "DSSFuture.get_state": (lambda c: c.client.get_future("Xb7KqLpD").get_state(), ["getFutureState"]),
    "DSSFuture.peek_state": (lambda c: c.client.get_future("Xb7KqLpD").peek_state(), ["getFutureState"]),
    "DSSFuture.get_result": (lambda c: c.client.get_future("Xb7KqLpD").get_result(), ["getFutureState"]),
    "DSSFuture.has_result": (lambda c: c.client.get_future("Xb7KqLpD").has_result(), ["getFutureState"]),
    "DSSFuture.wait_for_result": (
        lambda c: c.client.get_future("Xb7KqLpD").wait_for_result(),
        ["getFutureState"],
    ),
    "DSSFuture.from_resp": (lambda c: DSSFuture.from_resp(c.client, {"hasResult": True, "result": {}}), []),
    "DSSFuture.get_result_wait_if_needed": (
        lambda c: DSSFuture.get_result_wait_if_needed(c.client, {"jobId": "Xb7KqLpD", "hasResult": False}),
        ["getFutureState"],
    ),
    # DSSLibrary
    "DSSLibrary.list": (lambda c: c.library().list(), ["getProjectLibraryContents"]),
    "DSSLibrary.get_file": (_library_file, ["getProjectLibraryContents"]),
    "DSSLibrary.get_folder": (_library_folder, ["getProjectLibraryContents"]),
    "DSSLibrary.add_file": (
        _add_file(lambda c: c.library()),
        ["getProjectLibraryContents", "getProjectLibraryFile", "writeProjectLibraryFile", "writeProjectLibraryFile"],
    ),
    "DSSLibrary.add_folder": (
        lambda c: c.library().add_folder("notebooks"),
        ["getProjectLibraryContents", "createProjectLibraryFolder"],
    ),
    # DSSLibraryItem (the methods DSSLibraryFile and DSSLibraryFolder inherit)
    "DSSLibraryItem.path": (lambda c: _library_file(c).path, ["getProjectLibraryContents"]),
    "DSSLibraryItem.is_root": (lambda c: _library_file(c).is_root(), ["getProjectLibraryContents"]),
    "DSSLibraryItem.delete": (
        lambda c: _library_file(c).delete(),
        ["getProjectLibraryContents", "deleteProjectLibraryItem"],
    ),
    "DSSLibraryItem.rename": (
        lambda c: _library_file(c).rename("orders.py"),
        ["getProjectLibraryContents", "renameProjectLibraryItem"],
    ),
    "DSSLibraryItem.move_to": (
        lambda c: _move(c),
        ["getProjectLibraryContents", "moveProjectLibraryItem"],
    ),
    # DSSLibraryFolder
    "DSSLibraryFolder.get_child": (
        lambda c: _library_folder(c).get_child("compute_orders.py"),
        ["getProjectLibraryContents"],
    ),
    "DSSLibraryFolder.get_file": (
        lambda c: _library_folder(c).get_file("compute_orders.py"),
        ["getProjectLibraryContents"],
    ),
    "DSSLibraryFolder.get_folder": (lambda c: c.library().root.get_folder("python"), ["getProjectLibraryContents"]),
    "DSSLibraryFolder.list": (lambda c: _library_folder(c).list(), ["getProjectLibraryContents"]),
    "DSSLibraryFolder.add_file": (
        _add_file(_library_folder),
        ["getProjectLibraryContents", "getProjectLibraryFile", "writeProjectLibraryFile", "writeProjectLibraryFile"],
    ),
    "DSSLibraryFolder.add_folder": (
        lambda c: _library_folder(c).add_folder("sub folder"),
        ["getProjectLibraryContents", "createProjectLibraryFolder"],
    ),
    # DSSLibraryFile
    "DSSLibraryFile.read": (
        lambda c: [_library_file(c).read(), _library_file(c).read(as_type="bytes")],
        ["getProjectLibraryContents", "getProjectLibraryFile", "getProjectLibraryContents", "getProjectLibraryFile"],
    ),
    "DSSLibraryFile.write": (
        lambda c: _library_file(c).write("import dataiku\nprint('ünïcode')\n".encode()),
        ["getProjectLibraryContents", "writeProjectLibraryFile"],
    ),
}
# Inherited methods are the same code: DSSLibraryFile and DSSLibraryFolder reach them through DSSLibraryItem.
for _sub in ("DSSLibraryFile", "DSSLibraryFolder"):
    for _name in ("path", "is_root", "delete", "rename", "move_to"):
        DRIVERS[f"{_sub}.{_name}"] = DRIVERS[f"DSSLibraryItem.{_name}"]


def _set_confs_and_save(c: Ctx) -> None:
    settings = c.template.get_settings()
    settings.set_built_container_confs("k8s-default", "k8s-gpu")
    assert settings.get_built_container_confs() == ("k8s-default", "k8s-gpu")
    settings.save()
    settings.set_built_container_confs(all=True)
    assert settings.get_built_for_all_container_confs() is True
    settings.save()


def _move(c: Ctx) -> None:
    library = c.library()
    target = library.get_folder("python")
    readme = library.get_file("README.md")
    assert target is not None
    assert readme is not None
    readme.move_to(target)


@pytest.fixture
def ctx(tmp_path: Path) -> Ctx:
    client = DSSClient(HOST, api_key=API_KEY)
    session = RecordingSession(auth=client._session.auth)
    client._session = session
    return Ctx(client, session, tmp_path)


def test_every_method_is_driven() -> None:
    methods = public_methods()
    missing = methods - DRIVERS.keys() - EXCLUDED.keys()
    assert not missing, f"official-client methods with no driver and no exclusion: {sorted(missing)}"
    unknown = DRIVERS.keys() - methods
    assert not unknown, f"drivers for methods the client does not have: {sorted(unknown)}"


@pytest.mark.parametrize("name", sorted(DRIVERS))
def test_official_client_request_matches_spec(name: str, ctx: Ctx) -> None:
    driver, expected = DRIVERS[name]
    driver(ctx)
    assert ctx.ops() == expected


def test_every_spec_operation_is_reached_by_the_official_client() -> None:
    """Every operation DSS has: the reference server's extensions (`x-dss-codestudio-extension`) apart."""
    reached = {op for _, ops in DRIVERS.values() for op in ops}
    dss_operations = {op.operation_id for op in operations() if not op.raw.get("x-dss-codestudio-extension")}
    assert dss_operations - reached == set()
    assert {op.operation_id for op in operations()} - dss_operations == {"createCodeStudioBrowserLogin"}


def test_recorder_rejects_what_the_spec_does_not_describe(ctx: Ctx) -> None:
    """The stand-in is strict: an unknown path, query parameter or body key fails."""
    with pytest.raises(AssertionError, match="no operation"):
        ctx.client._perform_json("GET", "/projects/MYPROJ/code-studios/62GsjBq/logs")
    with pytest.raises(AssertionError, match="not in the spec"):
        ctx.client._perform_json("GET", "/futures/", params={"limit": 3})
    with pytest.raises(AssertionError, match="body"):
        ctx.client._perform_json("POST", "/projects/MYPROJ/code-studios/", body={"name": "x", "template": "y"})
    with pytest.raises(AssertionError, match="path parameter"):
        ctx.client._perform_json("GET", "/projects/MY-PROJ/code-studios/")
