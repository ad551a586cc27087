"""Typed errors, timeouts, retries and configuration, against conditions the reference server really produces.

Faults the server cannot produce (503 then success, Retry-After, malformed bodies, resets mid-answer)
are covered by the unit tests in tests/facade with a scripted DSS. Here: bad keys, missing rights,
missing objects, conflicts, invalid input and oversized bodies as the server answers them; a
server that is down, then comes back; and a server stuck on a locked database, which makes calls
time out for real.
"""

from __future__ import annotations

import json
import time
import zipfile
from pathlib import Path
from typing import Any

import dss_codestudio as dss
import httpx
import pytest
from dss_codestudio_server.embedded import EmbeddedServer

from tests.support.api import unique
from tests.support.facade_clients import resolve
from tests.support.live_facade import DatabaseLock, Live, counting
from tests.support.ports import free_port, reserved_port
from tests.support.servers import InProcessServer, start_embedded
from tests.support.waiting import eventually

pytestmark = pytest.mark.anyio

NOT_AUTHENTICATED = "com.dataiku.dip.exceptions.NotAuthenticatedException"
UNAUTHORIZED = "com.dataiku.dip.exceptions.UnauthorizedException"


def on_backoff(client: Any, kind: str, action: Any = None) -> list[float]:
    """Make the client's backoff sleeps instant, calling `action(n)` at the n-th; return the delays asked for."""
    delays: list[float] = []

    def sleep(seconds: float) -> None:
        delays.append(seconds)
        if action is not None:
            action(len(delays))

    async def asleep(seconds: float) -> None:
        sleep(seconds)

    client._sender.sleep = asleep if kind == "async" else sleep
    return delays


# -- errors the server answers ---------------------------------------------------------------------


async def test_a_bad_key_is_an_authentication_error(live: Live) -> None:
    for client in (
        live.client("dkuaps-not-a-key"),
        live.make(live.server.url, None, mock=False, fake_time=False, jwt_bearer_token="nope"),
    ):
        with pytest.raises(dss.AuthenticationError) as caught:
            await resolve(client.list_code_studio_templates())
        error = caught.value
        assert isinstance(error, dss.DataikuException)
        assert error.status == 401
        assert error.error_type == NOT_AUTHENTICATED
        assert error.message == "Unknown API Key"
        assert error.method == "GET"
        assert error.url == f"{live.server.api_url}/admin/code-studios/"
        assert str(error) == f"{NOT_AUTHENTICATED}: Unknown API Key"
    # The key also works as a bearer token, as the reference server accepts it.
    bearer = live.make(live.server.url, None, mock=False, fake_time=False, jwt_bearer_token=live.server.admin_key)
    assert "python-workspace" in [t.id for t in await resolve(bearer.list_code_studio_templates())]


async def test_templates_need_an_administrator(live: Live, tmp_path: Path) -> None:
    _, key = live.add_user("plain", may_create_projects=True)
    user = live.client(key)
    template = user.get_code_studio_template("python-workspace")
    archive = tmp_path / "any.zip"  # refused before it is read: any archive will do
    with zipfile.ZipFile(archive, "w") as zf:
        zf.writestr("template.json", "{}")
    calls = [
        user.list_code_studio_templates,
        lambda: user.create_code_studio_template("Mine", "block_based"),
        lambda: user.import_code_studio_template(archive),
        template.get_settings,
        template.build,
        template.get_export_stream,
        lambda: template.export_to_file(tmp_path / "t.zip"),
        template.delete,
    ]
    for call in calls:
        with pytest.raises(dss.PermissionDeniedError) as caught:
            await resolve(call())
        assert caught.value.status == 403
        assert caught.value.error_type == UNAUTHORIZED
        assert "not admin" in caught.value.message
    assert not (tmp_path / "t.zip").exists()  # refused before any file is made
    # The template is still there, unbuilt by the refused calls.
    admin_view = await resolve(live.client().get_code_studio_template("python-workspace").get_settings())
    assert admin_view.template_id == "python-workspace"


async def test_missing_objects_are_not_found(live: Live, client: Any) -> None:
    project = await live.new_project()
    calls = [
        client.get_code_studio_template("no-such-template").get_settings,
        lambda: client.get_code_studio_template("no-such-template").build(),
        client.get_project("NO_SUCH_PROJECT").list_code_studios,
        client.get_project("NO_SUCH_PROJECT").get_library,
        project.get_code_studio("nOsUcH1").get_settings,
        project.get_code_studio("nOsUcH1").delete,
        lambda: project.get_code_studio("nOsUcH1").change_owner("admin"),
    ]
    for call in calls:
        with pytest.raises(dss.NotFoundError) as caught:
            await resolve(call())
        assert caught.value.status == 404
        assert caught.value.error_type == "com.dataiku.dip.server.controllers.NotFoundException"
        assert caught.value.detailed_message


async def test_invalid_input_is_a_bad_request(live: Live, client: Any, tmp_path: Path) -> None:
    not_a_zip = tmp_path / "not-a-zip.zip"
    not_a_zip.write_text("this is not an archive")
    with pytest.raises(dss.BadRequestError) as caught:
        await resolve(client.import_code_studio_template(not_a_zip))
    assert "archive" in caught.value.message.lower()
    template = await live.new_template()
    exported = tmp_path / "ok.zip"
    await resolve(template.export_to_file(exported))
    with pytest.raises(dss.BadRequestError, match="codeEnvRemapping"):
        await resolve(client.import_code_studio_template(exported, import_spec={"codeEnvRemapping": "all"}))
    settings = await resolve(template.get_settings())
    settings.get_raw()["type"] = 42  # the spec says a string
    with pytest.raises(dss.BadRequestError) as invalid:
        await resolve(settings.save())
    assert invalid.value.status == 400
    assert invalid.value.error_type == "java.lang.IllegalArgumentException"


async def test_deleting_a_template_while_it_builds_is_a_conflict(live: Live, slow_server: EmbeddedServer) -> None:
    client = live.make(slow_server.url, slow_server.admin_key, mock=False, fake_time=False)
    template = await resolve(client.create_code_studio_template(unique("Busy "), "block_based"))
    future = await resolve(template.build(disable_docker_cache=True))
    try:
        with pytest.raises(dss.ConflictError) as caught:
            await resolve(template.delete())
        assert caught.value.status == 409
        assert "being built" in caught.value.message
    finally:
        await resolve(future.abort())
    assert [m.code for m in (await resolve(template.delete())).messages][-1] == "TEMPLATE_DELETED"


async def test_oversized_bodies_are_refused_with_413(live: Live, tmp_path: Path) -> None:
    server = start_embedded(tmp_path / "data", max_upload=64 * 1024)
    try:
        client = live.make(server.url, server.admin_key, mock=False, fake_time=False)
        project = await resolve(client.create_project(unique("BIG"), "Big", "admin"))
        library = await resolve(project.get_library())
        file = await resolve(library.add_file("big.bin"))
        with pytest.raises(dss.RequestTooLargeError) as caught:
            await resolve(file.write(b"\0" * (64 * 1024 + 1)))
        assert caught.value.status == 413
        assert caught.value.error_type == "com.dataiku.dip.exceptions.PayloadTooLargeException"
        assert await resolve(file.read("bytes")) == b""  # nothing half-written
        await resolve(file.write(b"\1" * (64 * 1024)))  # the limit itself is allowed
        assert len(await resolve(file.read("bytes"))) == 64 * 1024
    finally:
        server.stop()


# -- connection failures, timeouts and retries -------------------------------------------------------


async def test_a_server_that_is_down_is_a_connection_error_after_the_retries(live: Live) -> None:
    url = f"http://127.0.0.1:{free_port()}"
    client = live.make(url, "key", mock=False, fake_time=False, max_retries=2)
    delays = on_backoff(client, live.kind)
    with pytest.raises(dss.APIConnectionError) as caught:
        await resolve(client.list_project_keys())
    assert not isinstance(caught.value, dss.APITimeoutError)
    assert caught.value.method == "GET"
    assert caught.value.url == f"{url}/dip/publicapi/projects/?includeLocation=false"
    assert len(delays) == 2  # a refused connection sent nothing: retried, with backoff
    assert 0 < delays[0] < delays[1]

    no_retry = client.with_options(max_retries=0)
    delays = on_backoff(no_retry, live.kind)
    with pytest.raises(dss.APIConnectionError):
        await resolve(no_retry.list_project_keys())
    assert delays == []


async def test_calls_made_while_the_server_is_down_succeed_once_it_is_back(live: Live, tmp_path: Path) -> None:
    # The server has been up before (the key is its administrator's); it is down when each call is made.
    # Its port stays reserved while it is down: another program taking it would fail the restart.
    with reserved_port() as port:
        await _calls_while_down(live, tmp_path, port)


async def _calls_while_down(live: Live, tmp_path: Path, port: int) -> None:
    first = start_embedded(tmp_path / "data", port=port)
    key = first.admin_key
    first.stop()
    running: list[EmbeddedServer] = []

    def come_back(attempt: int) -> None:
        if attempt == 1:
            running.append(start_embedded(tmp_path / "data", port=port))

    def go_down() -> None:
        running.pop().stop()

    client = live.make(f"http://127.0.0.1:{port}", key, mock=False, fake_time=False)
    delays = on_backoff(client, live.kind, come_back)
    try:
        # Neither call is ever repeated once sent; a refused connection sent nothing, so both are retried.
        project = await resolve(client.create_project(unique("BACK"), "Back", "admin"))
        assert len(delays) == 1
        assert project.project_key in await resolve(client.list_project_keys())
        default = client.get_code_studio_template("python-workspace")
        archive = tmp_path / "python-workspace.zip"
        await resolve(default.export_to_file(archive))
        blocks = (await resolve(default.get_settings())).get_raw()["params"]["blocks"]
        go_down()
        delays.clear()
        imported = await resolve(client.import_code_studio_template(archive, label=unique("Retried ")))
        assert len(delays) == 1
        assert not imported.messages.has_error  # the whole archive was sent again
        settings = await resolve(client.get_code_studio_template(imported.id).get_settings())
        assert settings.get_raw()["params"]["blocks"] == blocks
    finally:
        for server in running:
            server.stop()


async def test_a_call_that_times_out_is_not_repeated_when_it_changes_state(live: Live) -> None:
    transport = counting(live.kind)
    client = live.client(transport=transport, timeout=0.5)
    delays = on_backoff(client, live.kind)
    key = unique("SLOW")
    lock = DatabaseLock(live.server)
    try:
        with pytest.raises(dss.APITimeoutError) as caught:
            await resolve(client.create_project(key, "Slow", "admin"))
    finally:
        lock.release()
    assert isinstance(caught.value, dss.APIConnectionError)
    assert caught.value.error_type == "TimeoutError"
    assert caught.value.method == "POST"
    assert transport.sent == ["POST /dip/publicapi/projects/"]  # sent once: a repeat could create it twice
    assert delays == []
    # The server did the work it was asked for once the database was free.
    admin = live.client()
    keys = await eventually(admin.list_project_keys, until=lambda keys: key in keys)
    assert keys.count(key) == 1


async def test_a_repeatable_call_that_times_out_is_retried(live: Live) -> None:
    template = await live.new_template()
    transport = counting(live.kind)
    # The first PUT waits for the locked database past its 0.5 s; the lock goes at the first retry. A
    # retry may time out too on a loaded machine (0.5 s is short): retries are many, each a PUT.
    client = live.client(transport=transport).with_options(timeout=0.5, max_retries=6)
    settings = await resolve(client.get_code_studio_template(template.template_id).get_settings())
    settings.get_raw()["shortDesc"] = "saved after a timeout"
    sent_before = len(transport.sent)
    lock = DatabaseLock(live.server)
    delays = on_backoff(client, live.kind, lambda attempt: lock.release())
    try:
        await resolve(settings.save())  # a PUT of the whole settings: repeating it changes nothing
    finally:
        lock.release()
    assert len(delays) >= 1
    puts = transport.sent[sent_before:]
    assert puts == [f"PUT /dip/publicapi/admin/code-studios/{template.template_id}"] * (len(delays) + 1)
    assert (await resolve(template.get_settings())).get_raw()["shortDesc"] == "saved after a timeout"


async def test_a_per_call_timeout_with_options(live: Live) -> None:
    client = live.client(max_retries=0)
    lock = DatabaseLock(live.server)
    try:
        started = time.monotonic()
        with pytest.raises(dss.APITimeoutError):
            await resolve(client.with_options(timeout=0.3).create_code_studio_template(unique("T "), "manual"))
        assert time.monotonic() - started < 30  # not the default minute
    finally:
        lock.release()
    assert client.timeout.read == 60.0  # the client itself keeps its options
    assert client.with_options(timeout=0.3).timeout.read == 0.3


# -- the client itself -------------------------------------------------------------------------------


async def test_the_client_is_a_context_manager_that_closes_its_pool(live: Live) -> None:
    key = live.server.admin_key
    if live.kind == "async":
        async with dss.AsyncDSSClient(live.server.url, key) as client:
            assert "python-workspace" in [t.id for t in await client.list_code_studio_templates()]
            derived = client.with_options(timeout=5)
            assert await derived.list_project_keys() is not None
            await derived.close()  # closing a derived client closes nothing
            assert not client.is_closed
            await client.list_project_keys()
    else:
        with dss.DSSClient(live.server.url, key) as client:
            assert "python-workspace" in [t.id for t in client.list_code_studio_templates()]
            derived = client.with_options(timeout=5)
            assert derived.list_project_keys() is not None
            derived.close()
            assert not client.is_closed
            client.list_project_keys()
    assert client.is_closed


async def test_configuration_from_the_environment_and_the_config_file(
    live: Live, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    def no_arguments() -> Any:
        return live.make(None, None, mock=False, fake_time=False)

    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.setenv("DKU_DSS_URL", live.server.url)
    monkeypatch.setenv("DKU_API_KEY", live.server.admin_key)
    from_env = no_arguments()
    assert from_env.host == live.server.url
    assert "python-workspace" in [t.id for t in await resolve(from_env.list_code_studio_templates())]

    monkeypatch.delenv("DKU_DSS_URL")
    monkeypatch.delenv("DKU_API_KEY")
    config = tmp_path / ".dataiku" / "config.json"
    config.parent.mkdir()
    config.write_text(
        json.dumps(
            {
                "dss_instances": {
                    "local": {"url": live.server.url, "api_key": live.server.admin_key},
                    "broken": {"url": live.server.url, "api_key": "dkuaps-wrong"},
                },
                "default_instance": "local",
            }
        )
    )
    from_file = no_arguments()
    assert from_file.api_key == live.server.admin_key
    assert await resolve(from_file.list_project_keys()) is not None
    broken = live.make(None, None, mock=False, fake_time=False, instance="broken")
    with pytest.raises(dss.AuthenticationError):
        await resolve(broken.list_project_keys())
    with pytest.raises(dss.ConfigurationError):
        live.make(None, None, mock=False, fake_time=False, instance="missing")


async def test_the_async_client_runs_in_process_over_asgi(server: InProcessServer, tmp_path: Path) -> None:
    transport = httpx.ASGITransport(app=server.app)
    async with dss.AsyncDSSClient("http://testserver", server.admin_key, transport=transport) as client:
        project = await client.create_project("INPROC", "In process", "admin")
        file = await (await project.get_library()).add_file("a.py")
        await file.write("print('in process')\n")
        assert await file.read() == "print('in process')\n"
        template = client.get_code_studio_template("python-workspace")
        assert (await (await template.build()).wait_for_result(timeout=20)).succeeded
        await template.export_to_file(tmp_path / "t.zip")
        imported = await client.import_code_studio_template(tmp_path / "t.zip", label="In process copy")
        assert imported.id == "in-process-copy"
        with pytest.raises(dss.NotFoundError):
            await client.get_future("nope").peek_state()
