"""A local process runtime for code studios: each running studio is real processes on this machine.

`LocalRuntime.start` runs a studio's entry points (from its template's build output) in the studio's
workspace with the environment DSS gives a pod, on free ports of 127.0.0.1, and returns once their
readiness checks pass, inside a bubblewrap sandbox (`sandbox`) when the machine has one; each start
has a secret the proxy adds to what it forwards; `StudioProcesses.stop` terminates them gracefully,
then kills them, with their children. Unexpected exits are reported to a callback. What runs is
recorded in a state folder, so that `reconcile` can kill what a crashed server left behind. `workspace_http` is a small
read-only HTTP service over a workspace, the default template's entry point. This package is a
library below the server's domain layer and uses only the standard library.
"""

from .entrypoints import SECRET_HEADER, SECRET_VAR, EntryPoint, OpenPort, Readiness, SecretDelivery, browser_path
from .pod import RUN_TOKEN_VAR, PodSpec
from .records import FoundProcess, ReconcileReport, reconcile
from .sandbox import Sandbox, SandboxCheck, find_sandbox
from .studio_processes import ExitCallback, ProcessExit, RunningProcess, StopReport, StudioProcesses
from .supervisor import CancelCheck, LocalRuntime, StudioAlreadyRunningError, StudioRuntimeError, StudioStartError

__all__ = [
    "RUN_TOKEN_VAR",
    "SECRET_HEADER",
    "SECRET_VAR",
    "CancelCheck",
    "EntryPoint",
    "ExitCallback",
    "FoundProcess",
    "LocalRuntime",
    "OpenPort",
    "PodSpec",
    "ProcessExit",
    "Readiness",
    "ReconcileReport",
    "RunningProcess",
    "Sandbox",
    "SandboxCheck",
    "SecretDelivery",
    "StopReport",
    "StudioAlreadyRunningError",
    "StudioProcesses",
    "StudioRuntimeError",
    "StudioStartError",
    "browser_path",
    "find_sandbox",
    "reconcile",
]
