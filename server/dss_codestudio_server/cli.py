"""The server's own commands: `serve`, `add-user`, `add-key`, and the declared code envs.

    dss-codestudio-server serve [--host 127.0.0.1] [--port 11200] [--data-dir DIR]
    dss-codestudio-server add-user LOGIN [--admin] [--data-dir DIR]
    dss-codestudio-server add-key LOGIN [--data-dir DIR]
    dss-codestudio-server add-code-env NAME [--python 3.11 | --lang R] [--package SPEC]... [--data-dir DIR]
    dss-codestudio-server remove-code-env NAME [--lang PYTHON] [--data-dir DIR]
    dss-codestudio-server list-code-envs [--data-dir DIR]

The user CLI mounts the same commands (`dss-codestudio serve`, `dss-codestudio server add-user`).
"""

from __future__ import annotations

import logging
import signal
import socket
import sqlite3
import warnings
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated

import typer
import uvicorn
from rich.console import Console
from rich.markup import escape

from dss_codestudio_server.config import DEFAULT_PORT, ConnectionLimits, ServerConfig, default_data_dir
from dss_codestudio_server.domain import wire
from dss_codestudio_server.domain.errors import DomainError
from dss_codestudio_server.domain.instance import Instance, SandboxUnavailable
from dss_codestudio_server.domain.instance import open_instance as open_plain_instance
from dss_codestudio_server.domain.users import BOOTSTRAP_ADMIN, NewKey, UserService
from dss_codestudio_server.exit_codes import MEANINGS, ServeExit
from dss_codestudio_server.serving import StudioNetwork, graceful_signals, shared_network_warning, unconfined_warning
from dss_codestudio_server.storage import storage_problem
from dss_codestudio_server.storage.datadir import DataDirectoryInUse, NotADataDirectory
from dss_codestudio_server.tls import TlsFiles, uvicorn_tls

app = typer.Typer(
    help="The dss-codestudio reference server: a DSS code-studio API on this machine.",
    no_args_is_help=True,
    # The same help style as dss-codestudio, which runs these commands as `serve` and `server ...`.
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
    add_completion=False,
    context_settings={"max_content_width": 100},
)
console = Console(stderr=True)
LOG_LEVELS = ("debug", "info", "warning", "error")
LOG_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"

DataDir = Annotated[
    Path | None,
    typer.Option(
        "--data-dir", envvar="DSS_CODESTUDIO_DATA_DIR", help="Data directory [default: $XDG_DATA_HOME/dss-codestudio]"
    ),
]


def _data_dir(value: Path | None) -> Path:
    return value if value is not None else default_data_dir()


def _log_level(value: str) -> str:
    if value.lower() not in LOG_LEVELS:
        raise typer.BadParameter(f"{value!r} is not one of {', '.join(LOG_LEVELS)}")
    return value.lower()


LIMITS = ConnectionLimits()
EXIT_STATUSES = "Exit statuses: " + "; ".join(f"{code.value}: {MEANINGS[code]}" for code in ServeExit) + "."


@app.command(epilog=EXIT_STATUSES)
def serve(
    host: Annotated[str, typer.Option(help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.")] = DEFAULT_PORT,
    data_dir: DataDir = None,
    future_retention_minutes: Annotated[float, typer.Option(help="Keep finished futures this long.")] = 30.0,
    build_step_delay: Annotated[
        float, typer.Option(help="Seconds each uncached build step takes (mimics image builds).", hidden=True)
    ] = 0.0,
    validate_responses: Annotated[bool, typer.Option(help="Check every response against openapi.yaml.")] = False,
    ssl_certfile: Annotated[
        Path | None, typer.Option(help="Serve HTTPS with this PEM certificate (and its key, unless --ssl-keyfile).")
    ] = None,
    ssl_keyfile: Annotated[Path | None, typer.Option(help="The PEM key of --ssl-certfile.")] = None,
    ssl_ca_certs: Annotated[
        Path | None, typer.Option(help="Require client certificates signed by the CAs of this PEM file.")
    ] = None,
    require_sandbox: Annotated[
        bool, typer.Option(help="Refuse to start where studios cannot be sandboxed (bubblewrap missing).")
    ] = False,
    studio_read_only: Annotated[
        list[Path] | None,
        typer.Option("--studio-read-only", help="A folder studios may read (a tool a template runs; repeatable)."),
    ] = None,
    studio_network: Annotated[
        StudioNetwork,
        typer.Option(
            help="isolated: each studio has a network of its own (no outbound access, ports reached by"
            " the proxy only); shared: this machine's network."
        ),
    ] = StudioNetwork.isolated,
    ide_cache: Annotated[
        Path | None,
        typer.Option(
            envvar="DSS_CODESTUDIO_IDE_CACHE",
            help="A folder of IDE environments shared with other"
            " servers: builds use those found there, and install there when it is writable.",
        ),
    ] = None,
    ide_install: Annotated[
        bool, typer.Option(help="Install the IDE environments (JupyterLab, Streamlit, VS Code) builds do not find.")
    ] = True,
    max_header_bytes: Annotated[
        int, typer.Option(min=1024, help="Largest request line and headers, in bytes (431 past it).")
    ] = LIMITS.max_header_bytes,
    header_timeout: Annotated[
        float, typer.Option(min=0.1, help="Seconds a client has to send a request's headers (408 after).")
    ] = LIMITS.header_timeout,
    keep_alive_timeout: Annotated[
        int, typer.Option(min=1, help="Seconds an idle connection is kept open.")
    ] = LIMITS.keep_alive_timeout,
    max_concurrency: Annotated[
        int, typer.Option(min=1, help="Connections and requests in progress at most (503 past it).")
    ] = LIMITS.max_concurrency,
    log_level: Annotated[
        str,
        typer.Option(
            metavar="[" + "|".join(LOG_LEVELS) + "]",
            callback=_log_level,
            help="info: one line per API request (method, path, status, time, user); debug: the studios' proxied"
            " requests too; warning: problems only.",
        ),
    ] = "info",
) -> None:
    """Serve the API at http://HOST:PORT/dip/publicapi (and /public/api), or https with --ssl-certfile.

    Running studios are served at /code-studios/ (and /dip/code-studios/), to their owners only.
    One server per data directory: a second one on the same data directory exits at once.
    SIGTERM and SIGINT stop every studio (their files pulled), then the server, which exits 0.
    """
    with warnings.catch_warnings():
        # connexion imports starlette's test client, which warns about httpx on import: noise to a user.
        warnings.filterwarnings("ignore", message="Using `httpx` with `starlette.testclient`")
        from dss_codestudio_server.http import create_app, open_instance
    from dss_codestudio_server.http.connections import uvicorn_options

    if ssl_certfile is None and (ssl_keyfile or ssl_ca_certs):
        raise typer.BadParameter("--ssl-keyfile and --ssl-ca-certs need --ssl-certfile")
    tls = TlsFiles(ssl_certfile, ssl_keyfile, ssl_ca_certs) if ssl_certfile else None
    logging.basicConfig(level=log_level.upper(), format=LOG_FORMAT)
    config = ServerConfig(
        data_dir=_data_dir(data_dir),
        future_retention_minutes=future_retention_minutes,
        build_step_delay=build_step_delay,
        validate_responses=validate_responses,
        require_sandbox=require_sandbox,
        sandbox_read_only=tuple(studio_read_only or ()),
        studio_network=studio_network.value,
        ide_cache=ide_cache,
        ide_install=ide_install,
        connections=ConnectionLimits(max_header_bytes, header_timeout, keep_alive_timeout, max_concurrency),
    )
    try:
        with _storage_errors(config.data_dir), _data_dir_errors():
            instance = open_instance(config)
    except SandboxUnavailable as exc:
        console.print(f"[red]error:[/red] {exc} (--require-sandbox)", soft_wrap=True)
        raise typer.Exit(ServeExit.SANDBOX_UNAVAILABLE) from exc
    if instance.sandbox_problem:
        console.print(f"[yellow]{unconfined_warning(instance.sandbox_problem)}[/yellow]", soft_wrap=True)
    elif instance.studio_network == "shared":
        console.print(f"[yellow]{shared_network_warning(instance.network_problem)}[/yellow]", soft_wrap=True)
    with graceful_signals() as stop_signals:
        try:
            with _storage_errors(config.data_dir):
                key = instance.initialize()
            if key is not None:
                typer.echo(f"Created administrator {key.login}. Its API key, shown only this once:")
                typer.echo(f"admin API key: {key.key}")
            typer.echo(f"data directory: {config.data_dir}")
            sock = _listen(host, port)
            typer.echo(f"listening on {_bound_url(sock, tls is not None)}", nl=True)
            options = uvicorn_options(config.connections)
            server = uvicorn.Server(
                uvicorn.Config(
                    create_app(instance),
                    log_level="error" if log_level == "error" else "warning",
                    access_log=False,  # ours: dss_codestudio_server.access
                    lifespan="off",
                    **uvicorn_tls(tls),
                    **options,
                )
            )
            with sock:
                server.run(sockets=[sock])
        finally:
            instance.close()  # every studio stopped, its files pulled; a SIGTERM got here too
    by = f" by {signal.Signals(stop_signals[0]).name}" if stop_signals else ""
    typer.echo(f"stopped{by}: every studio stopped, its files pulled")


def _bound_url(sock: socket.socket, https: bool) -> str:
    """Return the API's URL at the address the socket is bound to (the port the system chose for `--port 0`)."""
    host, port = sock.getsockname()[:2]
    shown = f"[{host}]" if ":" in host else host
    return f"{'https' if https else 'http'}://{shown}:{port}/dip/publicapi"


@app.command("add-user")
def add_user(
    login: Annotated[str, typer.Argument(help="Login of the new user.")],
    admin: Annotated[bool, typer.Option(help="Make the user an instance administrator.")] = False,
    may_create_projects: Annotated[bool, typer.Option(help="Allow the user to create projects.")] = False,
    group: Annotated[list[str] | None, typer.Option(help="A group of the user (repeatable).")] = None,
    data_dir: DataDir = None,
) -> None:
    """Create a user and print its first API key."""
    _print_new_key(
        data_dir,
        lambda users: users.add_user(
            login, admin=admin, may_create_projects=may_create_projects, groups=tuple(group or ())
        ),
    )


@app.command("add-key")
def add_key(
    login: Annotated[str, typer.Argument(help="Login of the user.")],
    label: Annotated[str, typer.Option(help="What the key is for.")] = "",
    data_dir: DataDir = None,
) -> None:
    """Create another API key for a user and print it."""
    _print_new_key(data_dir, lambda users: users.add_key(login, label))


@app.command("add-code-env")
def add_code_env(
    name: Annotated[str, typer.Argument(help="Name of the code env, as templates and projects name it.")],
    python: Annotated[str | None, typer.Option(help="Its Python version, MAJOR.MINOR [default: the server's].")] = None,
    lang: Annotated[str, typer.Option(help="Its language: PYTHON or R.")] = "PYTHON",
    description: Annotated[str | None, typer.Option(help="What it is for.")] = None,
    package: Annotated[list[str] | None, typer.Option(help="A package it holds (repeatable).")] = None,
    data_dir: DataDir = None,
) -> None:
    """Declare a code env the instance has: templates' add_codeenv blocks, imports and projects may name it.

    The server installs nothing: studio processes run with the server's Python. A build naming a
    code env that is not declared fails, as in DSS. Works while the server runs.
    """
    _with_instance(
        data_dir,
        lambda instance: instance.code_envs.declare(
            BOOTSTRAP_ADMIN, lang, name, python=python, description=description, packages=list(package or [])
        ),
        f"declared code env {lang.upper()} {name}",
    )


@app.command("remove-code-env")
def remove_code_env(
    name: Annotated[str, typer.Argument(help="Name of the code env.")],
    lang: Annotated[str, typer.Option(help="Its language: PYTHON or R.")] = "PYTHON",
    data_dir: DataDir = None,
) -> None:
    """Remove a declared code env (templates naming it no longer build)."""
    _with_instance(data_dir, lambda instance: instance.code_envs.remove(lang, name), f"removed code env {name}")


@app.command("list-code-envs")
def list_code_envs(data_dir: DataDir = None) -> None:
    """List the declared code envs: language, name, Python interpreter."""

    def show(instance: Instance) -> None:
        for item in map(wire.code_env_list_item, instance.code_envs.definitions()):
            typer.echo(f"{item['envLang']}\t{item['envName']}\t{item.get('pythonInterpreter', '')}")

    _with_instance(data_dir, show, None)


def _with_instance(data_dir: Path | None, act: Callable[[Instance], object], done: str | None) -> None:
    """Open the data directory's instance (without serving it), act on it, report DomainErrors as one line."""
    with _storage_errors(_data_dir(data_dir)), _data_dir_errors():
        instance = open_plain_instance(_data_dir(data_dir))
    try:
        with _storage_errors(_data_dir(data_dir)):
            act(instance)
    except DomainError as exc:
        console.print(f"[red]error:[/red] {escape(exc.message)}", soft_wrap=True)
        raise typer.Exit(1) from exc
    finally:
        instance.close()
    if done is not None:
        typer.echo(done)


@contextmanager
def _storage_errors(data_dir: Path) -> Iterator[None]:
    """Turn a full or unwritable data directory into a clear error and exit status 1, not a traceback."""
    try:
        yield
    except (OSError, sqlite3.Error) as exc:
        problem = storage_problem(exc)
        if problem is None:
            raise
        console.print(f"[red]error:[/red] {problem.describe(exc)}: {data_dir}", soft_wrap=True)
        raise typer.Exit(1) from exc


@contextmanager
def _data_dir_errors() -> Iterator[None]:
    """Turn a data directory in use, or a folder that is not one, into one line and its own exit status."""
    try:
        yield
    except DataDirectoryInUse as exc:
        console.print(f"[red]error:[/red] {exc}", soft_wrap=True)
        raise typer.Exit(ServeExit.DATA_DIR_IN_USE) from exc
    except NotADataDirectory as exc:
        console.print(f"[red]error:[/red] {exc}", soft_wrap=True)
        raise typer.Exit(ServeExit.NOT_A_DATA_DIR) from exc


def _listen(host: str, port: int) -> socket.socket:
    """Bind the server's socket, or exit with one line and ADDRESS_UNAVAILABLE."""
    from dss_codestudio_server.http.connections import listening_socket

    try:
        return listening_socket(host, port)
    except OSError as exc:
        console.print(f"[red]error:[/red] cannot listen on {host}:{port}: {exc.strerror or exc}", soft_wrap=True)
        raise typer.Exit(ServeExit.ADDRESS_UNAVAILABLE) from exc


def _print_new_key(data_dir: Path | None, make: Callable[[UserService], NewKey]) -> None:
    with _storage_errors(_data_dir(data_dir)), _data_dir_errors():
        instance = open_plain_instance(_data_dir(data_dir))
    try:
        new = make(instance.users)
    except DomainError as exc:
        console.print(f"[red]error:[/red] {exc.message}")
        raise typer.Exit(1) from exc
    finally:
        instance.close()
    typer.echo(new.key)


def main() -> None:
    """Run the command line."""
    app()
