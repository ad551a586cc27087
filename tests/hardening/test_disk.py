"""A full disk or a read-only data directory gives a clear error, and loses nothing.

The data directory lives on a small tmpfs of its own, filled up with a ballast file (ENOSPC) or
remounted read-only (EROFS) while the server runs; where this process may not mount (not root), the
same failures are injected at the storage layer instead (every atomic file write and every database
transaction fail as the kernel or SQLite would have them fail). Writes must answer 507 (no space)
or 503 (the data directory cannot be written) with the DSS error JSON, never a bare 500; reads keep
working; nothing written before is lost or half-written; and once space is freed or the directory
writable again, everything works.
"""

from __future__ import annotations

import contextlib
import errno
import os
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from tests.support.api import assert_dss_error, basic, finished
from tests.support.servers import embedded

FULL, READ_ONLY = 507, 503


class Disk:
    """A small file system of its own for the data directory: fill it, free it, make it read-only."""

    def __init__(self, mount_point: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        self.root = mount_point
        self._monkeypatch = monkeypatch
        self.mounted = _try_mount(mount_point)
        self._failure: int | None = None
        self._protected: list[Path] = []

    def fill(self) -> None:
        if not self.mounted:
            self._inject(errno.ENOSPC)
            return
        fd = os.open(self.root / "ballast", os.O_WRONLY | os.O_CREAT | os.O_TRUNC)
        try:
            for size in (1 << 16, 512, 1):  # down to the last byte
                with contextlib.suppress(OSError):
                    while os.write(fd, b"\0" * size):
                        pass
        finally:
            os.close(fd)

    def free(self) -> None:
        if not self.mounted:
            self._failure = None
            return
        (self.root / "ballast").unlink()

    def protect(self, folder: Path, on: bool) -> None:
        """Make a folder of the data directory read-only (a read-only bind mount; chmod when not root)."""
        if not self.mounted:
            folder.chmod(0o555 if on else 0o755)
            return
        if on:
            subprocess.run(["mount", "--bind", str(folder), str(folder)], check=True)
            subprocess.run(["mount", "-o", "remount,bind,ro", str(folder), str(folder)], check=True)
            self._protected.append(folder)
        else:
            subprocess.run(["umount", str(folder)], check=True)
            self._protected.remove(folder)

    def _inject(self, code: int) -> None:
        """Make every file write and database write of the server fail with `code`, as the kernel would."""
        from dss_codestudio_server.storage import db, files

        self._failure = code
        real_replace, real_transaction = files.os.replace, db.Database.transaction

        def failing_replace(src: Any, dst: Any) -> None:
            if self._failure is not None:
                raise OSError(self._failure, os.strerror(self._failure))
            real_replace(src, dst)

        @contextlib.contextmanager
        def failing_transaction(database: Any, **kwargs: Any) -> Iterator[Any]:
            if self._failure is not None:
                exc = sqlite3.OperationalError("database or disk is full")
                exc.sqlite_errorcode = sqlite3.SQLITE_FULL
                raise exc
            with real_transaction(database, **kwargs) as conn:
                yield conn

        self._monkeypatch.setattr(files.os, "replace", failing_replace)
        self._monkeypatch.setattr(db.Database, "transaction", failing_transaction)

    def unmount(self) -> None:
        if self.mounted:
            for folder in self._protected:
                subprocess.run(["umount", "-l", str(folder)], check=False)
            subprocess.run(["umount", "-l", str(self.root)], check=False)


def _try_mount(point: Path) -> bool:
    point.mkdir(parents=True, exist_ok=True)
    if os.geteuid() != 0:
        return False
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=24m", "tmpfs", str(point)], capture_output=True)
    return done.returncode == 0


@pytest.fixture
def disk(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Disk]:
    made = Disk(tmp_path / "disk", monkeypatch)
    try:
        yield made
    finally:
        made.unmount()


@pytest.fixture
def api(disk: Disk) -> Iterator[httpx.Client]:
    data = disk.root / "data"
    with (
        embedded(data) as server,
        httpx.Client(base_url=server.api_url, headers=basic(server.admin_key), timeout=60) as client,
    ):
        if True:
            assert client.post("/projects/", json={"projectKey": "P", "name": "P", "owner": "admin"}).status_code == 200
            assert client.post("/projects/P/libraries/contents/kept.py", content=b"version 1\n").status_code == 204
            yield client


def _writes(api: httpx.Client) -> dict[str, httpx.Response]:
    """One of each kind of write: a library file, a folder, a project, a template save and creation."""
    settings = api.get("/admin/code-studios/python-workspace").json()
    settings["description"] = "changed while the disk was full " + "x" * 20_000
    return {
        "library write": api.post("/projects/P/libraries/contents/kept.py", content=b"version 2\n" * 1000),
        "new library file": api.post("/projects/P/libraries/contents/new/deep/file.py", content=b"x" * 50_000),
        "project": api.post("/projects/", json={"projectKey": "Q", "name": "Q", "owner": "admin"}),
        "template save": api.put("/admin/code-studios/python-workspace", json=settings),
        "template creation": api.post("/admin/code-studios/", json={"label": "t" * 500, "type": "block_based"}),
    }


def _nothing_lost(api: httpx.Client) -> None:
    assert api.get("/projects/P/libraries/contents/kept.py").json()["data"] == "version 1\n"
    assert [p["projectKey"] for p in api.get("/projects/").json()] == ["P"]
    settings = api.get("/admin/code-studios/python-workspace").json()
    assert "description" not in settings
    assert [t["id"] for t in api.get("/admin/code-studios/").json()] == ["python-workspace"]
    tree = api.get("/projects/P/libraries/contents").json()
    assert tree in ([{"name": "kept.py"}], [{"name": "kept.py"}, {"name": "new", "children": []}]) or all(
        node["name"] in ("kept.py", "new") for node in tree
    )


def _works_again(api: httpx.Client) -> None:
    for name, response in _writes(api).items():
        assert response.status_code < 300, (name, response.text)
    assert api.get("/projects/P/libraries/contents/kept.py").json()["data"] == "version 2\n" * 1000
    built = finished(api, api.post("/admin/code-studios/python-workspace/build").json())
    assert built.status_code == 200, built.text


def test_a_full_disk_answers_507_and_loses_nothing(disk: Disk, api: httpx.Client) -> None:
    disk.fill()
    for name, response in _writes(api).items():
        body = assert_dss_error(response, FULL)
        assert "space" in body["message"].lower(), (name, body)
    build = api.post("/admin/code-studios/python-workspace/build")
    if build.status_code == 200:  # the future could be recorded: its work fails, clearly
        outcome = finished(api, build.json())
        assert outcome.status_code == 500, outcome.text
        assert "space" in outcome.json()["message"].lower()
    else:
        assert_dss_error(build, FULL)
    _nothing_lost(api)
    disk.free()
    _works_again(api)


def test_folders_of_the_data_directory_that_cannot_be_written_answer_503_and_lose_nothing(
    disk: Disk, api: httpx.Client
) -> None:
    projects = disk.root / "data" / "projects"
    disk.protect(projects, True)
    try:
        writes = {
            "library write": api.post("/projects/P/libraries/contents/kept.py", content=b"version 2\n"),
            "new library file": api.post("/projects/P/libraries/contents/new.py", content=b"x"),
            "library folder": api.post("/projects/P/libraries/folders/new-folder"),
            "project": api.post("/projects/", json={"projectKey": "Q", "name": "Q", "owner": "admin"}),
        }
        for name, response in writes.items():
            body = assert_dss_error(response, READ_ONLY)
            assert "cannot be written" in body["message"], (name, body)
        assert api.get("/projects/P/libraries/contents/kept.py").json()["data"] == "version 1\n"
        assert api.get("/projects/P/libraries/contents").json() == [{"name": "kept.py"}]
        assert [p["projectKey"] for p in api.get("/projects/").json()] == ["P"]
    finally:
        disk.protect(projects, False)
    _works_again(api)


def test_a_server_whose_data_directory_cannot_be_written_refuses_to_start_clearly(disk: Disk) -> None:
    parent = disk.root / "read-only"
    parent.mkdir()
    data = parent / "data"
    disk.protect(parent, True)
    try:
        done = subprocess.run(
            [sys.executable, "-m", "dss_codestudio_server", "serve", "--port", "0", "--data-dir", str(data)],
            capture_output=True,
            text=True,
            timeout=60,
        )
    finally:
        disk.protect(parent, False)
    assert done.returncode != 0
    assert "Traceback" not in done.stderr, done.stderr
    assert "cannot be written" in done.stderr, done.stderr
    assert str(data) in done.stderr


def test_work_that_ends_while_the_disk_is_full_still_ends_its_future(disk: Disk) -> None:
    """A build that cannot record its outcome must not be reported running forever."""
    data = disk.root / "data"
    with (
        embedded(data, build_step_delay=0.3) as server,
        httpx.Client(base_url=server.api_url, headers=basic(server.admin_key), timeout=60) as api,
    ):
        build = api.post("/admin/code-studios/python-workspace/build", params={"withNoCache": "true"}).json()
        disk.fill()
        outcome = finished(api, build)
        assert outcome.status_code in (200, 500), outcome.text
        if outcome.status_code == 500:
            assert "space" in outcome.json()["message"].lower(), outcome.text
        disk.free()
        assert finished(api, api.post("/admin/code-studios/python-workspace/build").json()).status_code == 200
