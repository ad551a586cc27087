"""Run one push or pull of a zone, reporting progress on stdout, slowly enough to be killed in the middle.

Used by test_crash.py: `python -m tests.zonesync.crash_child push|pull DSS STUDIO STATE`.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

from dss_codestudio_server.zonesync import ConflictPolicy, Progress, Zone


def main() -> None:
    direction, dss, studio, state = sys.argv[1], Path(sys.argv[2]), Path(sys.argv[3]), Path(sys.argv[4])

    def progress(p: Progress) -> None:
        print(f"{p.files_done} {p.files_total}", flush=True)
        time.sleep(0.01)  # leave the killer time to strike while files are still being copied

    zone = Zone(dss, studio, state, workers=2)
    if direction == "push":
        zone.push(progress=progress)
    else:
        zone.pull(progress=progress, on_conflict=ConflictPolicy.SKIP)
    print("finished", flush=True)


if __name__ == "__main__":
    main()
