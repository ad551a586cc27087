"""connexion checks the served document against the OpenAPI schema once per process, and any other document in full."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import connexion
import connexion.spec
import pytest
from connexion.exceptions import InvalidSpecification
from dss_codestudio_server.http.spec import load_spec

from tests.support.servers import InProcessServer, in_process, make_config


def _counting_checks(monkeypatch: pytest.MonkeyPatch) -> list[Any]:
    """Record each document connexion checks against the OpenAPI schema."""
    checked: list[Any] = []
    real = connexion.spec.create_spec_validator

    def counting(spec: Any) -> Any:
        checked.append(spec)
        return real(spec)

    monkeypatch.setattr(connexion.spec, "create_spec_validator", counting)
    return checked


def test_the_served_document_is_checked_once_per_process(
    server: InProcessServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    checked = _counting_checks(monkeypatch)  # `server` made an application: the document was checked
    for number in range(2):
        made = in_process(make_config(tmp_path / f"data{number}"))
        made.instance.close()
    assert checked == []


def test_any_other_document_is_still_checked_and_an_invalid_one_refused(
    server: InProcessServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    checked = _counting_checks(monkeypatch)
    changed = copy.deepcopy(load_spec())
    changed["info"]["title"] = "Another API"
    connexion.AsyncApp(__name__).add_api(changed)
    assert len(checked) == 1
    invalid = copy.deepcopy(load_spec())
    invalid["paths"]["/futures/"]["get"]["responses"] = "not responses"
    with pytest.raises(InvalidSpecification):
        connexion.AsyncApp(__name__).add_api(invalid)
    assert len(checked) == 2
