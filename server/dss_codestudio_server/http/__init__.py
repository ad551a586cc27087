"""HTTP: the connexion application serving openapi.yaml over the domain services.

connexion 3.3 warns when it is imported: it imports starlette's test client (which deprecates httpx
for httpx2) and jsonschema's RefResolver (deprecated for the referencing library). Neither is ours
to fix nor used by this server, and every way into connexion passes here first: the warnings are
silenced at their source, so the programs and tests that use the server (the pytest plugin's users'
runs with `-W error` included) never see them.
"""

import warnings

with warnings.catch_warnings():
    warnings.filterwarnings("ignore", message="Using `httpx` with `starlette.testclient` is deprecated")
    warnings.filterwarnings("ignore", message=r"jsonschema\.RefResolver is deprecated", category=DeprecationWarning)
    warnings.filterwarnings(
        "ignore", message=r"jsonschema\.exceptions\.RefResolutionError is deprecated", category=DeprecationWarning
    )
    from dss_codestudio_server.http.app import create_app, open_instance

__all__ = ["create_app", "open_instance"]
