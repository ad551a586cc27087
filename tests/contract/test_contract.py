"""Contract tests: schemathesis runs every check against the reference server, which must pass them all.

The server checks its own answers against openapi.yaml (a response that breaks the spec is a 500,
which `not_a_server_error` reports). Before running, the test makes data to work on: the default
template built, a studio running on it, a project with library files and a stopped studio
(schemathesis.toml points operations at them through dictionaries). Five runs follow:

- "existing data": examples, coverage and fuzzing of the operations on that data (status, settings,
  conflicts, pull, push, change of owner, the library calls), with nothing that deletes it;
- "running studio": the stateful phase over status, conflicts, pull and push, following the status's
  zone links on the running studio;
- "lifecycle": every phase of restart, stop, status and the futures on another studio, which the
  stateful phase starts, restarts and stops through the links between them;
- "deletion": the deletion of a studio, one of them made to be deleted (the whole-API run's fuzzing
  of it ends early at some seeds, and its stateful phase may never delete one);
- "whole API": every phase of every operation; the stateful phase follows the spec's links to create
  projects, templates and studios of its own, build, start, stop and delete them.

Each run must end with no failure and no error, every operation must have succeeded at least once,
the stateful phase must have reached built templates and running studios, and no studio process may
outlive the server. CI runs it at a fixed seed (`DSS_CONTRACT_SEED`, default 1) with few examples per
operation (`DSS_CONTRACT_EXAMPLES`, default 12); `python3 dev.py contract` runs the long randomised
version (a random seed, more examples, `--max-time`).
"""

from __future__ import annotations

import base64
import json
import os
import subprocess
import sys
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

import pytest
from dss_codestudio import DSSClient
from dss_codestudio_server.embedded import EmbeddedServer

from tests.support.openapi_spec import operations
from tests.support.paths import ROOT

CONFIG = Path(__file__).with_name("schemathesis.toml")
SCHEMATHESIS = Path(sys.executable).with_name("schemathesis")
SEED = os.environ.get("DSS_CONTRACT_SEED", "1")
EXAMPLES = int(os.environ.get("DSS_CONTRACT_EXAMPLES", "12"))
MAX_TIME = os.environ.get("DSS_CONTRACT_MAX_TIME")  # seconds: fuzzing and stateful repeat until spent
RUN_TIMEOUT = float(os.environ.get("DSS_CONTRACT_TIMEOUT", "600"))


@dataclass
class Run:
    """What a schemathesis run left: its exit code, output, JSON report and every recorded exchange."""

    returncode: int
    output: str
    report: dict
    exchanges: list[tuple[str, str, int, bytes]]  # (phase, "METHOD /path/template", status, body)

    def statuses(self, operation: str, phase: str | None = None) -> set[int]:
        return {s for p, op, s, _ in self.exchanges if op == operation and (phase is None or p == phase)}


def make_data(server: EmbeddedServer) -> dict[str, str]:
    """What the run works on, as the values of the dictionaries schemathesis.toml names.

    A user to give studios to, the default template built, a studio running on it (with a file in its
    project library), a project whose library holds `library-items` with a stopped studio, a stopped
    studio for the lifecycle run and one for a deletion to succeed whatever the seed.
    """
    server.instance.users.add_user("contract-user")
    server.instance.code_envs.declare("admin", "PYTHON", "contract-env", python="3.11")
    with DSSClient(server.url, server.admin_key) as client:
        client.get_code_studio_template("python-workspace").build().wait_for_result(timeout=120)
        running_project = client.create_project("CONTRACT_RUNNING", "A studio runs in it", "admin")
        running_project.get_library().add_folder("python").add_file("util.py").write("VALUE = 1\n")
        running = running_project.create_code_studio("Runs during the contract tests", "python-workspace")
        running.start(wait=True, timeout=120)
        [zone] = [z for z in running.get_status().get_zones("objects") if z.zone == "project_lib_versioned"]
        files_project = client.create_project("CONTRACT_FILES", "Library files and a stopped studio", "admin")
        library = files_project.get_library()
        library.add_file("notes.txt").write("notes\n")
        docs = library.add_folder("docs")
        docs.add_file("guide.md").write("# guide\n")
        docs.add_file("old.md").write("# old\n")
        library.add_folder("data").add_file("table.csv").write("a,b\n1,2\n")
        stopped = files_project.create_code_studio("Stays stopped", "python-workspace")
        lifecycle_project = client.create_project("CONTRACT_LIFECYCLE", "A studio started and stopped", "admin")
        lifecycle = lifecycle_project.create_code_studio("Started and stopped", "python-workspace")
        deletion_project = client.create_project("CONTRACT_DELETION", "A studio to delete", "admin")
        deletable = deletion_project.create_code_studio("Deleted by the run", "python-workspace")
        return {
            "running-project": running_project.project_key,
            "running-studio": running.code_studio_id,
            "running-zone": str(zone.id),
            "files-project": files_project.project_key,
            "stopped-studio": stopped.code_studio_id,
            "lifecycle-project": lifecycle_project.project_key,
            "lifecycle-studio": lifecycle.code_studio_id,
            "deletion-project": deletion_project.project_key,
            "deletable-studio": deletable.code_studio_id,
        }


def config_for(data: dict[str, str], directory: Path) -> Path:
    """The configuration file, with the dictionaries of the data made for the run appended."""
    extra = "".join(f'\n[dictionaries.{name}]\nvalues = ["{value}"]\n' for name, value in data.items())
    path = directory / "schemathesis.toml"
    path.write_text(CONFIG.read_text() + extra)
    return path


def read_exchanges(ndjson: Path) -> list[tuple[str, str, int, bytes]]:
    """Every request the run sent, as (phase, operation, status, response body)."""
    out = []
    for line in ndjson.read_text().splitlines():
        event = json.loads(line).get("ScenarioFinished")
        if not event:
            continue
        recorder = event["recorder"]
        for case_id, interaction in recorder.get("interactions", {}).items():
            case = recorder["cases"][case_id]["value"]
            response = interaction.get("response")
            if response is None:
                continue
            content = response.get("content") or {}
            body = base64.b64decode(content["$base64"]) if "$base64" in content else b""
            out.append((event["phase"], f"{case['method']} {case['path']}", response["status_code"], body))
    return out


FUZZ = "examples,coverage,fuzzing"  # every phase but the stateful one
# The operations on the data made before the runs: tested on their own first, so that nothing deletes,
# restarts or stops that data meanwhile (the whole-API run may, and does).
STUDIO_OPERATIONS = ["getCodeStudioStatus", "checkCodeStudioConflicts", "pullFromCodeStudio", "pushToCodeStudio"]
LIFECYCLE_OPERATIONS = ["restartCodeStudio", "stopCodeStudio", "getCodeStudioStatus", "getFutureState", "abortFuture"]
DATA_OPERATIONS = [
    "getCodeStudioStatus",
    "getCodeStudioSettings",
    "checkCodeStudioConflicts",
    "pullFromCodeStudio",
    "pushToCodeStudio",
    "changeCodeStudioOwner",
    "createCodeStudioBrowserLogin",
    "getProjectLibraryContents",
    "getProjectLibraryFile",
    "writeProjectLibraryFile",
    "deleteProjectLibraryItem",
    "createProjectLibraryFolder",
    "renameProjectLibraryItem",
    "moveProjectLibraryItem",
    "getProjectSummary",
    "getProjectMetadata",
    "setProjectMetadata",
    "getProjectSettings",
    "saveProjectSettings",
    "getProjectPermissions",
    "setProjectPermissions",
    "getCodeEnv",
    "saveCodeEnv",
]


def schemathesis(server: EmbeddedServer, config: Path, work: Path, *options: str) -> Run:
    """Run schemathesis (every check of every phase) against the server; return what it left."""
    report_dir = work / "report"
    command = [
        str(SCHEMATHESIS),
        "--config-file",
        str(config),
        "run",
        str(ROOT / "openapi.yaml"),
        "--url",
        server.api_url,
        "--seed",
        SEED,
        "--max-examples",
        str(EXAMPLES),
        "--report",
        "json,ndjson",
        "--report-dir",
        str(report_dir),
        "--no-color",
        *options,
    ]
    if MAX_TIME:
        command += ["--max-time", MAX_TIME]
    env = {**os.environ, "CONTRACT_API_KEY": server.admin_key, "PYTHONPATH": str(ROOT)}
    done = subprocess.run(command, cwd=work, env=env, capture_output=True, text=True, timeout=RUN_TIMEOUT, check=False)
    reports, ndjsons = list(report_dir.glob("*.json")), list(report_dir.glob("*.ndjson"))
    assert len(reports) == len(ndjsons) == 1, done.stdout + done.stderr
    [report], [ndjson] = reports, ndjsons
    return Run(done.returncode, done.stdout + done.stderr, json.loads(report.read_text()), read_exchanges(ndjson))


@pytest.fixture(scope="module")
def runs(live_contract_server: EmbeddedServer, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Run]:
    """The runs of the module docstring, in that order (the last one may delete the data)."""
    server = live_contract_server
    work = tmp_path_factory.mktemp("schemathesis")
    config = config_for(make_data(server), work)
    include = [arg for op in DATA_OPERATIONS for arg in ("--include-operation-id", op)]
    chained = [arg for op in STUDIO_OPERATIONS for arg in ("--include-operation-id", op)]
    lifecycle = [arg for op in LIFECYCLE_OPERATIONS for arg in ("--include-operation-id", op)]
    for name in ("data", "studio", "lifecycle", "deletion", "api"):
        (work / name).mkdir()
    return {
        "existing data": schemathesis(server, config, work / "data", *include, "--phases", FUZZ),
        "running studio": schemathesis(server, config, work / "studio", *chained, "--phases", "stateful"),
        "lifecycle": schemathesis(server, config, work / "lifecycle", *lifecycle),
        "deletion": schemathesis(
            server, config, work / "deletion", "--include-operation-id", "deleteCodeStudio", "--phases", FUZZ
        ),
        "whole API": schemathesis(server, config, work / "api"),
    }


RUNS = ["existing data", "running studio", "lifecycle", "deletion", "whole API"]


@pytest.mark.parametrize("name", RUNS)
def test_no_failure_in_any_phase(runs: dict[str, Run], name: str) -> None:
    run = runs[name]
    assert (run.report["failures"], run.report["errors"]) == ([], []), run.output
    assert run.returncode == 0, run.output
    assert {phase["status"] for phase in run.report["phases"].values()} <= {"success", "skip"}, run.output
    assert run.report["operations"]["tested"] == run.report["operations"]["selected"]


def test_every_operation_succeeded_at_least_once(runs: dict[str, Run]) -> None:
    answers: dict[str, dict[int, bytes]] = defaultdict(dict)  # operation -> status -> first body
    for run in runs.values():
        for _, operation, status, body in run.exchanges:
            answers[operation].setdefault(status, body[:300])
    spec_operations = {f"{op.method.upper()} {op.path}" for op in operations()}
    never = sorted(op for op in spec_operations if not any(200 <= s < 300 for s in answers[op]))
    assert never == [], "\n".join(f"{op}: {dict(sorted(answers[op].items()))}" for op in never)


def test_the_stateful_phase_reaches_built_templates_and_running_studios(runs: dict[str, Run]) -> None:
    """Links took the stateful phase through builds, starts and stops, and the zones of a running studio."""
    api, lifecycle, studio = runs["whole API"], runs["lifecycle"], runs["running studio"]
    for operation in (
        "POST /admin/code-studios/",
        "POST /admin/code-studios/{templateId}/build",
    ):
        assert 200 in api.statuses(operation, phase="stateful"), (operation, api.statuses(operation))
    for operation in (
        "POST /projects/{projectKey}/code-studios/{codeStudioId}/restart",
        "POST /projects/{projectKey}/code-studios/{codeStudioId}/stop",
        "GET /projects/{projectKey}/code-studios/{codeStudioId}/status",
        "GET /futures/{jobId}",
    ):
        assert 200 in lifecycle.statuses(operation, phase="stateful"), (operation, lifecycle.statuses(operation))
    running = [
        body
        for phase, operation, status, body in studio.exchanges
        if phase == "stateful" and operation.endswith("/status") and status == 200
    ]
    assert any(json.loads(body)["state"] == "RUNNING" for body in running)
    for zone_operation in ("conflicts", "pull", "push"):
        operation = f"GET /projects/{{projectKey}}/code-studios/{{codeStudioId}}/{zone_operation}/{{zone}}"
        assert 200 in studio.statuses(operation, phase="stateful"), (operation, studio.statuses(operation))
