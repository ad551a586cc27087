"""What every command shares: shared options, the client, output streams, failures as exit codes.

The shared options are `--json`, `--instance` and `--debug`, accepted before the command
(`dss-codestudio --json studios list P`) or after it (`dss-codestudio studios list P --json`). A
failure becomes one line on stderr and an exit code; SIGTERM ends a command as Ctrl-C does (its
progress line closed with a cross, one line said), with its own exit code.

Commands are written as `def list_(cli: Cli, project: ...) -> None` and registered with
`@command(group, "list")`, which adds the shared options to the signature typer reads.
"""

from __future__ import annotations

import functools
import inspect
import json
import signal
import sys
import threading
import time
import traceback
from collections.abc import Callable, Iterator, Sequence
from contextlib import ExitStack, contextmanager
from types import FrameType
from typing import Annotated, Any, TypeVar

import typer
from rich.console import Console
from rich.table import Table
from rich.text import Text

from dss_codestudio import DSSClient, JSONValue

from ._errors import CliError, ExitCode, Terminated, describe, error_payload, exit_code_of
from ._format import seconds_text
from ._progress import Progress

DEBUG_ENV = "DSS_CODESTUDIO_DEBUG"

JsonOption = Annotated[
    bool,
    typer.Option("--json", help="Print machine-readable JSON on stdout; progress and errors go to stderr."),
]
InstanceOption = Annotated[
    str | None,
    typer.Option(
        "--instance",
        metavar="NAME",
        help="Use this entry of dss_instances in ~/.dataiku/config.json "
        "[default: DKU_DSS_URL and DKU_API_KEY, else the config's default_instance].",
    ),
]
DebugOption = Annotated[
    bool, typer.Option("--debug", envvar=DEBUG_ENV, help="Show the traceback of a failure.", show_envvar=True)
]
_SHARED = ("json_output", "instance", "debug")
_CONTEXT = "typer_context"


class Deadline:
    """The end of a command's `--timeout`: each call it makes gets the time left, and none starts after it."""

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self._end = time.monotonic() + seconds

    def left(self) -> float:
        """Return the seconds left; a TIMEOUT failure once none are."""
        remaining = self._end - time.monotonic()
        if remaining <= 0:
            raise CliError(f"gave up after {seconds_text(self.seconds)} (--timeout)", ExitCode.TIMEOUT)
        return remaining


class Cli:
    """The state of one command run: its options, its output streams and its (lazily opened) client."""

    def __init__(self, *, json_output: bool, instance: str | None, debug: bool) -> None:
        self.json = json_output
        self.instance = instance
        self.debug = debug
        # stdout carries the answer only; everything meant for a person watching goes to stderr.
        self.out = Console(highlight=False, soft_wrap=True)
        self.err = Console(stderr=True, highlight=False, soft_wrap=True)
        self.progress = Progress(self.err)
        self.deadline: Deadline | None = None
        self._client: DSSClient | None = None
        self._cleanup = ExitStack()

    def client(self) -> DSSClient:
        """Return the client of the configured DSS, opened on first use and closed when the command ends.

        Under a `--timeout` (`self.deadline`), the client's calls are given only the time left.
        """
        if self._client is None:
            self._client = self._cleanup.enter_context(DSSClient(instance=self.instance))
        if self.deadline is not None:
            return self._client.with_options(timeout=self.deadline.left())
        return self._client

    def on_exit(self, callback: Callable[[], object]) -> None:
        """Run `callback` when the command ends, whether it succeeded or not."""
        self._cleanup.callback(callback)

    def emit(self, data: JSONValue, human: Callable[[], None]) -> None:
        """Give the command's answer: `data` as JSON with --json, else what `human` prints."""
        if self.json:
            print_json(data)
        else:
            human()

    @property
    def piped(self) -> bool:
        """Whether stdout is not a terminal (a pipe, a file, a CI log): output for programs, not people."""
        return not self.out.is_terminal

    def table(self, columns: Sequence[str], rows: Sequence[Sequence[str]], *, title: str | None = None) -> None:
        """Print a table on stdout (or say on stderr that there is nothing to show).

        On a terminal: aligned columns under a title. Piped: one line per row, cells separated by
        tabs, whole (never cut to the width of a terminal), no header and no colour, as `gh` does.
        """
        if not rows:
            (self.err if self.piped else self.out).print(f"(no {title.lower() if title else 'rows'})", markup=False)
            return
        if self.piped:
            self.out.file.write("".join("\t".join(_cell(c) for c in row) + "\n" for row in rows))
            self.out.file.flush()
            return
        table = Table(*columns, title=title, title_justify="left", box=None, pad_edge=False, header_style="bold")
        for row in rows:
            table.add_row(*(Text(cell) for cell in row))  # cells are data: never read as markup
        self.out.print(table)

    @contextmanager
    def running(self) -> Iterator[None]:
        """Run the command: failures become one line on stderr (and JSON with --json) and an exit code."""
        try:
            with _sigterm_interrupts(), self._cleanup:
                yield
        except (typer.Exit, typer.Abort, typer.BadParameter):
            raise
        except (Exception, KeyboardInterrupt) as exc:
            self.fail(exc)

    def fail(self, exc: BaseException) -> None:
        """Report a failure and exit with its code."""
        code = exit_code_of(exc)
        if self.debug:
            self.err.print("".join(traceback.format_exception(exc)), markup=False, highlight=False)
        if self.json:
            print_json(error_payload(exc))
        # Plain text, no markup: the message may hold brackets.
        self.err.print(f"error: {describe(exc)}", markup=False, highlight=False, soft_wrap=True)
        raise typer.Exit(int(code)) from None


def _cell(value: str) -> str:
    """Return a table cell for a tab-separated line: its own tabs and line breaks become spaces."""
    return value.replace("\t", " ").replace("\r", " ").replace("\n", " ")


@contextmanager
def _sigterm_interrupts() -> Iterator[None]:
    """Turn SIGTERM into `Terminated` (a KeyboardInterrupt) while a command runs, so it ends as Ctrl-C does."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def terminate(signum: int, frame: FrameType | None) -> None:
        raise Terminated()

    previous = signal.signal(signal.SIGTERM, terminate)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def print_json(data: JSONValue) -> None:
    """Write `data` as indented JSON on stdout."""
    sys.stdout.write(json.dumps(data, indent=2, ensure_ascii=False) + "\n")
    sys.stdout.flush()


def shared_options(ctx: typer.Context) -> dict[str, Any]:
    """Return the shared options given before the command (`dss-codestudio --json studios list P`)."""
    root = ctx.find_root()
    return root.obj if isinstance(root.obj, dict) else {}


Handler = TypeVar("Handler", bound=Callable[..., None])


def command(group: typer.Typer, name: str, *, connects: bool = True) -> Callable[[Handler], Handler]:
    """Register `func(cli, ...)` as the command `name` of `group`, with the shared options added.

    typer reads the wrapper's signature: the function's own parameters (without `cli`), then
    `--json`, `--instance` (unless the command does not `connect` to a configured DSS) and `--debug`.
    Each shared option may also be given before the command, to the root (`shared_options`).
    """

    def register(func: Handler) -> Handler:
        own = list(inspect.signature(func, eval_str=True).parameters.values())[1:]
        shared = [
            inspect.Parameter(n, inspect.Parameter.KEYWORD_ONLY, default=d, annotation=a)
            for n, d, a in zip(_SHARED, (False, None, False), (JsonOption, InstanceOption, DebugOption), strict=True)
            if connects or n != "instance"
        ]
        context = inspect.Parameter(_CONTEXT, inspect.Parameter.KEYWORD_ONLY, annotation=typer.Context)

        @functools.wraps(func)
        def run(**kwargs: Any) -> None:
            before = shared_options(kwargs.pop(_CONTEXT))
            cli = Cli(
                json_output=kwargs.pop("json_output") or bool(before.get("json_output")),
                instance=kwargs.pop("instance", None) or before.get("instance"),
                debug=kwargs.pop("debug") or bool(before.get("debug")),
            )
            with cli.running():
                func(cli, **kwargs)

        signature = inspect.Signature([*own, *shared, context])
        run.__signature__ = signature  # type: ignore[attr-defined]
        run.__annotations__ = {p.name: p.annotation for p in signature.parameters.values()}
        group.command(name)(run)
        return func

    return register
