"""The sync facade is generated from the async one and never drifts from it."""

from __future__ import annotations

import subprocess
import sys

from tests.support.paths import ROOT

sys.path.insert(0, str(ROOT / "codegen"))
import unasync


def test_committed_sync_facade_is_fresh() -> None:
    result = subprocess.run(
        [sys.executable, str(ROOT / "codegen" / "unasync.py"), "--check"], capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_rewrite_turns_async_code_into_its_sync_twin() -> None:
    source = '''
import anyio
from collections.abc import AsyncIterator, Awaitable, Callable


class AsyncDSSThing:
    """See AsyncDSSClient; async code stays in strings: "await x"."""

    async def __aenter__(self) -> AsyncDSSThing:
        await anyio.sleep(1)
        return self

    async def items(self, call: Callable[[int], Awaitable[list[int]]]) -> AsyncIterator[int]:
        async with self.http.stream() as response:
            async for chunk in response.aiter_bytes():
                yield await call(len(chunk))
        await response.aclose()
        result = await get_thing.asyncio_detailed(client=self.http.get_async_httpx_client())
        return httpx.AsyncClient()  # unasync: remove
    # unasync: begin-remove
    async def only_async(self) -> None: ...
    # unasync: end-remove
'''
    expected = '''
import anyio
from collections.abc import Iterator, Awaitable, Callable


class DSSThing:
    """See DSSClient; async code stays in strings: "await x"."""

    def __enter__(self) -> DSSThing:
        time.sleep(1)
        return self

    def items(self, call: Callable[[int], list[int]]) -> Iterator[int]:
        with self.http.stream() as response:
            for chunk in response.iter_bytes():
                yield call(len(chunk))
        response.close()
        result = get_thing.sync_detailed(client=self.http.get_httpx_client())
'''
    assert unasync.rewrite(source) == expected
