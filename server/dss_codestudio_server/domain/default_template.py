"""The template a fresh server holds: ready to build, needing nothing but Python.

Its entry point is the small read-only HTTP service over the studio's workspace
(`dss_codestudio_server.runtime.workspace_http`), started with the server's own interpreter; the
runtime fills in `${python}`, `${port}`, `${workspace}` and `${baseUrl}` (runtime.entrypoints).
"""

from __future__ import annotations

from dss_codestudio_server.jsonshape import JsonObject

DEFAULT_TEMPLATE_LABEL = "Python workspace"
WORKSPACE = "/home/dataiku/workspace"
DEFAULT_ZONES = [
    ("code_studio_versioned", "code_studio-versioned"),
    ("code_studio_resources", "code_studio-resources"),
    ("project_lib_versioned", "project-lib-versioned"),
    ("project_lib_resources", "project-lib-resources"),
    ("recipes", "recipes"),
    ("user_versioned", "user-versioned"),
    ("user_resources", "user-resources"),
]
DEFAULT_EXCLUDED = ["__pycache__/", ".ipynb_checkpoints/", ".git/"]


def sync_block() -> JsonObject:
    """Return the file synchronization block (`dss_base_image`) with DSS's default zones."""
    return {
        "type": "dss_base_image",
        "params": {
            "syncedZones": [
                {"zone": zone, "pathInContainer": f"{WORKSPACE}/{folder}", "oneWay": False}
                for zone, folder in DEFAULT_ZONES
            ],
            "excludedFromSync": list(DEFAULT_EXCLUDED),
        },
    }


def deployment_block(*, tcp: bool = True, readiness_url: str | None = None) -> JsonObject:
    """Return the Kubernetes parameters block (`simple_deployment`)."""
    params: JsonObject = {
        "exposedPorts": [],
        "exposedServices": [],
        "readinessProbeHeaders": [],
        "annotations": [],
        "labels": [],
        "useTcpReadiness": tcp,
        "initialSyncTimeoutInMinutes": 10,
    }
    if readiness_url:
        params["readinessProbeUrl"] = readiness_url
    return {"type": "simple_deployment", "params": params}


def default_template_settings() -> JsonObject:
    """Return settings of the default template (without id, owner and version tags)."""
    return {
        "type": "block_based",
        "label": DEFAULT_TEMPLATE_LABEL,
        "shortDesc": "Browse and download the studio's workspace over HTTP; needs nothing but Python",
        "icon": "icon-code",
        "tags": ["default"],
        "isEditor": False,
        "reattachOnRestart": False,
        "permissions": [],
        "defaultPermission": {"canUse": True},
        "allowContainerConfOverride": True,
        "allContainerConfs": True,
        "containerConfs": [],
        "params": {
            "blocks": [
                sync_block(),
                deployment_block(tcp=False, readiness_url="${baseUrl}/__health"),
                {
                    "type": "entrypoint",
                    "params": {
                        "label": "Workspace browser",
                        "entrypoint": (
                            "${python} -m dss_codestudio_server.runtime.workspace_http"
                            " --root ${workspace} --port ${port} --base-path ${baseUrl}"
                        ),
                        "env": {"PYTHONUNBUFFERED": "1"},
                        "scripts": [],
                        "exposedPort": {
                            "label": "Workspace",
                            "port": 8080,
                            "containerPort": 8080,
                            "proxiedUrlSuffix": "/",
                            "exposeHtml": True,
                            "exposition": {"type": "port_forward", "params": {}},
                            "allowExpositionOverride": False,
                        },
                        "useInWebapps": False,
                    },
                },
            ]
        },
    }
