"""The reference server says which DSS it speaks; the facade reads it, and errors carry it."""

from __future__ import annotations

from typing import Any

import dss_codestudio as dss
import pytest
from dss_codestudio_server.http.spec import load_spec

from tests.support.facade_clients import resolve
from tests.support.live_facade import Live

pytestmark = pytest.mark.anyio


async def test_get_dss_version_reads_the_servers_headers(live: Live, client: Any) -> None:
    version = await resolve(client.get_dss_version())
    assert isinstance(version, dss.DSSVersion)
    assert (version.version, version.api_version) == (load_spec()["info"]["x-dss-version"], "1")
    assert version.release == (13, 5, 4)
    # Any user may ask: the call lists the caller's own futures.
    _, key = live.add_user()
    assert await resolve(live.client(key).get_dss_version()) == version


async def test_errors_say_which_dss_answered(live: Live, client: Any) -> None:
    with pytest.raises(dss.NotFoundError) as caught:
        await resolve(client.get_project("NO_SUCH_PROJECT").list_code_studios())
    assert caught.value.dss_version == "13.5.4"
    with pytest.raises(dss.AuthenticationError) as unknown:
        await resolve(live.client("not-a-key").list_project_keys())
    assert unknown.value.dss_version == "13.5.4"
