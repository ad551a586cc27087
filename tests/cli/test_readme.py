"""README against the code: its five-minute example type-checks and runs, and its CLI tables are the CLI's.

The example is run as written, against a reference server of the session: only the DSS URL, the API
key, the template and the project key are replaced by the server's.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
from dss_codestudio.cli import ExitCode, app
from dss_codestudio_testing import DSSTestServer

from tests.support.cli import LIB, TEMPLATE, CliFn

README = Path(__file__).resolve().parents[2] / "README.md"


def section(title: str) -> str:
    """Return the text of README's section `title` (up to the next heading of the same level or above)."""
    text = README.read_text()
    start = text.index(f"\n{title}\n")
    level = title.split(" ", 1)[0]
    ends = [m.start() for m in re.finditer(rf"\n#{{1,{len(level)}}} ", text[start + 1 :])]
    return text[start : start + 1 + ends[0]] if ends else text[start:]


def five_minute_example() -> str:
    (code,) = re.findall(r"```python\n(.*?)```", section("## The client in five minutes"), re.DOTALL)
    return str(code)


def test_the_first_120_lines_say_how_to_install_run_and_use() -> None:
    head = "\n".join(README.read_text().splitlines()[:120])
    for needed in (
        "python3 dev.py quickstart",
        "python3 dev.py test",
        "pip install",
        "[server]",
        "pip wheel",
        "from dss_codestudio import",
        "AsyncDSSClient",
        "dss-codestudio studios",
        "docs/server.md",
        "Linux",
    ):
        assert needed in head, needed


def test_the_five_minute_example_type_checks(tmp_path: Path) -> None:
    (tmp_path / "example.py").write_text(five_minute_example())
    checked = subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--no-incremental", "--config-file", "/dev/null", "example.py"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert checked.returncode == 0, checked.stdout + checked.stderr


def test_the_five_minute_example_runs(
    cli: CliFn, project: str, dss_session_server: DSSTestServer, capsys: pytest.CaptureFixture[str]
) -> None:
    code = (
        five_minute_example()
        .replace("https://dss.example.com:11200", dss_session_server.url)
        .replace("my-api-key", dss_session_server.admin_key)
        .replace("vscode-template", TEMPLATE)
        .replace("MYPROJ", project)
    )
    exec(compile(code, "README.md", "exec"), {"__name__": "readme"})  # the README's own code
    printed = capsys.readouterr().out
    assert "RUNNING" in printed
    assert re.search(rf"^{LIB}: \d+ pulled, \d+ pushed, 0 skipped$", printed, re.MULTILINE), printed
    assert cli("studios", "list", project, "--status", "--json").code == 0
    assert all(s["state"] == "STOPPED" for s in cli("studios", "list", project, "--status", "--json").json())


def test_the_exit_code_table_is_the_cli_s() -> None:
    rows = re.findall(r"^\| (\d+(?:-\d+)?) \| (.+) \|$", section("## Command line"), re.MULTILINE)
    documented: set[int] = set()
    for codes, _ in rows:
        first, _, last = codes.partition("-")
        documented.update(range(int(first), int(last or first) + 1))
    assert documented == {int(code) for code in ExitCode}


def table_commands() -> list[tuple[str, ...]]:
    """The commands README's command table names (`studios start\\|stop P S` is two of them)."""
    commands: set[tuple[str, ...]] = set()
    for first_cell in re.findall(r"^\| (`[a-z].*?) \| ", section("## Command line"), re.MULTILINE):
        for span in re.findall(r"`([^`]+)`", first_cell):
            words = span.split()
            names = [w for w in words[:2] if re.fullmatch(r"[a-z][a-z-]*(?:\\\|[a-z][a-z-]*)*", w)]
            if len(names) == 1:
                commands.update((name,) for name in names[0].split("\\|"))
            else:
                commands.update((names[0], name) for name in names[1].split("\\|"))
    return sorted(commands)


@pytest.mark.parametrize("command", table_commands(), ids=" ".join)
def test_every_command_in_the_table_exists(unconfigured_cli: CliFn, command: tuple[str, ...]) -> None:
    run = unconfigured_cli(*command, "--help")
    assert run.code == 0, (command, run)


def test_the_table_names_every_command() -> None:
    import typer

    root = typer.main.get_command(app)  # a group of typer's own copy of click: read by duck typing
    commands: set[tuple[str, ...]] = set()
    for name, command in root.commands.items():  # type: ignore[attr-defined]
        if hasattr(command, "commands"):
            commands.update((name, sub) for sub in command.commands)
        else:
            commands.add((name,))
    table = set(table_commands())
    assert {c[0] for c in commands} == {c[0] for c in table}
    # `server` is the reference server's own group, mounted lazily: `test_every_command_in_the_table_exists` runs it.
    assert {c for c in commands if c[0] != "server"} == {c for c in table if c[0] != "server"}
