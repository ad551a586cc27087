"""The package as a user installs it: a wheel built from this checkout, in a fresh virtual environment.

A fresh venv gets the wheel without any extra (its dependencies from the package index, as a user's
pip would resolve them): the CLI, the library, its types and the pytest plugin's package all work,
and the server's commands say how to install the `server` extra. An editable install of the checkout
is made of path entries (a .pth file), which mypy run from another folder follows. The wheel carries
openapi.yaml as a file (a link in the checkout), the license, and the metadata README promises.

Slow (a wheel build and two installs from the index: about a minute); CI runs them.
"""

from __future__ import annotations

import email.parser
import os
import stat
import subprocess
import sys
import venv
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from dss_codestudio.cli import ExitCode
from dss_codestudio_testing import DSSTestServer

ROOT = Path(__file__).resolve().parents[2]
PACKAGES = ("dss_codestudio", "dss_codestudio_openapi", "dss_codestudio_server", "dss_codestudio_testing")
FOLDERS = ("facade", "generated", "server", "testing")

pytestmark = pytest.mark.slow


def run(*args: str | Path, cwd: Path | None = None, env: dict[str, str] | None = None, check: bool = True):
    """Run a command, its output captured as text; fail with the output if `check` and it fails."""
    done = subprocess.run(
        [str(a) for a in args], cwd=cwd, env=env, capture_output=True, text=True, timeout=600, check=False
    )
    if check and done.returncode != 0:
        raise AssertionError(f"{args} exited {done.returncode}\nstdout:\n{done.stdout}\nstderr:\n{done.stderr}")
    return done


def pip(target: Path, *args: str | Path) -> None:
    """This environment's pip, installing into the venv `target` (venvs are made without pip: faster)."""
    run(sys.executable, "-m", "pip", "--python", target / "bin" / "python", "--disable-pip-version-check", *args)


def fresh_venv(path: Path) -> Path:
    venv.EnvBuilder(with_pip=False).create(path)
    return path


def clean_env(home: Path) -> dict[str, str]:
    """The environment a user's shell would give: no PYTHONPATH nor DKU_* from this test run."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DKU_", "PYTHON", "DSS_CODESTUDIO"))}
    return {**env, "HOME": str(home)}


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A wheel built from this checkout as pip builds one (an isolated build environment)."""
    out = tmp_path_factory.mktemp("wheel")
    run(sys.executable, "-m", "pip", "wheel", "--no-deps", "--disable-pip-version-check", "-w", out, ROOT)
    (built,) = out.glob("dss_codestudio-*.whl")
    return built


@pytest.fixture(scope="module")
def installed(wheel: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A fresh venv with the wheel installed without extras: its folder."""
    target = fresh_venv(tmp_path_factory.mktemp("venv") / "base")
    pip(target, "install", wheel)
    return target


@pytest.fixture(scope="module")
def editable(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A fresh venv with this checkout installed editable (`pip install -e .`): its folder."""
    target = fresh_venv(tmp_path_factory.mktemp("venv") / "editable")
    pip(target, "install", "-e", ROOT)
    return target


@pytest.fixture
def elsewhere(tmp_path: Path) -> Path:
    """A folder outside the checkout, with no configuration of its own (what a user's project is to us)."""
    (tmp_path / "mypy.ini").write_text("[mypy]\n")
    return tmp_path


TYPED_APP = """
from typing import assert_type

from dss_codestudio import AsyncDSSClient, CodeStudioState, DSSClient, DSSCodeStudioObjectStatus, DSSSyncedZone


def states(client: DSSClient) -> list[str | None]:
    studio = client.get_project("P").get_code_studio("s")
    status = studio.wait_for_state("RUNNING", timeout=60)
    assert_type(status.state, CodeStudioState)
    zones = status.get_zones(as_type="objects")
    assert_type(zones, list[DSSSyncedZone])
    return [z.studio_path for z in zones] + [status.workspace_path]


async def both(client: AsyncDSSClient) -> DSSCodeStudioObjectStatus:
    studio = client.get_project("P").get_code_studio("s")
    status, settings = await client.gather(studio.get_status(), studio.get_settings())
    assert_type(settings.owner, str)
    return status
"""


def mypy(python: Path, folder: Path) -> subprocess.CompletedProcess[str]:
    """mypy --strict on the typed app, run from `folder`, finding packages in the venv of `python`."""
    (folder / "app.py").write_text(TYPED_APP)
    return run(
        sys.executable, "-m", "mypy", "--strict", "--python-executable", python, "--no-incremental", "app.py",
        cwd=folder, env=clean_env(folder), check=False,
    )  # fmt: skip


def test_the_wheel_carries_what_it_promises(wheel: Path) -> None:
    with zipfile.ZipFile(wheel) as archive:
        names = archive.namelist()
        spec = archive.getinfo("dss_codestudio_server/openapi.yaml")
        assert not stat.S_ISLNK(spec.external_attr >> 16)  # a file, although a link in the checkout
        assert archive.read(spec) == (ROOT / "openapi.yaml").read_bytes()
        for package in PACKAGES:
            assert f"{package}/py.typed" in names
        assert not [n for n in names if n.startswith(("tests/", "bench/")) or "__pycache__" in n]
        info = next(n.rsplit("/", 1)[0] for n in names if n.endswith(".dist-info/METADATA"))
        assert archive.read(f"{info}/licenses/LICENSE") == (ROOT / "LICENSE").read_bytes()
        metadata = email.parser.Parser().parsestr(archive.read(f"{info}/METADATA").decode())
        entry_points = archive.read(f"{info}/entry_points.txt").decode()
    license_text = (ROOT / "LICENSE").read_text()
    assert "Apache License" in license_text
    assert "Version 2.0" in license_text
    assert metadata["License-Expression"] == "Apache-2.0"
    assert metadata["Requires-Python"] == ">=3.11"
    assert "Operating System :: POSIX :: Linux" in metadata.get_all("Classifier")
    assert len(metadata.get_all("Project-URL")) >= 3
    assert "dss-codestudio-server = dss_codestudio.cli:server_main" in entry_points
    requires = metadata.get_all("Requires-Dist")
    base = [r for r in requires if "extra ==" not in r]
    assert not [r for r in base if r.split(">")[0].split("=")[0].strip() in ("uvicorn", "connexion", "click")], base


def test_a_base_install_works_without_extras(installed: Path, tmp_path: Path) -> None:
    python, env = installed / "bin" / "python", clean_env(tmp_path)
    listed = run(python, "-m", "pip", "list", check=False, env=env).stdout + "".join(
        p.name for p in (installed / "lib").glob("python*/site-packages/*")
    )
    assert "uvicorn" not in listed
    assert "connexion" not in listed
    helped = run(installed / "bin" / "dss-codestudio", "--help", cwd=tmp_path, env=env)
    assert helped.stdout.startswith("Usage: dss-codestudio")
    # Every module of the base install imports (the server's need its extra; the plugin module, pytest).
    probe = (
        "import importlib, pkgutil, dss_codestudio, dss_codestudio_openapi, dss_codestudio_testing\n"
        "for package in (dss_codestudio, dss_codestudio_openapi, dss_codestudio_testing):\n"
        "    for module in pkgutil.walk_packages(package.__path__, package.__name__ + '.'):\n"
        "        if module.name != 'dss_codestudio_testing.plugin' and not module.name.endswith('__main__'):\n"
        "            importlib.import_module(module.name)\n"
        "print(dss_codestudio.__file__)\n"
    )
    imported = run(python, "-c", probe, cwd=tmp_path, env=env)
    assert imported.stdout.strip().startswith(str(installed))


def test_the_installed_package_is_typed(installed: Path, elsewhere: Path) -> None:
    checked = mypy(installed / "bin" / "python", elsewhere)
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert "Success: no issues found in 1 source file" in checked.stdout


def test_the_server_commands_say_how_to_get_the_extra(installed: Path, wheel: Path, tmp_path: Path) -> None:
    env = clean_env(tmp_path)
    through_cli = run(installed / "bin" / "dss-codestudio", "serve", cwd=tmp_path, env=env, check=False)
    own_script = run(installed / "bin" / "dss-codestudio-server", "serve", cwd=tmp_path, env=env, check=False)
    for done in (through_cli, own_script):
        assert done.returncode == ExitCode.CONFIG, done
        assert done.stderr.count("\n") == 1, done.stderr  # one line, no traceback
        assert f"pip install '{wheel}[server]'" in done.stderr  # from where it was installed
    assert through_cli.stderr == own_script.stderr


def test_the_installed_cli_against_a_server(installed: Path, dss_server: DSSTestServer, tmp_path: Path) -> None:
    """The CLI with the typer (and rich) a fresh install resolves, against a reference server of this checkout."""
    env = {**clean_env(tmp_path), "DKU_DSS_URL": dss_server.url, "DKU_API_KEY": dss_server.admin_key}
    cli = installed / "bin" / "dss-codestudio"
    run(cli, "projects", "create", "FRESH", "--owner", dss_server.admin_login, env=env)
    listed = run(cli, "--json", "projects", "list", env=env)
    assert '"projectKey": "FRESH"' in listed.stdout
    job = run(cli, "templates", "build", "python-workspace", "--no-wait", env=env).stdout.strip()
    assert "futures wait" not in job
    waited = run(cli, "futures", "wait", job, "--timeout", "120", env=env)
    assert "builds:" in waited.stdout
    usage = run(cli, "studios", "status", "FRESH", "x", "--wait-for", "BOGUS", env=env, check=False)
    assert usage.returncode == ExitCode.USAGE
    missing = run(cli, "studios", "status", "FRESH", "x", "--json", env=env, check=False)
    assert missing.returncode == ExitCode.NOT_FOUND
    assert '"errorType": "NotFound"' in missing.stdout


def test_an_editable_install_is_path_entries_mypy_follows(editable: Path, elsewhere: Path) -> None:
    (pth,) = (editable / "lib").glob("python*/site-packages/*dss_codestudio*.pth")
    assert sorted(pth.read_text().split()) == sorted(str(ROOT / f) for f in FOLDERS)  # no import hook
    found = run(
        editable / "bin" / "python", "-c", "import dss_codestudio; print(dss_codestudio.__file__)", cwd=elsewhere
    )
    assert found.stdout.strip() == str(ROOT / "facade" / "dss_codestudio" / "__init__.py")
    checked = mypy(editable / "bin" / "python", elsewhere)
    assert checked.returncode == 0, checked.stdout + checked.stderr


def test_dev_py_installs_the_checkout_as_path_entries() -> None:
    """`python3 dev.py ...` (pip install -e) gives this very environment path entries, not an import hook."""
    import dss_codestudio

    if not Path(dss_codestudio.__file__).is_relative_to(ROOT):
        pytest.skip("dss_codestudio is not installed from this checkout here")
    assert str(ROOT / "facade") in sys.path
    assert not [m for m in sys.meta_path if "editable" in type(m).__module__.lower()]


@pytest.fixture(autouse=True)
def _no_leftovers_in_the_checkout() -> Iterator[None]:
    """Building and installing write nothing into the checkout (no build/ nor *.egg-info to shadow it)."""
    yield
    assert not (ROOT / "build").exists()
    assert not list(ROOT.glob("*.egg-info"))
