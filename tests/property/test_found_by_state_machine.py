"""Defects the lifecycle state machine found, each pinned as a plain example."""

from __future__ import annotations

import secrets
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from dss_codestudio import ConflictError, DSSClient
from dss_codestudio_server.embedded import EmbeddedServer


@pytest.fixture
def conflicted(live_server: EmbeddedServer) -> Iterator[tuple[Any, Any]]:
    """A project and a stopped studio whose stop kept a conflict on library file b.txt ("studio" vs "dss")."""
    with DSSClient(live_server.url, live_server.admin_key) as client:
        client.get_code_studio_template("python-workspace").build().wait_for_result(timeout=60)
        project = client.create_project("SM" + secrets.token_hex(4).upper(), "Found", "admin")
        studio = project.create_code_studio("Conflicted", "python-workspace")
        studio.start(wait=True, timeout=60)
        (Path(library_zone(studio)["studioPath"]) / "b.txt").write_text("studio")
        project.get_library().add_file("b.txt").write("dss")
        stopped = studio.stop(wait=True, timeout=60)
        assert [c.added for c in stopped.conflicts.values()] == [["b.txt"]]
        yield project, studio


def library_zone(studio: Any) -> Any:
    return next(z for z in studio.get_status().get_zones("objects") if z.zone == "project_lib_versioned")


def test_a_studio_whose_unsynced_change_dss_already_holds_can_be_deleted(conflicted: tuple[Any, Any]) -> None:
    """The conflict resolved in DSS with the studio's version: nothing would be lost."""
    project, studio = conflicted
    project.get_library().get_file("b.txt").write("studio")
    studio.delete()
    assert project.list_code_studios() == []
    assert project.get_library().get_file("b.txt").read() == "studio"


def test_a_studio_whose_unsynced_change_dss_does_not_hold_is_kept(conflicted: tuple[Any, Any]) -> None:
    """The conflict resolved in DSS by deleting the file: the studio's version would be lost, so it is refused."""
    project, studio = conflicted
    project.get_library().get_file("b.txt").delete()
    with pytest.raises(ConflictError, match=r"b\.txt"):
        studio.delete()
    assert studio.get_status().state == "STOPPED"
    studio.start(wait=True, timeout=60)
    studio.pull_from_code_studio(library_zone(studio).id, force=True)
    studio.delete()
    assert project.get_library().get_file("b.txt").read() == "studio"
