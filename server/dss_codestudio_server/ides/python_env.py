"""A Python environment for JupyterLab or Streamlit: a virtual environment filled from the package index.

The environment is made with the server's own Python (`python -m venv`, pip included, so that the
IDE's terminals have pip), then pip installs the block's requirements with the machine's pip
configuration (`pip.conf`, `PIP_INDEX_URL`: a mirror works as well as PyPI). Bytecode is compiled
at install time: studios mount the environment read-only and would otherwise compile at every start.
What pip installed is read back (`pip list`) with versions.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from dss_codestudio_server.ides.blocks import ToolSpec
from dss_codestudio_server.ides.steps import Steps, ToolError

NETWORK_ERRORS = (
    "Failed to establish a new connection",
    "Temporary failure in name resolution",
    "Name or service not known",
    "Network is unreachable",
    "ConnectTimeoutError",
    "Connection refused",
    "ProxyError",
    "Could not fetch URL",
)
JUPYTERLAB_OVERRIDES = {"@jupyterlab/docmanager-extension:plugin": {"renameUntitledFileOnSave": False}}
"""Saving a new notebook keeps its name instead of asking for one (`share/jupyter/lab/settings/overrides.json`)."""
SHOWN = ("jupyterlab", "jupyter-server", "notebook", "ipykernel", "streamlit", "tornado", "pandas", "numpy")


def python_facts() -> dict[str, str]:
    """Return what an environment built here depends on: this Python's version and place."""
    return {"python": sys.version.split()[0], "pythonPrefix": sys.base_prefix, "platform": sys.platform}


def install_python_env(dest: Path, spec: ToolSpec, steps: Steps) -> dict[str, object]:
    """Make the environment of `spec` in `dest`; return the manifest's facts (versions, interpreter)."""
    try:
        steps.run("Creating a Python environment", [sys.executable, "-m", "venv", dest], timeout=600)
    except ToolError as exc:
        if "ensurepip" in exc.output:
            raise ToolError(
                "Python's venv module cannot make environments with pip here: install it"
                " (Debian: apt-get install -y python3-venv)",
                output=exc.output,
            ) from exc
        raise
    python = dest / "bin" / "python"
    pip: list[str | Path] = [python, "-m", "pip", "--disable-pip-version-check", "--no-input"]
    try:
        steps.run(
            f"Installing {' '.join(spec.packages)} from the package index",
            [*pip, "install", "--progress-bar", "off", "--retries", "2", *spec.packages],
            env={"PIP_NO_CACHE_DIR": "1"},  # the environment is the cache: a second copy in ~/.cache helps nobody
            timeout=3600,
        )
    except ToolError as exc:
        raise _diagnose(spec, exc) from exc
    if spec.name == "jupyterlab":
        settings = dest / "share" / "jupyter" / "lab" / "settings"
        settings.mkdir(parents=True, exist_ok=True)
        (settings / "overrides.json").write_text(json.dumps(JUPYTERLAB_OVERRIDES, indent=2) + "\n")
    listed = json.loads(steps.capture([*pip, "list", "--format=json"]))
    versions = {str(p["name"]).lower(): str(p["version"]) for p in listed if isinstance(p, dict)}
    main = versions.get(spec.name, "?")
    return {
        "summary": f"{spec.name} {main}",
        "versions": versions,
        "shown": {name: versions[name] for name in SHOWN if name in versions},
        "interpreter": str(python),
        **python_facts(),
    }


def _diagnose(spec: ToolSpec, failure: ToolError) -> ToolError:
    output = failure.output
    if any(sign in output for sign in NETWORK_ERRORS):
        return ToolError(
            f"{spec.name} could not be installed: the Python package index cannot be reached from this server."
            " It needs access to https://pypi.org, or to a mirror set in pip's configuration (pip.conf or"
            " PIP_INDEX_URL)",
            output=output,
        )
    if "No matching distribution" in output or "Could not find a version" in output:
        return ToolError(
            f"{spec.name} could not be installed: the package index has no version of"
            f" {' '.join(spec.packages)} for Python {sys.version_info.major}.{sys.version_info.minor}"
            " (check pythonPackages and pythonModules)",
            output=output,
        )
    return ToolError(f"{spec.name} could not be installed: pip failed", output=output)
