from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.code_env_list_item import CodeEnvListItem
from ...models.dss_error import DSSError
from ...types import Response


def _get_kwargs() -> dict[str, Any]:

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/admin/code-envs/",
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> DSSError | list[CodeEnvListItem] | None:
    if response.status_code == 200:
        response_200 = []
        _response_200 = response.json()
        for response_200_item_data in _response_200:
            response_200_item = CodeEnvListItem.from_dict(response_200_item_data)

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
) -> Response[DSSError | list[CodeEnvListItem]]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
) -> Response[DSSError | list[CodeEnvListItem]]:
    """List the code environments

     Lists the code environments of the instance. The reference server installs none: an
    administrator declares them (`dss-codestudio server add-code-env NAME --python X.Y`), so
    that template imports can remap to them (`importSpec.codeEnvRemapping`), `add_codeenv`
    blocks name them (a build naming an undeclared one fails) and projects select them. Every
    user may list them, to choose one. Called by `DSSClient.list_code_envs`.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[DSSError | list[CodeEnvListItem]]
    """

    kwargs = _get_kwargs()

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient | Client,
) -> DSSError | list[CodeEnvListItem] | None:
    """List the code environments

     Lists the code environments of the instance. The reference server installs none: an
    administrator declares them (`dss-codestudio server add-code-env NAME --python X.Y`), so
    that template imports can remap to them (`importSpec.codeEnvRemapping`), `add_codeenv`
    blocks name them (a build naming an undeclared one fails) and projects select them. Every
    user may list them, to choose one. Called by `DSSClient.list_code_envs`.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        DSSError | list[CodeEnvListItem]
    """

    return sync_detailed(
        client=client,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
) -> Response[DSSError | list[CodeEnvListItem]]:
    """List the code environments

     Lists the code environments of the instance. The reference server installs none: an
    administrator declares them (`dss-codestudio server add-code-env NAME --python X.Y`), so
    that template imports can remap to them (`importSpec.codeEnvRemapping`), `add_codeenv`
    blocks name them (a build naming an undeclared one fails) and projects select them. Every
    user may list them, to choose one. Called by `DSSClient.list_code_envs`.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[DSSError | list[CodeEnvListItem]]
    """

    kwargs = _get_kwargs()

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
) -> DSSError | list[CodeEnvListItem] | None:
    """List the code environments

     Lists the code environments of the instance. The reference server installs none: an
    administrator declares them (`dss-codestudio server add-code-env NAME --python X.Y`), so
    that template imports can remap to them (`importSpec.codeEnvRemapping`), `add_codeenv`
    blocks name them (a build naming an undeclared one fails) and projects select them. Every
    user may list them, to choose one. Called by `DSSClient.list_code_envs`.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        DSSError | list[CodeEnvListItem]
    """

    return (
        await asyncio_detailed(
            client=client,
        )
    ).parsed
