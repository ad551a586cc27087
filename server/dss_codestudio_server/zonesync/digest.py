"""Content digests of files and the commit id of a zone side.

Files are identified by the SHA-256 of their content (hex). A side's commit id is a digest over
its sorted `path -> content digest` manifest: equal manifests give equal ids, so `commitFrom`
(the DSS-side files as last synchronised) equals `commitTo` (the DSS-side files now) exactly when
nothing changed on the DSS side.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterable

from .paths import open_regular
from .tree import FileStat

_CHUNK = 1 << 20


class FileChangedError(OSError):
    """A file changed while it was being read."""


def digest_fd(fd: int) -> str:
    """Digest of what remains to be read from an open file."""
    h = hashlib.sha256()
    buf = bytearray(_CHUNK)
    view = memoryview(buf)
    while n := os.readv(fd, [buf]):
        h.update(view[:n])
    return h.hexdigest()


def digest_file(dir_fd: int, name: str) -> tuple[str, FileStat]:
    """Digest of the regular file `name` in the folder `dir_fd`, with its stat at the time of reading.

    Raises `FileChangedError` when the file changed while it was read, `OSError` when it cannot be read
    (ELOOP if it is a symlink, `NotRegularFileError` if it is not a regular file with a single name).
    """
    fd, before = open_regular(name, dir_fd)
    try:
        digest = digest_fd(fd)
        after = os.fstat(fd)
    finally:
        os.close(fd)
    if (before.st_size, before.st_mtime_ns) != (after.st_size, after.st_mtime_ns):
        raise FileChangedError(f"{name} changed while it was read")
    return digest, FileStat(after.st_size, after.st_mtime_ns)


def commit_id(manifest: Iterable[tuple[str, str]]) -> str:
    """Return a stable identifier (40 hex digits) of a `(path, digest)` manifest, whatever its order."""
    text = "".join([f"{path}\0{digest}\n" for path, digest in sorted(manifest)])
    return hashlib.sha256(text.encode("utf-8", "surrogateescape")).hexdigest()[:40]
