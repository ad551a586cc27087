"""Measure what each IDE block costs: its build (cold and cached), its disk, and a studio's start to ready.

    .venv/bin/python bench/ides.py [--ide-cache DIR] [--only jupyterlab,streamlit,vscode] [--starts 3]

For each IDE, a fresh embedded reference server (its own data directory, IDE installs on) builds a
template holding the IDE's block: with an empty `--ide-cache` (the default: a new temporary folder)
the first build installs the environment (cold), the second finds it (cached); with a filled one
both are cached. Then a studio of that template is started `--starts` times (each start until
RUNNING, that is until the IDE's own health endpoint answered through the studio's relay) and
stopped. The table gives seconds and MB; the build's own figure (the install alone) is in its
build.log, which the table repeats.

Run it on an idle machine to quote it; the numbers in README.md say the load they were taken under.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from dss_codestudio import DSSClient
from dss_codestudio_server.config import ServerConfig
from dss_codestudio_server.embedded import EmbeddedServer

BLOCKS = {
    "jupyterlab": "pycdstdioblk_code-studio-blocks_jupyterlab",
    "streamlit": "pycdstdioblk_code-studio-blocks_streamlit",
    "vscode": "pycdstdioblk_code-studio-blocks_vscode",
}


@dataclass
class Figures:
    """One IDE's figures: its two builds, its starts to ready (seconds), what the build said it used."""

    ide: str
    builds: list[float]
    ready: list[float]
    summary: str


def measure(ide: str, cache: Path, starts: int) -> Figures:
    """Build a template of `ide`'s block twice and start a studio of it `starts` times; return the figures."""
    with tempfile.TemporaryDirectory(prefix="bench-ides-") as tmp:
        data = Path(tmp) / "data"
        config = ServerConfig(data_dir=data, ide_install=True, ide_cache=cache)
        with EmbeddedServer(data, config=config) as server, DSSClient(server.url, server.admin_key) as client:
            template = client.create_code_studio_template(f"bench {ide}", "block_based")
            settings = template.get_settings()
            settings.blocks.append({"type": BLOCKS[ide], "params": {"config": {}}})
            settings.get_raw()["defaultPermission"] = {"canUse": True}
            settings.save()
            builds: list[float] = []
            summary = ""
            for _ in range(2):
                began = time.monotonic()
                result = template.build().wait_for_result(timeout=3600)
                builds.append(time.monotonic() - began)
                if result.messages.has_error:
                    raise SystemExit(f"{ide}: the build failed: {[m.message for m in result.messages.messages]}")
                summary = "; ".join(m.message or "" for m in result.messages.messages if m.code == "BUILD_IDE_READY")
            client.create_project("BENCH", "IDE bench", "admin")
            studio = client.get_project("BENCH").create_code_studio(ide, template.template_id)
            ready: list[float] = []
            for _ in range(starts):
                began = time.monotonic()
                studio.start(wait=True, timeout=600)
                ready.append(time.monotonic() - began)
                studio.stop(wait=True, timeout=120)
            return Figures(ide, builds, ready, summary)


def main() -> None:
    """Run the measurements and print the table."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--ide-cache", type=Path, help="the shared IDE cache (default: a new, empty folder)")
    parser.add_argument("--only", default=",".join(BLOCKS), help="IDEs to measure, comma-separated")
    parser.add_argument("--starts", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-ide-cache-") as fresh:
        cache = args.ide_cache or Path(fresh)
        rows = [measure(ide, cache, args.starts) for ide in args.only.split(",")]
    print(f"{'IDE':<11} {'1st build s':>11} {'2nd build s':>11} {'start->ready s (median, max)':>29}  build.log")
    for row in rows:
        print(
            f"{row.ide:<11} {row.builds[0]:>11.1f} {row.builds[1]:>11.1f}"
            f" {statistics.median(row.ready):>20.1f}, {max(row.ready):>6.1f}  {row.summary}"
        )


if __name__ == "__main__":
    main()
