"""Project tasks that work from a fresh clone with nothing but Python 3.11, pip and git.

    python3 dev.py quickstart   # set up .venv and run the main job
    python3 dev.py test         # set up .venv and run every check: lint, format, types, tests
    python3 dev.py bench        # run the benchmarks (bench/run.py --help)
    python3 dev.py regen        # regenerate generated/ from openapi.yaml
    python3 dev.py contract     # long randomised schemathesis run  [--seed N] [--examples N] [--max-time S]
    python3 dev.py outside      # schemathesis from outside: the spec alone, every phase and check  [--seed N]
    python3 dev.py spec         # the spec's lint (Spectral, Redocly) and TypeScript checks, verbose
    python3 dev.py props        # long random property and state machine runs  [--scale N] [--seed N]
    python3 dev.py hardening    # the hardening suite (CI's short version; --long: minutes of load, long random runs,
                                #   then the timing-sensitive files and the whole suite on a CPU-loaded machine)

Each task first makes sure `.venv` exists and holds this project (editable) with the extras the task
needs; the installation is skipped when pyproject.toml has not changed since the last one.
"""

from __future__ import annotations

import argparse
import contextlib
import hashlib
import os
import random
import subprocess
import sys
import venv
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
PY = BIN / "python"
TYPED_PATHS = ["facade", "server", "generated", "testing", "examples", "tests/typing"]


def run(*cmd: str | Path, env: dict[str, str] | None = None) -> None:
    print("+ " + " ".join(str(c) for c in cmd), flush=True)
    result = subprocess.run([str(c) for c in cmd], cwd=ROOT, env=env)
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


def pytest_workers(args: list[str]) -> list[str]:
    """One worker per core; a file's tests stay on one worker, so the servers a module starts once
    are started once. `-n 0` (or any -n/--numprocesses) given by the caller wins."""
    return [] if any(a.startswith(("-n", "--numprocesses")) for a in args) else ["-n", "auto", "--dist", "loadfile"]


def test(args: list[str]) -> None:
    setup("dev")
    run(BIN / "ruff", "check", ".")
    run(BIN / "ruff", "format", "--check", ".")
    run(BIN / "mypy", *[p for p in TYPED_PATHS if (ROOT / p).exists()])
    run(PY, "-m", "pytest", *pytest_workers(args), *args)


def bench(args: list[str]) -> None:
    setup("dev")
    run(PY, ROOT / "bench" / "run.py", *args)


def regen(args: list[str]) -> None:
    setup("dev")
    run(PY, ROOT / "codegen" / "regen.py", *args)


def run_pytest(env: dict[str, str], *pytest_args: str) -> None:
    """Run pytest with `env` added to the environment (printed, so that a run can be repeated)."""
    if env:
        print("+ " + " ".join(f"{k}={v}" for k, v in env.items()), flush=True)
    os.environ.update(env)
    run(PY, "-m", "pytest", *pytest_args)


# The long randomised runs: no cache of earlier failures, no per-test timeout.
LONG_RUN = ("-p", "no:cacheprovider", "--timeout", "0")


def contract(args: list[str]) -> None:
    """schemathesis with every check, at a random seed (printed), many examples per operation."""
    parser = argparse.ArgumentParser(prog="dev.py contract")
    parser.add_argument("--seed", type=int, default=random.randrange(2**31))
    parser.add_argument("--examples", type=int, default=100)
    parser.add_argument("--max-time", type=int, help="seconds; fuzzing and stateful testing repeat until spent")
    options, rest = parser.parse_known_args(args)
    setup("dev")
    env = {"DSS_CONTRACT_SEED": str(options.seed), "DSS_CONTRACT_EXAMPLES": str(options.examples)}
    if options.max_time:
        env["DSS_CONTRACT_MAX_TIME"] = str(options.max_time)
        env["DSS_CONTRACT_TIMEOUT"] = str(options.max_time * 4 + 600)
    run_pytest(env, *LONG_RUN, "tests/contract/test_contract.py", *rest)


def outside(args: list[str]) -> None:
    """schemathesis as an integrator runs it: the spec alone, every check and phase, no health check suppressed."""
    parser = argparse.ArgumentParser(prog="dev.py outside")
    parser.add_argument("--seed", type=int, default=random.randrange(2**31))
    parser.add_argument("--examples", type=int, default=100, help="per operation (schemathesis's default)")
    parser.add_argument("--phases", default="examples,coverage,fuzzing,stateful")
    options, rest = parser.parse_known_args(args)
    setup("dev")
    env = {
        "DSS_OUTSIDE_SEED": str(options.seed),
        "DSS_OUTSIDE_EXAMPLES": str(options.examples),
        "DSS_OUTSIDE_PHASES": options.phases,
    }
    run_pytest(env, *LONG_RUN, "-s", "tests/contract/test_from_outside.py", *rest)


def spec(args: list[str]) -> None:
    """Spectral, Redocly and the TypeScript check of openapi.yaml (tests/spec), one by one."""
    setup("dev")
    run_pytest({}, "-n", "0", "-v", "tests/spec", "tests/test_spec.py", *args)


def props(args: list[str]) -> None:
    """The property tests and the lifecycle state machine with `--scale` times the examples, random seeds."""
    parser = argparse.ArgumentParser(prog="dev.py props")
    parser.add_argument("--scale", type=int, default=10)
    parser.add_argument("--seed", type=int, help="fix the state machines' seed (random otherwise)")
    options, rest = parser.parse_known_args(args)
    setup("dev")
    env = {"DSS_PROPERTY_SCALE": str(max(2, options.scale))}
    if options.seed is not None:
        env["DSS_PROPERTY_SEED"] = str(options.seed)
    run_pytest(env, *LONG_RUN, "tests/property", *rest)


# The files whose tests wait on the clock (timeouts, deadlines, processes and servers that start and
# stop): a slow, shared machine is where they would flake.
TIMING_SENSITIVE = [
    "tests/server/test_builds_and_futures.py",
    "tests/server/test_crash.py",
    "tests/server/test_studio_lifecycle.py",
    "tests/runtime",
    "tests/facade_integration/test_errors_and_transport.py",
    "tests/facade_integration/test_futures.py",
    "tests/facade_integration/test_lifecycle.py",
    "tests/hardening/test_connections.py",
    "tests/hardening/test_data_directory.py",
    "tests/cli/test_server_commands.py",
]


@contextlib.contextmanager
def cpu_burners(count: int) -> Iterator[None]:
    """`count` processes spinning on a core each until the block ends (a loaded, shared machine)."""
    burners = [subprocess.Popen([sys.executable, "-c", "while True: pass"]) for _ in range(count)]
    print(f"+ {count} CPU burners: pids {' '.join(str(b.pid) for b in burners)}", flush=True)
    try:
        yield
    finally:
        for burner in burners:
            burner.kill()
        for burner in burners:
            burner.wait()


def loaded(runs: int) -> None:
    """The timing-sensitive files `runs` times, then the whole suite once, with every core kept busy."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("DSS_HARDENING_")}
    with cpu_burners(os.cpu_count() or 2):
        for number in range(1, runs + 1):
            print(f"+ loaded run {number}/{runs} of the timing-sensitive files", flush=True)
            run(PY, "-m", "pytest", "-p", "no:cacheprovider", *pytest_workers([]), *TIMING_SENSITIVE, env=env)
        print("+ the whole suite, loaded", flush=True)
        run(PY, "-m", "pytest", "-p", "no:cacheprovider", *pytest_workers([]), env=env)


def hardening(args: list[str]) -> None:
    """Run tests/hardening: the short seeded versions CI runs, or with --long the long random ones.

    The long versions (DSS_HARDENING_LONG=1) run 3 minutes of load, thousands of fuzz examples and
    hundreds of random sequences of the no-data-loss state machine; the load's figures are appended
    to hardening-report.jsonl and hypothesis prints what it ran. Then, with a CPU burner on every
    core, the timing-sensitive files run `--loaded-runs` times (10) and the whole suite once: a test
    that waits on the clock instead of a condition fails there (`--loaded-runs 0` skips this).
    """
    parser = argparse.ArgumentParser(prog="dev.py hardening")
    parser.add_argument("--long", action="store_true")
    parser.add_argument("--loaded-runs", type=int, default=10)
    options, args = parser.parse_known_args(args)
    setup("dev")
    env: dict[str, str] = {}
    if options.long:
        env["DSS_HARDENING_LONG"] = "1"
        env["DSS_HARDENING_REPORT"] = os.environ.get("DSS_HARDENING_REPORT", str(ROOT / "hardening-report.jsonl"))
        args = ["-o", "timeout=7200", "--hypothesis-show-statistics", "-s", *args]
    run_pytest(env, "tests/hardening", *args)
    if options.long and options.loaded_runs > 0:
        loaded(options.loaded_runs)


TASKS = {
    "quickstart": quickstart,
    "test": test,
    "bench": bench,
    "regen": regen,
    "contract": contract,
    "outside": outside,
    "spec": spec,
    "props": props,
    "hardening": hardening,
}


def main() -> None:
    if len(sys.argv) < 2 or sys.argv[1] not in TASKS:
        raise SystemExit(__doc__)
    TASKS[sys.argv[1]](sys.argv[2:])


if __name__ == "__main__":
    main()
