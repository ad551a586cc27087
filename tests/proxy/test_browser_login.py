"""Browser login links: minted through the API for the owner of a running studio, single-use, short-lived.

Redeeming one sets an HttpOnly, SameSite=Strict cookie scoped to the studio's path, which opens that
studio only, for its owner only, and never reaches the studio itself.
"""

from __future__ import annotations

from http.cookies import SimpleCookie

import httpx
import pytest

from tests.proxy.world import PROJECT, World

LOGIN = "/projects/{project}/code-studios/{studio}/browser-login"


def mint(world: World, studio: str, who: str = "owner", **params: int) -> httpx.Response:
    with world.api(who) as api:
        return api.post(LOGIN.format(project=PROJECT, studio=studio), params=params)


def link(world: World, studio: str, **params: int) -> str:
    answer = mint(world, studio, **params)
    assert answer.status_code == 200, answer.text
    body = answer.json()
    assert body["expiresIn"] == 60
    assert body["url"].startswith(f"code-studios/{PROJECT}/{studio}/__login?ticket=")
    return f"/{body['url']}"


def test_a_login_link_opens_the_studio_once_with_a_cookie_for_its_path_only(world: World, running: str) -> None:
    login = link(world, running)
    with world.site(None) as browser:
        opened = browser.get(login)
        assert opened.status_code == 303
        assert opened.headers["location"] == "9000/", "the first port shown as HTML, relative to the login path"
        assert opened.headers["cache-control"] == "no-store"
        assert opened.headers["referrer-policy"] == "no-referrer"
        cookies = [SimpleCookie(value) for value in opened.headers.get_list("set-cookie")]
        paths = set()
        for jar in cookies:
            [morsel] = jar.values()
            assert morsel.key == "dss_codestudio_session"
            assert morsel["httponly"] is True
            assert morsel["samesite"] == "Strict"
            paths.add(morsel["path"])
        assert paths == {f"/code-studios/{PROJECT}/{running}/", f"/dip/code-studios/{PROJECT}/{running}/"}
        page = browser.get(f"/code-studios/{PROJECT}/{running}/9000/page")
        assert page.status_code == 200, page.text
        received = {k.lower(): v for k, v in page.json()["headers"]}
        assert "dss_codestudio_session" not in received.get("cookie", ""), "the session never reaches the studio"
        assert browser.get(f"/dip/code-studios/{PROJECT}/{running}/9002/").status_code == 200
        again = browser.get(login)
        assert again.status_code == 401, "a link works once"
        assert "already used" in again.json()["message"]
    with world.site(None) as stranger:  # the same link, anywhere else: used up
        assert stranger.get(login).status_code == 401


def test_a_login_link_expires(world: World, running: str, monkeypatch: pytest.MonkeyPatch) -> None:
    logins = world.instance.code_studios.access.logins
    now = [1000.0]
    monkeypatch.setattr(logins, "_clock", lambda: now[0])
    login = link(world, running, port=9002)
    now[0] += 61
    with world.site(None) as browser:
        assert browser.get(login).status_code == 401
    fresh = link(world, running, port=9002)
    now[0] += 59
    with world.site(None) as browser:
        opened = browser.get(fresh)
        assert (opened.status_code, opened.headers["location"]) == (303, "9002/")
        assert browser.get(f"/code-studios/{PROJECT}/{running}/9002/").status_code == 200
        # The session outlives the link, not its own lifetime.
        now[0] += logins.session_seconds + 1
        assert browser.get(f"/code-studios/{PROJECT}/{running}/9002/").status_code == 401


def test_its_cookie_opens_only_its_own_studio(world: World, running: str) -> None:
    second = world.running()  # the same owner's
    with world.site(None) as browser:
        assert browser.get(link(world, running)).status_code == 303
        session = browser.cookies.get("dss_codestudio_session", path=f"/code-studios/{PROJECT}/{running}/")
        assert session
    elsewhere = httpx.get(
        f"{world.server.url}/code-studios/{PROJECT}/{second}/9000/",
        headers={"Cookie": f"dss_codestudio_session={session}"},
        timeout=10,
    )
    assert elsewhere.status_code == 401, elsewhere.text
    api = httpx.get(f"{world.server.api_url}/projects/", headers={"Cookie": f"dss_codestudio_session={session}"})
    assert api.status_code == 401, "the API never takes a browser session"
    world.stop(second)


def test_only_the_owner_of_a_running_studio_gets_a_link(world: World, running: str) -> None:
    for who in ("other", "reader", "padmin", "admin"):
        assert mint(world, running, who).status_code == 403, who
    assert mint(world, running, port=1234).status_code == 404
    assert mint(world, "NoSuch1").status_code == 404
    stopped = world.new_studio()
    refused = mint(world, stopped)
    assert refused.status_code == 409
    assert "not RUNNING" in refused.json()["message"]
    with world.site(None) as browser:
        assert browser.get(f"/code-studios/{PROJECT}/{running}/__login?ticket=forged").status_code == 401
        assert browser.get(f"/code-studios/{PROJECT}/{running}/__login").status_code == 401
        assert browser.post(f"/code-studios/{PROJECT}/{running}/__login?ticket=x").status_code == 405


def test_a_session_ends_when_the_studio_changes_owner(world: World) -> None:
    studio = world.running()
    with world.site(None) as browser:
        assert browser.get(link(world, studio)).status_code == 303
        assert browser.get(f"/code-studios/{PROJECT}/{studio}/9000/").status_code == 200
        world.stop(studio)
        with world.api("owner") as api:
            given = api.post(f"/projects/{PROJECT}/code-studios/{studio}/change-owner", params={"newOwner": "other"})
            assert given.status_code == 200, given.text
        world.start(studio, "other")
        assert browser.get(f"/code-studios/{PROJECT}/{studio}/9000/").status_code == 403
    with world.site("owner") as site:
        assert site.get(f"/code-studios/{PROJECT}/{studio}/9000/").status_code == 403
    with world.site("other") as site:
        assert site.get(f"/code-studios/{PROJECT}/{studio}/9000/").status_code == 200
    world.stop(studio, "other")


def test_a_studio_cannot_set_or_clear_the_session_cookie(world: World, running: str) -> None:
    with world.site("owner") as site:
        answer = site.get(f"/code-studios/{PROJECT}/{running}/9000/set-cookie")
    assert answer.status_code == 200
    assert answer.headers.get_list("set-cookie") == ["app=1; Path=/"]


def test_the_session_cookie_passes_alongside_a_studios_own_authorization(world: World, running: str) -> None:
    """A studio's own front end may send its own `Authorization` (JupyterLab does): the session still counts."""
    with world.site(None) as browser:
        assert browser.get(link(world, running)).status_code == 303
        answer = browser.get(f"/code-studios/{PROJECT}/{running}/9000/", headers={"Authorization": "token abc"})
        assert answer.status_code == 200, answer.text
        received = {k.lower(): v for k, v in answer.json()["headers"]}
        assert "authorization" not in received, "what the browser sent the server does not reach the studio"
