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
    path: str,
) -> dict[str, Any]:

    _kwargs: dict[str, Any] = {
        "method": "delete",
        "url": "/projects/{project_key}/libraries/contents/{path}".format(
            project_key=quote(str(project_key), safe=""),
            path=quote(str(path), safe=""),
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
    path: str,
    *,
    client: AuthenticatedClient | Client,
) -> Response[Any | DSSError]:
    """Delete a file or folder of the project library

     Deletes a file, or a folder with everything in it. Called by `DSSLibraryItem.delete`.

    Args:
        project_key (str):
        path (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | DSSError]
    """

    kwargs = _get_kwargs(
        project_key=project_key,
        path=path,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    project_key: str,
    path: str,
    *,
    client: AuthenticatedClient | Client,
) -> Any | DSSError | None:
    """Delete a file or folder of the project library

     Deletes a file, or a folder with everything in it. Called by `DSSLibraryItem.delete`.

    Args:
        project_key (str):
        path (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | DSSError
    """

    return sync_detailed(
        project_key=project_key,
        path=path,
        client=client,
    ).parsed


async def asyncio_detailed(
    project_key: str,
    path: str,
    *,
    client: AuthenticatedClient | Client,
) -> Response[Any | DSSError]:
    """Delete a file or folder of the project library

     Deletes a file, or a folder with everything in it. Called by `DSSLibraryItem.delete`.

    Args:
        project_key (str):
        path (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | DSSError]
    """

    kwargs = _get_kwargs(
        project_key=project_key,
        path=path,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    project_key: str,
    path: str,
    *,
    client: AuthenticatedClient | Client,
) -> Any | DSSError | None:
    """Delete a file or folder of the project library

     Deletes a file, or a folder with everything in it. Called by `DSSLibraryItem.delete`.

    Args:
        project_key (str):
        path (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | DSSError
    """

    return (
        await asyncio_detailed(
            project_key=project_key,
            path=path,
            client=client,
        )
    ).parsed
