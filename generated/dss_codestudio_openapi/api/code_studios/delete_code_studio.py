from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.dss_error import DSSError
from ...types import Response


def _get_kwargs(
    project_key: str,
    code_studio_id: str,
) -> dict[str, Any]:

    _kwargs: dict[str, Any] = {
        "method": "delete",
        "url": "/projects/{project_key}/code-studios/{code_studio_id}".format(
            project_key=quote(str(project_key), safe=""),
            code_studio_id=quote(str(code_studio_id), safe=""),
        ),
    }

    return _kwargs


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Any | DSSError | None:
    if response.status_code == 204:
        response_204 = cast(Any, None)
        return response_204

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


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[Any | DSSError]:
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
) -> Response[Any | DSSError]:
    """Delete a code studio

     Deletes the code studio object, with its workspace and its own zones (code_studio_versioned,
    code_studio_resources). It is stopped first, as a stop does: a RUNNING studio is stopped, a
    STARTING one has its start aborted and is stopped, a STOPPING one finishes its stop; the call
    answers once the studio is stopped and deleted, and restarts are refused meanwhile. If files
    of its workspace could not be brought to DSS in zones that outlive it (project and user zones:
    files in conflict, or a zone that could not be pulled), the deletion is refused with 409
    naming them, and the studio stays, STOPPED: start it, pull those zones with `force=true` (or
    push them with `force=true`), then delete it. Only the owner, a project administrator or an
    instance administrator may delete it. Called by `DSSCodeStudioObject.delete`.

    Args:
        project_key (str):
        code_studio_id (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | DSSError]
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
) -> Any | DSSError | None:
    """Delete a code studio

     Deletes the code studio object, with its workspace and its own zones (code_studio_versioned,
    code_studio_resources). It is stopped first, as a stop does: a RUNNING studio is stopped, a
    STARTING one has its start aborted and is stopped, a STOPPING one finishes its stop; the call
    answers once the studio is stopped and deleted, and restarts are refused meanwhile. If files
    of its workspace could not be brought to DSS in zones that outlive it (project and user zones:
    files in conflict, or a zone that could not be pulled), the deletion is refused with 409
    naming them, and the studio stays, STOPPED: start it, pull those zones with `force=true` (or
    push them with `force=true`), then delete it. Only the owner, a project administrator or an
    instance administrator may delete it. Called by `DSSCodeStudioObject.delete`.

    Args:
        project_key (str):
        code_studio_id (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | DSSError
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
) -> Response[Any | DSSError]:
    """Delete a code studio

     Deletes the code studio object, with its workspace and its own zones (code_studio_versioned,
    code_studio_resources). It is stopped first, as a stop does: a RUNNING studio is stopped, a
    STARTING one has its start aborted and is stopped, a STOPPING one finishes its stop; the call
    answers once the studio is stopped and deleted, and restarts are refused meanwhile. If files
    of its workspace could not be brought to DSS in zones that outlive it (project and user zones:
    files in conflict, or a zone that could not be pulled), the deletion is refused with 409
    naming them, and the studio stays, STOPPED: start it, pull those zones with `force=true` (or
    push them with `force=true`), then delete it. Only the owner, a project administrator or an
    instance administrator may delete it. Called by `DSSCodeStudioObject.delete`.

    Args:
        project_key (str):
        code_studio_id (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | DSSError]
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
) -> Any | DSSError | None:
    """Delete a code studio

     Deletes the code studio object, with its workspace and its own zones (code_studio_versioned,
    code_studio_resources). It is stopped first, as a stop does: a RUNNING studio is stopped, a
    STARTING one has its start aborted and is stopped, a STOPPING one finishes its stop; the call
    answers once the studio is stopped and deleted, and restarts are refused meanwhile. If files
    of its workspace could not be brought to DSS in zones that outlive it (project and user zones:
    files in conflict, or a zone that could not be pulled), the deletion is refused with 409
    naming them, and the studio stays, STOPPED: start it, pull those zones with `force=true` (or
    push them with `force=true`), then delete it. Only the owner, a project administrator or an
    instance administrator may delete it. Called by `DSSCodeStudioObject.delete`.

    Args:
        project_key (str):
        code_studio_id (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | DSSError
    """

    return (
        await asyncio_detailed(
            project_key=project_key,
            code_studio_id=code_studio_id,
            client=client,
        )
    ).parsed
