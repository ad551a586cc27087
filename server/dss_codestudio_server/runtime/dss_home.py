"""A studio's DSS-like home (`DIP_HOME`): what a DSS data directory shows a pod, and nothing of the server's.

Tools made for DSS read a few files of `DIP_HOME`: `dss-version.json` (which DSS this is) and
`install.ini` (the node's type). The studio gets a fresh one at each start, in its own workspace
(readable in its sandbox); the server's data directory is never it, and never named in it.
"""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

README = """This folder is the DSS-like home of this code studio (the DIP_HOME variable).
It is written by the server at each start of the studio, and says which DSS the studio belongs to;
what is written here is lost at the next start.
"""


def write_dss_home(folder: Path, dss_version: str | None) -> None:
    """Write the DSS-like home afresh in `folder`: the version, the node type, a README.

    The folder is in the studio's workspace, which the studio's code may have changed since its last
    start (a link to elsewhere in place of the folder or of a file): whatever is there is removed,
    never followed, and the files are created new (O_EXCL, O_NOFOLLOW).
    """
    if folder.is_symlink() or (folder.exists() and not folder.is_dir()):
        folder.unlink()
    elif folder.is_dir():
        shutil.rmtree(folder)
    folder.mkdir()
    version = {"product_version": dss_version or "unknown", "product": "dss"}
    files = {
        "dss-version.json": json.dumps(version, indent=2) + "\n",
        "install.ini": "[general]\nnodetype = design\n",
        "README.txt": README,
    }
    for name, text in files.items():
        fd = os.open(folder / name, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, 0o644)
        with os.fdopen(fd, "w") as out:
            out.write(text)
