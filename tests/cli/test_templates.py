"""`dss-codestudio templates ...` against the reference server."""

from __future__ import annotations

import zipfile
from pathlib import Path

from dss_codestudio.cli import ExitCode

from tests.support.api import unique
from tests.support.cli import CliFn

DEFAULT = "python-workspace"


def test_list_shows_the_default_template(cli: CliFn) -> None:
    run = cli("templates", "list")
    assert run.code == 0, run
    assert DEFAULT in run.stdout
    assert "Python workspace" in run.stdout
    listed = cli("templates", "list", "--json").json()
    assert DEFAULT in {t["id"] for t in listed}
    assert all({"id", "label"} <= t.keys() for t in listed)


def test_show_prints_blocks_and_zones_or_the_raw_settings(cli: CliFn) -> None:
    run = cli("templates", "show", DEFAULT)
    assert run.code == 0, run
    assert "project_lib_versioned" in run.stdout
    assert "entrypoint" in run.stdout
    raw = cli("templates", "show", DEFAULT, "--json").json()
    assert raw["type"] == "block_based"
    assert {b["type"] for b in raw["params"]["blocks"]} >= {"dss_base_image", "entrypoint"}


def test_build_waits_with_progress_and_prints_the_images(cli: CliFn) -> None:
    run = cli("templates", "build", DEFAULT)
    assert run.code == 0, run
    assert f"✓ Building template {DEFAULT}" in run.stderr
    assert "local" in run.stdout
    result = cli("templates", "build", DEFAULT, "--json").json()
    assert [b["configName"] for b in result["builds"]] == ["local"]
    listed = {t["id"]: t for t in cli("templates", "list", "--json").json()}
    assert listed[DEFAULT]["buildFor"] == ["local"]
    assert listed[DEFAULT]["lastBuilt"] > 0


def test_build_no_wait_answers_a_future_that_futures_wait_follows(cli: CliFn) -> None:
    started = cli("templates", "build", DEFAULT, "--no-wait", "--json")
    assert started.code == 0, started
    job_id = started.json()["jobId"]
    assert job_id
    waited = cli("futures", "wait", job_id, "--json")
    assert waited.code == 0, waited
    assert [b["configName"] for b in waited.json()["builds"]] == ["local"]
    assert f"Waiting for {job_id}" in waited.stderr
    human = cli("templates", "build", DEFAULT, "--no-wait")
    assert human.stdout.strip() != job_id  # a new build, a new future
    assert f"dss-codestudio futures wait {human.stdout.strip()}" in human.stderr  # stdout: the bare id


def test_export_then_import_round_trips(cli: CliFn, tmp_path: Path) -> None:
    archive = tmp_path / "t.zip"
    run = cli("templates", "export", DEFAULT, "-o", str(archive), "--json")
    assert run.code == 0, run
    assert run.json() == {"templateId": DEFAULT, "path": str(archive), "size": archive.stat().st_size}
    assert zipfile.is_zipfile(archive)
    assert not list(tmp_path.glob(".*partial")), "no partial download left behind"

    again = cli("templates", "export", DEFAULT, "-o", str(archive))
    assert again.code == ExitCode.USAGE
    assert "--force" in again.error_line()
    assert cli("templates", "export", DEFAULT, "-o", str(archive), "--force").code == 0

    label = unique("Imported ")
    imported = cli("templates", "import", str(archive), "--label", label, "--json")
    assert imported.code == 0, imported
    new_id = imported.json()["id"]
    assert cli("templates", "show", new_id, "--json").json()["label"] == label

    deleted = cli("templates", "delete", new_id, "--json")
    assert deleted.code == 0, deleted
    assert new_id not in {t["id"] for t in cli("templates", "list", "--json").json()}


def test_export_defaults_to_the_template_id(cli: CliFn, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    run = cli("templates", "export", DEFAULT)
    assert run.code == 0, run
    assert zipfile.is_zipfile(tmp_path / f"{DEFAULT}.zip")


def test_import_of_a_missing_file_is_a_usage_error(cli: CliFn, tmp_path: Path) -> None:
    run = cli("templates", "import", str(tmp_path / "missing.zip"))
    assert run.code == ExitCode.USAGE
    assert "does not exist" in run.stderr


def test_import_of_a_hostile_archive_fails_with_one_line(cli: CliFn, tmp_path: Path) -> None:
    archive = tmp_path / "evil.zip"
    with zipfile.ZipFile(archive, "w") as z:
        z.writestr("../../escape.txt", "x")
    run = cli("templates", "import", str(archive))
    assert run.code == ExitCode.FAILED
    assert "HTTP 400" in run.error_line()


def test_unknown_template_is_not_found(cli: CliFn) -> None:
    for args in (["show", "nope"], ["build", "nope"], ["delete", "nope"], ["export", "nope", "-o", "/dev/null"]):
        run = cli("templates", *args, "--force") if args[0] == "export" else cli("templates", *args)
        assert run.code == ExitCode.NOT_FOUND, (args, run)
        assert "HTTP 404" in run.error_line()
