"""Client construction: configuration sources, authentication, timeouts, with_options, pooling, logging."""

from __future__ import annotations

import base64
import json
import logging
from pathlib import Path

import dss_codestudio as dss
import httpx
import pytest
from dss_codestudio import _logs
from dss_codestudio._config import resolve_instance

from tests.support.facade_clients import FakeDSS, resolve

pytestmark = pytest.mark.anyio


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty home folder and no DKU_* variables."""
    for name in ("DKU_DSS_URL", "DKU_API_KEY", "DKU_NO_CHECK_CERTIFICATE"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("HOME", str(tmp_path))
    return tmp_path


def write_config(home: Path, config: object) -> None:
    (home / ".dataiku").mkdir(exist_ok=True)
    (home / ".dataiku" / "config.json").write_text(json.dumps(config))


def basic(key: str) -> str:
    return "Basic " + base64.b64encode(f"{key}:".encode()).decode()


async def test_host_and_key_are_positional_as_in_dataikuapi(make_client, fake: FakeDSS) -> None:
    fake.json("listProjects", [{"projectKey": "A"}, {"projectKey": "B"}])
    client = make_client("https://dss.example.com:11200/", "my-key")
    assert await resolve(client.list_project_keys()) == ["A", "B"]
    request = fake.calls[0].request
    assert str(request.url).startswith("https://dss.example.com:11200/dip/publicapi/projects/")
    # The API key is the user name of HTTP basic authentication, with an empty password.
    assert request.headers["authorization"] == basic("my-key")
    assert request.headers["user-agent"].startswith("dss-codestudio/")


async def test_bearer_token_and_internal_ticket(make_client, fake: FakeDSS) -> None:
    fake.json("listProjects", [])
    await resolve(make_client(api_key=None, jwt_bearer_token="jwt.token").list_projects())
    assert fake.calls[-1].request.headers["authorization"] == "Bearer jwt.token"
    await resolve(make_client(api_key=None, internal_ticket="ticket").list_projects())
    assert fake.calls[-1].request.headers["x-dku-apiticket"] == "ticket"
    assert "authorization" not in fake.calls[-1].request.headers


async def test_extra_headers_are_sent(make_client, fake: FakeDSS) -> None:
    fake.json("listProjects", [])
    client = make_client(extra_headers={"X-DKU-ProxyUser": "alice"})
    await resolve(client.list_projects())
    await resolve(client.with_options(extra_headers={"X-Trace": "1"}).list_projects())
    assert fake.calls[0].request.headers["x-dku-proxyuser"] == "alice"
    assert fake.calls[1].request.headers["x-dku-proxyuser"] == "alice"
    assert fake.calls[1].request.headers["x-trace"] == "1"
    assert "x-trace" not in fake.calls[0].request.headers


def test_environment_variables_are_read(home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DKU_DSS_URL", "http://env-dss:11200")
    monkeypatch.setenv("DKU_API_KEY", "env-key")
    write_config(home, {"dss_instances": {"default": {"url": "http://file-dss", "api_key": "file-key"}}})
    found = resolve_instance(None, None)
    assert (found.url, found.api_key, found.no_check_certificate) == ("http://env-dss:11200", "env-key", False)
    with dss.DSSClient() as client:
        assert client.host == "http://env-dss:11200"
        assert client.api_key == "env-key"


def test_config_file_default_instance(home: Path) -> None:
    write_config(
        home,
        {
            "dss_instances": {
                "default": {"url": "http://default-dss", "api_key": "k0"},
                "prod": {"url": "https://prod-dss", "api_key": "k1", "no_check_certificate": True},
            },
            "default_instance": "prod",
        },
    )
    found = resolve_instance(None, None)
    assert (found.url, found.api_key, found.no_check_certificate) == ("https://prod-dss", "k1", True)
    named = resolve_instance(None, None, instance="default")
    assert (named.url, named.api_key) == ("http://default-dss", "k0")
    # Arguments win over the file.
    assert resolve_instance("http://arg-dss", "arg-key").api_key == "arg-key"
    with dss.DSSClient(instance="default") as client:
        assert client.host == "http://default-dss"


def test_config_file_without_default_instance_uses_default(home: Path) -> None:
    write_config(home, {"dss_instances": {"default": {"url": "http://d", "api_key": "k"}}})
    assert resolve_instance(None, None).url == "http://d"


def test_no_check_certificate_from_the_environment(home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DKU_DSS_URL", "https://self-signed")
    monkeypatch.setenv("DKU_API_KEY", "k")
    monkeypatch.setenv("DKU_NO_CHECK_CERTIFICATE", "true")
    assert resolve_instance(None, None).no_check_certificate is True


@pytest.mark.parametrize(
    ("config", "match"),
    [
        (None, "no DSS to connect to"),
        ("not json", "not valid JSON"),
        ({"nothing": 1}, "no 'dss_instances'"),
        ({"dss_instances": {"a": {"url": "http://a"}}, "default_instance": "b"}, "no instance 'b'"),
        ({"dss_instances": {"a": {"api_key": "k"}}, "default_instance": "a"}, "has no 'url'"),
    ],
)
def test_missing_or_broken_configuration_is_a_clear_error(home: Path, config: object, match: str) -> None:
    if isinstance(config, str):
        (home / ".dataiku").mkdir()
        (home / ".dataiku" / "config.json").write_text(config)
    elif config is not None:
        write_config(home, config)
    with pytest.raises(dss.ConfigurationError, match=match) as info:
        dss.DSSClient()
    assert isinstance(info.value, dss.DataikuException)
    assert isinstance(info.value, ValueError)


def test_a_named_instance_needs_the_file(home: Path) -> None:
    with pytest.raises(dss.ConfigurationError, match="does not exist"):
        resolve_instance(None, None, instance="prod")


def test_credentials_are_required(home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    with pytest.raises(dss.ConfigurationError, match=r"no API key for the DSS at http://dss \(the host argument\)"):
        dss.DSSClient("http://dss")
    monkeypatch.setenv("DKU_DSS_URL", "http://from-env:11200")
    with pytest.raises(dss.ConfigurationError, match=r"no API key .* \(DKU_DSS_URL\): set DKU_API_KEY"):
        dss.DSSClient()
    # A URL without its scheme is a configuration error (still a ValueError), naming where it came from.
    with pytest.raises(
        dss.ConfigurationError, match=r"'dss.example.com' \(the host argument\) is not an http\(s\) URL"
    ):
        dss.DSSClient("dss.example.com", "k")
    monkeypatch.setenv("DKU_DSS_URL", "127.0.0.1:11250")
    with pytest.raises(ValueError, match=r"\(DKU_DSS_URL\).*write it 'http://127.0.0.1:11250'"):
        dss.DSSClient(api_key="k")
    monkeypatch.delenv("DKU_DSS_URL")
    write_config(home, {"dss_instances": {"a": {"url": "dss:1", "api_key": "k"}}, "default_instance": "a"})
    with pytest.raises(dss.ConfigurationError, match=r"\(instance 'a' of .*config.json\)"):
        dss.DSSClient()


async def test_default_timeouts_are_finite(make_client, fake: FakeDSS) -> None:
    fake.json("listProjects", [])
    client = make_client()
    assert client.timeout == httpx.Timeout(60.0, connect=10.0)
    await resolve(client.list_projects())
    sent = fake.calls[0].request.extensions["timeout"]
    assert sent == {"connect": 10.0, "read": 60.0, "write": 60.0, "pool": 60.0}


async def test_timeouts_per_client_and_per_call(make_client, fake: FakeDSS) -> None:
    fake.json("listProjects", [])
    client = make_client(timeout=5)
    await resolve(client.list_projects())
    await resolve(client.with_options(timeout=httpx.Timeout(300.0, connect=2.0)).list_projects())
    await resolve(client.list_projects())
    timeouts = [c.request.extensions["timeout"] for c in fake.calls]
    assert timeouts[0] == {"connect": 5.0, "read": 5.0, "write": 5.0, "pool": 5.0}
    assert timeouts[1] == {"connect": 2.0, "read": 300.0, "write": 300.0, "pool": 300.0}
    assert timeouts[2] == timeouts[0]


async def test_handles_made_from_with_options_keep_the_options(make_client, fake: FakeDSS) -> None:
    fake.json("getCodeStudioStatus", {"state": "RUNNING"})
    studio = make_client().with_options(timeout=1.5).get_project("P").get_code_studio("c")
    await resolve(studio.get_status())
    assert fake.calls[0].request.extensions["timeout"]["read"] == 1.5


@pytest.mark.parametrize("timeout", [None, 0, -1, float("nan"), httpx.Timeout(None), httpx.Timeout(5.0, read=None)])
def test_infinite_or_invalid_timeouts_are_refused(timeout: object) -> None:
    with pytest.raises((ValueError, TypeError)):
        dss.DSSClient("http://dss", "k", timeout=timeout)  # type: ignore[arg-type]


def test_invalid_max_retries_is_refused() -> None:
    with pytest.raises(ValueError, match="max_retries"):
        dss.DSSClient("http://dss", "k", max_retries=-1)


async def test_with_options_shares_the_pool_and_only_the_root_closes_it(make_client, kind: str) -> None:
    client = make_client()
    derived = client.with_options(timeout=3)
    assert derived._sender._http is client._sender._http  # one httpx client, so one pool
    await resolve(derived.close())
    assert not client.is_closed
    await resolve(client.close())
    assert client.is_closed


def test_sync_client_is_a_context_manager_that_closes_its_pool() -> None:
    with dss.DSSClient("http://dss", "k") as client:
        assert not client.is_closed
    assert client.is_closed


async def test_async_client_is_an_async_context_manager_that_closes_its_pool() -> None:
    async with dss.AsyncDSSClient("http://dss", "k") as client:
        assert not client.is_closed
    assert client.is_closed


async def test_no_check_certificate_disables_verification() -> None:
    # httpx keeps the SSL context on the transport's pool; verification off means CERT_NONE.
    import ssl

    with dss.DSSClient("https://dss", "k", no_check_certificate=True) as client:
        context = client._sender._http._transport._pool._ssl_context
        assert context.verify_mode == ssl.CERT_NONE
    with dss.DSSClient("https://dss", "k") as client:
        context = client._sender._http._transport._pool._ssl_context
        assert context.verify_mode == ssl.CERT_REQUIRED


# A self-signed client certificate and its key (EC P-256, valid until 2125), for the loading test only.
CLIENT_PEM = """\
-----BEGIN CERTIFICATE-----
MIIBoDCCAUegAwIBAgIUO/0ncpVeU4t8qqFrGy948uo4qsAwCgYIKoZIzj0EAwIw
JTEjMCEGA1UEAwwaZHNzLWNvZGVzdHVkaW8gdGVzdCBjbGllbnQwIBcNMjYxMTI1
MjA0MTA2WhgPMjEyNjExMDEyMDQxMDZaMCUxIzAhBgNVBAMMGmRzcy1jb2Rlc3R1
ZGlvIHRlc3QgY2xpZW50MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAEfESZiz8t
exjbl5Q1nUKKJlhTeLibv1LJ/fcTZCgMfhyI6cd/OX5l1Ps6zRDr8a6+5Qqcvj02
aWdmdKHn5roxf6NTMFEwHQYDVR0OBBYEFJSg9KbMQ0Z+ZcaN1AKWVSAMaB+PMB8G
A1UdIwQYMBaAFJSg9KbMQ0Z+ZcaN1AKWVSAMaB+PMA8GA1UdEwEB/wQFMAMBAf8w
CgYIKoZIzj0EAwIDRwAwRAIgS/69ZuMK6N/Xu+1gxh6+I9vjceqhRQwIQWP6dMKL
CPgCIAnUy8kkAyHGSAJTz8UV3NpSkf8xDM+3VDB9uXeUlIbz
-----END CERTIFICATE-----
-----BEGIN PRIVATE KEY-----
MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQgS2ZD/FkI95rBLyCU
/ZYNaDJzy2QDhzHoSu17lMeqZWmhRANCAAR8RJmLPy17GNuXlDWdQoomWFN4uJu/
Usn99xNkKAx+HIjpx385fmXU+zrNEOvxrr7lCpy+PTZpZ2Z0oefmujF/
-----END PRIVATE KEY-----
"""


def test_client_certificate_is_loaded(tmp_path: Path) -> None:
    import ssl

    pem = tmp_path / "client.pem"
    pem.write_text(CLIENT_PEM)
    certificate, key = tmp_path / "cert.pem", tmp_path / "key.pem"
    certificate.write_text(CLIENT_PEM[: CLIENT_PEM.index("-----BEGIN PRIVATE KEY")])
    key.write_text(CLIENT_PEM[CLIENT_PEM.index("-----BEGIN PRIVATE KEY") :])
    for client_certificate in (str(pem), (str(certificate), str(key))):
        with dss.DSSClient("https://dss", "k", client_certificate=client_certificate) as client:
            context = client._sender._http._transport._pool._ssl_context
            assert isinstance(context, ssl.SSLContext)
            assert context.verify_mode == ssl.CERT_REQUIRED
    with pytest.raises((OSError, ssl.SSLError)):
        dss.DSSClient("https://dss", "k", client_certificate=str(tmp_path / "missing.pem"))


async def test_calls_are_logged_without_the_key(make_client, fake: FakeDSS, caplog: pytest.LogCaptureFixture) -> None:
    fake.json("listProjects", [])
    with caplog.at_level(logging.DEBUG, logger="dss_codestudio"):
        await resolve(make_client("http://dss.test", "top-secret-key").list_projects())
    text = caplog.text
    assert "listProjects GET http://dss.test/dip/publicapi/projects/" in text
    assert "-> 200" in text
    assert "<redacted>" in text
    assert "top-secret-key" not in text
    assert basic("top-secret-key").split()[1] not in text


def test_logging_is_switched_on_by_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    loggers = [logging.getLogger("dss_codestudio"), logging.getLogger("httpx")]
    saved = [(list(log.handlers), log.level) for log in loggers]
    monkeypatch.setattr(_logs, "_configured", False)
    monkeypatch.setenv("DSS_CODESTUDIO_LOG", "debug")
    try:
        _logs.setup_logging()
        for log, (handlers, _) in zip(loggers, saved, strict=True):
            assert log.level == logging.DEBUG
            assert len(log.handlers) == len(handlers) + 1
        _logs.setup_logging()  # once per process
        assert len(loggers[0].handlers) == len(saved[0][0]) + 1
    finally:
        for log, (handlers, level) in zip(loggers, saved, strict=True):
            log.handlers[:] = handlers
            log.setLevel(level)


def test_logging_stays_off_without_the_variable(monkeypatch: pytest.MonkeyPatch) -> None:
    logger = logging.getLogger("dss_codestudio")
    monkeypatch.setattr(_logs, "_configured", False)
    monkeypatch.delenv("DSS_CODESTUDIO_LOG", raising=False)
    handlers = list(logger.handlers)
    _logs.setup_logging()
    assert logger.handlers == handlers


async def test_calls_dss_works_on_before_answering_get_a_longer_default_timeout(make_client, fake: FakeDSS) -> None:
    fake.json("pushToCodeStudio", {"count": 0, "size": 0})
    fake.json("getCodeStudioStatus", {"state": "RUNNING"})
    studio = make_client().get_project("P").get_code_studio("c")
    await resolve(studio.push_to_code_studio("z"))
    await resolve(studio.get_status())
    push, status = (c.request.extensions["timeout"] for c in fake.calls)
    assert push == {"connect": 10.0, "read": 600.0, "write": 600.0, "pool": 600.0}
    assert status["read"] == 60.0


async def test_an_explicit_timeout_applies_to_every_call(make_client, fake: FakeDSS) -> None:
    fake.json("pushToCodeStudio", {"count": 0, "size": 0})
    client = make_client(timeout=7)
    await resolve(client.get_project("P").get_code_studio("c").push_to_code_studio("z"))
    await resolve(make_client().with_options(timeout=3).get_project("P").get_code_studio("c").push_to_code_studio("z"))
    assert [c.request.extensions["timeout"]["read"] for c in fake.calls] == [7.0, 3.0]
