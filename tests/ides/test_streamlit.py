"""Streamlit in a studio: DSS's starter app served through the proxy, an edit made on DSS's side served after a push."""

from __future__ import annotations

from pathlib import Path

import pytest
from dss_codestudio_server.ides.blocks import STREAMLIT_STARTER
from playwright.sync_api import Browser

from tests.ides.conftest import IDE_TEST_TIMEOUT, PROJECT, IdeWorld, shoot

pytestmark = [pytest.mark.ide, pytest.mark.timeout(IDE_TEST_TIMEOUT)]
BLOCK = {"type": "pycdstdioblk_code-studio-blocks_streamlit", "params": {"config": {}}}
EDITED = 'import streamlit as st\n\nst.title("Pushed from DSS")\nst.write("The answer is", 2 + 40)\n'


def test_a_streamlit_app_edited_in_dss_is_served_after_a_push(ides: IdeWorld, browser: Browser) -> None:
    template, _ = ides.template(BLOCK, label="Streamlit")
    studio, status = ides.studio(template)
    assert status["exposed"] == [
        {
            "label": "Streamlit",
            "exposedHtml": True,
            "exposedPort": 8501,
            "url": f"code-studios/{PROJECT}/{studio}/8501/",
        }
    ]
    versioned = ides.zone(status, "code_studio_versioned")
    app = Path(versioned["dssPath"]) / "streamlit" / "app.py"
    assert app.read_text() == STREAMLIT_STARTER, "DSS's starter app, written when the studio was created"
    page = ides.page(browser)
    try:
        ides.open(page, studio, 8501)
        page.get_by_text("Hello from your code studio").wait_for(timeout=90_000)
        page.get_by_text(f"Project: {PROJECT}").wait_for(timeout=30_000)
        app.write_text(EDITED)  # what DSS's editor of the studio's versioned files does
        assert ides.push(studio, versioned["id"])["modified"] == ["streamlit/app.py"]
        page.get_by_text("Pushed from DSS").wait_for(timeout=60_000)  # rerun on save: no reload needed
        page.locator('[data-testid="stMarkdownContainer"]', has_text="42").first.wait_for(timeout=30_000)
        shoot(page, ides.shots, "streamlit")
    except Exception:
        shoot(page, ides.shots, "streamlit-failed")
        raise
