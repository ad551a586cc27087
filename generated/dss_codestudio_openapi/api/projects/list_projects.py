from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.dss_error import DSSError
from ...models.project_list_item import ProjectListItem
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    include_location: bool | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["includeLocation"] = include_location

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/projects/",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> DSSError | list[ProjectListItem] | None:
    if response.status_code == 200:
        response_200 = []
        _response_200 = response.json()
        for response_200_item_data in _response_200:
            response_200_item = ProjectListItem.from_dict(response_200_item_data)

            response_200.append(response_200_item)

        return response_200

    if response.status_code == 400:
        response_400 = DSSError.from_dict(response.json())

        return response_400

    if response.status_code == 401:
        response_401 = DSSError.from_dict(response.json())

        return response_401

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[DSSError | list[ProjectListItem]]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    include_location: bool | Unset = UNSET,
) -> Response[DSSError | list[ProjectListItem]]:
    """List projects

     Lists the projects the caller can see. Called by `DSSClient.list_project_keys` and
    `DSSClient.list_projects`.

    Args:
        include_location (bool | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[DSSError | list[ProjectListItem]]
    """

    kwargs = _get_kwargs(
        include_location=include_location,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient | Client,
    include_location: bool | Unset = UNSET,
) -> DSSError | list[ProjectListItem] | None:
    """List projects

     Lists the projects the caller can see. Called by `DSSClient.list_project_keys` and
    `DSSClient.list_projects`.

    Args:
        include_location (bool | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        DSSError | list[ProjectListItem]
    """

    return sync_detailed(
        client=client,
        include_location=include_location,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    include_location: bool | Unset = UNSET,
) -> Response[DSSError | list[ProjectListItem]]:
    """List projects

     Lists the projects the caller can see. Called by `DSSClient.list_project_keys` and
    `DSSClient.list_projects`.

    Args:
        include_location (bool | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[DSSError | list[ProjectListItem]]
    """

    kwargs = _get_kwargs(
        include_location=include_location,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    include_location: bool | Unset = UNSET,
) -> DSSError | list[ProjectListItem] | None:
    """List projects

     Lists the projects the caller can see. Called by `DSSClient.list_project_keys` and
    `DSSClient.list_projects`.

    Args:
        include_location (bool | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        DSSError | list[ProjectListItem]
    """

    return (
        await asyncio_detailed(
            client=client,
            include_location=include_location,
        )
    ).parsed
