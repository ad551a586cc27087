from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.code_studio_start_future import CodeStudioStartFuture
from ...models.dss_error import DSSError
from ...types import Response


def _get_kwargs(
    project_key: str,
    code_studio_id: str,
) -> dict[str, Any]:

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/projects/{project_key}/code-studios/{code_studio_id}/restart".format(
            project_key=quote(str(project_key), safe=""),
            code_studio_id=quote(str(code_studio_id), safe=""),
        ),
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> CodeStudioStartFuture | DSSError | None:
    if response.status_code == 200:
        response_200 = CodeStudioStartFuture.from_dict(response.json())

        return response_200

    if response.status_code == 400:
        response_400 = DSSError.from_dict(response.json())

        return response_400

    if response.status_code == 401:
        response_401 = DSSError.from_dict(response.json())

        return response_401

    if response.status_code == 403:
        response_403 = DSSError.from_dict(response.json())

        return response_403

    if response.status_code == 404:
        response_404 = DSSError.from_dict(response.json())

        return response_404

    if response.status_code == 409:
        response_409 = DSSError.from_dict(response.json())

        return response_409

    if response.status_code == 503:
        response_503 = DSSError.from_dict(response.json())

        return response_503

    if response.status_code == 507:
        response_507 = DSSError.from_dict(response.json())

        return response_507

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[CodeStudioStartFuture | DSSError]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    project_key: str,
    code_studio_id: str,
    *,
    client: AuthenticatedClient | Client,
) -> Response[CodeStudioStartFuture | DSSError]:
    """Start or restart a code studio

     Starts a STOPPED code studio, or restarts a RUNNING one (a stop, then a start), and answers
    the future of the start. A start moves the studio STOPPED -> STARTING -> RUNNING: it gives
    every zone of the template's file synchronisation block a fresh id, pushes every zone DSS ->
    studio (files in conflict are left as they are in the studio), starts the entry points of the
    template's build output as processes on 127.0.0.1 (free ports, the pod's environment, in the
    studio's workspace), and is RUNNING only once their readiness checks (TCP or HTTP, as the
    template says) pass. The future's progress names the step (pushing zone X, starting entry
    point Y, waiting for Y to be ready); its result is a `CodeStudioStartResult`. If the start
    fails (an entry point exits or is not ready in time) or its future is aborted, the studio is
    stopped as a stop does (back to STOPPED, files pulled) and the future fails (500) or is
    aborted (409). Starting a studio whose template was never built, or no longer exists, is
    refused with 409 before anything changes.
    Concurrent requests: a restart while the studio is STARTING answers the future of that start
    (nothing is started twice); a restart while it is STOPPING is refused with 409, unless that
    stop is the first half of a restart, whose future is answered; a restart while it is being
    deleted is refused with 409. Only the owner of the studio, a project administrator or an
    instance administrator may start it; the studio runs as its owner. Called by
    `DSSCodeStudioObject.restart`.

    Args:
        project_key (str):
        code_studio_id (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[CodeStudioStartFuture | DSSError]
    """

    kwargs = _get_kwargs(
        project_key=project_key,
        code_studio_id=code_studio_id,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    project_key: str,
    code_studio_id: str,
    *,
    client: AuthenticatedClient | Client,
) -> CodeStudioStartFuture | DSSError | None:
    """Start or restart a code studio

     Starts a STOPPED code studio, or restarts a RUNNING one (a stop, then a start), and answers
    the future of the start. A start moves the studio STOPPED -> STARTING -> RUNNING: it gives
    every zone of the template's file synchronisation block a fresh id, pushes every zone DSS ->
    studio (files in conflict are left as they are in the studio), starts the entry points of the
    template's build output as processes on 127.0.0.1 (free ports, the pod's environment, in the
    studio's workspace), and is RUNNING only once their readiness checks (TCP or HTTP, as the
    template says) pass. The future's progress names the step (pushing zone X, starting entry
    point Y, waiting for Y to be ready); its result is a `CodeStudioStartResult`. If the start
    fails (an entry point exits or is not ready in time) or its future is aborted, the studio is
    stopped as a stop does (back to STOPPED, files pulled) and the future fails (500) or is
    aborted (409). Starting a studio whose template was never built, or no longer exists, is
    refused with 409 before anything changes.
    Concurrent requests: a restart while the studio is STARTING answers the future of that start
    (nothing is started twice); a restart while it is STOPPING is refused with 409, unless that
    stop is the first half of a restart, whose future is answered; a restart while it is being
    deleted is refused with 409. Only the owner of the studio, a project administrator or an
    instance administrator may start it; the studio runs as its owner. Called by
    `DSSCodeStudioObject.restart`.

    Args:
        project_key (str):
        code_studio_id (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        CodeStudioStartFuture | DSSError
    """

    return sync_detailed(
        project_key=project_key,
        code_studio_id=code_studio_id,
        client=client,
    ).parsed


async def asyncio_detailed(
    project_key: str,
    code_studio_id: str,
    *,
    client: AuthenticatedClient | Client,
) -> Response[CodeStudioStartFuture | DSSError]:
    """Start or restart a code studio

     Starts a STOPPED code studio, or restarts a RUNNING one (a stop, then a start), and answers
    the future of the start. A start moves the studio STOPPED -> STARTING -> RUNNING: it gives
    every zone of the template's file synchronisation block a fresh id, pushes every zone DSS ->
    studio (files in conflict are left as they are in the studio), starts the entry points of the
    template's build output as processes on 127.0.0.1 (free ports, the pod's environment, in the
    studio's workspace), and is RUNNING only once their readiness checks (TCP or HTTP, as the
    template says) pass. The future's progress names the step (pushing zone X, starting entry
    point Y, waiting for Y to be ready); its result is a `CodeStudioStartResult`. If the start
    fails (an entry point exits or is not ready in time) or its future is aborted, the studio is
    stopped as a stop does (back to STOPPED, files pulled) and the future fails (500) or is
    aborted (409). Starting a studio whose template was never built, or no longer exists, is
    refused with 409 before anything changes.
    Concurrent requests: a restart while the studio is STARTING answers the future of that start
    (nothing is started twice); a restart while it is STOPPING is refused with 409, unless that
    stop is the first half of a restart, whose future is answered; a restart while it is being
    deleted is refused with 409. Only the owner of the studio, a project administrator or an
    instance administrator may start it; the studio runs as its owner. Called by
    `DSSCodeStudioObject.restart`.

    Args:
        project_key (str):
        code_studio_id (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[CodeStudioStartFuture | DSSError]
    """

    kwargs = _get_kwargs(
        project_key=project_key,
        code_studio_id=code_studio_id,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    project_key: str,
    code_studio_id: str,
    *,
    client: AuthenticatedClient | Client,
) -> CodeStudioStartFuture | DSSError | None:
    """Start or restart a code studio

     Starts a STOPPED code studio, or restarts a RUNNING one (a stop, then a start), and answers
    the future of the start. A start moves the studio STOPPED -> STARTING -> RUNNING: it gives
    every zone of the template's file synchronisation block a fresh id, pushes every zone DSS ->
    studio (files in conflict are left as they are in the studio), starts the entry points of the
    template's build output as processes on 127.0.0.1 (free ports, the pod's environment, in the
    studio's workspace), and is RUNNING only once their readiness checks (TCP or HTTP, as the
    template says) pass. The future's progress names the step (pushing zone X, starting entry
    point Y, waiting for Y to be ready); its result is a `CodeStudioStartResult`. If the start
    fails (an entry point exits or is not ready in time) or its future is aborted, the studio is
    stopped as a stop does (back to STOPPED, files pulled) and the future fails (500) or is
    aborted (409). Starting a studio whose template was never built, or no longer exists, is
    refused with 409 before anything changes.
    Concurrent requests: a restart while the studio is STARTING answers the future of that start
    (nothing is started twice); a restart while it is STOPPING is refused with 409, unless that
    stop is the first half of a restart, whose future is answered; a restart while it is being
    deleted is refused with 409. Only the owner of the studio, a project administrator or an
    instance administrator may start it; the studio runs as its owner. Called by
    `DSSCodeStudioObject.restart`.

    Args:
        project_key (str):
        code_studio_id (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        CodeStudioStartFuture | DSSError
    """

    return (
        await asyncio_detailed(
            project_key=project_key,
            code_studio_id=code_studio_id,
            client=client,
        )
    ).parsed
