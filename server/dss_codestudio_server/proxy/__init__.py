"""The studios' proxy: each running studio's ports on the server's own origin, for their owner only.

`StudioProxy` wraps the API's ASGI application: `/code-studios/<projectKey>/<codeStudioId>/<port>/...`
(and DSS's `/dip/code-studios/...` form) reaches that port of the studio, authenticated and
authorised (studio_access) and with the secret of the studio's start added; the rest goes to the API.
"""

from dss_codestudio_server.proxy.app import StudioProxy

__all__ = ["StudioProxy"]
