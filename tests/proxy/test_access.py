"""Who reaches a running studio through the server's proxy: its owner, and nobody else.

The matrix of the issue, through the real server and proxy, on both of DSS's forms of the path
(`/code-studios/...` and `/dip/code-studios/...`): the owner's key (as basic user, basic password
or bearer) -> 200; another user, a reader, a project administrator and an instance administrator
-> 403; no credentials or an unknown key -> 401; a stopped or unknown studio -> 404; every refusal
in DSS's error JSON. And the side door: the entry point's own port answers nobody without the
secret of the studio's start, which only the proxy has.
"""

from __future__ import annotations

import httpx
import pytest

from tests.proxy.world import PROJECT, World, basic, running_process

NOT_AUTHENTICATED = "com.dataiku.dip.exceptions.NotAuthenticatedException"
FORBIDDEN = "com.dataiku.dip.exceptions.UnauthorizedException"
NOT_FOUND = "com.dataiku.dip.server.controllers.NotFoundException"
FORMS = ("code-studios", "dip/code-studios")


def dss_error(response: httpx.Response, status: int, error_type: str) -> str:
    assert response.status_code == status, response.text
    body = response.json()
    assert body["errorType"] == error_type, body
    assert set(body) == {"errorType", "message", "detailedMessage"}
    return str(body["message"])


@pytest.mark.parametrize("form", FORMS)
def test_only_the_owner_reaches_a_running_studio(world: World, running: str, form: str) -> None:
    path = f"/{form}/{PROJECT}/{running}/9000/hello?x=1"
    key = world.keys["owner"]
    with world.site(None) as site:
        for auth in (basic(key), basic(key, as_password=True)):
            answer = site.get(path, auth=auth)
            assert answer.status_code == 200, answer.text
            assert answer.json()["path"] == "/hello"  # the echo app answers only with the start's secret
        assert site.get(path, headers={"Authorization": f"Bearer {key}"}).status_code == 200
        for who in ("other", "reader", "padmin", "admin"):
            message = dss_error(site.get(path, auth=basic(world.keys[who])), 403, FORBIDDEN)
            assert "only the owner" in message, (who, message)
        assert dss_error(site.get(path), 401, NOT_AUTHENTICATED) == "No API key provided"
        assert site.get(path).headers["www-authenticate"].startswith("Basic")
        for header in ("Bearer dkuaps-unknown", "Basic %%%", "Token " + key, f"Bearer {key}x"):
            dss_error(site.get(path, headers={"Authorization": header}), 401, NOT_AUTHENTICATED)
        # Unknown studio, unknown port: 404 for the owner; an outsider learns nothing (403 either way).
        owner = basic(key)
        dss_error(site.get(f"/{form}/{PROJECT}/NoSuch1/9000/", auth=owner), 404, NOT_FOUND)
        dss_error(site.get(f"/{form}/{PROJECT}/{running}/9999/", auth=owner), 404, NOT_FOUND)
        dss_error(site.get(f"/{form}/{PROJECT}/{running}/not-a-port/", auth=owner), 404, NOT_FOUND)
        outsider = basic(world.keys["outsider"])
        dss_error(site.get(f"/{form}/{PROJECT}/{running}/9000/", auth=outsider), 403, FORBIDDEN)
        dss_error(site.get(f"/{form}/NOSUCHPROJECT/NoSuch1/9000/", auth=outsider), 403, FORBIDDEN)


def test_a_stopped_studio_answers_404_to_its_owner_and_403_to_others(world: World) -> None:
    studio = world.new_studio()
    with world.site(None) as site:
        path = f"/code-studios/{PROJECT}/{studio}/9000/"
        assert "not running" in dss_error(site.get(path, auth=basic(world.keys["owner"])), 404, NOT_FOUND)
        dss_error(site.get(path, auth=basic(world.keys["other"])), 403, FORBIDDEN)
        world.start(studio)
        assert site.get(path, auth=basic(world.keys["owner"])).status_code == 200
        world.stop(studio)
        dss_error(site.get(path, auth=basic(world.keys["owner"])), 404, NOT_FOUND)


def test_whoever_starts_it_only_the_owner_gets_in(world: World) -> None:
    """A project administrator may start and stop the owner's studio (as in DSS), never use it."""
    studio = world.new_studio("owner")
    status = world.start(studio, who="padmin")
    assert status["runAsUser"] == "owner"
    with world.site(None) as site:
        path = f"/code-studios/{PROJECT}/{studio}/9000/"
        dss_error(site.get(path, auth=basic(world.keys["padmin"])), 403, FORBIDDEN)
        assert site.get(path, auth=basic(world.keys["owner"])).status_code == 200
    with world.api("padmin") as api:
        assert api.post(f"/projects/{PROJECT}/code-studios/{studio}/browser-login").status_code == 403
        zone = status["syncedZones"][0]["id"]
        assert api.get(f"/projects/{PROJECT}/code-studios/{studio}/pull/{zone}").status_code == 403
    world.stop(studio, who="padmin")


def test_a_reader_cannot_read_the_owners_files_through_the_status_and_its_port(world: World, running: str) -> None:
    """The issue's attack: a reader read `/status`, then the owner's files from the port it gave."""
    with world.api("reader") as api:
        status = api.get(f"/projects/{PROJECT}/code-studios/{running}/status").json()
    [exposed] = [e for e in status["exposed"] if e["exposedPort"] == 9000]
    assert exposed["url"] == f"code-studios/{PROJECT}/{running}/9000/"
    assert "localPort" not in exposed, "the status no longer gives the local port"
    assert not any(str(e["url"]).startswith("http") for e in status["exposed"])
    with world.site("reader") as site:
        dss_error(site.get(exposed["url"] + "user-versioned/"), 403, FORBIDDEN)
    # Found another way (a port scan of this machine), the port is not there: the studio has a network of its own.
    process = running_process(world, running, 9000)
    assert process.socket is not None, "studios have a network of their own by default"
    with pytest.raises(httpx.ConnectError):
        httpx.get(f"http://127.0.0.1:{process.local_port}/", timeout=10)
    # And whoever could open the server's socket still meets the secret, the second barrier.
    direct = httpx.Client(transport=httpx.HTTPTransport(uds=str(process.socket)), timeout=10)
    with direct:
        assert direct.get(f"http://127.0.0.1/code-studios/{PROJECT}/{running}/9000/").status_code == 403
        forged = direct.get("http://127.0.0.1/", headers={"X-DSS-CodeStudio-Secret": "guess"})
        assert forged.status_code == 403
