from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.dss_error import DSSError
from ...models.future_state import FutureState
from ...types import UNSET, Response, Unset


def _get_kwargs(
    job_id: str,
    *,
    peek: bool | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["peek"] = peek

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/futures/{job_id}".format(
            job_id=quote(str(job_id), safe=""),
        ),
        "params": params,
    }

    return _kwargs


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> DSSError | FutureState | None:
    if response.status_code == 200:
        response_200 = FutureState.from_dict(response.json())

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

    if response.status_code == 500:
        response_500 = DSSError.from_dict(response.json())

        return response_500

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[DSSError | FutureState]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    job_id: str,
    *,
    client: AuthenticatedClient | Client,
    peek: bool | Unset = UNSET,
) -> Response[DSSError | FutureState]:
    """Get the state of a future

     Returns the state of the future and, once it has one and `peek` is false, its result. With
    `peek=true` the result is left out. Finished futures are kept for a while (minutes) so a slow
    client can still read them; after that, and for ids that never existed, the answer is 404.
    A future whose work failed answers 500 with the failure as the DSS error object, and an aborted
    future answers 409, so that a client polling for `hasResult` stops. A future is visible to the
    user who started it and to administrators; to anyone else it does not exist (404). Called by
    `DSSFuture.get_state` (`peek=False`) and `DSSFuture.peek_state` (`peek=True`).

    Args:
        job_id (str):
        peek (bool | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[DSSError | FutureState]
    """

    kwargs = _get_kwargs(
        job_id=job_id,
        peek=peek,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    job_id: str,
    *,
    client: AuthenticatedClient | Client,
    peek: bool | Unset = UNSET,
) -> DSSError | FutureState | None:
    """Get the state of a future

     Returns the state of the future and, once it has one and `peek` is false, its result. With
    `peek=true` the result is left out. Finished futures are kept for a while (minutes) so a slow
    client can still read them; after that, and for ids that never existed, the answer is 404.
    A future whose work failed answers 500 with the failure as the DSS error object, and an aborted
    future answers 409, so that a client polling for `hasResult` stops. A future is visible to the
    user who started it and to administrators; to anyone else it does not exist (404). Called by
    `DSSFuture.get_state` (`peek=False`) and `DSSFuture.peek_state` (`peek=True`).

    Args:
        job_id (str):
        peek (bool | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        DSSError | FutureState
    """

    return sync_detailed(
        job_id=job_id,
        client=client,
        peek=peek,
    ).parsed


async def asyncio_detailed(
    job_id: str,
    *,
    client: AuthenticatedClient | Client,
    peek: bool | Unset = UNSET,
) -> Response[DSSError | FutureState]:
    """Get the state of a future

     Returns the state of the future and, once it has one and `peek` is false, its result. With
    `peek=true` the result is left out. Finished futures are kept for a while (minutes) so a slow
    client can still read them; after that, and for ids that never existed, the answer is 404.
    A future whose work failed answers 500 with the failure as the DSS error object, and an aborted
    future answers 409, so that a client polling for `hasResult` stops. A future is visible to the
    user who started it and to administrators; to anyone else it does not exist (404). Called by
    `DSSFuture.get_state` (`peek=False`) and `DSSFuture.peek_state` (`peek=True`).

    Args:
        job_id (str):
        peek (bool | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[DSSError | FutureState]
    """

    kwargs = _get_kwargs(
        job_id=job_id,
        peek=peek,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    job_id: str,
    *,
    client: AuthenticatedClient | Client,
    peek: bool | Unset = UNSET,
) -> DSSError | FutureState | None:
    """Get the state of a future

     Returns the state of the future and, once it has one and `peek` is false, its result. With
    `peek=true` the result is left out. Finished futures are kept for a while (minutes) so a slow
    client can still read them; after that, and for ids that never existed, the answer is 404.
    A future whose work failed answers 500 with the failure as the DSS error object, and an aborted
    future answers 409, so that a client polling for `hasResult` stops. A future is visible to the
    user who started it and to administrators; to anyone else it does not exist (404). Called by
    `DSSFuture.get_state` (`peek=False`) and `DSSFuture.peek_state` (`peek=True`).

    Args:
        job_id (str):
        peek (bool | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        DSSError | FutureState
    """

    return (
        await asyncio_detailed(
            job_id=job_id,
            client=client,
            peek=peek,
        )
    ).parsed
