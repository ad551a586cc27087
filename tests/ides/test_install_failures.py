"""Where an IDE cannot be installed, the build fails with what is missing and how to get it, and publishes nothing.

Real builds on a real server, on a machine made to lack something: the package index (an address
that refuses connections), Node.js, or the compiler and ripgrep (a PATH without them).
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import httpx
import pytest
from dss_codestudio_server.embedded import EmbeddedServer

from tests.ides.conftest import BUILD_TIMEOUT, need, node_available
from tests.support.futures import finish
from tests.support.servers import TEST_CONFIG

JUPYTERLAB = {"type": "pycdstdioblk_code-studio-blocks_jupyterlab", "params": {"config": {}}}
VSCODE = {"type": "pycdstdioblk_code-studio-blocks_vscode", "params": {"config": {}}}


@pytest.fixture
def api(tmp_path: Path) -> Iterator[httpx.Client]:
    """An administrator's client of a fresh server that installs IDEs into its own (empty) store."""
    data = tmp_path / "data"
    server = EmbeddedServer(data, config=replace(TEST_CONFIG, data_dir=data, ide_install=True))
    with server, httpx.Client(base_url=server.api_url, auth=(server.admin_key, ""), timeout=60) as client:
        yield client


def build_with(api: httpx.Client, block: dict[str, Any]) -> tuple[dict[str, Any], str, str]:
    """Build the default template, then the same with `block`: the second build's result, and when each was built."""
    finish(api, api.post("/admin/code-studios/python-workspace/build").json())
    before = last_built(api)
    settings = api.get("/admin/code-studios/python-workspace").json()
    settings["params"]["blocks"].append(block)
    assert api.put("/admin/code-studios/python-workspace", json=settings).status_code == 204
    failed = finish(api, api.post("/admin/code-studios/python-workspace/build").json(), BUILD_TIMEOUT)
    return failed["result"], before, last_built(api)


def last_built(api: httpx.Client) -> str:
    [listed] = [t for t in api.get("/admin/code-studios/").json() if t["id"] == "python-workspace"]
    assert listed["lastBuilt"], listed
    return str(listed["lastBuilt"])


def error_of(result: dict[str, Any]) -> str:
    messages = result["messages"]
    assert messages["error"] is True, messages
    assert result["builds"] == [], "no image: nothing published"
    [failure] = [m for m in messages["messages"] if m.get("code") == "BUILD_IDE_INSTALL_FAILED"]
    return str(failure["message"])


def test_without_the_package_index_the_build_says_so_and_keeps_the_previous_output(
    api: httpx.Client, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PIP_CONFIG_FILE", os.devnull)  # no local mirror of this machine's pip.conf
    monkeypatch.setenv("PIP_INDEX_URL", "http://127.0.0.1:9/simple")  # refuses connections
    monkeypatch.delenv("PIP_EXTRA_INDEX_URL", raising=False)
    monkeypatch.delenv("PIP_FIND_LINKS", raising=False)
    result, before, after = build_with(api, JUPYTERLAB)
    message = error_of(result)
    assert "JupyterLab" in message
    assert "package index cannot be reached" in message
    assert "PIP_INDEX_URL" in message, "and how to give it one"
    assert before == after, "the previous build output is still the published one"


def test_without_nodejs_the_vscode_block_says_what_to_install(
    api: httpx.Client, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    empty = tmp_path / "bin"
    empty.mkdir()
    monkeypatch.setenv("PATH", str(empty))
    message = error_of(build_with(api, VSCODE)[0])
    assert "Node.js and npm not found on PATH" in message
    assert "Install Node.js 20 with npm" in message


def test_without_a_compiler_or_ripgrep_the_vscode_block_names_the_packages(
    api: httpx.Client, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    need(node_available(), "Node.js and npm are not installed")
    only_node = tmp_path / "bin"
    only_node.mkdir()
    for tool in ("node", "npm"):
        found = shutil.which(tool)
        assert found is not None
        os.symlink(os.path.realpath(found) if tool == "node" else found, only_node / tool)
    monkeypatch.setenv("PATH", str(only_node))
    message = error_of(build_with(api, VSCODE)[0])
    for missing in ("a C++ compiler", "make", "python3 (for node-gyp)", "ripgrep (rg"):
        assert missing in message
    assert "apt-get install -y build-essential python3 ripgrep" in message


def test_a_nodejs_without_its_headers_is_named_before_anything_is_downloaded(
    api: httpx.Client, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    need(node_available(), "Node.js and npm are not installed")
    node, npm = shutil.which("node"), shutil.which("npm")
    assert node is not None
    assert npm is not None
    # A Node.js installed in a folder with no include/node beside it (a bare binary, Debian's nodejs
    # without libnode-dev): node-gyp would go to Node.js's site for the headers, out of reach here.
    bare = tmp_path / "bare-node" / "bin"
    bare.mkdir(parents=True)
    (bare / "node").write_text(f'#!/bin/sh\nexec {os.path.realpath(node)} "$@"\n')
    (bare / "node").chmod(0o755)
    os.symlink(npm, bare / "npm")
    monkeypatch.setenv("PATH", f"{bare}{os.pathsep}{os.environ['PATH']}")
    message = error_of(build_with(api, VSCODE)[0])
    assert f"the Node.js headers ({tmp_path / 'bare-node' / 'include' / 'node' / 'node.h'}" in message
    assert "libnode-dev" in message
    assert not list((tmp_path / "data").rglob("node_modules")), "nothing was downloaded"
