from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.dss_error import DSSError
from ...models.future_state import FutureState
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    with_scenarios: bool | Unset = UNSET,
    with_not_scenarios: bool | Unset = UNSET,
    all_users: bool | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["withScenarios"] = with_scenarios

    params["withNotScenarios"] = with_not_scenarios

    params["allUsers"] = all_users

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/futures/",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> DSSError | list[FutureState] | None:
    if response.status_code == 200:
        response_200 = []
        _response_200 = response.json()
        for response_200_item_data in _response_200:
            response_200_item = FutureState.from_dict(response_200_item_data)

            response_200.append(response_200_item)

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

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[DSSError | list[FutureState]]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    with_scenarios: bool | Unset = UNSET,
    with_not_scenarios: bool | Unset = UNSET,
    all_users: bool | Unset = UNSET,
) -> Response[DSSError | list[FutureState]]:
    """List running futures

     Lists the futures that are running, the caller's own unless `allUsers` is set (which needs an
    administrator key). Called by `DSSClient.list_futures` (`withScenarios=False`,
    `withNotScenarios=True`) and `DSSClient.list_running_scenarios` (the reverse).

    Args:
        with_scenarios (bool | Unset):
        with_not_scenarios (bool | Unset):
        all_users (bool | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[DSSError | list[FutureState]]
    """

    kwargs = _get_kwargs(
        with_scenarios=with_scenarios,
        with_not_scenarios=with_not_scenarios,
        all_users=all_users,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient | Client,
    with_scenarios: bool | Unset = UNSET,
    with_not_scenarios: bool | Unset = UNSET,
    all_users: bool | Unset = UNSET,
) -> DSSError | list[FutureState] | None:
    """List running futures

     Lists the futures that are running, the caller's own unless `allUsers` is set (which needs an
    administrator key). Called by `DSSClient.list_futures` (`withScenarios=False`,
    `withNotScenarios=True`) and `DSSClient.list_running_scenarios` (the reverse).

    Args:
        with_scenarios (bool | Unset):
        with_not_scenarios (bool | Unset):
        all_users (bool | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        DSSError | list[FutureState]
    """

    return sync_detailed(
        client=client,
        with_scenarios=with_scenarios,
        with_not_scenarios=with_not_scenarios,
        all_users=all_users,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    with_scenarios: bool | Unset = UNSET,
    with_not_scenarios: bool | Unset = UNSET,
    all_users: bool | Unset = UNSET,
) -> Response[DSSError | list[FutureState]]:
    """List running futures

     Lists the futures that are running, the caller's own unless `allUsers` is set (which needs an
    administrator key). Called by `DSSClient.list_futures` (`withScenarios=False`,
    `withNotScenarios=True`) and `DSSClient.list_running_scenarios` (the reverse).

    Args:
        with_scenarios (bool | Unset):
        with_not_scenarios (bool | Unset):
        all_users (bool | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[DSSError | list[FutureState]]
    """

    kwargs = _get_kwargs(
        with_scenarios=with_scenarios,
        with_not_scenarios=with_not_scenarios,
        all_users=all_users,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    with_scenarios: bool | Unset = UNSET,
    with_not_scenarios: bool | Unset = UNSET,
    all_users: bool | Unset = UNSET,
) -> DSSError | list[FutureState] | None:
    """List running futures

     Lists the futures that are running, the caller's own unless `allUsers` is set (which needs an
    administrator key). Called by `DSSClient.list_futures` (`withScenarios=False`,
    `withNotScenarios=True`) and `DSSClient.list_running_scenarios` (the reverse).

    Args:
        with_scenarios (bool | Unset):
        with_not_scenarios (bool | Unset):
        all_users (bool | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        DSSError | list[FutureState]
    """

    return (
        await asyncio_detailed(
            client=client,
            with_scenarios=with_scenarios,
            with_not_scenarios=with_not_scenarios,
            all_users=all_users,
        )
    ).parsed
