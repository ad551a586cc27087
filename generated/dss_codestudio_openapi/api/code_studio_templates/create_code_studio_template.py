from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.code_studio_template_create_request import (
    CodeStudioTemplateCreateRequest,
)
from ...models.code_studio_template_create_result import CodeStudioTemplateCreateResult
from ...models.dss_error import DSSError
from ...types import Response


def _get_kwargs(
    *,
    body: CodeStudioTemplateCreateRequest,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/admin/code-studios/",
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> CodeStudioTemplateCreateResult | DSSError | None:
    if response.status_code == 200:
        response_200 = CodeStudioTemplateCreateResult.from_dict(response.json())

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
) -> Response[CodeStudioTemplateCreateResult | DSSError]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: CodeStudioTemplateCreateRequest,
) -> Response[CodeStudioTemplateCreateResult | DSSError]:
    """Create a code studio template

     Creates an empty template of the given type. Its id is derived from the label (lower case,
    runs of characters other than letters, digits, `.`, `_` and `-` turned into `-`), made unique
    with a numeric suffix. An empty or blank label is refused with 400. Called by
    `DSSClient.create_code_studio_template`. Needs an administrator key.

    Args:
        body (CodeStudioTemplateCreateRequest): What `DSSClient.create_code_studio_template`
            sends.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[CodeStudioTemplateCreateResult | DSSError]
    """

    kwargs = _get_kwargs(
        body=body,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient | Client,
    body: CodeStudioTemplateCreateRequest,
) -> CodeStudioTemplateCreateResult | DSSError | None:
    """Create a code studio template

     Creates an empty template of the given type. Its id is derived from the label (lower case,
    runs of characters other than letters, digits, `.`, `_` and `-` turned into `-`), made unique
    with a numeric suffix. An empty or blank label is refused with 400. Called by
    `DSSClient.create_code_studio_template`. Needs an administrator key.

    Args:
        body (CodeStudioTemplateCreateRequest): What `DSSClient.create_code_studio_template`
            sends.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        CodeStudioTemplateCreateResult | DSSError
    """

    return sync_detailed(
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: CodeStudioTemplateCreateRequest,
) -> Response[CodeStudioTemplateCreateResult | DSSError]:
    """Create a code studio template

     Creates an empty template of the given type. Its id is derived from the label (lower case,
    runs of characters other than letters, digits, `.`, `_` and `-` turned into `-`), made unique
    with a numeric suffix. An empty or blank label is refused with 400. Called by
    `DSSClient.create_code_studio_template`. Needs an administrator key.

    Args:
        body (CodeStudioTemplateCreateRequest): What `DSSClient.create_code_studio_template`
            sends.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[CodeStudioTemplateCreateResult | DSSError]
    """

    kwargs = _get_kwargs(
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    body: CodeStudioTemplateCreateRequest,
) -> CodeStudioTemplateCreateResult | DSSError | None:
    """Create a code studio template

     Creates an empty template of the given type. Its id is derived from the label (lower case,
    runs of characters other than letters, digits, `.`, `_` and `-` turned into `-`), made unique
    with a numeric suffix. An empty or blank label is refused with 400. Called by
    `DSSClient.create_code_studio_template`. Needs an administrator key.

    Args:
        body (CodeStudioTemplateCreateRequest): What `DSSClient.create_code_studio_template`
            sends.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        CodeStudioTemplateCreateResult | DSSError
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
        )
    ).parsed
