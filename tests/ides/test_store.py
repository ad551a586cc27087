"""The IDE store: an environment is installed once per key, found again, shared, aliased, and removed when unused.

The installers are replaced by stand-ins that make a folder (the real ones are the IDE tests'): what
is tested here is the store's bookkeeping, its locking and its clean-up.
"""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

import pytest
from dss_codestudio_server.ides import tools
from dss_codestudio_server.ides.blocks import ToolSpec
from dss_codestudio_server.ides.code_server import NodeJs
from dss_codestudio_server.ides.steps import Steps, ToolError
from dss_codestudio_server.ides.tools import ToolStore, ToolUnavailable

JUPYTERLAB = ToolSpec("python", "jupyterlab", ("jupyterlab",))


@pytest.fixture
def installs(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Stand-in installers, recording what they install (a started install waits for `gate`)."""
    made: list[str] = []

    def python(dest: Path, spec: ToolSpec, steps: Steps) -> dict[str, Any]:
        made.append(" ".join(spec.packages))
        (dest / "bin").mkdir()
        (dest / "bin" / "python").write_text("#!")
        return {"summary": f"{spec.name} 1.0", "versions": {spec.name: "1.0"}}

    def code_server(dest: Path, version: str, node: NodeJs, steps: Steps, cache: Path) -> dict[str, Any]:
        made.append(f"code-server {version}")
        return {"summary": f"code-server {version}", "node": "/opt/node20/bin/node"}

    node = NodeJs("/opt/node20/bin/node", "/opt/node20/bin/npm", 20, "20.20.2")
    monkeypatch.setattr(tools, "install_python_env", python)
    monkeypatch.setattr(tools, "install_code_server", code_server)
    monkeypatch.setattr(tools, "find_node", lambda steps: node)
    monkeypatch.setattr(tools, "check_prerequisites", lambda steps: node)

    def resolve(requested: str | None, node: NodeJs, steps: Steps) -> tuple[str, list[str]]:
        if requested == "4.91.0":
            return "4.100.3", ["code-server 4.91.0 is not on the npm registry; 4.100.3 was installed"]
        return requested or "4.100.3", []

    monkeypatch.setattr(tools, "resolve_version", resolve)
    return made


def test_an_environment_is_installed_once_and_found_again(tmp_path: Path, installs: list[str]) -> None:
    store = ToolStore(tmp_path / "store")
    first = store.provide(JUPYTERLAB)
    again = ToolStore(tmp_path / "store").provide(JUPYTERLAB)  # another server process on the same store
    assert (first.reused, again.reused, again.path) == (False, True, first.path)
    assert installs == ["jupyterlab"]
    assert first.manifest["summary"] == "jupyterlab 1.0"
    assert first.manifest["sizeBytes"] > 0
    assert (first.path / "install.log").exists()
    other = store.provide(ToolSpec("python", "jupyterlab", ("jupyterlab", "pandas")))
    assert other.path != first.path
    fresh = store.provide(JUPYTERLAB, no_cache=True)
    assert fresh.path not in (first.path, other.path)
    assert installs == ["jupyterlab", "jupyterlab pandas", "jupyterlab"]
    assert store.provide(JUPYTERLAB).path == fresh.path, "the newest install of a key"


def test_builds_that_ask_at_once_install_once(tmp_path: Path, installs: list[str]) -> None:
    store = ToolStore(tmp_path / "store")
    got: list[Path] = []
    threads = [threading.Thread(target=lambda: got.append(store.provide(JUPYTERLAB).path)) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    assert installs == ["jupyterlab"]
    assert len(set(got)) == 1


def test_the_shared_cache_lends_and_receives_environments(tmp_path: Path, installs: list[str]) -> None:
    shared = tmp_path / "shared"
    one = ToolStore(tmp_path / "one", shared=shared).provide(JUPYTERLAB)
    two = ToolStore(tmp_path / "two", shared=shared).provide(JUPYTERLAB)
    assert one.path.parent == shared
    assert (two.reused, two.shared, two.path) == (True, True, one.path)
    assert installs == ["jupyterlab"], "one install for two servers"


def test_without_installs_only_what_is_there_is_used(tmp_path: Path, installs: list[str]) -> None:
    with pytest.raises(ToolUnavailable):
        ToolStore(tmp_path / "store", install=False).provide(JUPYTERLAB)
    installed = ToolStore(tmp_path / "store").provide(JUPYTERLAB)
    assert ToolStore(tmp_path / "store", install=False).provide(JUPYTERLAB).path == installed.path


def test_a_version_resolved_to_another_leaves_an_alias(tmp_path: Path, installs: list[str]) -> None:
    store = ToolStore(tmp_path / "store")
    asked = store.provide(ToolSpec("code-server", "code-server", version="4.91.0"))
    assert asked.warnings == ("code-server 4.91.0 is not on the npm registry; 4.100.3 was installed",)
    newest = store.provide(ToolSpec("code-server", "code-server"))
    again = store.provide(ToolSpec("code-server", "code-server", version="4.91.0"))
    assert newest.path == asked.path == again.path
    assert again.warnings == asked.warnings, "said again at every build that uses the alias"
    assert installs == ["code-server 4.100.3"]
    assert Path("/opt/node20") in asked.read_only, "Node.js outside the system is mounted too"


def test_unused_environments_are_removed_and_a_running_install_is_not(tmp_path: Path, installs: list[str]) -> None:
    store = ToolStore(tmp_path / "store")
    kept = store.provide(JUPYTERLAB)
    unused = store.provide(ToolSpec("python", "streamlit", ("streamlit",)))
    unfinished = tmp_path / "store" / f"jupyterlab-{'0' * 16}-dead"
    unfinished.mkdir()
    assert sorted(store.collect({kept.path})) == sorted([unused.path, unfinished])
    assert kept.path.exists()
    assert store.provide(JUPYTERLAB).reused


def test_a_failed_install_leaves_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, installs: list[str]) -> None:
    def failing(dest: Path, spec: ToolSpec, steps: Steps) -> dict[str, Any]:
        (dest / "half").write_text("x")
        raise ToolError("pip failed", output="no network")

    monkeypatch.setattr(tools, "install_python_env", failing)
    store = ToolStore(tmp_path / "store")
    with pytest.raises(ToolError):
        store.provide(JUPYTERLAB)
    assert [p.name for p in (tmp_path / "store").iterdir() if not p.name.startswith(".")] == []
