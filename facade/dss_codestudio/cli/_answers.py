"""Answers several commands give: futures started with --no-wait, DSS's info messages."""

from __future__ import annotations

from typing import TypeVar

from dss_codestudio import DSSFuture, DSSInfoMessages

from ._command import Cli

T = TypeVar("T")


def print_messages(cli: Cli, messages: DSSInfoMessages) -> None:
    """Print DSS's info messages, if any."""
    for message in messages.messages:
        # DSS's title (short) and details (the whole text), each once: "Template deleted - Template x deleted".
        parts = dict.fromkeys(p for p in (message.title, message.details or message.message) if p)
        text = " - ".join(parts) or message.code or ""
        cli.out.print(f"{message.severity or 'INFO'}: {text}", markup=False)


def emit_started(cli: Cli, future: DSSFuture[T], what: str) -> None:
    """Answer a `--no-wait` command: the id of the future to follow (`futures wait`), or its state."""
    job_id = future.job_id
    cli.emit(
        {"jobId": job_id, "state": future.state},
        lambda: cli.out.print(
            f"{what} started: follow it with `dss-codestudio futures wait {job_id}`"
            if job_id
            else f"{what}: already done",
            markup=False,
        ),
    )
