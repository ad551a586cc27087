"""Every failure becomes a typed DataikuException carrying status, errorType, messages, method and URL."""

from __future__ import annotations

import dss_codestudio as dss
import httpx
import pytest

from tests.support.facade_clients import FakeDSS, dss_error, resolve

pytestmark = pytest.mark.anyio

STATUS_CLASSES = [
    (400, dss.BadRequestError),
    (401, dss.AuthenticationError),
    (403, dss.PermissionDeniedError),
    (404, dss.NotFoundError),
    (405, dss.APIStatusError),
    (409, dss.ConflictError),
    (413, dss.RequestTooLargeError),
    (422, dss.UnprocessableEntityError),
    (429, dss.RateLimitError),
    (500, dss.InternalServerError),
    (502, dss.InternalServerError),
    (503, dss.InternalServerError),
    (504, dss.InternalServerError),
]


@pytest.mark.parametrize(("status", "cls"), STATUS_CLASSES)
async def test_each_status_maps_to_its_exception(make_client, fake: FakeDSS, status: int, cls: type) -> None:
    fake.on(
        "getCodeStudioSettings",
        httpx.Response(
            status,
            json={
                "errorType": "com.dataiku.dip.server.controllers.NotFoundException",
                "message": "Code studio does not exist: 62GsjBq",
                "detailedMessage": "Code studio does not exist: 62GsjBq (in project P)",
            },
        ),
    )
    client = make_client(max_retries=0)
    with pytest.raises(cls) as info:
        await resolve(client.get_project("P").get_code_studio("62GsjBq").get_settings())
    err = info.value
    assert type(err) is cls
    assert isinstance(err, dss.DataikuException)
    assert err.status == status
    assert err.error_type == "com.dataiku.dip.server.controllers.NotFoundException"
    assert err.message == "Code studio does not exist: 62GsjBq"
    assert err.detailed_message == "Code studio does not exist: 62GsjBq (in project P)"
    assert err.method == "GET"
    assert err.url == "http://dss.test:11200/dip/publicapi/projects/P/code-studios/62GsjBq"
    # dataikuapi's shape: "<errorType>: <detailedMessage or message>"
    assert str(err) == (
        "com.dataiku.dip.server.controllers.NotFoundException: Code studio does not exist: 62GsjBq (in project P)"
    )


async def test_message_is_used_without_detailed_message(make_client, fake: FakeDSS) -> None:
    fake.on("listProjects", httpx.Response(403, json={"errorType": "Forbidden", "message": "not admin"}))
    with pytest.raises(dss.PermissionDeniedError) as info:
        await resolve(make_client().list_project_keys())
    assert str(info.value) == "Forbidden: not admin"
    assert info.value.detailed_message is None


async def test_html_error_page_from_a_proxy_is_a_clear_typed_error(make_client, fake: FakeDSS) -> None:
    page = "<html><head><title>502 Bad Gateway</title></head><body><h1>Bad Gateway</h1></body></html>"
    fake.on("listProjects", httpx.Response(502, text=page, headers={"content-type": "text/html"}))
    with pytest.raises(dss.InternalServerError) as info:
        await resolve(make_client(max_retries=0).list_projects())
    err = info.value
    assert err.status == 502
    assert err.error_type == "HTTP 502"
    assert "Bad Gateway" in err.message
    assert "text/html" in err.message
    assert "GET http://dss.test:11200/dip/publicapi/projects/" in err.message
    assert err.response.status_code == 502


@pytest.mark.parametrize("body", [b'{"errorType": "com.x.Bad', b"", b"null", b"[1, 2]", b'{"message": 3}'])
async def test_unreadable_error_bodies_still_give_the_typed_error(make_client, fake: FakeDSS, body: bytes) -> None:
    fake.on("getCodeStudioStatus", httpx.Response(404, content=body, headers={"content-type": "application/json"}))
    with pytest.raises(dss.NotFoundError) as info:
        await resolve(make_client().get_project("P").get_code_studio("x").get_status())
    assert info.value.status == 404
    assert info.value.error_type == "HTTP 404"
    assert "Not Found" in str(info.value)


async def test_long_non_json_bodies_are_cut_in_the_message(make_client, fake: FakeDSS) -> None:
    fake.on("listProjects", httpx.Response(400, text="x" * 5000))
    with pytest.raises(dss.BadRequestError) as info:
        await resolve(make_client().list_projects())
    assert len(info.value.message) < 600
    assert info.value.message.endswith("...")


@pytest.mark.parametrize(
    "body",
    [b'{"state": "RUNN', b"<html>oops</html>", b""],
)
async def test_malformed_success_bodies_raise_validation_errors(make_client, fake: FakeDSS, body: bytes) -> None:
    fake.on("getCodeStudioStatus", httpx.Response(200, content=body))
    with pytest.raises(dss.APIResponseValidationError) as info:
        await resolve(make_client().get_project("P").get_code_studio("x").get_status())
    err = info.value
    assert isinstance(err, dss.DataikuException)
    assert err.status == 200
    assert err.method == "GET"
    assert err.url is not None
    assert err.url.endswith("/code-studios/x/status")
    assert "getCodeStudioStatus" in err.message


async def test_connection_refused_is_a_connection_error(make_client, fake: FakeDSS) -> None:
    fake.on("listProjects", lambda r: httpx.ConnectError("[Errno 111] Connection refused", request=r))
    with pytest.raises(dss.APIConnectionError) as info:
        await resolve(make_client(max_retries=0).list_projects())
    err = info.value
    assert not isinstance(err, dss.APITimeoutError)
    assert isinstance(err, dss.DataikuException)
    assert err.status is None
    assert err.method == "GET"
    assert err.url is not None
    assert err.url.startswith("http://dss.test:11200/dip/publicapi/projects/")
    assert "Connection refused" in str(err)


@pytest.mark.parametrize("exc", [httpx.ReadTimeout, httpx.ConnectTimeout, httpx.WriteTimeout, httpx.PoolTimeout])
async def test_timeouts_are_timeout_errors(make_client, fake: FakeDSS, exc: type[httpx.TimeoutException]) -> None:
    fake.on("getCodeStudioStatus", lambda r: exc("timed out", request=r))
    with pytest.raises(dss.APITimeoutError) as info:
        await resolve(make_client(max_retries=0).get_project("P").get_code_studio("x").get_status())
    assert isinstance(info.value, dss.APIConnectionError)
    assert info.value.error_type == "TimeoutError"
    assert exc.__name__ in str(info.value)


async def test_except_dataikuexception_catches_everything_dataikuapi_code_expects(make_client, fake: FakeDSS) -> None:
    fake.on("listCodeStudios", dss_error(404), lambda r: httpx.ConnectError("down", request=r))
    client = make_client(max_retries=0)
    for _ in range(2):
        with pytest.raises(dss.DataikuException):
            await resolve(client.get_project("P").list_code_studios())


async def test_json_that_does_not_match_the_spec_is_read_tolerantly(
    make_client, fake: FakeDSS, caplog: pytest.LogCaptureFixture
) -> None:
    # A newer DSS may change a field's shape: that field reads as absent, with a warning naming it,
    # and the answer is kept as it is (in the model's additional properties, and so in get_raw()).
    body = {"state": "RUNNING", "exposed": "not a list", "syncedZones": [{"id": "z"}, 3], "jobId": "J"}
    fake.json("getCodeStudioStatus", body)
    status = await resolve(make_client().get_project("P").get_code_studio("x").get_status())
    assert status.get_raw() == body
    assert status.state == "RUNNING"
    assert status.job_id == "J"
    assert status.exposed == []
    assert status.get_zones() == []
    assert status.model.additional_properties["syncedZones"] == [{"id": "z"}, 3]
    assert "values of exposed, syncedZones do not match the spec" in caplog.text


@pytest.mark.parametrize(
    "body",
    [{"exposed": []}, {"state": "RUNNING", "exposed": [{"label": "x"}]}],
    ids=["missing required state", "valid"],
)
async def test_only_a_missing_required_field_makes_an_answer_unreadable(make_client, fake: FakeDSS, body) -> None:
    fake.json("getCodeStudioStatus", body)
    studio = make_client().get_project("P").get_code_studio("x")
    if "state" in body:
        assert (await resolve(studio.get_status())).exposed[0].label == "x"
        return
    with pytest.raises(dss.APIResponseValidationError, match=r"getCodeStudioStatus.*required 'state'"):
        await resolve(studio.get_status())
