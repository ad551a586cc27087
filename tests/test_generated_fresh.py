"""generated/ is exactly what the pinned generator makes of openapi.yaml: nobody edited it by hand."""

from __future__ import annotations

import re
import subprocess
import sys

from tests.support.openapi_spec import operations
from tests.support.paths import ROOT


def test_generated_client_is_fresh() -> None:
    result = subprocess.run(
        [sys.executable, str(ROOT / "codegen" / "regen.py"), "--check"], capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_every_operation_is_generated() -> None:
    generated = {p.stem for p in (ROOT / "generated" / "dss_codestudio_openapi" / "api").rglob("*.py")}

    def snake(name: str) -> str:
        return re.sub(r"(?<!^)(?=[A-Z])", "_", name).lower()

    assert {snake(op.operation_id) for op in operations()} <= generated
