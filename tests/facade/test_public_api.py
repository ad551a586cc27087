"""The public surface: dataikuapi's names and parameters, sync and async twins, typed and documented."""

from __future__ import annotations

import inspect
import typing
from typing import Any

import dataikuapi
import dss_codestudio as dss
import pytest
from dataikuapi.dss import admin, codestudio, future, project, projectlibrary
from dataikuapi.dss import utils as dss_utils
from dss_codestudio import _views

# Each dataikuapi class of the code-studio surface, with the methods it has that ours leaves out (and why).
DATAIKUAPI_CLASSES: list[tuple[type, str, set[str]]] = [
    (codestudio.DSSCodeStudioObject, "DSSCodeStudioObject", set()),
    (codestudio.DSSCodeStudioObjectListItem, "DSSCodeStudioObjectListItem", set()),
    (codestudio.DSSCodeStudioObjectSettings, "DSSCodeStudioObjectSettings", set()),
    (codestudio.DSSCodeStudioObjectStatus, "DSSCodeStudioObjectStatus", set()),
    (codestudio.DSSCodeStudioObjectConflicts, "DSSCodeStudioObjectConflicts", set()),
    (admin.DSSCodeStudioTemplateListItem, "DSSCodeStudioTemplateListItem", set()),
    (admin.DSSCodeStudioTemplate, "DSSCodeStudioTemplate", set()),
    (admin.DSSCodeStudioTemplateSettings, "DSSCodeStudioTemplateSettings", set()),
    # get_result_wait_if_needed is marked private (":meta private:") in dataikuapi.
    (future.DSSFuture, "DSSFuture", {"get_result_wait_if_needed"}),
    (projectlibrary.DSSLibrary, "DSSLibrary", set()),
    (projectlibrary.DSSLibraryItem, "DSSLibraryItem", set()),
    (projectlibrary.DSSLibraryFolder, "DSSLibraryFolder", set()),
    (projectlibrary.DSSLibraryFile, "DSSLibraryFile", set()),
    (dss_utils.DSSInfoMessages, "DSSInfoMessages", set()),
    (dss_utils.DSSInfoMessage, "DSSInfoMessage", set()),
]
# DSSClient and DSSProject: only their code-studio, template, future and project calls are in scope.
DATAIKUAPI_METHODS: list[tuple[type, str, list[str]]] = [
    (
        dataikuapi.DSSClient,
        "DSSClient",
        [
            "list_code_studio_templates",
            "get_code_studio_template",
            "create_code_studio_template",
            "import_code_studio_template",
            "list_futures",
            "list_running_scenarios",
            "get_future",
            "get_project",
            "list_project_keys",
            "list_projects",
            "create_project",
        ],
    ),
    (
        project.DSSProject,
        "DSSProject",
        ["list_code_studios", "get_code_studio", "create_code_studio", "get_library", "delete"],
    ),
]


def _public(cls: type) -> dict[str, Any]:
    return {
        name: member
        for name, member in vars(cls).items()
        if not name.startswith("_") and (callable(member) or isinstance(member, property | staticmethod))
    }


def _params(member: Any) -> list[str]:
    target = member.__func__ if isinstance(member, staticmethod) else member
    if isinstance(target, property):
        return []
    sig = inspect.signature(target)
    return [p.name for p in sig.parameters.values() if p.kind not in (p.VAR_KEYWORD, p.VAR_POSITIONAL)]


def _ours(name: str) -> list[type]:
    return [getattr(dss, name), getattr(dss, "Async" + name, None) or getattr(dss, name)]


@pytest.mark.parametrize(("theirs", "name", "left_out"), DATAIKUAPI_CLASSES, ids=lambda v: getattr(v, "__name__", ""))
def test_every_dataikuapi_method_exists_with_its_parameters(theirs: type, name: str, left_out: set[str]) -> None:
    for ours in _ours(name):
        for method, member in _public(theirs).items():
            if method in left_out:
                continue
            assert hasattr(ours, method), f"{ours.__name__} lacks {method}"
            their_params = _params(member)
            our_params = _params(inspect.getattr_static(ours, method))
            # The same parameters in the same order; ours may add keyword parameters after them.
            assert our_params[: len(their_params)] == their_params, (ours.__name__, method)


@pytest.mark.parametrize(("theirs", "name", "methods"), DATAIKUAPI_METHODS, ids=lambda v: getattr(v, "__name__", ""))
def test_client_and_project_methods_match_dataikuapi(theirs: type, name: str, methods: list[str]) -> None:
    for ours in _ours(name):
        for method in methods:
            their_params = _params(getattr(theirs, method))
            our_params = _params(getattr(ours, method))
            if method == "delete":  # dataikuapi's **kwargs carries `wait` and `drop_data`
                their_params += ["wait", "drop_data"]
            assert our_params[: len(their_params)] == their_params, (ours.__name__, method)


def test_dssclient_takes_host_and_api_key_positionally() -> None:
    theirs = _params(dataikuapi.DSSClient.__init__)
    for ours in (dss.DSSClient, dss.AsyncDSSClient):
        assert _params(ours.__init__)[: len(theirs)] == theirs


def _twins() -> list[tuple[type, type]]:
    return [
        (getattr(dss, name), getattr(dss, name[len("Async") :])) for name in dss.__all__ if name.startswith("AsyncDSS")
    ]


@pytest.mark.parametrize(("async_cls", "sync_cls"), _twins(), ids=lambda c: c.__name__)
def test_sync_and_async_twins_have_the_same_surface(async_cls: type, sync_cls: type) -> None:
    async_only = {"gather"}
    async_names = {n for n in dir(async_cls) if not n.startswith("_")} - async_only
    sync_names = {n for n in dir(sync_cls) if not n.startswith("_")}
    assert async_names == sync_names
    for name in async_names:
        a, s = inspect.getattr_static(async_cls, name), inspect.getattr_static(sync_cls, name)
        if callable(a) and not isinstance(a, type):
            assert _params(a) == _params(s), name
            assert inspect.iscoroutinefunction(s) is False, name


def _public_classes() -> list[type]:
    return [obj for name in dss.__all__ if isinstance(obj := getattr(dss, name), type)]


def _mentions_any(hint: Any) -> bool:
    if hint is Any:
        return True
    return any(_mentions_any(arg) for arg in typing.get_args(hint))


@pytest.mark.parametrize("cls", _public_classes(), ids=lambda c: c.__name__)
def test_public_signatures_never_mention_any_or_unset(cls: type) -> None:
    namespace = {**vars(dss), **vars(_views)}
    for name, member in inspect.getmembers(cls):
        if name.startswith("_") and name not in ("__init__",):
            continue
        target = member.fget if isinstance(member, property) else member
        if not callable(target) or (getattr(target, "__module__", None) or "").split(".")[0] != "dss_codestudio":
            continue
        hints = typing.get_type_hints(target, globalns={**vars(inspect.getmodule(target)), **namespace})
        for param, hint in hints.items():
            assert not _mentions_any(hint), f"{cls.__name__}.{name} {param}: {hint}"
            assert "Unset" not in repr(hint), f"{cls.__name__}.{name} {param}: {hint}"


@pytest.mark.parametrize("cls", _public_classes(), ids=lambda c: c.__name__)
def test_every_public_class_and_method_is_documented(cls: type) -> None:
    assert cls.__doc__, cls.__name__
    for name, member in vars(cls).items():
        if name.startswith("_"):
            continue
        target = member.fget if isinstance(member, property) else getattr(member, "__func__", member)
        if callable(target) or isinstance(member, property):
            assert target.__doc__, f"{cls.__name__}.{name}"


def test_the_seed_example_runs_unchanged_apart_from_the_import() -> None:
    import httpx

    answers = iter(
        [
            {"jobId": "B1", "hasResult": False, "alive": True},
            {"jobId": "B1", "hasResult": True, "alive": False},
            {"jobId": "B1", "hasResult": True, "result": {"messages": {"error": False}, "builds": []}},
        ]
    )
    client = dss.DSSClient(
        "http://dss", "k", transport=httpx.MockTransport(lambda r: httpx.Response(200, json=next(answers)))
    )
    client._sender.sleep = lambda s: None
    # The seed document's example, verbatim after its first line.
    template_id = "my_template_id"
    # Obtain a handle on the code studio template
    my_template = client.get_code_studio_template(template_id)
    # Build the template. This operation is asynchronous
    build_template = my_template.build()
    build_template.wait_for_result()
    assert build_template.has_result()
    client.close()
