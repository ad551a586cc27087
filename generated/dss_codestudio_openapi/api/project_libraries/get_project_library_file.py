from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.dss_error import DSSError
from ...models.get_project_library_file_data_encoding import (
    GetProjectLibraryFileDataEncoding,
)
from ...models.library_file_content import LibraryFileContent
from ...types import UNSET, Response, Unset


def _get_kwargs(
    project_key: str,
    path: str,
    *,
    data_encoding: GetProjectLibraryFileDataEncoding | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    json_data_encoding: str | Unset = UNSET
    if not isinstance(data_encoding, Unset):
        json_data_encoding = data_encoding.value

    params["dataEncoding"] = json_data_encoding

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/projects/{project_key}/libraries/contents/{path}".format(
            project_key=quote(str(project_key), safe=""),
            path=quote(str(path), safe=""),
        ),
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> DSSError | LibraryFileContent | None:
    if response.status_code == 200:
        response_200 = LibraryFileContent.from_dict(response.json())

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
) -> Response[DSSError | LibraryFileContent]:
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
    data_encoding: GetProjectLibraryFileDataEncoding | Unset = UNSET,
) -> Response[DSSError | LibraryFileContent]:
    """Read a file of the project library

     Returns the content of a library file in `data`: as text by default (a file that is not valid
    UTF-8 is refused with 400), or base64-encoded with `dataEncoding=base64`. Called by
    `DSSLibraryFile.read` and by `DSSLibraryFolder.add_file`, which checks that the file does not
    exist yet.

    Args:
        project_key (str):
        path (str):
        data_encoding (GetProjectLibraryFileDataEncoding | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[DSSError | LibraryFileContent]
    """

    kwargs = _get_kwargs(
        project_key=project_key,
        path=path,
        data_encoding=data_encoding,
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
    data_encoding: GetProjectLibraryFileDataEncoding | Unset = UNSET,
) -> DSSError | LibraryFileContent | None:
    """Read a file of the project library

     Returns the content of a library file in `data`: as text by default (a file that is not valid
    UTF-8 is refused with 400), or base64-encoded with `dataEncoding=base64`. Called by
    `DSSLibraryFile.read` and by `DSSLibraryFolder.add_file`, which checks that the file does not
    exist yet.

    Args:
        project_key (str):
        path (str):
        data_encoding (GetProjectLibraryFileDataEncoding | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        DSSError | LibraryFileContent
    """

    return sync_detailed(
        project_key=project_key,
        path=path,
        client=client,
        data_encoding=data_encoding,
    ).parsed


async def asyncio_detailed(
    project_key: str,
    path: str,
    *,
    client: AuthenticatedClient | Client,
    data_encoding: GetProjectLibraryFileDataEncoding | Unset = UNSET,
) -> Response[DSSError | LibraryFileContent]:
    """Read a file of the project library

     Returns the content of a library file in `data`: as text by default (a file that is not valid
    UTF-8 is refused with 400), or base64-encoded with `dataEncoding=base64`. Called by
    `DSSLibraryFile.read` and by `DSSLibraryFolder.add_file`, which checks that the file does not
    exist yet.

    Args:
        project_key (str):
        path (str):
        data_encoding (GetProjectLibraryFileDataEncoding | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[DSSError | LibraryFileContent]
    """

    kwargs = _get_kwargs(
        project_key=project_key,
        path=path,
        data_encoding=data_encoding,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    project_key: str,
    path: str,
    *,
    client: AuthenticatedClient | Client,
    data_encoding: GetProjectLibraryFileDataEncoding | Unset = UNSET,
) -> DSSError | LibraryFileContent | None:
    """Read a file of the project library

     Returns the content of a library file in `data`: as text by default (a file that is not valid
    UTF-8 is refused with 400), or base64-encoded with `dataEncoding=base64`. Called by
    `DSSLibraryFile.read` and by `DSSLibraryFolder.add_file`, which checks that the file does not
    exist yet.

    Args:
        project_key (str):
        path (str):
        data_encoding (GetProjectLibraryFileDataEncoding | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        DSSError | LibraryFileContent
    """

    return (
        await asyncio_detailed(
            project_key=project_key,
            path=path,
            client=client,
            data_encoding=data_encoding,
        )
    ).parsed
