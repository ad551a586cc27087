"""schemathesis from outside, as an integrator runs it: the spec alone, every check, no health check suppressed.

No configuration (an empty configuration file), no hooks, no data made beforehand: schemathesis
generates every request from openapi.yaml. What this run requires is that generation works on every
operation: no health-check error (a `filter_too_much` on the library paths was one: fuzzers drop
generated path values holding `/` unless the parameter shows that `/` belongs there, which the
`LibraryPath` example does). Failures are not asserted here: without the contract tests'
configuration, `--checks all` reports the documented answers that no schema can express (a
non-archive import, settings of another template, ...), which tests/contract/test_contract.py
allows operation by operation.

CI runs the fuzzing phase (where hypothesis's health checks run) with few examples per operation at
a fixed seed; `python3 dev.py outside` runs every phase with schemathesis's default number of
examples at a random seed (`DSS_OUTSIDE_PHASES`, `DSS_OUTSIDE_EXAMPLES`, `DSS_OUTSIDE_SEED`).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from dss_codestudio_server.embedded import EmbeddedServer

from tests.support.paths import ROOT

SCHEMATHESIS = Path(sys.executable).with_name("schemathesis")
PHASES = os.environ.get("DSS_OUTSIDE_PHASES", "fuzzing")
EXAMPLES = os.environ.get("DSS_OUTSIDE_EXAMPLES", "10")
SEED = os.environ.get("DSS_OUTSIDE_SEED", "1")
TIMEOUT = float(os.environ.get("DSS_OUTSIDE_TIMEOUT", "600"))


def test_schemathesis_from_outside_meets_no_health_check_error(
    live_contract_server: EmbeddedServer, tmp_path: Path
) -> None:
    server = live_contract_server
    config = tmp_path / "schemathesis.toml"
    config.write_text("# Nothing configured: the spec alone.\n")
    command = [
        str(SCHEMATHESIS),
        "--config-file",
        str(config),
        "run",
        str(ROOT / "openapi.yaml"),
        "--url",
        server.api_url,
        "--header",
        f"Authorization: Bearer {server.admin_key}",
        "--checks",
        "all",
        "--phases",
        PHASES,
        "--max-examples",
        EXAMPLES,
        "--seed",
        SEED,
        "--report",
        "json",
        "--report-dir",
        str(tmp_path / "report"),
        "--no-color",
    ]
    env = {name: value for name, value in os.environ.items() if not name.startswith("SCHEMATHESIS_")}
    done = subprocess.run(command, cwd=tmp_path, env=env, capture_output=True, text=True, timeout=TIMEOUT)
    [path] = (tmp_path / "report").glob("*.json")
    report = json.loads(path.read_text())
    output = done.stdout + done.stderr
    print(output)  # shown by `python3 dev.py outside` (pytest -s)
    assert report["complete"] is True, output
    assert report["errors"] == [], output  # a health check fails as an error of the run
    assert "Failed Health Check" not in output
    # Every operation of the spec was tested, and every phase asked for ran.
    operations = report["operations"]
    assert operations["total"] == operations["selected"] == operations["tested"] >= 32, output
    assert operations["errored"] == operations["skipped"] == 0, output
    assert {name for name, phase in report["phases"].items() if phase["status"] == "skip"} == {
        name for name in report["phases"] if name not in PHASES.split(",")
    }
    assert report["test_cases"]["generated"] >= operations["tested"]
