"""Files in tests: folders read as `{relative path: bytes}` (to compare whole trees at once), JSON a process writes."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

from tests.support.waiting import wait_until


def tree(root: Path) -> dict[str, bytes]:
    """Every regular file below `root` (temporaries included, links not followed); {} for a missing folder."""
    out: dict[str, bytes] = {}
    for dirpath, _, files in os.walk(root):
        for name in files:
            full = Path(dirpath) / name
            if full.is_file() and not full.is_symlink():
                out[full.relative_to(root).as_posix()] = full.read_bytes()
    return out


def read_json_when_written(path: Path) -> dict[str, Any]:
    """The JSON object another process writes to `path`, once it is whole (it ends with "}")."""
    wait_until(lambda: path.exists() and path.read_text().endswith("}"), what=f"{path.name} to be written")
    data = json.loads(path.read_text())
    assert isinstance(data, dict)
    return data
