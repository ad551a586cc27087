from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.code_studio_stop_future import CodeStudioStopFuture
from ...models.dss_error import DSSError
from ...types import Response


def _get_kwargs(
    project_key: str,
    code_studio_id: str,
) -> dict[str, Any]:

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/projects/{project_key}/code-studios/{code_studio_id}/stop".format(
            project_key=quote(str(project_key), safe=""),
            code_studio_id=quote(str(code_studio_id), safe=""),
        ),
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> CodeStudioStopFuture | DSSError | None:
    if response.status_code == 200:
        response_200 = CodeStudioStopFuture.from_dict(response.json())

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
) -> Response[CodeStudioStopFuture | DSSError]:
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
) -> Response[CodeStudioStopFuture | DSSError]:
    """Stop a code studio

     Stops the code studio and answers the future of the stop: RUNNING -> STOPPING -> STOPPED.
    Stopping pulls every zone studio -> DSS (files in conflict are kept on both sides and listed
    in the result's `conflicts`), then terminates the studio's processes and their children
    (SIGTERM, then SIGKILL after a grace period), then pulls again what they wrote while stopping;
    its result is a `CodeStudioStopResult`. A stop cannot be aborted. Stopping a STOPPED studio
    answers a completed future without `jobId`. A stop while the studio is STARTING aborts the
    start and stops it (STARTING -> STOPPING -> STOPPED; the start's future is aborted); a stop
    while it is STOPPING answers the future of that stop, and cancels a restart waiting for it.
    A studio whose entry point exits by itself is stopped the same way, by a future owned by its
    owner. Only the owner of the studio, a project administrator or an instance administrator
    may stop it. Called by `DSSCodeStudioObject.stop`.

    Args:
        project_key (str):
        code_studio_id (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[CodeStudioStopFuture | DSSError]
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
) -> CodeStudioStopFuture | DSSError | None:
    """Stop a code studio

     Stops the code studio and answers the future of the stop: RUNNING -> STOPPING -> STOPPED.
    Stopping pulls every zone studio -> DSS (files in conflict are kept on both sides and listed
    in the result's `conflicts`), then terminates the studio's processes and their children
    (SIGTERM, then SIGKILL after a grace period), then pulls again what they wrote while stopping;
    its result is a `CodeStudioStopResult`. A stop cannot be aborted. Stopping a STOPPED studio
    answers a completed future without `jobId`. A stop while the studio is STARTING aborts the
    start and stops it (STARTING -> STOPPING -> STOPPED; the start's future is aborted); a stop
    while it is STOPPING answers the future of that stop, and cancels a restart waiting for it.
    A studio whose entry point exits by itself is stopped the same way, by a future owned by its
    owner. Only the owner of the studio, a project administrator or an instance administrator
    may stop it. Called by `DSSCodeStudioObject.stop`.

    Args:
        project_key (str):
        code_studio_id (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        CodeStudioStopFuture | DSSError
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
) -> Response[CodeStudioStopFuture | DSSError]:
    """Stop a code studio

     Stops the code studio and answers the future of the stop: RUNNING -> STOPPING -> STOPPED.
    Stopping pulls every zone studio -> DSS (files in conflict are kept on both sides and listed
    in the result's `conflicts`), then terminates the studio's processes and their children
    (SIGTERM, then SIGKILL after a grace period), then pulls again what they wrote while stopping;
    its result is a `CodeStudioStopResult`. A stop cannot be aborted. Stopping a STOPPED studio
    answers a completed future without `jobId`. A stop while the studio is STARTING aborts the
    start and stops it (STARTING -> STOPPING -> STOPPED; the start's future is aborted); a stop
    while it is STOPPING answers the future of that stop, and cancels a restart waiting for it.
    A studio whose entry point exits by itself is stopped the same way, by a future owned by its
    owner. Only the owner of the studio, a project administrator or an instance administrator
    may stop it. Called by `DSSCodeStudioObject.stop`.

    Args:
        project_key (str):
        code_studio_id (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[CodeStudioStopFuture | DSSError]
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
) -> CodeStudioStopFuture | DSSError | None:
    """Stop a code studio

     Stops the code studio and answers the future of the stop: RUNNING -> STOPPING -> STOPPED.
    Stopping pulls every zone studio -> DSS (files in conflict are kept on both sides and listed
    in the result's `conflicts`), then terminates the studio's processes and their children
    (SIGTERM, then SIGKILL after a grace period), then pulls again what they wrote while stopping;
    its result is a `CodeStudioStopResult`. A stop cannot be aborted. Stopping a STOPPED studio
    answers a completed future without `jobId`. A stop while the studio is STARTING aborts the
    start and stops it (STARTING -> STOPPING -> STOPPED; the start's future is aborted); a stop
    while it is STOPPING answers the future of that stop, and cancels a restart waiting for it.
    A studio whose entry point exits by itself is stopped the same way, by a future owned by its
    owner. Only the owner of the studio, a project administrator or an instance administrator
    may stop it. Called by `DSSCodeStudioObject.stop`.

    Args:
        project_key (str):
        code_studio_id (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        CodeStudioStopFuture | DSSError
    """

    return (
        await asyncio_detailed(
            project_key=project_key,
            code_studio_id=code_studio_id,
            client=client,
        )
    ).parsed
