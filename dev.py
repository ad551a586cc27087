"""Project tasks that work from a fresh clone with nothing but Python 3.11, pip and git.

    python3 dev.py quickstart   # set up .venv and run the main job
    python3 dev.py test         # set up .venv and run every check: lint, format, types, tests
    python3 dev.py bench        # run the benchmarks (bench/run.py --help)
    python3 dev.py regen        # regenerate generated/ from openapi.yaml
    python3 dev.py hardening    # the hardening suite (CI's short version; --long: minutes of load, long random runs)

Each task first makes sure `.venv` exists and holds this project (editable) with the extras the task
needs; the installation is skipped when pyproject.toml has not changed since the last one.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
PY = BIN / "python"
TYPED_PATHS = ["facade", "server", "generated", "testing", "examples", "tests/typing"]


def run(*cmd: str | Path) -> None:
    print("+ " + " ".join(str(c) for c in cmd), flush=True)
    result = subprocess.run([str(c) for c in cmd], cwd=ROOT)
    if result.returncode != 0:
        raise SystemExit(result.returncode)


def setup(extras: str) -> None:
    """Create .venv and install the project with `extras`, unless already done for this pyproject.toml."""
    if not PY.exists():
        print(f"creating {VENV}", flush=True)
        venv.EnvBuilder(with_pip=True).create(VENV)
    digest = hashlib.sha256((ROOT / "pyproject.toml").read_bytes() + extras.encode()).hexdigest()[:16]
    stamp = VENV / f".installed-{extras}-{digest}"
    if stamp.exists():
        return
    run(PY, "-m", "pip", "install", "--quiet", "--disable-pip-version-check", "-e", f".[{extras}]")
    for old in VENV.glob(f".installed-{extras}-*"):
        old.unlink()
    stamp.touch()


def quickstart(args: list[str]) -> None:
    """The main job: `dss-codestudio quickstart` against an embedded reference server (see README)."""
    setup("server")
    run(BIN / "dss-codestudio", "quickstart", *args)


def test(args: list[str]) -> None:
    setup("dev")
    run(BIN / "ruff", "check", ".")
    run(BIN / "ruff", "format", "--check", ".")
    run(BIN / "mypy", *[p for p in TYPED_PATHS if (ROOT / p).exists()])
    run(PY, "-m", "pytest", *args)


def bench(args: list[str]) -> None:
    setup("dev")
    run(PY, ROOT / "bench" / "run.py", *args)


def regen(args: list[str]) -> None:
    setup("dev")
    run(PY, ROOT / "codegen" / "regen.py", *args)


def hardening(args: list[str]) -> None:
    """Run tests/hardening: the short seeded versions CI runs, or with --long the long random ones.

    The long versions (DSS_HARDENING_LONG=1) run 3 minutes of load, thousands of fuzz examples and
    hundreds of random sequences of the no-data-loss state machine; the load's figures are appended
    to hardening-report.jsonl and hypothesis prints what it ran.
    """
    setup("dev")
    env = dict(os.environ)
    if "--long" in args:
        args = [a for a in args if a != "--long"]
        env["DSS_HARDENING_LONG"] = "1"
        env.setdefault("DSS_HARDENING_REPORT", str(ROOT / "hardening-report.jsonl"))
        args = ["-o", "timeout=7200", "--hypothesis-show-statistics", "-s", *args]
    cmd = [str(PY), "-m", "pytest", "tests/hardening", *args]
    print("+ " + " ".join(cmd), flush=True)
    raise SystemExit(subprocess.run(cmd, cwd=ROOT, env=env).returncode)


TASKS = {"quickstart": quickstart, "test": test, "bench": bench, "regen": regen, "hardening": hardening}


def main() -> None:
    if len(sys.argv) < 2 or sys.argv[1] not in TASKS:
        raise SystemExit(__doc__)
    TASKS[sys.argv[1]](sys.argv[2:])


if __name__ == "__main__":
    main()
