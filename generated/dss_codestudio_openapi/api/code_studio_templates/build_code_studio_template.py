from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.code_studio_template_build_future import CodeStudioTemplateBuildFuture
from ...models.dss_error import DSSError
from ...types import UNSET, Response, Unset


def _get_kwargs(
    template_id: str,
    *,
    with_no_cache: bool | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["withNoCache"] = with_no_cache

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/admin/code-studios/{template_id}/build".format(
            template_id=quote(str(template_id), safe=""),
        ),
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> CodeStudioTemplateBuildFuture | DSSError | None:
    if response.status_code == 200:
        response_200 = CodeStudioTemplateBuildFuture.from_dict(response.json())

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
) -> Response[CodeStudioTemplateBuildFuture | DSSError]:
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
    with_no_cache: bool | Unset = UNSET,
) -> Response[CodeStudioTemplateBuildFuture | DSSError]:
    """Build a code studio template

     Starts building the template's image for each selected container configuration and answers
    the future of the build. The result of the future is a build result: as in DSS, a build does
    not fail the future when a block cannot be honoured; the problem is reported in
    `result.messages` (with `error: true` when the image could not be produced). Builds of one
    template run one at a time: a build requested while another is running waits for it.
    `withNoCache` rebuilds from scratch. Called by `DSSCodeStudioTemplate.build`. Needs an
    administrator key.

    Args:
        template_id (str):
        with_no_cache (bool | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[CodeStudioTemplateBuildFuture | DSSError]
    """

    kwargs = _get_kwargs(
        template_id=template_id,
        with_no_cache=with_no_cache,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    template_id: str,
    *,
    client: AuthenticatedClient | Client,
    with_no_cache: bool | Unset = UNSET,
) -> CodeStudioTemplateBuildFuture | DSSError | None:
    """Build a code studio template

     Starts building the template's image for each selected container configuration and answers
    the future of the build. The result of the future is a build result: as in DSS, a build does
    not fail the future when a block cannot be honoured; the problem is reported in
    `result.messages` (with `error: true` when the image could not be produced). Builds of one
    template run one at a time: a build requested while another is running waits for it.
    `withNoCache` rebuilds from scratch. Called by `DSSCodeStudioTemplate.build`. Needs an
    administrator key.

    Args:
        template_id (str):
        with_no_cache (bool | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        CodeStudioTemplateBuildFuture | DSSError
    """

    return sync_detailed(
        template_id=template_id,
        client=client,
        with_no_cache=with_no_cache,
    ).parsed


async def asyncio_detailed(
    template_id: str,
    *,
    client: AuthenticatedClient | Client,
    with_no_cache: bool | Unset = UNSET,
) -> Response[CodeStudioTemplateBuildFuture | DSSError]:
    """Build a code studio template

     Starts building the template's image for each selected container configuration and answers
    the future of the build. The result of the future is a build result: as in DSS, a build does
    not fail the future when a block cannot be honoured; the problem is reported in
    `result.messages` (with `error: true` when the image could not be produced). Builds of one
    template run one at a time: a build requested while another is running waits for it.
    `withNoCache` rebuilds from scratch. Called by `DSSCodeStudioTemplate.build`. Needs an
    administrator key.

    Args:
        template_id (str):
        with_no_cache (bool | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[CodeStudioTemplateBuildFuture | DSSError]
    """

    kwargs = _get_kwargs(
        template_id=template_id,
        with_no_cache=with_no_cache,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    template_id: str,
    *,
    client: AuthenticatedClient | Client,
    with_no_cache: bool | Unset = UNSET,
) -> CodeStudioTemplateBuildFuture | DSSError | None:
    """Build a code studio template

     Starts building the template's image for each selected container configuration and answers
    the future of the build. The result of the future is a build result: as in DSS, a build does
    not fail the future when a block cannot be honoured; the problem is reported in
    `result.messages` (with `error: true` when the image could not be produced). Builds of one
    template run one at a time: a build requested while another is running waits for it.
    `withNoCache` rebuilds from scratch. Called by `DSSCodeStudioTemplate.build`. Needs an
    administrator key.

    Args:
        template_id (str):
        with_no_cache (bool | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        CodeStudioTemplateBuildFuture | DSSError
    """

    return (
        await asyncio_detailed(
            template_id=template_id,
            client=client,
            with_no_cache=with_no_cache,
        )
    ).parsed
