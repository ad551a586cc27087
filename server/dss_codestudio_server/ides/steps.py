"""Running an installation's commands: output to a log file, a deadline, and a stop when the build is aborted."""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

POLL = 0.1


class ToolError(Exception):
    """An environment could not be installed; the message says what is missing and how to get it."""

    def __init__(self, message: str, *, output: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.output = output
        """The last lines the failing command wrote, if any."""


class ToolAborted(Exception):
    """The build was aborted while an environment was being installed."""


def tail(path: Path, lines: int = 25, limit: int = 4000) -> str:
    """Return the last lines of a log file."""
    try:
        with open(path, "rb") as f:
            f.seek(0, os.SEEK_END)
            f.seek(max(0, f.tell() - limit))
            text = f.read().decode("utf-8", "replace")
    except OSError:
        return ""
    return "\n".join(text.splitlines()[-lines:])


@dataclass
class Steps:
    """Runs the commands of one installation, each logged to `log_file`; stops them when `cancelled()`."""

    log_file: Path
    cancelled: Callable[[], bool] = lambda: False
    report: Callable[[str], None] = lambda _step: None
    env: Mapping[str, str] = field(default_factory=dict)

    def note(self, line: str) -> None:
        """Write a line of the installation's own to the log."""
        with open(self.log_file, "a") as f:
            f.write(f"--- {time.strftime('%H:%M:%S')} {line}\n")

    def run(
        self,
        what: str,
        argv: Sequence[str | Path],
        *,
        cwd: Path | None = None,
        env: Mapping[str, str] | None = None,
        timeout: float = 1800.0,
    ) -> str:
        """Run a command; return the tail of its output. ToolError when it fails, ToolAborted when cancelled."""
        self.report(what)
        self.note(f"{what}: {' '.join(str(a) for a in argv)}")
        started = time.monotonic()
        with open(self.log_file, "ab") as out:
            try:
                process = subprocess.Popen(
                    [str(a) for a in argv],
                    cwd=cwd,
                    env={**os.environ, **self.env, **(env or {})},
                    stdin=subprocess.DEVNULL,
                    stdout=out,
                    stderr=subprocess.STDOUT,
                    start_new_session=True,
                )
            except OSError as exc:
                raise ToolError(f"{what}: {exc}") from exc
            try:
                while process.poll() is None:
                    if self.cancelled():
                        raise ToolAborted(what)
                    if time.monotonic() - started > timeout:
                        raise ToolError(f"{what} took more than {timeout:.0f} s", output=tail(self.log_file))
                    time.sleep(POLL)
            finally:
                if process.poll() is None:
                    _kill(process)
        self.note(f"{what}: exit status {process.returncode} after {time.monotonic() - started:.1f} s")
        output = tail(self.log_file)
        if process.returncode != 0:
            raise ToolError(f"{what} failed (exit status {process.returncode})", output=output)
        return output

    def capture(self, argv: Sequence[str | Path], *, env: Mapping[str, str] | None = None, timeout: float = 120) -> str:
        """Run a short command and return its standard output (ToolError when it fails)."""
        try:
            done = subprocess.run(
                [str(a) for a in argv],
                env={**os.environ, **self.env, **(env or {})},
                stdin=subprocess.DEVNULL,
                capture_output=True,
                timeout=timeout,
                check=False,
            )
        except (OSError, subprocess.SubprocessError) as exc:
            raise ToolError(f"{' '.join(str(a) for a in argv[:3])}: {exc}") from exc
        if done.returncode != 0:
            output = (done.stderr or done.stdout).decode("utf-8", "replace")
            raise ToolError(f"{' '.join(str(a) for a in argv[:3])} failed", output=output[-4000:])
        return done.stdout.decode("utf-8", "replace")


def _kill(process: subprocess.Popen[bytes]) -> None:
    """End a command and everything it started (its session)."""
    for sig in (signal.SIGTERM, signal.SIGKILL):
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(process.pid, sig)
        try:
            process.wait(timeout=5)
            return
        except subprocess.TimeoutExpired:
            continue
