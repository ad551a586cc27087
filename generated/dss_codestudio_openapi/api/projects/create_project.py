from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.dss_error import DSSError
from ...models.project_create_request import ProjectCreateRequest
from ...models.project_list_item import ProjectListItem
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    body: ProjectCreateRequest,
    project_folder_id: str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    params: dict[str, Any] = {}

    params["projectFolderId"] = project_folder_id

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/projects/",
        "params": params,
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> DSSError | ProjectListItem | None:
    if response.status_code == 200:
        response_200 = ProjectListItem.from_dict(response.json())

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

    if response.status_code == 413:
        response_413 = DSSError.from_dict(response.json())

        return response_413

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
) -> Response[DSSError | ProjectListItem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: ProjectCreateRequest,
    project_folder_id: str | Unset = UNSET,
) -> Response[DSSError | ProjectListItem]:
    """Create a project

     Creates an empty project. The key must be unique on the instance (409 otherwise), and the
    owner must be a user of the instance (404 otherwise, as for `change-owner`). Needs an
    administrator key, or a key whose user may create projects. Called by
    `DSSClient.create_project`, which ignores the body of the answer.

    Args:
        project_folder_id (str | Unset):
        body (ProjectCreateRequest): What `DSSClient.create_project` sends.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[DSSError | ProjectListItem]
    """

    kwargs = _get_kwargs(
        body=body,
        project_folder_id=project_folder_id,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient | Client,
    body: ProjectCreateRequest,
    project_folder_id: str | Unset = UNSET,
) -> DSSError | ProjectListItem | None:
    """Create a project

     Creates an empty project. The key must be unique on the instance (409 otherwise), and the
    owner must be a user of the instance (404 otherwise, as for `change-owner`). Needs an
    administrator key, or a key whose user may create projects. Called by
    `DSSClient.create_project`, which ignores the body of the answer.

    Args:
        project_folder_id (str | Unset):
        body (ProjectCreateRequest): What `DSSClient.create_project` sends.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        DSSError | ProjectListItem
    """

    return sync_detailed(
        client=client,
        body=body,
        project_folder_id=project_folder_id,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: ProjectCreateRequest,
    project_folder_id: str | Unset = UNSET,
) -> Response[DSSError | ProjectListItem]:
    """Create a project

     Creates an empty project. The key must be unique on the instance (409 otherwise), and the
    owner must be a user of the instance (404 otherwise, as for `change-owner`). Needs an
    administrator key, or a key whose user may create projects. Called by
    `DSSClient.create_project`, which ignores the body of the answer.

    Args:
        project_folder_id (str | Unset):
        body (ProjectCreateRequest): What `DSSClient.create_project` sends.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[DSSError | ProjectListItem]
    """

    kwargs = _get_kwargs(
        body=body,
        project_folder_id=project_folder_id,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    body: ProjectCreateRequest,
    project_folder_id: str | Unset = UNSET,
) -> DSSError | ProjectListItem | None:
    """Create a project

     Creates an empty project. The key must be unique on the instance (409 otherwise), and the
    owner must be a user of the instance (404 otherwise, as for `change-owner`). Needs an
    administrator key, or a key whose user may create projects. Called by
    `DSSClient.create_project`, which ignores the body of the answer.

    Args:
        project_folder_id (str | Unset):
        body (ProjectCreateRequest): What `DSSClient.create_project` sends.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        DSSError | ProjectListItem
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
            project_folder_id=project_folder_id,
        )
    ).parsed
