from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.code_studio_create_request import CodeStudioCreateRequest
from ...models.code_studio_create_result import CodeStudioCreateResult
from ...models.dss_error import DSSError
from ...types import Response


def _get_kwargs(
    project_key: str,
    *,
    body: CodeStudioCreateRequest,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/projects/{project_key}/code-studios/".format(
            project_key=quote(str(project_key), safe=""),
        ),
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> CodeStudioCreateResult | DSSError | None:
    if response.status_code == 200:
        response_200 = CodeStudioCreateResult.from_dict(response.json())

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
) -> Response[CodeStudioCreateResult | DSSError]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    project_key: str,
    *,
    client: AuthenticatedClient | Client,
    body: CodeStudioCreateRequest,
) -> Response[CodeStudioCreateResult | DSSError]:
    """Create a code studio

     Creates a code studio object from a template, owned by the caller, with a random 7-character
    base62 id as DSS uses. Files of the template's starter-files blocks are written into its zones
    now, not at start. The new studio is STOPPED. Called by `DSSProject.create_code_studio`, which
    reads `codeStudio.id`.

    Args:
        project_key (str):
        body (CodeStudioCreateRequest): What `DSSProject.create_code_studio` sends.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[CodeStudioCreateResult | DSSError]
    """

    kwargs = _get_kwargs(
        project_key=project_key,
        body=body,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    project_key: str,
    *,
    client: AuthenticatedClient | Client,
    body: CodeStudioCreateRequest,
) -> CodeStudioCreateResult | DSSError | None:
    """Create a code studio

     Creates a code studio object from a template, owned by the caller, with a random 7-character
    base62 id as DSS uses. Files of the template's starter-files blocks are written into its zones
    now, not at start. The new studio is STOPPED. Called by `DSSProject.create_code_studio`, which
    reads `codeStudio.id`.

    Args:
        project_key (str):
        body (CodeStudioCreateRequest): What `DSSProject.create_code_studio` sends.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        CodeStudioCreateResult | DSSError
    """

    return sync_detailed(
        project_key=project_key,
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    project_key: str,
    *,
    client: AuthenticatedClient | Client,
    body: CodeStudioCreateRequest,
) -> Response[CodeStudioCreateResult | DSSError]:
    """Create a code studio

     Creates a code studio object from a template, owned by the caller, with a random 7-character
    base62 id as DSS uses. Files of the template's starter-files blocks are written into its zones
    now, not at start. The new studio is STOPPED. Called by `DSSProject.create_code_studio`, which
    reads `codeStudio.id`.

    Args:
        project_key (str):
        body (CodeStudioCreateRequest): What `DSSProject.create_code_studio` sends.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[CodeStudioCreateResult | DSSError]
    """

    kwargs = _get_kwargs(
        project_key=project_key,
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    project_key: str,
    *,
    client: AuthenticatedClient | Client,
    body: CodeStudioCreateRequest,
) -> CodeStudioCreateResult | DSSError | None:
    """Create a code studio

     Creates a code studio object from a template, owned by the caller, with a random 7-character
    base62 id as DSS uses. Files of the template's starter-files blocks are written into its zones
    now, not at start. The new studio is STOPPED. Called by `DSSProject.create_code_studio`, which
    reads `codeStudio.id`.

    Args:
        project_key (str):
        body (CodeStudioCreateRequest): What `DSSProject.create_code_studio` sends.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        CodeStudioCreateResult | DSSError
    """

    return (
        await asyncio_detailed(
            project_key=project_key,
            client=client,
            body=body,
        )
    ).parsed
