"""A stand-in server for test_reconcile.py: starts a studio, prints its pids, then waits to be killed.

`python -m tests.runtime.supervisor_child STATE_DIR WORKSPACE LOGS [--sandbox DATA_DIR]`

With `--sandbox`, the studio runs in the machine's sandbox, with DATA_DIR hidden.
"""

from __future__ import annotations

import json
import shlex
import sys
import time
from pathlib import Path

from dss_codestudio_server.runtime import EntryPoint, LocalRuntime, PodSpec, Readiness, find_sandbox

ESCAPER = """
import json, os, socket, subprocess, time
s = socket.socket()
s.bind(("127.0.0.1", int(os.environ["PORT"])))
s.listen()
# A child in its own session: outside the studio's process group, found again through the run token.
escaped = subprocess.Popen(["sleep", "600"], start_new_session=True)
grandchild = subprocess.Popen(["sleep", "600"])
json.dump({"escaped": escaped.pid, "grandchild": grandchild.pid}, open("children.json", "w"))
time.sleep(600)
"""


def main() -> None:
    state, workspace, logs = (Path(a) for a in sys.argv[1:4])
    sandbox = find_sandbox(hidden=[Path(sys.argv[5])]).sandbox if sys.argv[4:5] == ["--sandbox"] else None
    runtime = LocalRuntime(state, sandbox=sandbox)
    studio = runtime.start(
        "PROJ/abc1234",
        PodSpec("PROJ", "abc1234", workspace, logs),
        [
            EntryPoint(
                "Workspace",
                "${python} -m dss_codestudio_server.runtime.workspace_http --port ${port}",
                8080,
                Readiness("http", "/__health"),
            ),
            EntryPoint("Escaper", "${python} -c " + shlex.quote(ESCAPER), 9000),
        ],
        readiness_timeout=30,
    )
    print(json.dumps({"pids": [p.pid for p in studio.processes]}), flush=True)
    time.sleep(600)


if __name__ == "__main__":
    main()
