from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.auth_info import AuthInfo
from ...models.dss_error import DSSError
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    with_secrets: bool | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["withSecrets"] = with_secrets

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/auth/info",
        "params": params,
    }

    return _kwargs


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> AuthInfo | DSSError | None:
    if response.status_code == 200:
        response_200 = AuthInfo.from_dict(response.json())

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


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[AuthInfo | DSSError]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    with_secrets: bool | Unset = UNSET,
) -> Response[AuthInfo | DSSError]:
    """Who the API key authenticates as

     Returns who the caller is: `authIdentifier` (the login of the key's user), `groups`, and
    `associatedDSSUser` (the login to use where a user is expected, e.g. to change the owner of a
    code studio to oneself). With `withSecrets`, also the user's secrets (this server keeps
    none: the list is empty). Called by `DSSClient.get_auth_info`.

    Args:
        with_secrets (bool | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[AuthInfo | DSSError]
    """

    kwargs = _get_kwargs(
        with_secrets=with_secrets,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient | Client,
    with_secrets: bool | Unset = UNSET,
) -> AuthInfo | DSSError | None:
    """Who the API key authenticates as

     Returns who the caller is: `authIdentifier` (the login of the key's user), `groups`, and
    `associatedDSSUser` (the login to use where a user is expected, e.g. to change the owner of a
    code studio to oneself). With `withSecrets`, also the user's secrets (this server keeps
    none: the list is empty). Called by `DSSClient.get_auth_info`.

    Args:
        with_secrets (bool | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        AuthInfo | DSSError
    """

    return sync_detailed(
        client=client,
        with_secrets=with_secrets,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    with_secrets: bool | Unset = UNSET,
) -> Response[AuthInfo | DSSError]:
    """Who the API key authenticates as

     Returns who the caller is: `authIdentifier` (the login of the key's user), `groups`, and
    `associatedDSSUser` (the login to use where a user is expected, e.g. to change the owner of a
    code studio to oneself). With `withSecrets`, also the user's secrets (this server keeps
    none: the list is empty). Called by `DSSClient.get_auth_info`.

    Args:
        with_secrets (bool | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[AuthInfo | DSSError]
    """

    kwargs = _get_kwargs(
        with_secrets=with_secrets,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    with_secrets: bool | Unset = UNSET,
) -> AuthInfo | DSSError | None:
    """Who the API key authenticates as

     Returns who the caller is: `authIdentifier` (the login of the key's user), `groups`, and
    `associatedDSSUser` (the login to use where a user is expected, e.g. to change the owner of a
    code studio to oneself). With `withSecrets`, also the user's secrets (this server keeps
    none: the list is empty). Called by `DSSClient.get_auth_info`.

    Args:
        with_secrets (bool | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        AuthInfo | DSSError
    """

    return (
        await asyncio_detailed(
            client=client,
            with_secrets=with_secrets,
        )
    ).parsed
