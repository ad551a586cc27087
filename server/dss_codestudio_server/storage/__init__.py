"""Storage: the SQLite database (WAL mode, schema migrations) and atomic, confined file operations.

Nothing here knows about the domain's rules or about HTTP.
"""

from dss_codestudio_server.storage.db import Database, DatabaseBusy
from dss_codestudio_server.storage.failures import StorageProblem, storage_problem
from dss_codestudio_server.storage.files import (
    TEMP_PREFIX,
    PathRefused,
    atomic_write_bytes,
    atomic_write_json,
    confined_path,
    fsync_dir,
    remove_tree,
    remove_unlisted,
)

__all__ = [
    "TEMP_PREFIX",
    "Database",
    "DatabaseBusy",
    "PathRefused",
    "StorageProblem",
    "atomic_write_bytes",
    "atomic_write_json",
    "confined_path",
    "fsync_dir",
    "remove_tree",
    "remove_unlisted",
    "storage_problem",
]
