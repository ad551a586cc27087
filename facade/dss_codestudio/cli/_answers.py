"""Answers several commands give: futures started with --no-wait, DSS's info messages."""

from __future__ import annotations

from typing import TypeVar

from dss_codestudio import DSSFuture, DSSInfoMessages

from ._command import Cli, print_json

T = TypeVar("T")


def print_messages(cli: Cli, messages: DSSInfoMessages) -> None:
    """Print DSS's info messages, if any."""
    for message in messages.messages:
        cli.out.print(f"{message.severity or 'INFO'}: {message.title or message.message or message.code}", markup=False)


def emit_started(cli: Cli, future: DSSFuture[T], what: str) -> None:
    """Answer a `--no-wait` command: the bare id of the future on stdout (for `futures wait`), what it is on stderr.

    With --json: `{"jobId", "state"}`. A future that was already done (DSS answered at once, without a
    job) prints nothing on stdout.
    """
    job_id = future.job_id
    if cli.json:
        print_json({"jobId": job_id, "state": future.state})
    elif job_id:
        cli.out.print(job_id, markup=False, highlight=False)
    if job_id:
        cli.err.print(f"{what} started: follow it with `dss-codestudio futures wait {job_id}`", markup=False)
    else:
        cli.err.print(f"{what}: already done", markup=False)
