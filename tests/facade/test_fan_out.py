"""The async client fans out with bounded concurrency over one connection pool."""

from __future__ import annotations

import anyio
import dss_codestudio as dss
import httpx
import pytest

pytestmark = pytest.mark.anyio


class Counting:
    """An async DSS whose status answers yield to the event loop, counting calls in flight."""

    def __init__(self, fail_on: str | None = None) -> None:
        self.in_flight = 0
        self.most = 0
        self.calls = 0
        self.fail_on = fail_on

    async def __call__(self, request: httpx.Request) -> httpx.Response:
        self.calls += 1
        self.in_flight += 1
        self.most = max(self.most, self.in_flight)
        try:
            for _ in range(5):
                await anyio.sleep(0)  # a checkpoint: lets the other calls run
            studio = request.url.path.split("/")[-2]
            if studio == self.fail_on:
                return httpx.Response(404, json={"errorType": "NotFound", "message": f"no {studio}"})
            return httpx.Response(200, json={"state": "RUNNING", "jobId": studio})
        finally:
            self.in_flight -= 1


async def test_gather_bounds_concurrency_and_keeps_order() -> None:
    server = Counting()
    async with dss.AsyncDSSClient("http://dss", "k", transport=httpx.MockTransport(server)) as client:
        project = client.get_project("P")
        studios = [project.get_code_studio(f"s{i}") for i in range(40)]
        statuses = await client.gather(*(s.get_status() for s in studios), limit=4)
    assert [s.job_id for s in statuses] == [f"s{i}" for i in range(40)]
    assert server.calls == 40
    assert server.most == 4


async def test_gather_raises_the_first_failure() -> None:
    server = Counting(fail_on="s3")
    async with dss.AsyncDSSClient("http://dss", "k", transport=httpx.MockTransport(server)) as client:
        project = client.get_project("P")
        with pytest.raises(dss.NotFoundError, match="no s3"):
            await client.gather(*(project.get_code_studio(f"s{i}").get_status() for i in range(20)), limit=2)
    assert server.calls < 20  # the rest was cancelled


async def test_gather_refuses_a_zero_limit() -> None:
    async with dss.AsyncDSSClient("http://dss", "k") as client:
        with pytest.raises(ValueError, match="limit"):
            await client.gather(limit=0)
        assert await client.gather() == ()
