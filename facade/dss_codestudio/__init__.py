"""dss_codestudio: a typed, sync and async client for Dataiku DSS Code Studios.

The object model mirrors dataikuapi's class and method names over the low-level client generated
from openapi.yaml (dss_codestudio_openapi).
"""

__version__ = "0.1.0"

__all__ = ["__version__"]
