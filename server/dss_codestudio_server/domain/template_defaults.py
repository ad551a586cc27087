"""DSS 13's defaults for template settings that older releases did not write.

A template exported from DSS 12.x lacks fields DSS 13 fills when it reads one (the real 12.1.0 export
next to the 13.5.4 one: evidence section 3.2): `reattachOnRestart`,
`inheritGlobalCodeEnvsExtraSettings`, `codeEnvsExtraSettings` and, in the Kubernetes parameters
block, `exposedServices` and `initialSyncTimeoutInMinutes`. An import fills them, with the values DSS
13.5.4 writes for a template that never set them, so that the imported template (and its export)
has DSS 13's shape; what the archive does hold is never changed. Templates this server creates get
them too, as DSS 13 creates them. Plugin blocks' own fields (the VS
Code block's `codeServerVersion`...) are the plugin's to default and are left as they are.
"""

from __future__ import annotations

import copy

from dss_codestudio_server.jsonshape import JsonObject

TOP_LEVEL: JsonObject = {
    "reattachOnRestart": False,
    "inheritGlobalCodeEnvsExtraSettings": True,
    "codeEnvsExtraSettings": {
        "condaInstallExtraOptions": [],
        "condaCreateExtraOptions": [],
        "pipInstallExtraOptions": [],
        "virtualenvCreateExtraOptions": [],
        "cranMirrorURL": "https://cloud.r-project.org",
        "useConda": False,
    },
}
"""Top-level fields, as the 13.5.4 export writes them."""

BLOCK_PARAMS: dict[str, JsonObject] = {
    "simple_deployment": {"exposedServices": [], "initialSyncTimeoutInMinutes": 10},
}
"""Per block type, the params DSS 13 adds."""


def fill_dss13_defaults(settings: JsonObject) -> list[str]:
    """Add, in place, the DSS 13 fields `settings` lacks; return what was filled (`field`, `block.param`)."""
    filled: list[str] = []
    for name, default in TOP_LEVEL.items():
        value = settings.get(name)
        if name not in settings:
            settings[name] = copy.deepcopy(default)
            filled.append(name)
        elif isinstance(default, dict) and isinstance(value, dict):
            for key, inner in default.items():
                if key not in value:
                    value[key] = copy.deepcopy(inner)
                    filled.append(f"{name}.{key}")
    params = settings.get("params")
    blocks = params.get("blocks") if isinstance(params, dict) else None
    for block in blocks if isinstance(blocks, list) else []:
        if not isinstance(block, dict):
            continue
        kind, block_params = block.get("type"), block.get("params")
        defaults = BLOCK_PARAMS.get(kind) if isinstance(kind, str) else None
        if defaults is None or not isinstance(block_params, dict):
            continue
        for key, default in defaults.items():
            if key not in block_params:
                block_params[key] = copy.deepcopy(default)
                filled.append(f"{kind}.{key}")
    return filled
