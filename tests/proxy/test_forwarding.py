"""What the proxy forwards, each way: paths as DSS's proxy gives them, headers, bodies, methods, WebSockets.

Every request goes through the real server to the echo entry point (echo_app.py), which says what
it received, and answers only requests carrying the secret of the studio's start.
"""

from __future__ import annotations

import json
from collections.abc import Iterator

import pytest
from dss_codestudio_server.proxy.forward_http import StudioClients, forward_http
from websockets.exceptions import ConnectionClosed, InvalidStatus
from websockets.sync.client import connect
from websockets.typing import Origin

from tests.proxy.world import PROJECT, SECRET_COOKIE, World
from tests.support.api import basic as basic_header


def received(world: World, studio: str, path: str, **request: object) -> dict[str, object]:
    """What the echo app received for a request of the owner's through the proxy."""
    with world.site("owner") as site:
        answer = site.request(str(request.pop("method", "GET")), path, **request)  # type: ignore[arg-type]
    assert answer.status_code == 200, answer.text
    result: dict[str, object] = answer.json()
    return result


def headers_of(echo: dict[str, object]) -> dict[str, str]:
    pairs = echo["headers"]
    assert isinstance(pairs, list)
    found: dict[str, str] = {}
    for name, value in pairs:
        assert name.lower() not in found, f"{name} arrived twice"
        found[name.lower()] = value
    return found


@pytest.mark.parametrize(
    ("port", "form", "expected"),
    [
        (9000, "code-studios", "/a/b%2Fc%20d/"),
        (9000, "dip/code-studios", "/a/b%2Fc%20d/"),
        (9001, "code-studios", "/code-studios/P/{studio}/9001/a/b%2Fc%20d/"),
        (9001, "dip/code-studios", "/code-studios/P/{studio}/9001/a/b%2Fc%20d/"),
        (9002, "code-studios", "/sub/a/b%2Fc%20d/"),
    ],
)
def test_paths_follow_each_ports_proxied_url_suffix(
    world: World, running: str, port: int, form: str, expected: str
) -> None:
    """`/`: what follows the prefix; `/$request_uri`: the whole path, prefix included (as apps strip it); `/sub/`."""
    echo = received(world, running, f"/{form}/{PROJECT}/{running}/{port}/a/b%2Fc%20d/?q=1&r=%2F")
    assert echo["path"] == expected.format(studio=running)
    assert echo["query"] == "q=1&r=%2F"


def test_headers_hop_by_hop_dropped_credentials_kept_out_secret_added(world: World, running: str) -> None:
    forged = {
        "Connection": "keep-alive, X-Named-By-Connection",
        "X-Named-By-Connection": "dropped",
        "Keep-Alive": "timeout=5",
        "Proxy-Authorization": "Basic c2VjcmV0",
        "X-DSS-CodeStudio-Secret": "forged by the caller",
        "Cookie": "app=1; dss_codestudio_session=whatever; other=2",
        "X-Custom": "kept",
        "Accept-Encoding": "identity",
        "User-Agent": "a browser",
    }
    echo = received(world, running, f"/code-studios/{PROJECT}/{running}/9000/h", headers=forged)
    got = headers_of(echo)
    for gone in ("x-named-by-connection", "keep-alive", "proxy-authorization", "authorization"):
        assert gone not in got, gone
    assert got["x-dss-codestudio-secret"] != "forged by the caller"  # replaced: the app answered 200 with it
    assert got["cookie"] == "app=1; other=2"
    assert got["x-custom"] == "kept"
    assert got["host"] == world.server.url.removeprefix("http://"), "the caller's Host, as the app builds URLs"
    assert got["x-forwarded-for"] == "127.0.0.1"
    assert got["x-forwarded-proto"] == "http"
    assert got["x-forwarded-prefix"] == f"/code-studios/{PROJECT}/{running}/9000"
    assert (got["accept-encoding"], got["user-agent"]) == ("identity", "a browser"), "the caller's, not httpx's"


def test_an_entry_point_may_take_the_secret_as_a_token_and_a_cookie(world: World, running: str) -> None:
    got = headers_of(received(world, running, f"/code-studios/{PROJECT}/{running}/9001/", headers={"Cookie": "app=1"}))
    secret = got["x-dss-codestudio-secret"]
    assert len(secret) >= 40
    assert got["authorization"] == f"token {secret}"
    assert got["cookie"] == f"app=1; {SECRET_COOKIE}={secret}"
    other_port = headers_of(received(world, running, f"/code-studios/{PROJECT}/{running}/9000/"))
    assert other_port["x-dss-codestudio-secret"] == secret, "one secret per start, for every port"
    assert "authorization" not in other_port


@pytest.mark.parametrize("method", ["POST", "PUT", "PATCH", "DELETE", "OPTIONS"])
def test_every_method_and_body_goes_through(world: World, running: str, method: str) -> None:
    echo = received(world, running, f"/code-studios/{PROJECT}/{running}/9000/m", method=method, content=b"x" * 12345)
    assert (echo["method"], echo["bodySize"]) == (method, 12345)


def test_a_chunked_body_goes_through_and_a_head_has_no_body(world: World, running: str) -> None:
    def chunks() -> Iterator[bytes]:
        yield from (b"a" * 1000 for _ in range(50))

    echo = received(world, running, f"/code-studios/{PROJECT}/{running}/9000/c", method="POST", content=chunks())
    assert echo["bodySize"] == 50_000
    with world.site("owner") as site:
        head = site.head(f"/code-studios/{PROJECT}/{running}/9000/")
    assert (head.status_code, head.content) == (200, b"")


def test_a_port_without_its_trailing_slash_is_redirected_to_it(world: World, running: str) -> None:
    with world.site("owner") as site:
        answer = site.get(f"/code-studios/{PROJECT}/{running}/9000", params={"x": "1"})
    assert answer.status_code == 308
    assert answer.headers["location"] == "9000/?x=1"


def test_a_websocket_round_trips_through_the_proxy(world: World, running: str) -> None:
    url = f"ws://127.0.0.1:{world.server.port}/code-studios/{PROJECT}/{running}/9000/ws?x=1"
    owner = basic_header(world.keys["owner"])
    with connect(url, additional_headers=owner, subprotocols=["echo.v1", "other"], max_size=None) as ws:
        assert ws.subprotocol == "echo.v1", "the subprotocol the studio chose"
        hello = json.loads(ws.recv())
        assert hello["path"] == "/ws"
        got = {name.lower(): value for name, value in hello["headers"]}
        assert "authorization" not in got
        assert got["host"] == f"127.0.0.1:{world.server.port}"
        ws.send("text message")
        assert ws.recv() == "text message"
        ws.send(b"\x00\x01 bytes")
        assert ws.recv() == b"\x00\x01 bytes"
        big = "y" * 3_000_000
        ws.send(big)
        assert ws.recv() == big
        ws.send("close 4001")
        with pytest.raises(ConnectionClosed) as closed:
            ws.recv()
        assert closed.value.rcvd is not None
        assert closed.value.rcvd.code == 4001, "the studio's close code reaches the caller"


def test_a_websocket_needs_the_owner_too(world: World, running: str) -> None:
    url = f"ws://127.0.0.1:{world.server.port}/code-studios/{PROJECT}/{running}/9000/ws"
    for headers, status in ((None, 401), (basic_header(world.keys["other"]), 403), (basic_header("dkuaps-x"), 401)):
        with pytest.raises(InvalidStatus) as refused:
            connect(url, additional_headers=headers).close()
        assert refused.value.response.status_code == status
        assert json.loads(refused.value.response.body or b"{}")["errorType"].startswith("com.dataiku")
    with world.site(None) as browser:
        login = world.api().post(f"/projects/{PROJECT}/code-studios/{running}/browser-login").json()["url"]
        assert browser.get("/" + login).status_code == 303
        session = browser.cookies.get("dss_codestudio_session", path=f"/code-studios/{PROJECT}/{running}/")
    cookie = {"Cookie": f"dss_codestudio_session={session}"}
    with connect(url, additional_headers=cookie, origin=Origin(world.server.url)) as ws:
        assert json.loads(ws.recv())["path"] == "/ws"
    # The cookie rides along whatever page opens the WebSocket: a page of another site, or none, is refused.
    for origin in ("http://evil.example", "null", f"https://127.0.0.1:{world.server.port}", None):
        with pytest.raises(InvalidStatus) as refused:
            connect(url, additional_headers=cookie, origin=Origin(origin) if origin else None).close()
        assert refused.value.response.status_code == 403, origin
        assert "Cross-origin" in json.loads(refused.value.response.body or b"{}")["message"]


@pytest.mark.anyio
async def test_a_port_that_does_not_answer_gives_false_before_any_answer_starts() -> None:
    sent: list[object] = []

    async def receive() -> dict[str, object]:
        return {"type": "http.request", "body": b"", "more_body": False}

    async def send(message: object) -> None:
        sent.append(message)

    clients = StudioClients()
    scope = {"type": "http", "method": "GET", "headers": [], "path": "/"}
    forwarded = await forward_http(clients.get(), scope, receive, send, "http://127.0.0.1:9/", [])
    await clients.aclose()
    assert (forwarded, sent) == (False, [])


@pytest.mark.parametrize(
    ("port", "to", "expected"),
    [
        (9001, "http://{host}/code-studios/P/{studio}/9001/x?y=1", "/code-studios/P/{studio}/9001/x?y=1"),
        (9001, "http://127.0.0.1:9001/code-studios/P/{studio}/9001/", "/code-studios/P/{studio}/9001/"),
        (9001, "https://elsewhere.example/y", "https://elsewhere.example/y"),
        (9001, "./login?next=%2F", "./login?next=%2F"),
        (9000, "/login", "/code-studios/P/{studio}/9000/login"),
        (9000, "http://{host}/login#top", "/code-studios/P/{studio}/9000/login#top"),
        (9002, "/sub/x", "/code-studios/P/{studio}/9002/x"),
        (9002, "http://127.0.0.1:9002/sub/", "/code-studios/P/{studio}/9002/"),
    ],
)
def test_a_studios_redirects_stay_on_the_servers_origin(
    world: World, running: str, port: int, to: str, expected: str
) -> None:
    """A studio knows neither the public scheme nor host; an app served without its prefix forgets the prefix."""
    host = world.server.url.removeprefix("http://")
    with world.site("owner") as site:
        answer = site.get(
            f"/code-studios/{PROJECT}/{running}/{port}/redirect", params={"to": to.format(host=host, studio=running)}
        )
    assert answer.status_code == 302
    assert answer.headers["location"] == expected.format(studio=running)


def test_an_entry_point_may_ask_for_its_own_local_host(world: World, running: str) -> None:
    """JupyterLab answers only requests for its own address: it gets it, and the caller's in X-Forwarded-Host."""
    got = headers_of(received(world, running, f"/code-studios/{PROJECT}/{running}/9002/"))
    assert got["host"] == "127.0.0.1:9002"
    assert got["x-forwarded-host"] == world.server.url.removeprefix("http://")


def test_changes_made_with_the_session_cookie_must_come_from_the_servers_pages(world: World, running: str) -> None:
    """The proxy adds the studio's credentials itself: a page of another site must not make the browser use them."""
    with world.site(None) as browser:
        login = world.api().post(f"/projects/{PROJECT}/code-studios/{running}/browser-login").json()["url"]
        assert browser.get("/" + login).status_code == 303
        path = f"/code-studios/{PROJECT}/{running}/9000/change"
        assert browser.get(path).status_code == 200, "reading needs no Origin"
        for headers in ({}, {"Origin": "http://evil.example"}, {"Origin": "null"}, {"Referer": "http://evil.example/"}):
            refused = browser.post(path, content=b"x", headers=headers)
            assert refused.status_code == 403, headers
            assert "Cross-origin" in refused.json()["message"]
        for headers in ({"Origin": world.server.url}, {"Referer": f"{world.server.url}/code-studios/{PROJECT}/"}):
            assert browser.post(path, content=b"x", headers=headers).json()["method"] == "POST", headers
    with world.site("owner") as api_client:
        assert api_client.post(path, content=b"x").status_code == 200, "an API key is no cookie: no Origin needed"
