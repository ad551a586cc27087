"""HTTP: the connexion application serving openapi.yaml over the domain services."""

from dss_codestudio_server.http.app import create_app, open_instance

__all__ = ["create_app", "open_instance"]
