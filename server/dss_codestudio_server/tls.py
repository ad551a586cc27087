"""HTTPS for the reference server: its certificate, and optionally the client certificates it requires."""

from __future__ import annotations

import ssl
from dataclasses import dataclass
from pathlib import Path
from typing import TypedDict


class UvicornTls(TypedDict):
    """The TLS options of `uvicorn.Config` (and `uvicorn.run`)."""

    ssl_certfile: str | None
    ssl_keyfile: str | None
    ssl_ca_certs: str | None
    ssl_cert_reqs: int


@dataclass(frozen=True)
class TlsFiles:
    """The PEM files that make a server speak HTTPS.

    `certfile` holds the server's certificate (and its key, unless `keyfile` is given). With
    `client_ca`, every client must present a certificate signed by that CA (mutual TLS), as DSS
    behind a proxy that checks client certificates does.
    """

    certfile: Path
    keyfile: Path | None = None
    client_ca: Path | None = None


def uvicorn_tls(tls: TlsFiles | None) -> UvicornTls:
    """Return the options of `uvicorn.Config` that serve HTTPS with these files (plain HTTP for None)."""
    if tls is None:
        return UvicornTls(ssl_certfile=None, ssl_keyfile=None, ssl_ca_certs=None, ssl_cert_reqs=ssl.CERT_NONE)
    return UvicornTls(
        ssl_certfile=str(tls.certfile),
        ssl_keyfile=str(tls.keyfile) if tls.keyfile else None,
        ssl_ca_certs=str(tls.client_ca) if tls.client_ca else None,
        ssl_cert_reqs=ssl.CERT_REQUIRED if tls.client_ca else ssl.CERT_NONE,
    )
