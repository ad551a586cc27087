"""How the CLI finds its DSS, and how it fails: one line, a meaningful exit code, JSON with --json."""

from __future__ import annotations

import json
from pathlib import Path

from dss_codestudio.cli import ExitCode
from dss_codestudio_testing import DSSTestServer

from tests.support.cli import CliFn, make_cli
from tests.support.ports import free_port


def test_help_lists_the_commands_and_the_exit_codes(cli: CliFn) -> None:
    run = cli("--help")
    assert run.code == 0
    for group in ("templates", "studios", "futures", "projects", "quickstart", "serve", "server"):
        assert group in run.stdout
    for code in ExitCode:
        assert f"{code.value:>3}  {code.name.lower()}:" in run.stdout
    version = cli("--version")
    assert version.code == 0
    assert version.stdout.startswith("dss-codestudio ")


def test_every_command_takes_json_instance_and_debug(cli: CliFn) -> None:
    groups = {
        "templates": ["list", "show", "build", "export", "import", "delete"],
        "studios": [
            "list",
            "create",
            "start",
            "stop",
            "restart",
            "status",
            "delete",
            "push",
            "pull",
            "conflicts",
            "sync",
        ],
        "futures": ["list", "wait", "abort"],
        "projects": ["list", "create"],
    }
    for group, commands in groups.items():
        for name in commands:
            run = cli(group, name, "--help")
            assert run.code == 0, (group, name, run)
            for option in ("--json", "--instance", "--debug"):
                assert option in run.stdout, (group, name, option)
    assert "--json" in cli("quickstart", "--help").stdout


def test_long_commands_take_wait_and_timeout(cli: CliFn) -> None:
    for args in (["templates", "build"], ["studios", "start"], ["studios", "stop"], ["studios", "restart"]):
        text = cli(*args, "--help").stdout
        for option in ("--wait", "--no-wait", "--timeout"):
            assert option in text, args


def test_no_dss_configured(unconfigured_cli: CliFn) -> None:
    run = unconfigured_cli("projects", "list")
    assert run.code == ExitCode.CONFIG
    assert "DKU_DSS_URL" in run.error_line()
    as_json = unconfigured_cli("projects", "list", "--json")
    assert as_json.code == ExitCode.CONFIG
    assert as_json.json()["error"]["exitCode"] == ExitCode.CONFIG


def _write_config(home: Path, instances: dict[str, dict[str, object]], default: str | None) -> None:
    folder = home / ".dataiku"
    folder.mkdir(parents=True, exist_ok=True)
    config: dict[str, object] = {"dss_instances": instances}
    if default:
        config["default_instance"] = default
    (folder / "config.json").write_text(json.dumps(config))


def test_config_file_default_and_named_instances(dss_session_server: DSSTestServer, tmp_path: Path) -> None:
    good = {"url": dss_session_server.url, "api_key": dss_session_server.admin_key}
    bad = {"url": dss_session_server.url, "api_key": "not-a-key"}
    _write_config(tmp_path, {"good": good, "bad": bad}, default="good")
    cli = make_cli(None, tmp_path)
    assert cli("projects", "list").code == 0
    refused = cli("projects", "list", "--instance", "bad")
    assert refused.code == ExitCode.AUTH
    assert "HTTP 401" in refused.error_line()
    missing = cli("projects", "list", "--instance", "nope")
    assert missing.code == ExitCode.CONFIG
    assert "nope" in missing.error_line()
    assert "good" in missing.error_line()


def test_invalid_config_file(tmp_path: Path) -> None:
    (tmp_path / ".dataiku").mkdir()
    (tmp_path / ".dataiku" / "config.json").write_text("{not json")
    run = make_cli(None, tmp_path)("templates", "list")
    assert run.code == ExitCode.CONFIG
    assert "not valid JSON" in run.error_line()


def test_environment_wins_over_the_config_file(dss_session_server: DSSTestServer, tmp_path: Path) -> None:
    _write_config(tmp_path, {"x": {"url": "http://127.0.0.1:1", "api_key": "k"}}, default="x")
    assert make_cli(dss_session_server, tmp_path)("projects", "list").code == 0


def test_unknown_key_is_an_auth_failure_in_one_line(cli: CliFn) -> None:
    run = cli("templates", "list", key="wrong")
    assert run.code == ExitCode.AUTH
    line = run.error_line()
    assert "HTTP 401" in line
    assert "wrong" not in line


def test_unreachable_dss(cli: CliFn) -> None:
    url = f"http://127.0.0.1:{free_port()}"
    run = cli("projects", "list", env={"DKU_DSS_URL": url})
    assert run.code == ExitCode.UNREACHABLE
    assert f"cannot reach DSS at {url}" in run.error_line()


def test_debug_shows_the_traceback(cli: CliFn) -> None:
    quiet = cli("templates", "show", "nope")
    assert "Traceback" not in quiet.stderr
    loud = cli("templates", "show", "nope", "--debug")
    assert loud.code == ExitCode.NOT_FOUND
    assert "Traceback" in loud.stderr
    assert "NotFoundError" in loud.stderr
    by_env = cli("templates", "show", "nope", env={"DSS_CODESTUDIO_DEBUG": "1"})
    assert "Traceback" in by_env.stderr


def test_json_errors_are_json_on_stdout_and_one_line_on_stderr(cli: CliFn) -> None:
    run = cli("templates", "show", "nope", "--json")
    assert run.code == ExitCode.NOT_FOUND
    error = run.json()["error"]
    assert error["status"] == 404
    assert error["exitCode"] == ExitCode.NOT_FOUND
    assert error["message"]
    run.error_line()


def test_usage_errors(cli: CliFn) -> None:
    assert cli("studios", "list").code == ExitCode.USAGE
    assert cli("templates", "frobnicate").code == ExitCode.USAGE
    assert cli("templates", "list", "--no-such-option").code == ExitCode.USAGE
