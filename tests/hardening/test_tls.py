"""TLS: the server speaks HTTPS given a certificate, and the client checks it, or not, as dataikuapi does.

Certificates are made at test time (the `cryptography` package): a CA, a server certificate for
127.0.0.1 signed by it, and a client certificate signed by it. The client refuses a certificate it
cannot verify unless `no_check_certificate=True`; a server given `--ssl-ca-certs` refuses clients
without a certificate signed by that CA and serves those that present one (`client_certificate`,
as one PEM file or a (certificate, key) pair). `dss-codestudio-server serve --ssl-certfile` serves
HTTPS too.
"""

from __future__ import annotations

import datetime
import ipaddress
import subprocess
import sys
from dataclasses import dataclass, replace
from pathlib import Path

import httpx
import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID
from dss_codestudio import APIConnectionError, DSSClient
from dss_codestudio_server.embedded import EmbeddedServer
from dss_codestudio_server.tls import TlsFiles

from tests.support.ports import free_port
from tests.support.server_process import admin_key
from tests.support.servers import TEST_CONFIG
from tests.support.waiting import wait_until


@dataclass(frozen=True)
class Certificates:
    ca: Path
    server_cert: Path
    server_key: Path
    client_cert: Path
    client_key: Path
    client_pem: Path  # certificate and key in one file


def _name(common: str) -> x509.Name:
    return x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, common)])


def _issue(
    subject: str,
    key: ec.EllipticCurvePrivateKey,
    issuer: tuple[x509.Name, ec.EllipticCurvePrivateKey] | None,
    *,
    ca: bool = False,
    server: bool = False,
) -> x509.Certificate:
    now = datetime.datetime.now(datetime.UTC)
    issuer_name, issuer_key = issuer or (_name(subject), key)
    builder = (
        x509.CertificateBuilder()
        .subject_name(_name(subject))
        .issuer_name(issuer_name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(minutes=5))
        .not_valid_after(now + datetime.timedelta(days=1))
        .add_extension(x509.BasicConstraints(ca=ca, path_length=None), critical=True)
    )
    if server:
        builder = builder.add_extension(
            x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]), critical=False
        ).add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.SERVER_AUTH]), critical=False)
    elif not ca:
        builder = builder.add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.CLIENT_AUTH]), critical=False)
    return builder.sign(issuer_key, hashes.SHA256())


def _pem(cert: x509.Certificate) -> bytes:
    return cert.public_bytes(serialization.Encoding.PEM)


def _key_pem(key: ec.EllipticCurvePrivateKey) -> bytes:
    return key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )


@pytest.fixture(scope="module")
def certificates(tmp_path_factory: pytest.TempPathFactory) -> Certificates:
    folder = tmp_path_factory.mktemp("tls")
    ca_key = ec.generate_private_key(ec.SECP256R1())
    ca = _issue("dss-codestudio test CA", ca_key, None, ca=True)
    server_key, client_key = ec.generate_private_key(ec.SECP256R1()), ec.generate_private_key(ec.SECP256R1())
    server = _issue("127.0.0.1", server_key, (ca.subject, ca_key), server=True)
    client = _issue("alice", client_key, (ca.subject, ca_key))
    files = Certificates(*(folder / n for n in ("ca.pem", "s.pem", "s.key", "c.pem", "c.key", "client.pem")))
    files.ca.write_bytes(_pem(ca))
    files.server_cert.write_bytes(_pem(server))
    files.server_key.write_bytes(_key_pem(server_key))
    files.client_cert.write_bytes(_pem(client))
    files.client_key.write_bytes(_key_pem(client_key))
    files.client_pem.write_bytes(_pem(client) + _key_pem(client_key))
    return files


def _server(tmp_path: Path, tls: TlsFiles) -> EmbeddedServer:
    data = tmp_path / "data"
    return EmbeddedServer(data, config=replace(TEST_CONFIG, data_dir=data), tls=tls)


def test_https_with_the_certificate_checked_or_not(tmp_path: Path, certificates: Certificates) -> None:
    tls = TlsFiles(certificates.server_cert, certificates.server_key)
    with _server(tmp_path, tls) as server:
        assert server.url.startswith("https://127.0.0.1:")
        # The CA is not one the client trusts: the certificate is refused, clearly, and quickly.
        with (
            DSSClient(server.url, server.admin_key, timeout=10) as client,
            pytest.raises(APIConnectionError) as refused,
        ):
            client.list_code_studio_templates()
        assert "certificate" in str(refused.value).lower()
        with DSSClient(server.url, server.admin_key, no_check_certificate=True, timeout=10) as client:
            assert [t.template_id for t in client.list_code_studio_templates(as_type="objects")] == ["python-workspace"]
        # Plain HTTP to the HTTPS port is no way in either.
        with pytest.raises(httpx.HTTPError):
            httpx.get(server.url.replace("https", "http") + "/dip/publicapi/projects/", timeout=5).raise_for_status()


def test_client_certificates_required_by_the_server(tmp_path: Path, certificates: Certificates) -> None:
    tls = TlsFiles(certificates.server_cert, certificates.server_key, client_ca=certificates.ca)
    with _server(tmp_path, tls) as server:
        with (
            DSSClient(server.url, server.admin_key, no_check_certificate=True, timeout=10) as client,
            pytest.raises(APIConnectionError),
        ):
            client.list_projects()
        for client_certificate in (
            str(certificates.client_pem),
            (str(certificates.client_cert), str(certificates.client_key)),
        ):
            with DSSClient(
                server.url,
                server.admin_key,
                no_check_certificate=True,
                client_certificate=client_certificate,
                timeout=10,
            ) as client:
                client.create_project("TLS" + str(len(client.list_project_keys())), "over mTLS", "admin")
                assert client.list_project_keys()


def test_serve_speaks_https_with_ssl_options(tmp_path: Path, certificates: Certificates) -> None:
    port = free_port()
    log = tmp_path / "server.log"
    cmd = [sys.executable, "-m", "dss_codestudio_server", "serve", "--port", str(port)]
    cmd += ["--data-dir", str(tmp_path / "data"), "--ssl-certfile", str(certificates.server_cert)]
    cmd += ["--ssl-keyfile", str(certificates.server_key)]
    with log.open("wb") as out:
        proc = subprocess.Popen(cmd, stdout=out, stderr=subprocess.STDOUT)
    try:

        def answers() -> bool:
            try:
                return (
                    httpx.get(f"https://127.0.0.1:{port}/dip/publicapi/projects/", verify=False, timeout=1).status_code
                    == 401
                )
            except httpx.HTTPError:
                return proc.poll() is not None

        wait_until(answers, timeout=60)
        assert proc.poll() is None, log.read_text()
        assert f"listening on https://127.0.0.1:{port}/dip/publicapi" in log.read_text()
        key = admin_key(log)
        with DSSClient(f"https://127.0.0.1:{port}", key, no_check_certificate=True, timeout=10) as client:
            assert client.list_project_keys() == []
    finally:
        proc.terminate()
        proc.wait(20)


def test_ssl_options_need_a_certificate(tmp_path: Path, certificates: Certificates) -> None:
    done = subprocess.run(
        [
            *(sys.executable, "-m", "dss_codestudio_server", "serve", "--port", str(free_port())),
            *("--data-dir", str(tmp_path / "data"), "--ssl-keyfile", str(certificates.server_key)),
        ],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode != 0
    assert "--ssl-certfile" in done.stderr + done.stdout
