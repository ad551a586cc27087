"""The layers of README's Layout table import only what the table lets them import.

Static: every import of every module (read with `ast`: module-level, inside functions, under
`TYPE_CHECKING`, relative ones resolved) and every module named as a string to `import_module`
(how the CLI reaches the server), checked against the rules below. Then at run time: importing
the CLI or the pytest plugin loads no server module (both reach the server lazily, when a command
or fixture needs it).
"""

from __future__ import annotations

import ast
import re
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.support.paths import ROOT

SOURCES = {
    "dss_codestudio_openapi": ROOT / "generated" / "dss_codestudio_openapi",
    "dss_codestudio": ROOT / "facade" / "dss_codestudio",
    "dss_codestudio_server": ROOT / "server" / "dss_codestudio_server",
    "dss_codestudio_testing": ROOT / "testing" / "dss_codestudio_testing",
}
STDLIB = frozenset(sys.stdlib_module_names) | {"__future__"}
HTTP_FRAMEWORKS = ("connexion", "starlette", "uvicorn", "httpx", "httpcore", "httptools", "h11", "websockets")
SERVER = "dss_codestudio_server"
CLI = "dss_codestudio.cli"
# The CLI's modules that implement `serve`, `server` and `quickstart`: the only ones that reach the server.
CLI_SERVER_COMMANDS = ("dss_codestudio.cli._server", "dss_codestudio.cli._quickstart")
# A module name written as a string (what `importlib.import_module` is given).
MODULE_NAME = re.compile(r"dss_codestudio(?:_server|_openapi|_testing)?(?:\.\w+)*")


@dataclass(frozen=True)
class Import:
    """One module a module imports (or names for a dynamic import), and where."""

    importer: str
    target: str
    line: int

    def __str__(self) -> str:
        return f"{self.importer}:{self.line} imports {self.target}"


def _module_name(package: str, source: Path, path: Path) -> str:
    parts = [package, *path.relative_to(source).with_suffix("").parts]
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _docstrings(tree: ast.Module) -> set[int]:
    """The ids of the string nodes that are docstrings (they name modules without importing them)."""
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef) and node.body:
            first = node.body[0]
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant):
                found.add(id(first.value))
    return found


def imports_of(module: str, path: Path) -> Iterator[Import]:
    """Every module `module` (the file `path`) imports or names as a string, wherever in the file."""
    tree = ast.parse(path.read_text(), str(path))
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    docstrings = _docstrings(tree)
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield Import(module, alias.name, node.lineno)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base_parts = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*base_parts, *([node.module] if node.module else [])])
            else:
                base = node.module or ""
            yield Import(module, base, node.lineno)
            # `from package import module` imports that module too.
            for alias in node.names:
                yield Import(module, f"{base}.{alias.name}", node.lineno)
        elif (
            isinstance(node, ast.Constant)
            and isinstance(node.value, str)
            and id(node) not in docstrings
            and MODULE_NAME.fullmatch(node.value)
            and node.value != module
        ):
            yield Import(module, node.value, node.lineno)


def all_imports() -> list[Import]:
    found = []
    for package, source in SOURCES.items():
        for path in sorted(source.rglob("*.py")):
            found.extend(imports_of(_module_name(package, source, path), path))
    return found


IMPORTS = all_imports()


def within(name: str, *prefixes: str) -> bool:
    """Whether the module `name` is one of `prefixes` or inside one of them."""
    return any(name == p or name.startswith(p + ".") for p in prefixes)


def top(name: str) -> str:
    return name.split(".")[0]


def breaking(importers: tuple[str, ...], allowed: object) -> list[str]:
    """The imports of modules within `importers` that `allowed(target)` refuses."""
    assert callable(allowed)
    checked = [i for i in IMPORTS if within(i.importer, *importers)]
    assert checked, f"no module within {importers}: the rule checks nothing"
    return [str(i) for i in checked if not allowed(i.target)]


def test_every_module_of_every_layer_is_read() -> None:
    importers = {i.importer for i in IMPORTS}
    for package in SOURCES:
        assert package in importers
    assert {"dss_codestudio_server.domain.wire", "dss_codestudio.cli._server"} <= importers


def test_the_generated_client_imports_only_httpx_attrs_and_the_standard_library() -> None:
    assert (
        breaking(
            ("dss_codestudio_openapi",),
            lambda t: top(t) in STDLIB | {"httpx", "attrs", "dss_codestudio_openapi"},
        )
        == []
    )


def test_the_object_model_imports_the_generated_client_and_its_dependencies_only() -> None:
    object_model = [i for i in IMPORTS if within(i.importer, "dss_codestudio") and not within(i.importer, CLI)]
    allowed = STDLIB | {"dss_codestudio", "dss_codestudio_openapi", "httpx", "anyio", "sniffio", "attrs"}
    assert [str(i) for i in object_model if top(i.target) not in allowed or within(i.target, CLI)] == []


def test_the_facade_never_imports_the_server_and_the_cli_reaches_it_only_in_its_server_commands() -> None:
    facade = [i for i in IMPORTS if within(i.importer, "dss_codestudio")]
    reaching = [i for i in facade if within(i.target, SERVER, "dss_codestudio_testing")]
    assert [str(i) for i in reaching if not within(i.importer, *CLI_SERVER_COMMANDS)] == []
    # The rule is not vacuous: the scan sees the CLI's (dynamic) imports of the server.
    assert {i.importer for i in reaching} == set(CLI_SERVER_COMMANDS)


def test_the_server_never_imports_the_facade_nor_the_generated_client() -> None:
    assert breaking((SERVER,), lambda t: not within(t, "dss_codestudio", "dss_codestudio_openapi")) == []
    assert breaking((SERVER,), lambda t: top(t) != "dss_codestudio_testing") == []


def test_the_domain_knows_nothing_of_http() -> None:
    inside = ("domain", "config", "jsonshape", "storage", "runtime", "zonesync", "ides")

    def allowed(target: str) -> bool:
        if top(target) != SERVER:
            return top(target) in STDLIB  # no third-party import at all: no HTTP framework
        return target in (SERVER, f"{SERVER}.__version__") or within(target, *(f"{SERVER}.{m}" for m in inside))

    assert breaking((f"{SERVER}.domain",), allowed) == []
    assert not any(
        top(i.target) in HTTP_FRAMEWORKS or within(i.target, f"{SERVER}.http", f"{SERVER}.proxy")
        for i in IMPORTS
        if within(i.importer, f"{SERVER}.domain")
    )


@pytest.mark.parametrize("layer", ["storage", "runtime", "zonesync"])
def test_the_layers_below_the_domain_import_nothing_above_them(layer: str) -> None:
    below = (f"{SERVER}.{layer}", f"{SERVER}.storage", f"{SERVER}.config", f"{SERVER}.jsonshape")

    def allowed(target: str) -> bool:
        if top(target) != SERVER:
            return top(target) in STDLIB
        return target in (SERVER, f"{SERVER}.__version__") or within(target, *below)

    assert breaking((f"{SERVER}.{layer}",), allowed) == []


def test_the_ide_environments_import_nothing_above_them_but_the_domain_s_messages() -> None:
    # ides (IDE blocks read into environments and entry points, their installs) sits below the domain,
    # like the runtime; the blocks' reading reports through the domain's InfoMessages, a plain record.
    below = (f"{SERVER}.ides", f"{SERVER}.config", f"{SERVER}.jsonshape", f"{SERVER}.domain.info_messages")

    def allowed(target: str) -> bool:
        if top(target) != SERVER:
            return top(target) in STDLIB
        return target in (SERVER, f"{SERVER}.__version__") or within(target, *below)

    assert breaking((f"{SERVER}.ides",), allowed) == []


def test_config_and_the_domain_do_not_import_each_other() -> None:
    for bottom in ("config", "jsonshape"):
        assert (
            breaking(
                (f"{SERVER}.{bottom}",),
                lambda t: top(t) in STDLIB or within(t, f"{SERVER}.jsonshape"),
            )
            == []
        )


def test_the_examples_reach_the_server_only_to_run_one_when_no_dss_is_configured() -> None:
    found = []
    for path in sorted((ROOT / "examples").glob("*.py")):
        found += [i for i in imports_of(path.stem, path) if within(i.target, SERVER)]
    assert found
    assert {i.importer for i in found} == {"_target"}


def test_relative_imports_and_dynamic_names_are_read(tmp_path: Path) -> None:
    sample = tmp_path / "mod.py"
    sample.write_text(
        "from typing import TYPE_CHECKING\n"
        "if TYPE_CHECKING:\n    from ..http import app\n"
        "def lazy():\n    from . import wire\n    import importlib\n"
        "    return importlib.import_module('dss_codestudio_server.proxy')\n"
    )
    targets = {i.target for i in imports_of("dss_codestudio_server.domain.mod", sample)}
    assert {
        "dss_codestudio_server.http.app",
        "dss_codestudio_server.domain.wire",
        "dss_codestudio_server.proxy",
    } <= targets


def _modules_after(code: str) -> set[str]:
    probe = f"{code}\nimport sys\nprint('\\n'.join(sys.modules))"
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True).stdout
    return set(out.split())


def test_the_cli_loads_no_server_module_until_a_server_command_runs() -> None:
    loaded = _modules_after("from dss_codestudio.cli import app; from typer.main import get_command; get_command(app)")
    assert "dss_codestudio.cli" in loaded
    assert not {m for m in loaded if m.startswith((SERVER, "uvicorn", "connexion"))}


def test_the_plugin_loads_no_server_module_until_a_fixture_needs_one() -> None:
    loaded = _modules_after("import dss_codestudio_testing.plugin")
    assert "dss_codestudio_testing.plugin" in loaded
    assert not {m for m in loaded if m.startswith((SERVER, "uvicorn", "connexion"))}
