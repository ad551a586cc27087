"""100 MB each way through the proxy in constant memory: the server's peak RSS barely moves.

The server runs in its own process (`dss-codestudio-server serve`), so that its memory is its own:
its peak resident set (VmHWM) is reset after a warm-up, then a 100 MB download and a 100 MB upload
(chunked, from a generator) go through the proxy to the echo entry point. Buffering either would
add at least 100 MB to the peak; streaming adds a few chunks.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from tests.proxy.world import ECHO_BLOCKS, HERE
from tests.support.api import finished
from tests.support.ports import free_port
from tests.support.server_process import admin_key, server_process

MIB = 1 << 20
SIZE = 100 * MIB
BOUND = 40 * MIB  # generous: a few chunks in flight and allocator slack, far below one buffered body


def memory(pid: int) -> dict[str, int]:
    """VmRSS and VmHWM (peak) of a process, in bytes."""
    found = {}
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        name, _, value = line.partition(":")
        if name in ("VmRSS", "VmHWM"):
            found[name] = int(value.split()[0]) * 1024
    return found


def reset_peak(pid: int) -> bool:
    """Reset a process's VmHWM to its current RSS (Linux's clear_refs); False where that is not allowed."""
    try:
        Path(f"/proc/{pid}/clear_refs").write_text("5")
    except OSError:
        return False
    return True


def test_100_mb_each_way_stream_through_the_proxy_in_constant_memory(tmp_path: Path) -> None:
    data, port, log = tmp_path / "data", free_port(), tmp_path / "server.log"
    with server_process(data, port, log, build_step_delay=0, extra=("--studio-read-only", str(HERE))) as proc:
        key = admin_key(log)
        with httpx.Client(base_url=f"http://127.0.0.1:{port}/dip/publicapi", auth=(key, ""), timeout=60) as api:
            template = api.post("/admin/code-studios/", json={"label": "Echo", "type": "block_based"}).json()["id"]
            settings = api.get(f"/admin/code-studios/{template}").json()
            settings["params"]["blocks"] = ECHO_BLOCKS
            assert api.put(f"/admin/code-studios/{template}", json=settings).status_code == 204
            finished(api, api.post(f"/admin/code-studios/{template}/build").json())
            api.post("/projects/", json={"projectKey": "BIG", "name": "big", "owner": "admin"})
            made = api.post("/projects/BIG/code-studios/", json={"name": "s", "templateId": template}).json()
            studio = made["codeStudio"]["id"]
            assert finished(api, api.post(f"/projects/BIG/code-studios/{studio}/restart").json()).status_code == 200
            url = (
                f"http://127.0.0.1:{port}/"
                + api.get(f"/projects/BIG/code-studios/{studio}/status").json()["exposed"][0]["url"]
            )
            with httpx.Client(auth=(key, ""), timeout=120) as site:
                for _ in range(3):  # warm-up: every code path loaded, pools made
                    assert len(site.get(url + "download", params={"size": MIB}).content) == MIB
                    assert site.put(url + "upload", content=b"w" * MIB).json()["received"] == MIB
                if not reset_peak(proc.pid):
                    pytest.skip("this machine does not let the test reset the server's peak memory")
                before = memory(proc.pid)["VmRSS"]

                size = 0
                with site.stream("GET", url + "download", params={"size": SIZE}) as answer:
                    assert answer.status_code == 200
                    for chunk in answer.iter_raw(MIB):
                        assert chunk.count(b"x") == len(chunk)
                        size += len(chunk)
                assert size == SIZE

                block = os.urandom(MIB)  # random: nothing a buffer could compress
                expected = hashlib.sha256()
                for _ in range(SIZE // MIB):
                    expected.update(block)

                def upload() -> Iterator[bytes]:
                    for _ in range(SIZE // MIB):
                        yield block

                received = site.put(url + "upload", content=upload()).json()
                assert received == {"received": SIZE, "sha256": expected.hexdigest()}
                peak = memory(proc.pid)["VmHWM"]
            finished(api, api.post(f"/projects/BIG/code-studios/{studio}/stop").json())
    growth = peak - before
    print(f"server RSS before {before / MIB:.1f} MiB, peak during 2 x 100 MiB {peak / MIB:.1f} MiB")
    assert growth < BOUND, f"the server's peak memory grew by {growth / MIB:.1f} MiB while 2 x 100 MiB went through"
