"""Logging, switched on by the environment: `DSS_CODESTUDIO_LOG=info` or `=debug`.

`info` logs one line per HTTP call (method, URL, status, duration) and each retry; `debug` adds the
request and answer headers (never the API key) and httpx's own logs. Without the variable the
client only logs through the `dss_codestudio` logger, which stays silent unless the application
configures logging.
"""

from __future__ import annotations

import logging
import os

import httpx

ENV_LOG = "DSS_CODESTUDIO_LOG"

logger = logging.getLogger("dss_codestudio")
_configured = False


def setup_logging() -> None:
    """Configure the `dss_codestudio` logger from `DSS_CODESTUDIO_LOG` (once per process)."""
    global _configured
    if _configured:
        return
    _configured = True
    level = {"debug": logging.DEBUG, "info": logging.INFO}.get(os.environ.get(ENV_LOG, "").strip().lower())
    if level is None:
        return
    handler = logging.StreamHandler()
    handler.setFormatter(logging.Formatter("[%(asctime)s - %(name)s:%(lineno)d - %(levelname)s] %(message)s"))
    for name in ("dss_codestudio", "httpx") if level == logging.DEBUG else ("dss_codestudio",):
        log = logging.getLogger(name)
        log.addHandler(handler)
        log.setLevel(level)


REDACTED_HEADERS = frozenset({"authorization", "x-dku-apiticket", "cookie", "set-cookie"})


def redact(headers: httpx.Headers) -> dict[str, str]:
    """Headers as a dict, with credentials replaced by `<redacted>`."""
    return {k: ("<redacted>" if k.lower() in REDACTED_HEADERS else v) for k, v in headers.items()}
