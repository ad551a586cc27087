from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.dss_error import DSSError
from ...models.project_permissions import ProjectPermissions
from ...types import Response


def _get_kwargs(
    project_key: str,
) -> dict[str, Any]:

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/projects/{project_key}/permissions".format(
            project_key=quote(str(project_key), safe=""),
        ),
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> DSSError | ProjectPermissions | None:
    if response.status_code == 200:
        response_200 = ProjectPermissions.from_dict(response.json())

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

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[DSSError | ProjectPermissions]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    project_key: str,
    *,
    client: AuthenticatedClient | Client,
) -> Response[DSSError | ProjectPermissions]:
    """Get the permissions of a project

     Returns the project's owner and its permission items, each naming a `group` or a `user` and
    the permissions granted (`admin`, `writeProjectContent`, `readProjectContent`,
    `readDashboards`, ...). Needs administrator access on the project: who may do what is the
    project administrators' business. Called by `DSSProject.get_permissions`.

    Args:
        project_key (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[DSSError | ProjectPermissions]
    """

    kwargs = _get_kwargs(
        project_key=project_key,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    project_key: str,
    *,
    client: AuthenticatedClient | Client,
) -> DSSError | ProjectPermissions | None:
    """Get the permissions of a project

     Returns the project's owner and its permission items, each naming a `group` or a `user` and
    the permissions granted (`admin`, `writeProjectContent`, `readProjectContent`,
    `readDashboards`, ...). Needs administrator access on the project: who may do what is the
    project administrators' business. Called by `DSSProject.get_permissions`.

    Args:
        project_key (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        DSSError | ProjectPermissions
    """

    return sync_detailed(
        project_key=project_key,
        client=client,
    ).parsed


async def asyncio_detailed(
    project_key: str,
    *,
    client: AuthenticatedClient | Client,
) -> Response[DSSError | ProjectPermissions]:
    """Get the permissions of a project

     Returns the project's owner and its permission items, each naming a `group` or a `user` and
    the permissions granted (`admin`, `writeProjectContent`, `readProjectContent`,
    `readDashboards`, ...). Needs administrator access on the project: who may do what is the
    project administrators' business. Called by `DSSProject.get_permissions`.

    Args:
        project_key (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[DSSError | ProjectPermissions]
    """

    kwargs = _get_kwargs(
        project_key=project_key,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    project_key: str,
    *,
    client: AuthenticatedClient | Client,
) -> DSSError | ProjectPermissions | None:
    """Get the permissions of a project

     Returns the project's owner and its permission items, each naming a `group` or a `user` and
    the permissions granted (`admin`, `writeProjectContent`, `readProjectContent`,
    `readDashboards`, ...). Needs administrator access on the project: who may do what is the
    project administrators' business. Called by `DSSProject.get_permissions`.

    Args:
        project_key (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        DSSError | ProjectPermissions
    """

    return (
        await asyncio_detailed(
            project_key=project_key,
            client=client,
        )
    ).parsed
