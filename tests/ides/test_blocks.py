"""DSS's IDE blocks, read into environments, entry points and messages (no install: `ides.blocks`, `build_plan`)."""

from __future__ import annotations

import json
import shlex
import zipfile
from pathlib import Path

import pytest
from dss_codestudio_server.domain.build_plan import plan_build
from dss_codestudio_server.domain.default_template import deployment_block, sync_block
from dss_codestudio_server.ides.blocks import (
    ENVIRONMENT,
    JUPYTERLAB_BLOCK,
    STREAMLIT_BLOCK,
    STREAMLIT_STARTER,
    VSCODE_BLOCK,
    merge_packages,
    plan_ide,
)
from dss_codestudio_server.ides.code_server import node_fits
from dss_codestudio_server.ides.launch import _link_settings, _machine_settings
from dss_codestudio_server.runtime import EntryPoint

from tests.support.paths import real_export

ZONES = {"user_versioned": "/home/dataiku/workspace/user-versioned", "code_studio_resources": "/srv/resources"}


def codes(block: object) -> set[str]:
    return {m.get("code", "") for m in block.messages.messages}  # type: ignore[attr-defined]


def test_jupyterlab_is_a_venv_of_the_block_packages_and_an_entry_point_with_its_token() -> None:
    block = plan_ide(JUPYTERLAB_BLOCK, {"config": {"pythonModules": "pandas==2.2.3 'scikit-learn>=1.5'"}}, {}, 2)
    assert (block.label, block.port, block.tool.kind) == ("JupyterLab", 8888, "python")
    assert block.tool.packages == ("jupyterlab", "pandas==2.2.3", "scikit-learn>=1.5")
    entry = EntryPoint.from_dict(block.entrypoint)  # what the build output will hold, once the command is set
    assert ENVIRONMENT in entry.command
    assert (entry.port, entry.expose_html, entry.proxied_url_suffix) == (8888, True, "/$request_uri")
    assert entry.secret.authorization == "token"
    assert entry.local_host is True, "JupyterLab answers only its own address"
    assert entry.readiness is not None
    assert entry.readiness.url == "${baseUrl}/api/status"
    assert not block.messages.messages


def test_dss_options_this_server_cannot_honour_are_warnings() -> None:
    config = {"codeEnvMode": "dss", "dssCodeEnv": "py39", "pythonVersion": "python3.9", "port": 9999, "extra": 1}
    block = plan_ide(STREAMLIT_BLOCK, {"config": config}, {}, 0)
    assert codes(block) == {"BUILD_IDE_CODEENV_GENERATED", "BUILD_IDE_PYTHON_VERSION"}
    assert block.port == 9999
    assert block.tool.packages == ("streamlit",)
    vscode = plan_ide(
        VSCODE_BLOCK, {"config": {"pythonExtensionVersion": "2024.8.1", "additionalExtensions": ["x"]}}, {}, 0
    )
    assert codes(vscode) == {"BUILD_IDE_EXTENSIONS_SKIPPED"}
    assert "Python extension, additional extensions" in vscode.messages.messages[0]["message"]


@pytest.mark.parametrize("token", ["--index-url=http://evil.example", "-r/etc/shadow", "x;rm", "https://host/p.whl"])
def test_a_package_list_cannot_smuggle_pip_options(token: str) -> None:
    block = plan_ide(JUPYTERLAB_BLOCK, {"config": {"pythonModules": f"pandas {token}"}}, {}, 0)
    assert codes(block) == {"BUILD_IDE_INVALID"}
    assert token not in block.tool.packages


def test_packages_merge_as_dss_merges_them() -> None:
    merged, invalid = merge_packages("jupyterlab==4.0 'numpy>1' Foo_Bar", "numpy==2.1 foo-bar[x]", ["extra"])
    assert merged == ["jupyterlab==4.0", "numpy==2.1", "foo-bar[x]", "extra"]
    assert invalid == []


def test_paths_use_the_zones_and_stay_in_the_workspace() -> None:
    config = {
        "openInPath": "/home/dataiku/workspace/../..",
        "settingsPath": "__USER_VERSIONED__/settings/code server",
        "extensionsPath": "__CODE_STUDIO_RESOURCES__/ext/",
        "machineSettingsPath": "__RECIPES__/m",  # a zone the template does not synchronise
        "codeServerVersion": "4.91.0",
    }
    block = plan_ide(VSCODE_BLOCK, {"config": config}, ZONES, 0)
    argv = shlex.split(str(block.entrypoint["command"]))
    options = dict(zip(argv[::2], argv[1::2], strict=False))
    assert argv[argv.index("--open") + 1] == "${workspace}", "no way out of the workspace"
    assert options["--settings"] == "${workspace}/user-versioned/settings/code server"
    assert options["--extensions"] == "${workspace}/srv/resources/ext", "a path outside is put inside"
    assert options["--machine-settings"] == "${workspace}/m"
    assert block.tool.version == "4.91.0"
    assert block.entrypoint["proxiedUrlSuffix"] == "/"
    assert block.entrypoint["proxySecret"] == {"cookie": "code-server-session"}


def test_a_template_with_ide_blocks_plans_their_entry_points_and_the_streamlit_starter() -> None:
    settings = {
        "type": "block_based",
        "params": {
            "blocks": [
                sync_block(),
                deployment_block(tcp=True),
                {"type": JUPYTERLAB_BLOCK, "params": {"config": {}}},
                {"type": STREAMLIT_BLOCK, "params": {}},  # parameters directly in params are read too
                {"type": VSCODE_BLOCK, "params": {"config": {"port": 80}}},  # refused: a privileged port
            ]
        },
    }
    plan = plan_build("t", settings)
    assert [e["label"] for e in plan.entrypoints] == ["JupyterLab", "Streamlit"]
    assert [e["readiness"]["url"] for e in plan.entrypoints] == ["${baseUrl}/api/status", "${baseUrl}/_stcore/health"]
    assert plan.starter_files == [
        {"zone": "code_studio_versioned", "path": "streamlit/app.py", "content": STREAMLIT_STARTER}
    ]
    assert "${workspace}/code_studio-versioned/streamlit/app.py" in str(plan.entrypoints[1]["command"])
    assert plan.has_error, "a VS Code block on port 80 cannot be built"
    assert [s.ide.ide for s in plan.steps if s.ide is not None] == ["jupyterlab", "streamlit"]


def test_the_real_exports_vscode_block() -> None:
    export = real_export()  # skips without ../shared (fails in CI)
    with zipfile.ZipFile(export) as archive:
        template = json.loads(archive.read("template.json"))
    plan = plan_build("infra", template)
    [vscode] = [s.ide for s in plan.steps if s.ide is not None]
    assert (vscode.label, vscode.port, vscode.tool.version) == ("VS Code", 8080, "4.91.0")
    assert "--settings ${workspace}/user-versioned/settings/code-server" in str(vscode.entrypoint["command"])
    ports = [(e.get("port"), e.get("portLabel")) for e in plan.skipped_entrypoints]
    assert ports == [(4200, "Dev"), (5000, "Backend")], "its front end and back end ports, with no command"


@pytest.mark.parametrize(
    ("engines", "major", "fits"),
    [
        ("20", 20, True),
        ("20", 22, False),
        (">= 14", 20, True),
        (">=18.0.0", 16, False),
        ("^20.1", 20, True),
        (None, 20, False),
    ],
)
def test_which_node_a_code_server_version_needs(engines: str | None, major: int, fits: bool) -> None:
    assert node_fits(engines, major) is fits


def test_vscode_settings_are_kept_in_the_settings_folder(tmp_path: Path) -> None:
    user, folder = tmp_path / "data" / "User", tmp_path / "user-versioned" / "settings"
    user.mkdir(parents=True)
    (user / "settings.json").write_text('{"editor.fontSize": 15}')  # written over a link: the newest settings
    _link_settings(user, folder)
    assert (folder / "settings.json").read_text() == '{"editor.fontSize": 15}'
    assert (user / "settings.json").is_symlink()
    _link_settings(user, folder)  # at every start
    assert (user / "keybindings.json").resolve() == (folder / "keybindings.json").resolve()
    machine = tmp_path / "machine"
    machine.mkdir()
    (machine / "settings.json").write_text('{"workbench.startupEditor": "readme", "x": 1}')
    merged = _machine_settings(machine)
    assert (merged["workbench.startupEditor"], merged["x"], merged["update.mode"]) == ("readme", 1, "none")
    (machine / "settings.json").write_text("// comments: not plain JSON\n{}")
    assert _machine_settings(machine)["workbench.startupEditor"] == "none"
