"""dss_codestudio_server: a reference DSS code-studio server serving the project's openapi.yaml."""

__version__ = "0.1.0"

__all__ = ["__version__"]
