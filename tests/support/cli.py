"""The `dss-codestudio` CLI run in process (typer's CliRunner), configured by the environment as a user's CI would."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from click.testing import Result
from dss_codestudio import DSSClient
from dss_codestudio.cli import app
from dss_codestudio_testing import DSSTestServer
from typer.testing import CliRunner


@dataclass
class Run:
    """The outcome of one CLI run."""

    result: Result

    @property
    def code(self) -> int:
        return self.result.exit_code

    @property
    def stdout(self) -> str:
        return self.result.stdout

    @property
    def stderr(self) -> str:
        return self.result.stderr

    def json(self) -> Any:
        return json.loads(self.stdout)

    def error_line(self) -> str:
        """The one `error:` line of a failed run; fails if there is a traceback or several."""
        assert "Traceback" not in self.stderr, self.stderr
        errors = [line for line in self.stderr.splitlines() if line.startswith("error: ")]
        assert len(errors) == 1, self.stderr
        return errors[0]

    def __repr__(self) -> str:
        return f"Run(code={self.code}, stdout={self.stdout!r}, stderr={self.stderr!r})"


CliFn = Callable[..., Run]


def make_cli(server: DSSTestServer | None, home: Path) -> CliFn:
    """Return `cli(*args, key=..., env=...)`: one run of the CLI configured for `server` by the environment."""

    def cli(*args: str, key: str | None = None, env: dict[str, str | None] | None = None) -> Run:
        environment: dict[str, str | None] = {
            "HOME": str(home),
            "DKU_DSS_URL": server.url if server else None,
            "DKU_API_KEY": (key or server.admin_key) if server else None,
            "DSS_CODESTUDIO_DEBUG": None,
            "COLUMNS": "200",
        }
        environment.update(env or {})
        result = CliRunner().invoke(app, list(args), env=environment, catch_exceptions=False)
        return Run(result)

    return cli


TEMPLATE = "python-workspace"
LIB = "project_lib_versioned"


def start_studio(cli: CliFn, project: str, studio: str) -> dict[str, Any]:
    """Start a studio with the CLI and return its status as `--json` printed it."""
    run = cli("studios", "start", project, studio, "--json")
    assert run.code == 0, run
    status: dict[str, Any] = run.json()["status"]
    return status


def zone_of(status: dict[str, Any], kind: str) -> dict[str, Any]:
    """The synced zone of a status, by its kind."""
    zone: dict[str, Any] = next(z for z in status["syncedZones"] if z["zone"] == kind)
    return zone


def running_with_a_conflict(cli: CliFn, project: str, studio: str, admin: DSSClient, path: str) -> Path:
    """Start the studio with a library file, then change that file on both sides; return the zone's folder."""
    admin.get_project(project).get_library().add_file(path).write("original\n")
    folder = Path(zone_of(start_studio(cli, project, studio), LIB)["studioPath"])
    on_dss = admin.get_project(project).get_library().get_file(path)
    assert on_dss is not None
    on_dss.write("dss 2\n")
    (folder / path).write_text("studio 2\n")
    return folder
