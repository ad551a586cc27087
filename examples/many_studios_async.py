"""Start and stop many code studios at once with the async client, a few at a time.

    python examples/many_studios_async.py [--count 8] [--limit 3] [--project KEY]

Runs against the DSS of DKU_DSS_URL and DKU_API_KEY, or an embedded reference server when they are
unset. `client.gather(..., limit=N)` runs the calls concurrently over one connection pool, at most N
at a time; the first failure cancels the others and is raised.
"""

from __future__ import annotations

import argparse
import time

import anyio
from _target import dss_target
from dss_codestudio import AsyncDSSClient, AsyncDSSCodeStudioObject, CodeStudioState


async def start_stop_many(client: AsyncDSSClient, project_key: str, template: str, count: int, limit: int) -> None:
    """Create `count` studios, start them all, check they run, stop and delete them: `limit` at a time."""
    project = client.get_project(project_key)
    studios: tuple[AsyncDSSCodeStudioObject, ...] = await client.gather(
        *(project.create_code_studio(f"worker {n}", template) for n in range(count)), limit=limit
    )
    try:
        began = time.monotonic()
        await client.gather(*(s.start(wait=True, timeout=600) for s in studios), limit=limit)
        statuses = await client.gather(*(s.get_status() for s in studios), limit=limit)
        assert all(s.state == CodeStudioState.RUNNING for s in statuses)
        print(f"{count} studios RUNNING after {time.monotonic() - began:.1f} s (at most {limit} starting at once)")
        began = time.monotonic()
        await client.gather(*(s.stop(wait=True, timeout=600) for s in studios), limit=limit)
        print(f"{count} studios STOPPED after {time.monotonic() - began:.1f} s")
    finally:
        await client.gather(*(s.delete() for s in studios), limit=limit)


async def run(count: int, limit: int, project_key: str, template: str) -> None:
    """Build the template, make sure the project exists, then start and stop the studios."""
    with dss_target() as target:
        async with AsyncDSSClient(target.url, target.api_key) as client:
            await (await client.get_code_studio_template(template).build()).wait_for_result(timeout=1800)
            if project_key not in await client.list_project_keys():
                await client.create_project(project_key, "Many code studios", target.owner)
            await start_stop_many(client, project_key, template, count, limit)


def main() -> None:
    """Parse the command line and run."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--count", type=int, default=8)
    parser.add_argument("--limit", type=int, default=3)
    parser.add_argument("--project", default="MANY_STUDIOS")
    parser.add_argument("--template", default="python-workspace")
    args = parser.parse_args()
    anyio.run(run, args.count, args.limit, args.project, args.template)


if __name__ == "__main__":
    main()
