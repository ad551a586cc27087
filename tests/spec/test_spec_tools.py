"""openapi.yaml as integrators use it: Spectral and Redocly lint it clean, openapi-typescript types it for tsc --strict.

The linters run with the committed configuration (.spectral.yaml, redocly.yaml and
.redocly.lint-ignore.yaml at the repository root), whose one waiver is the trailing slash of six
DSS paths, each named; any other problem, of any severity, fails. A copy of the spec with an unused
schema and a new trailing-slash path shows that the waiver is that narrow and that the linters see
the problems. The TypeScript test generates types from the spec and compiles tests/spec/typescript/usage.ts
(template blocks narrowed by their type, a plugin block, the typed results of build, start and stop
futures, and `@ts-expect-error` lines that must stay errors) with `tsc --strict`.

The tools are pinned in tools/node/package-lock.json and run on the dev extra's Node.js
(tests/support/node_tools.py). Without Node.js these tests skip, except in CI (CI=true) where they fail.
"""

from __future__ import annotations

import copy
import json
import os
import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.support.node_tools import ROOT, NodeMissing, NodeTools, node_tools

SPEC = ROOT / "openapi.yaml"
USAGE = Path(__file__).with_name("typescript")
# The waiver: DSS's collection paths that end with a slash (the linters' configuration explains why).
TRAILING_SLASH_PATHS = [
    "/admin/code-envs/",
    "/admin/code-studios/",
    "/projects/",
    "/projects/{projectKey}/code-studios/",
    "/projects/{projectKey}/libraries/contents-actions/rename/",
    "/futures/",
]


def pointer(path: str) -> str:
    return "#/paths/" + path.replace("~", "~0").replace("/", "~1")


@pytest.fixture(scope="module")
def tools() -> NodeTools:
    try:
        return node_tools()
    except NodeMissing as exc:
        if os.environ.get("CI") == "true":
            pytest.fail(f"CI must run the spec tools: {exc}")
        pytest.skip(str(exc))


def spectral(tools: NodeTools, spec: Path, ruleset: Path) -> list[dict[str, Any]]:
    done = tools.run("spectral", "lint", spec, "--ruleset", ruleset, "--format", "json", "--quiet", cwd=spec.parent)
    assert done.returncode in (0, 1), done.stdout + done.stderr  # 1: problems found, reported in the JSON
    problems: list[dict[str, Any]] = json.loads(done.stdout or "[]")
    return problems


def redocly(tools: NodeTools, spec: Path, config: Path) -> dict[str, Any]:
    done = tools.run("redocly", "lint", spec, "--config", config, "--format", "json", cwd=spec.parent)
    assert done.returncode in (0, 1), done.stdout + done.stderr
    report: dict[str, Any] = json.loads(done.stdout)
    return report


def test_the_waived_paths_are_dss_paths_ending_with_a_slash_and_both_linters_waive_the_same() -> None:
    spec_paths = [p for p in yaml.safe_load(SPEC.read_text())["paths"] if p.endswith("/")]
    assert sorted(spec_paths) == sorted(TRAILING_SLASH_PATHS)
    [override] = yaml.safe_load((ROOT / ".spectral.yaml").read_text())["overrides"]
    assert override["rules"] == {"path-keys-no-trailing-slash": "off"}
    encoded = [pointer(p).replace("{", "%7B").replace("}", "%7D") for p in TRAILING_SLASH_PATHS]
    assert sorted(override["files"]) == sorted(f"openapi.yaml{p}" for p in encoded)
    ignored = yaml.safe_load((ROOT / ".redocly.lint-ignore.yaml").read_text())
    assert ignored == {"openapi.yaml": {"no-path-trailing-slash": [pointer(p) for p in TRAILING_SLASH_PATHS]}}
    assert yaml.safe_load((ROOT / "redocly.yaml").read_text()) == {"extends": ["recommended"]}


def test_spectral_reports_nothing(tools: NodeTools) -> None:
    problems = spectral(tools, SPEC, ROOT / ".spectral.yaml")
    assert [(p["code"], "/".join(map(str, p["path"])), p["message"]) for p in problems] == []


def test_redocly_reports_nothing_but_the_waived_paths(tools: NodeTools) -> None:
    report = redocly(tools, SPEC, ROOT / "redocly.yaml")
    shown = [
        (p["ruleId"], p["location"][0]["pointer"], p["message"]) for p in report["problems"] if not p.get("ignored")
    ]
    assert shown == []
    # Its JSON counts the waived problems without listing them: the six paths of the ignore file.
    assert report["totals"] == {"errors": 0, "warnings": 0, "ignored": len(TRAILING_SLASH_PATHS)}


def test_the_linters_report_an_unused_schema_and_a_new_trailing_slash_path(tools: NodeTools, tmp_path: Path) -> None:
    spec = yaml.safe_load(SPEC.read_text())
    status = copy.deepcopy(spec["paths"]["/projects/{projectKey}/code-studios/{codeStudioId}/status"])
    status["get"]["operationId"] = "getCodeStudioStatusAgain"
    spec["paths"]["/projects/{projectKey}/code-studios/{codeStudioId}/status/"] = status
    spec["components"]["schemas"]["Forgotten"] = {"type": "object", "description": "Referenced by nothing."}
    # The configuration, copied beside the copy of the spec (its waivers name `openapi.yaml`).
    (tmp_path / "openapi.yaml").write_text(yaml.safe_dump(spec, sort_keys=False))
    for name in (".spectral.yaml", "redocly.yaml", ".redocly.lint-ignore.yaml"):
        shutil.copy(ROOT / name, tmp_path / name)

    found = {
        (p["code"], "/".join(map(str, p["path"])))
        for p in spectral(tools, tmp_path / "openapi.yaml", tmp_path / ".spectral.yaml")
    }
    assert found == {
        ("path-keys-no-trailing-slash", "paths//projects/{projectKey}/code-studios/{codeStudioId}/status/"),
        ("oas3-unused-component", "components/schemas/Forgotten"),
    }
    report = redocly(tools, tmp_path / "openapi.yaml", tmp_path / "redocly.yaml")
    shown = {(p["ruleId"], p["location"][0]["pointer"]) for p in report["problems"] if not p.get("ignored")}
    assert shown == {
        ("no-path-trailing-slash", pointer("/projects/{projectKey}/code-studios/{codeStudioId}/status/")),
        ("no-unused-components", "#/components/schemas/Forgotten"),
    }


def test_typescript_types_of_the_spec_compile_strict_with_a_typed_usage(tools: NodeTools, tmp_path: Path) -> None:
    for name in ("usage.ts", "tsconfig.json"):
        shutil.copy(USAGE / name, tmp_path / name)
    # Run from tmp_path: openapi-typescript lints with a redocly.yaml of its working folder, and would
    # read the repository's without its ignore file (and stop at the waived paths).
    generated = tools.run("openapi-typescript", SPEC, "--output", tmp_path / "schema.d.ts", cwd=tmp_path)
    assert generated.returncode == 0, generated.stdout + generated.stderr
    schema = (tmp_path / "schema.d.ts").read_text()
    assert "KnownTemplateBlock:" in schema
    assert 'type: "pycdstdioblk_code-studio-blocks_vscode";' in schema
    compiled = tools.run("tsc", "--project", tmp_path / "tsconfig.json", cwd=tmp_path)
    assert compiled.returncode == 0, compiled.stdout + compiled.stderr
