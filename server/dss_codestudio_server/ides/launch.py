"""Start an IDE in a studio: its settings files, its secret, then the IDE itself in this process.

    python -m dss_codestudio_server.ides.launch jupyterlab --env DIR --port N --base-url PATH --root DIR
    python -m dss_codestudio_server.ides.launch streamlit --env DIR --port N --base-url PATH --app FILE
    python -m dss_codestudio_server.ides.launch vscode --code-server DIR --port N --open DIR --settings DIR
        --extensions DIR --machine-settings DIR

An IDE block's entry point (`blocks`): it runs in the studio's sandbox, as the studio's user, with the
secret of the start in `$DSS_CODESTUDIO_PROXY_SECRET`. It writes what keeps the IDE quiet and
deterministic (no news, no telemetry, no update checks, no welcome walkthrough), hands the IDE the
secret the way it takes one (JupyterLab's token in `$JUPYTER_TOKEN`, code-server's `$HASHED_PASSWORD`,
which the proxy sends back as its session cookie), removes it from what the IDE's terminals and
kernels inherit where the IDE allows, and replaces itself with the IDE (`exec`), listening on
127.0.0.1 on the entry point's port, under the studio's browser path where the IDE has a base URL
option (code-server has none: the proxy strips the prefix).

Standard library only: it runs with the server's interpreter before the IDE's environment takes over.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import sys
from pathlib import Path

SECRET_VAR = "DSS_CODESTUDIO_PROXY_SECRET"
POD_WORKSPACE = "/home/dataiku/workspace"
VSCODE_MACHINE_SETTINGS = {
    "workbench.startupEditor": "none",
    "workbench.welcomePage.walkthroughs.openOnInstall": False,
    "workbench.tips.enabled": False,
    "telemetry.telemetryLevel": "off",
    "update.mode": "none",
    "extensions.autoCheckUpdates": False,
    "extensions.autoUpdate": False,
    "workbench.enableExperiments": False,
    "chat.commandCenter.enabled": False,
    # The studio's home is its workspace: the IDEs' own folders there are not the user's files.
    "files.exclude": {name: True for name in (".cache", ".local", ".config", ".jupyter", ".ipython", ".npm")},
}
"""What the server sets for VS Code in every studio (the block's machine settings file comes on top)."""


def _secret() -> str:
    secret = os.environ.pop(SECRET_VAR, "")
    if not secret:
        raise SystemExit(f"${SECRET_VAR} is not set: the IDE would answer anyone")
    return secret


def _write_json(path: Path, value: object) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.tmp")
    tmp.write_text(json.dumps(value, indent=2) + "\n")
    tmp.replace(path)


def _exec(argv: list[str], env: dict[str, str]) -> None:
    sys.stdout.flush()
    os.execve(argv[0], argv, env)


def jupyterlab(args: argparse.Namespace) -> None:
    """Start JupyterLab on `--port` under `--base-url`, its token the start's secret."""
    env = dict(os.environ)
    env["JUPYTER_TOKEN"] = _secret()
    env.pop(SECRET_VAR, None)
    home = Path(env.get("HOME", args.root))
    _write_json(
        home / ".jupyter" / "labconfig" / "page_config.json",
        {"disabledExtensions": {"@jupyterlab/apputils-extension:announcements": True}},
    )
    env["PATH"] = f"{args.env}/bin:{env.get('PATH', '/usr/bin:/bin')}"  # its terminals find the environment's tools
    python = str(Path(args.env) / "bin" / "python")
    argv = [python, "-m", "jupyterlab", "--no-browser"]
    if os.geteuid() == 0:
        argv.append("--allow-root")  # only without a sandbox, where studios run as the server's user
    argv += [
        "--ServerApp.ip=127.0.0.1",
        f"--ServerApp.port={args.port}",
        "--ServerApp.port_retries=0",
        f"--ServerApp.base_url={args.base_url.rstrip('/')}/",
        f"--ServerApp.root_dir={args.root}",
        "--LabApp.news_url=None",
        "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
        "--LabApp.extension_manager=readonly",
    ]
    _exec(argv, env)


def streamlit(args: argparse.Namespace) -> None:
    """Start Streamlit on `--port` under `--base-url`, with DSS's starter app if the app is missing."""
    env = dict(os.environ)
    env.pop(SECRET_VAR, None)  # Streamlit has no secret: the studio's own network keeps its port private
    app = Path(args.app)
    if not app.exists():
        from dss_codestudio_server.ides.blocks import STREAMLIT_STARTER

        app.parent.mkdir(parents=True, exist_ok=True)
        with contextlib.suppress(FileExistsError), open(app, "x") as f:
            f.write(STREAMLIT_STARTER)
    os.chdir(app.parent)  # Streamlit watches the folder it runs in
    env["PATH"] = f"{args.env}/bin:{env.get('PATH', '/usr/bin:/bin')}"
    argv = [str(Path(args.env) / "bin" / "python"), "-m", "streamlit", "run", str(app)]
    argv += [
        "--server.address=127.0.0.1",
        f"--server.port={args.port}",
        f"--server.baseUrlPath={args.base_url.strip('/')}",
        "--server.headless=true",
        "--browser.gatherUsageStats=false",
        "--server.fileWatcherType=poll",
        "--server.runOnSave=true",
        "--client.toolbarMode=minimal",
    ]
    _exec(argv, env)


def _machine_settings(source: Path) -> dict[str, object]:
    """Return the server's VS Code settings, with the block's machine settings file (plain JSON) on top."""
    settings: dict[str, object] = dict(VSCODE_MACHINE_SETTINGS)
    try:
        extra = json.loads((source / "settings.json").read_text())
    except (OSError, ValueError):
        return settings  # none, or JSON with comments: VS Code's own defaults then
    if isinstance(extra, dict):
        settings.update(extra)
    return settings


def _link_settings(user: Path, folder: Path) -> None:
    """Keep the user's settings in the block's settings folder (a synchronised zone): links from VS Code's."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "snippets").mkdir(exist_ok=True)
    user.mkdir(parents=True, exist_ok=True)
    for name in ("settings.json", "keybindings.json", "snippets"):
        link, kept = user / name, folder / name
        if link.is_symlink():
            link.unlink()
        elif link.is_file():
            os.replace(link, kept)  # written in place of the link: the newest settings, kept where they sync
        if not link.exists():
            link.symlink_to(kept)


def in_pod(path: str) -> str:
    """Return `path` as DSS shows it (below `/home/dataiku/workspace`) when the sandbox has that path too.

    The sandbox starts processes in the workspace, also mounted where DSS puts it: the IDE then shows
    DSS's paths, not the server's.
    """
    workspace = os.getcwd()
    with contextlib.suppress(OSError):
        if (path == workspace or path.startswith(workspace + "/")) and os.path.samefile(POD_WORKSPACE, workspace):
            return POD_WORKSPACE + path[len(workspace) :]
    return path


def vscode(args: argparse.Namespace) -> None:
    """Start code-server on `--port` (the proxy strips the studio's prefix), its password the start's secret."""
    env = dict(os.environ)
    env["HASHED_PASSWORD"] = _secret()  # code-server takes it as the session cookie's value, then forgets it
    env.pop(SECRET_VAR, None)
    home = Path(env.get("HOME", args.open))
    data = home / ".local" / "share" / "code-server"
    _write_json(data / "Machine" / "settings.json", _machine_settings(Path(args.machine_settings)))
    _link_settings(data / "User", Path(args.settings))
    Path(args.extensions).mkdir(parents=True, exist_ok=True)
    manifest = json.loads((Path(args.code_server) / "manifest.json").read_text())
    node = str(manifest.get("node") or "/usr/bin/node")
    entry = Path(args.code_server) / "node_modules" / "code-server" / "out" / "node" / "entry.js"
    argv = [node, str(entry), "--config", "/dev/null", "--bind-addr", f"127.0.0.1:{args.port}", "--auth", "password"]
    argv += ["--disable-telemetry", "--disable-update-check", "--disable-workspace-trust"]
    argv += ["--disable-getting-started-override", "--ignore-last-opened"]
    argv += ["--user-data-dir", str(data), "--extensions-dir", in_pod(args.extensions), in_pod(args.open)]
    _exec(argv, env)


def main(argv: list[str] | None = None) -> None:
    """Parse the command line and start the IDE it names."""
    parser = argparse.ArgumentParser(description="Start an IDE in a code studio.")
    ides = parser.add_subparsers(dest="ide", required=True)
    for name in ("jupyterlab", "streamlit"):
        sub = ides.add_parser(name)
        sub.add_argument("--env", required=True, help="the IDE's Python environment")
        sub.add_argument("--port", type=int, required=True)
        sub.add_argument("--base-url", required=True, help="the studio's browser path of the port")
        if name == "jupyterlab":
            sub.add_argument("--root", required=True, help="the folder JupyterLab shows (the workspace)")
        else:
            sub.add_argument("--app", required=True, help="the app's script")
    code = ides.add_parser("vscode")
    code.add_argument("--code-server", required=True, help="the folder code-server was installed in")
    code.add_argument("--port", type=int, required=True)
    for option in ("--open", "--settings", "--extensions", "--machine-settings"):
        code.add_argument(option, required=True)
    args = parser.parse_args(argv)
    {"jupyterlab": jupyterlab, "streamlit": streamlit, "vscode": vscode}[args.ide](args)


if __name__ == "__main__":
    main()
