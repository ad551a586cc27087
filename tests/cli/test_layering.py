"""The CLI and the pytest plugin load the reference server only when a command or fixture needs it."""

from __future__ import annotations

import subprocess
import sys


def _modules_after(code: str) -> set[str]:
    probe = f"{code}\nimport sys\nprint('\\n'.join(sys.modules))"
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True).stdout
    return set(out.split())


def test_the_cli_does_not_import_the_server() -> None:
    loaded = _modules_after("from dss_codestudio.cli import app; from typer.main import get_command; get_command(app)")
    assert "dss_codestudio.cli" in loaded
    assert not {m for m in loaded if m.startswith(("dss_codestudio_server", "uvicorn", "connexion"))}


def test_the_plugin_does_not_import_the_server() -> None:
    loaded = _modules_after("import dss_codestudio_testing.plugin")
    assert "dss_codestudio_testing.plugin" in loaded
    assert not {m for m in loaded if m.startswith(("dss_codestudio_server", "uvicorn", "connexion"))}
