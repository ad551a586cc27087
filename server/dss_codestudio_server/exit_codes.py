"""Exit statuses of `dss-codestudio-server serve` that say why it could not start serving.

They start at 10, past the statuses of the `dss-codestudio` command line (which runs `serve` in its
own process and passes its status on), so that each means one thing whichever command ran it.
1 is a data directory that cannot be written (a full disk, no permission), as for every command.
"""

from __future__ import annotations

import enum


class ServeExit(enum.IntEnum):
    """Why `serve` stopped before serving."""

    DATA_DIR_IN_USE = 10
    """Another server serves the data directory (it holds its lock); nothing was changed."""
    NOT_A_DATA_DIR = 11
    """The folder is not empty and is not a data directory of this server; nothing was changed."""
    ADDRESS_UNAVAILABLE = 12
    """The address cannot be listened on (the port is taken, or not allowed)."""
    SANDBOX_UNAVAILABLE = 13
    """`--require-sandbox` was given and studios cannot be sandboxed here (bubblewrap missing or unusable)."""


MEANINGS = {
    ServeExit.DATA_DIR_IN_USE: "another server serves this data directory",
    ServeExit.NOT_A_DATA_DIR: "the folder is not a data directory of dss-codestudio-server",
    ServeExit.ADDRESS_UNAVAILABLE: "the address cannot be listened on",
    ServeExit.SANDBOX_UNAVAILABLE: "studios cannot be sandboxed here and --require-sandbox was given",
}
