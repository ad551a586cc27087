"""A JupyterLab code studio: a template with DSS's JupyterLab block, built, started and opened in a browser.

    python examples/jupyterlab_studio.py [--project KEY] [--modules "pandas scikit-learn"] [--keep]

Makes a template holding DSS's JupyterLab block (its parameters typed with the models of
`dss_codestudio.models`), builds it (on the reference server, a real Python environment with
JupyterLab from the package index: about a minute the first time, nothing the next), creates a
studio from it, starts it, checks that JupyterLab answers through the server's proxy, and prints a
login link for a browser, as `dss-codestudio studios open KEY STUDIO` does. With `--keep` the studio
is left running (open it later with `dss-codestudio studios open`); else it is stopped and deleted.

Runs against the DSS of DKU_DSS_URL and DKU_API_KEY, or an embedded reference server when they are
unset (which shares the IDE environments of `$DSS_CODESTUDIO_IDE_CACHE` when it is set).
"""

from __future__ import annotations

import argparse

import httpx
from _target import dss_target
from dss_codestudio import DSSClient, DSSCodeStudioObject, DSSProject
from dss_codestudio.models import JupyterLabBlockParams, PythonIdeBlockConfig

JUPYTERLAB_BLOCK = "pycdstdioblk_code-studio-blocks_jupyterlab"


def ensure_project(client: DSSClient, key: str, owner: str) -> DSSProject:
    """Return the project, creating it if it does not exist."""
    if key in client.list_project_keys():
        return client.get_project(key)
    return client.create_project(key, "JupyterLab studio", owner)


def make_template(client: DSSClient, label: str, modules: str) -> str:
    """Create a template with the file synchronisation block, the Kubernetes parameters and JupyterLab; build it."""
    template = client.create_code_studio_template(label, "block_based")
    settings = template.get_settings()
    params = JupyterLabBlockParams(config=PythonIdeBlockConfig(port=8888, python_modules=modules))
    settings.blocks.append({"type": JUPYTERLAB_BLOCK, "params": params.to_dict()})
    settings.get_raw()["defaultPermission"] = {"canUse": True}
    settings.save()
    result = template.build().wait_for_result(timeout=1800)
    for message in result.messages.messages:
        print(f"build: {message.severity} {message.message}")
    return template.template_id


def check_jupyterlab(studio: DSSCodeStudioObject, api_key: str) -> None:
    """Ask JupyterLab for its status through the server's proxy, as the studio's owner."""
    url = studio.get_status().get_exposed_url(8888)
    if url is None:
        raise SystemExit("the studio exposes no port 8888")
    answer = httpx.get(url + "api/status", auth=(api_key, ""), timeout=30)
    answer.raise_for_status()
    print(f"JupyterLab answers at {url}: {answer.json()['kernels']} kernel(s) running")


def main() -> None:
    """Run the example."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--project", default="JUPYTERLAB_EXAMPLE")
    parser.add_argument("--modules", default="", help="more Python packages for the environment")
    parser.add_argument("--keep", action="store_true", help="leave the studio running")
    args = parser.parse_args()

    with dss_target() as target, DSSClient(target.url, target.api_key) as client:
        template = make_template(client, "JupyterLab (example)", args.modules)
        project = ensure_project(client, args.project, target.owner)
        studio = project.create_code_studio("notebooks", template)
        print("created code studio", studio.code_studio_id, "from template", template)
        try:
            studio.start(wait=True, timeout=600)
            check_jupyterlab(studio, target.api_key)
            print("open it in a browser (the link works once, within a minute):")
            print(f"  {studio.get_browser_login_url(8888)}")
            print(f"later: dss-codestudio studios open {args.project} {studio.code_studio_id}")
        finally:
            if not args.keep:
                studio.stop(wait=True)
                studio.delete()
                print("studio stopped and deleted")


if __name__ == "__main__":
    main()
