"""Progress of long operations, on stderr.

A spinner naming the current step on a terminal; elsewhere (CI logs, pipes) a line when a step
begins and ends, and, for steps that take a while, a line when what it does changes (at most one a
second), so that progress shows wherever the CLI runs without flooding logs.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from rich.console import Console
from rich.markup import escape
from rich.status import Status

from dss_codestudio import DSSFutureProgress


class Step:
    """A long operation being shown: `update("STARTING")` names what it is doing now."""

    def __init__(self, console: Console, title: str, status: Status | None, quiet_for: float) -> None:
        self._console = console
        self._title = title
        self._status = status
        self._quiet_for = quiet_for
        self._detail = ""
        self.started = time.monotonic()
        self._last_line = self.started

    @property
    def elapsed(self) -> float:
        """Seconds since the operation began."""
        return time.monotonic() - self.started

    def update(self, detail: str) -> None:
        """Say what the operation is doing now (shown when it changes)."""
        if detail == self._detail:
            return
        self._detail = detail
        if self._status is not None:
            self._status.update(f"{escape(self._title)} [dim]{escape(detail)}[/dim]")
            return
        # Without a spinner, a line per change; but quick steps stay quiet, and long ones say
        # what they are doing at most once per `quiet_for` seconds (logs stay readable).
        now = time.monotonic()
        if now - self._last_line >= self._quiet_for:
            self._last_line = now
            self._console.print(f"  {self._title}: {detail}", markup=False, highlight=False)

    def future_progress(
        self, describe_state: Callable[[], str | None] | None = None
    ) -> Callable[[DSSFutureProgress], None]:
        """Return an `on_progress` callback for `wait_for_result` that shows the future's steps.

        `describe_state` (called at most once a second) names the state of the object the future
        works on, for futures that report no steps of their own.
        """
        last_asked = 0.0
        state: str | None = None

        def on_progress(progress: DSSFutureProgress) -> None:
            nonlocal last_asked, state
            steps = future_steps(progress)
            if not steps and describe_state is not None and time.monotonic() - last_asked >= 1.0:
                last_asked = time.monotonic()
                state = describe_state()
            self.update(steps or state or ("running" if progress.alive else "finishing"))

        return on_progress


def future_steps(progress: DSSFutureProgress) -> str:
    """Describe what a future reports doing: its steps, outermost first, with their counts."""
    parts = []
    for step in progress.steps:
        text = step.name or ""
        if step.current is not None and step.target:
            unit = "" if step.unit in (None, "", "NONE") else f" {step.unit.lower()}"
            text = f"{text} ({step.current}/{step.target}{unit})".strip()
        if text:
            parts.append(text)
    return " > ".join(parts)


class Progress:
    """Shows long operations on a console (stderr)."""

    def __init__(self, console: Console, quiet_for: float = 1.0) -> None:
        self.console = console
        self.quiet_for = quiet_for

    @contextmanager
    def step(self, title: str) -> Iterator[Step]:
        """Show `title` while the block runs, then a line saying it succeeded or failed, and how long it took."""
        status = self.console.status(escape(title), spinner="dots") if self.console.is_terminal else None
        step = Step(self.console, title, status, self.quiet_for)
        try:
            # Inside the try: an interruption (Ctrl-C, SIGTERM) even while this first line is written ends it.
            if status is not None:
                with status:
                    yield step
            else:
                self.console.print(f"… {title}", markup=False, highlight=False)
                yield step
        except BaseException:
            self.console.print(f"[red]✗[/red] {escape(title)} [dim]({step.elapsed:.1f} s)[/dim]", highlight=False)
            raise
        self.console.print(f"[green]✓[/green] {escape(title)} [dim]({step.elapsed:.1f} s)[/dim]", highlight=False)
