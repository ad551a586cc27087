"""dss_codestudio_testing: test your code-studio automation against a real reference DSS server, offline.

Installed with dss-codestudio, the pytest plugin gives tests the fixtures `dss_server` (a fresh
server per test), `dss_session_server`, `dss_client`, `dss_session_client` and `dss_async_client`::

    def test_my_automation(dss_server, dss_client):
        key = dss_server.add_user("alice", may_create_projects=True)
        alice = dss_server.client(key)
        ...

Outside pytest, `running_server(path)` runs one for a `with` block. The fixtures need the reference
server: `pip install 'dss-codestudio[server]'`.
"""

from ._server import DSSTestServer, ServerNotInstalledError, default_config, running_server

__all__ = ["DSSTestServer", "ServerNotInstalledError", "default_config", "running_server"]
