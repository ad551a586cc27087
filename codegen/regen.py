"""Regenerate generated/dss_codestudio_openapi from openapi.yaml, or check that it is fresh.

    python codegen/regen.py           # rewrite generated/dss_codestudio_openapi
    python codegen/regen.py --check   # exit 1 if the committed code differs from a fresh generation

The generator and the ruff its post hooks run are pinned (see PINNED below and pyproject.toml's dev
extra) and must be installed in the interpreter running this script. The hooks run ruff with
--isolated, so the repository's own ruff configuration never reaches the generated code, and the
generator runs with --fail-on-warning, so a dropped operation or a missing ruff is an error rather
than silently different output. Regeneration is byte-for-byte reproducible.

Once the package is generated, `spec_tables.py` writes into it the tables the facade reads from the
spec (each operation's policies, each field's description), formatted by the same hooks.
"""

from __future__ import annotations

import argparse
import difflib
import filecmp
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import yaml
from spec_tables import SpecError, write_tables

ROOT = Path(__file__).resolve().parent.parent
SPEC = ROOT / "openapi.yaml"
CONFIG = ROOT / "codegen" / "opc-config.yaml"
PACKAGE = "dss_codestudio_openapi"
TARGET = ROOT / "generated" / PACKAGE
PINNED = {"openapi-python-client": "0.29.1", "ruff": "0.17.6"}
# Written after generation: --meta none does not ship the PEP 561 marker.
EXTRA_FILES = {"py.typed": ""}
IGNORED = {".ruff_cache", "__pycache__"}


def _tool_env() -> dict[str, str]:
    """Environment whose PATH finds this interpreter's pinned tools first."""
    env = dict(os.environ)
    env["PATH"] = str(Path(sys.executable).parent) + os.pathsep + env.get("PATH", "")
    return env


def _check_versions(env: dict[str, str]) -> None:
    from importlib.metadata import version

    generator = version("openapi-python-client")
    ruff = subprocess.run(["ruff", "--version"], env=env, capture_output=True, text=True, check=True).stdout.split()[-1]
    found = {"openapi-python-client": generator, "ruff": ruff}
    wrong = {name: found[name] for name, pin in PINNED.items() if found[name] != pin}
    if wrong:
        raise SystemExit(f"regen: pinned tool versions required {PINNED}, found {found}")


def generate(destination: Path, spec: Path = SPEC) -> None:
    """Generate the package from `spec` into `destination` (which must not exist)."""
    env = _tool_env()
    _check_versions(env)
    cmd = [
        sys.executable,
        "-m",
        "openapi_python_client",
        "generate",
        "--path",
        str(spec),
        "--config",
        str(CONFIG),
        "--meta",
        "none",
        "--output-path",
        str(destination),
        "--fail-on-warning",
    ]
    result = subprocess.run(cmd, env=env, capture_output=True, text=True)
    if result.returncode != 0:
        sys.stderr.write(result.stdout + result.stderr)
        raise SystemExit(f"regen: openapi-python-client failed with exit status {result.returncode}")
    _write_spec_tables(spec, destination, env)
    for name in IGNORED:
        shutil.rmtree(destination / name, ignore_errors=True)
    for name, content in EXTRA_FILES.items():
        (destination / name).write_text(content)


def _write_spec_tables(spec: Path, destination: Path, env: dict[str, str]) -> None:
    """Write the spec's tables into the generated package, then run the generator's post hooks on them."""
    config = yaml.safe_load(CONFIG.read_text())
    try:
        written = write_tables(yaml.safe_load(spec.read_text()), destination, config.get("field_prefix", "field_"))
    except SpecError as exc:
        raise SystemExit(f"regen: {exc}") from exc
    for hook in config["post_hooks"]:
        args = hook.split()
        args[-1:] = [str(path) for path in written]  # the hooks end with the path they format, "."
        result = subprocess.run(args, cwd=destination, env=env, capture_output=True, text=True)
        if result.returncode != 0:
            raise SystemExit(f"regen: {hook!r} failed on the spec tables:\n{result.stdout}{result.stderr}")


def _files(root: Path) -> dict[str, Path]:
    return {
        str(p.relative_to(root)): p
        for p in sorted(root.rglob("*"))
        if p.is_file() and not IGNORED.intersection(p.relative_to(root).parts)
    }


def differences(fresh: Path, committed: Path) -> list[str]:
    """Describe every difference between two package trees, file by file."""
    new, old = _files(fresh), _files(committed)
    out = [f"missing: {name}" for name in sorted(new.keys() - old.keys())]
    out += [f"not generated (stale): {name}" for name in sorted(old.keys() - new.keys())]
    for name in sorted(new.keys() & old.keys()):
        if not filecmp.cmp(new[name], old[name], shallow=False):
            diff = difflib.unified_diff(
                old[name].read_text().splitlines(),
                new[name].read_text().splitlines(),
                f"committed/{name}",
                f"fresh/{name}",
                lineterm="",
                n=1,
            )
            out.append("differs: " + name + "\n" + "\n".join(list(diff)[:40]))
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--check", action="store_true", help="compare with a fresh generation instead of writing")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="regen-") as tmp:
        fresh = Path(tmp) / PACKAGE
        generate(fresh)
        if args.check:
            diffs = differences(fresh, TARGET) if TARGET.exists() else [f"missing: {TARGET}"]
            if diffs:
                print("generated/ is stale; run `python codegen/regen.py`:\n" + "\n".join(diffs))
                return 1
            print("generated/ is fresh")
            return 0
        shutil.rmtree(TARGET, ignore_errors=True)
        shutil.copytree(fresh, TARGET)
    print(f"regenerated {TARGET.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
