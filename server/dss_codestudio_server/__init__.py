"""dss_codestudio_server: a reference DSS code-studio server serving the project's openapi.yaml.

`EmbeddedServer` runs one in this process; `dss-codestudio-server serve` runs one from the shell.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

__version__ = "0.1.0"

if TYPE_CHECKING:
    from dss_codestudio_server.config import ServerConfig
    from dss_codestudio_server.embedded import EmbeddedServer

__all__ = ["EmbeddedServer", "ServerConfig", "__version__"]


def __getattr__(name: str) -> object:
    # Imported lazily: the domain imports __version__ from here, and the server's dependencies
    # (connexion, uvicorn) load only when the server is used.
    if name == "EmbeddedServer":
        from dss_codestudio_server.embedded import EmbeddedServer

        return EmbeddedServer
    if name == "ServerConfig":
        from dss_codestudio_server.config import ServerConfig

        return ServerConfig
    raise AttributeError(name)
