"""Output for people: progress (a spinner on a terminal, lines elsewhere) and tables of data."""

from __future__ import annotations

import io

import pytest
from dss_codestudio import DSSFutureProgress
from dss_codestudio.cli._progress import Progress, future_steps
from dss_codestudio.models import FutureState
from rich.console import Console


def _console(terminal: bool) -> tuple[Console, io.StringIO]:
    buffer = io.StringIO()
    return Console(file=buffer, force_terminal=terminal, width=120, color_system=None), buffer


def test_lines_when_not_a_terminal() -> None:
    console, buffer = _console(terminal=False)
    with Progress(console, quiet_for=0).step("Starting code studio P/abc") as step:
        step.update("STARTING")
        step.update("STARTING")  # unchanged: not repeated
        step.update("RUNNING")
    lines = buffer.getvalue().splitlines()
    assert lines[0] == "… Starting code studio P/abc"
    assert lines[1:3] == ["  Starting code studio P/abc: STARTING", "  Starting code studio P/abc: RUNNING"]
    assert lines[3].startswith("✓ Starting code studio P/abc (")
    assert len(lines) == 4


def test_quick_changes_stay_quiet_when_not_a_terminal() -> None:
    console, buffer = _console(terminal=False)
    with Progress(console, quiet_for=60).step("Sync") as step:
        for zone in ("a", "b", "c"):
            step.update(f"pushing {zone}")
    lines = buffer.getvalue().splitlines()
    assert lines[0] == "… Sync"
    assert lines[1].startswith("✓ Sync (")
    assert len(lines) == 2


def test_spinner_on_a_terminal_and_a_cross_on_failure() -> None:
    console, buffer = _console(terminal=True)

    def build() -> None:
        with Progress(console).step("Building template t") as step:
            step.update("Build step (1/3)")
            raise RuntimeError("boom")

    with pytest.raises(RuntimeError):
        build()
    text = buffer.getvalue()
    assert "Building template t" in text
    assert "✗ Building template t" in text
    assert "✓" not in text


def progress_of(state: dict[str, object]) -> DSSFutureProgress:
    return DSSFutureProgress(FutureState.from_dict(state))


def test_future_steps_name_the_work_and_its_counts() -> None:
    progress = progress_of(
        {
            "alive": True,
            "progress": {
                "states": [
                    {"name": "Starting code studio", "unit": "NONE"},
                    {"name": "Pushing zones", "cur": 2, "target": 7, "unit": "FILES"},
                ]
            },
        }
    )
    assert future_steps(progress) == "Starting code studio > Pushing zones (2/7 files)"
    assert future_steps(progress_of({"alive": True})) == ""


def test_future_progress_falls_back_to_the_state() -> None:
    console, buffer = _console(terminal=False)
    asked: list[int] = []

    def state() -> str:
        asked.append(1)
        return "STARTING"

    with Progress(console, quiet_for=0).step("Start") as step:
        callback = step.future_progress(state)
        callback(progress_of({"alive": True}))
        callback(progress_of({"alive": True}))  # within a second: the state is not asked again
    assert len(asked) == 1
    assert "  Start: STARTING" in buffer.getvalue().splitlines()


def test_table_cells_are_data_not_markup(capsys: pytest.CaptureFixture[str]) -> None:
    from dss_codestudio.cli._command import Cli

    cli = Cli(json_output=False, instance=None, debug=False)
    cli.table(["FILE"], [["[bold]notes[/bold].md"]], title="Files")
    assert "[bold]notes[/bold].md" in capsys.readouterr().out
