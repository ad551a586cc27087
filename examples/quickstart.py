"""The quickstart as a script: a code studio built, started, opened, synchronised and stopped.

    python examples/quickstart.py [--project KEY] [--template ID]

Runs against the DSS of DKU_DSS_URL and DKU_API_KEY (the project is created if missing, owned by
DSS_PROJECT_OWNER, default `admin`), or against an embedded reference server when they are unset.
"""

from __future__ import annotations

import argparse
import contextlib

import httpx
from _target import dss_target
from dss_codestudio import DSSClient, DSSProject, NotFoundError


def ensure_project(client: DSSClient, key: str, owner: str) -> DSSProject:
    """Return the project, creating it if it does not exist."""
    if key in client.list_project_keys():
        return client.get_project(key)
    return client.create_project(key, "Code studio quickstart", owner)


def main() -> None:
    """Run the quickstart."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--project", default="CODESTUDIO_QUICKSTART")
    parser.add_argument("--template", default="python-workspace")
    args = parser.parse_args()

    with dss_target() as target, DSSClient(target.url, target.api_key) as client:
        build = client.get_code_studio_template(args.template).build().wait_for_result(timeout=1800)
        print("built for", [b.config_name for b in build.builds])

        project = ensure_project(client, args.project, target.owner)
        studio = project.create_code_studio("quickstart", args.template)
        print("created code studio", studio.code_studio_id)
        try:
            studio.start(wait=True, timeout=600)
            status = studio.get_status()
            print("state:", status.state)
            for port in status.exposed:
                if port.absolute_url:  # the studio's owner opens it with its API key, through DSS's proxy
                    answer = httpx.get(port.absolute_url, timeout=10, auth=(target.api_key, ""))
                    print(f"{port.label}: GET {port.absolute_url} -> {answer.status_code}")

            # What the DSS UI's "Synchronize files" does: check every zone, then pull and push.
            zones = status.get_zones()
            conflicts = {zone: studio.check_conflicts(zone) for zone in zones}
            in_conflict = {zone: c for zone, c in conflicts.items() if c.has_conflicts}
            if in_conflict:
                for zone, c in in_conflict.items():
                    print(f"zone {zone}: conflicts in {c.added + c.modified + c.deleted}")
            else:
                for zone in zones:
                    pulled = studio.pull_from_code_studio(zone)
                    pushed = studio.push_to_code_studio(zone)
                    print(f"zone {zone}: {pulled.count} pulled, {pushed.count} pushed")

            stopped = studio.stop(wait=True, timeout=600)
            print("state:", stopped.state)
        finally:
            with contextlib.suppress(NotFoundError):
                studio.delete()


if __name__ == "__main__":
    main()
