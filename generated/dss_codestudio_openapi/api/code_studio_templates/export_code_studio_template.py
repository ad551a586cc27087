from http import HTTPStatus
from io import BytesIO
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.dss_error import DSSError
from ...types import File, Response


def _get_kwargs(
    template_id: str,
) -> dict[str, Any]:

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/admin/code-studios/{template_id}/export".format(
            template_id=quote(str(template_id), safe=""),
        ),
    }

    return _kwargs


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> DSSError | File | None:
    if response.status_code == 200:
        response_200 = File(payload=BytesIO(response.content))

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


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[DSSError | File]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    template_id: str,
    *,
    client: AuthenticatedClient | Client,
) -> Response[DSSError | File]:
    """Export a code studio template

     Answers a zip archive laid out as DSS lays it out: `template.json` (the settings without `id`),
    `manifest.json`, `exportSpec.json` (resources map and the code envs the template uses) and
    `template-resources/` (the files of the template's Resources tab). The archive can be imported
    with the import call. Called by `DSSCodeStudioTemplate.get_export_stream` and
    `export_to_file`. Needs an administrator key.

    Args:
        template_id (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[DSSError | File]
    """

    kwargs = _get_kwargs(
        template_id=template_id,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    template_id: str,
    *,
    client: AuthenticatedClient | Client,
) -> DSSError | File | None:
    """Export a code studio template

     Answers a zip archive laid out as DSS lays it out: `template.json` (the settings without `id`),
    `manifest.json`, `exportSpec.json` (resources map and the code envs the template uses) and
    `template-resources/` (the files of the template's Resources tab). The archive can be imported
    with the import call. Called by `DSSCodeStudioTemplate.get_export_stream` and
    `export_to_file`. Needs an administrator key.

    Args:
        template_id (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        DSSError | File
    """

    return sync_detailed(
        template_id=template_id,
        client=client,
    ).parsed


async def asyncio_detailed(
    template_id: str,
    *,
    client: AuthenticatedClient | Client,
) -> Response[DSSError | File]:
    """Export a code studio template

     Answers a zip archive laid out as DSS lays it out: `template.json` (the settings without `id`),
    `manifest.json`, `exportSpec.json` (resources map and the code envs the template uses) and
    `template-resources/` (the files of the template's Resources tab). The archive can be imported
    with the import call. Called by `DSSCodeStudioTemplate.get_export_stream` and
    `export_to_file`. Needs an administrator key.

    Args:
        template_id (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[DSSError | File]
    """

    kwargs = _get_kwargs(
        template_id=template_id,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    template_id: str,
    *,
    client: AuthenticatedClient | Client,
) -> DSSError | File | None:
    """Export a code studio template

     Answers a zip archive laid out as DSS lays it out: `template.json` (the settings without `id`),
    `manifest.json`, `exportSpec.json` (resources map and the code envs the template uses) and
    `template-resources/` (the files of the template's Resources tab). The archive can be imported
    with the import call. Called by `DSSCodeStudioTemplate.get_export_stream` and
    `export_to_file`. Needs an administrator key.

    Args:
        template_id (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        DSSError | File
    """

    return (
        await asyncio_detailed(
            template_id=template_id,
            client=client,
        )
    ).parsed
