"""`get_dss_version()` reads DSS's version headers; errors say which DSS answered them."""

from __future__ import annotations

from typing import Any

import dss_codestudio as dss
import httpx
import pytest

from tests.support.facade_clients import FakeDSS, resolve

pytestmark = pytest.mark.anyio

VERSIONS = {"DSS-Version": "14.2.0", "DSS-API-Version": "1"}


async def test_the_version_comes_from_the_headers(make_client: Any, fake: FakeDSS) -> None:
    fake.on("listFutures", httpx.Response(200, json=[], headers={"dss-version": "15.0.0-beta3"}))
    version = await resolve(make_client().get_dss_version())
    assert version == dss.DSSVersion("15.0.0-beta3", None)
    assert str(version) == "15.0.0-beta3"
    assert version.release == (15, 0, 0)
    assert dss.DSSVersion("13.5.4", "1").release >= (13, 2, 3)
    assert dss.DSSVersion("dev").release == ()


async def test_a_server_that_does_not_say_its_version(make_client: Any, fake: FakeDSS) -> None:
    fake.json("listFutures", [])
    with pytest.raises(dss.APIResponseValidationError, match="no DSS-Version header"):
        await resolve(make_client().get_dss_version())


async def test_errors_carry_the_version_of_the_dss_that_answered(make_client: Any, fake: FakeDSS) -> None:
    fake.on("listProjects", httpx.Response(403, json={"errorType": "Forbidden", "message": "no"}, headers=VERSIONS))
    with pytest.raises(dss.PermissionDeniedError) as caught:
        await resolve(make_client().list_project_keys())
    assert caught.value.dss_version == "14.2.0"
    # A proxy's page, without the headers: no version known.
    fake.on("listProjects", httpx.Response(502, text="<html>bad gateway</html>"))
    with pytest.raises(dss.InternalServerError) as caught_502:
        await resolve(make_client(max_retries=0).list_project_keys())
    assert caught_502.value.dss_version is None
