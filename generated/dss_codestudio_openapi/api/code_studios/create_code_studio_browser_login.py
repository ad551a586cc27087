from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.code_studio_browser_login import CodeStudioBrowserLogin
from ...models.dss_error import DSSError
from ...types import UNSET, Response, Unset


def _get_kwargs(
    project_key: str,
    code_studio_id: str,
    *,
    port: int | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["port"] = port

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/projects/{project_key}/code-studios/{code_studio_id}/browser-login".format(
            project_key=quote(str(project_key), safe=""),
            code_studio_id=quote(str(code_studio_id), safe=""),
        ),
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> CodeStudioBrowserLogin | DSSError | None:
    if response.status_code == 200:
        response_200 = CodeStudioBrowserLogin.from_dict(response.json())

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

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[CodeStudioBrowserLogin | DSSError]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    project_key: str,
    code_studio_id: str,
    *,
    client: AuthenticatedClient | Client,
    port: int | Unset = UNSET,
) -> Response[CodeStudioBrowserLogin | DSSError]:
    """Get a link that logs a browser in to a running code studio (reference-server extension)

     Reference-server extension: real DSS logs browsers in with its own session, and has no such
    call. A running code studio answers at `code-studios/<projectKey>/<codeStudioId>/<port>/`
    (its status's `exposed[].url`, relative to the server's base URL) through the server's
    authenticated proxy, to its owner only, who sends an API key there as here. Browsers cannot
    send API keys: this call gives the studio's owner a link (relative to the same base URL) that
    works once, within `expiresIn` seconds. Opening it sets an HttpOnly, SameSite=Strict cookie
    scoped to this studio's path, then redirects to the port (`port`, else the studio's first port
    shown as HTML). Only the owner may ask (403 for anyone else, instance administrators
    included); the studio must be RUNNING (409 otherwise). Called by
    `DSSCodeStudioObject.get_browser_login_url` of this project's client.

    Args:
        project_key (str):
        code_studio_id (str):
        port (int | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[CodeStudioBrowserLogin | DSSError]
    """

    kwargs = _get_kwargs(
        project_key=project_key,
        code_studio_id=code_studio_id,
        port=port,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    project_key: str,
    code_studio_id: str,
    *,
    client: AuthenticatedClient | Client,
    port: int | Unset = UNSET,
) -> CodeStudioBrowserLogin | DSSError | None:
    """Get a link that logs a browser in to a running code studio (reference-server extension)

     Reference-server extension: real DSS logs browsers in with its own session, and has no such
    call. A running code studio answers at `code-studios/<projectKey>/<codeStudioId>/<port>/`
    (its status's `exposed[].url`, relative to the server's base URL) through the server's
    authenticated proxy, to its owner only, who sends an API key there as here. Browsers cannot
    send API keys: this call gives the studio's owner a link (relative to the same base URL) that
    works once, within `expiresIn` seconds. Opening it sets an HttpOnly, SameSite=Strict cookie
    scoped to this studio's path, then redirects to the port (`port`, else the studio's first port
    shown as HTML). Only the owner may ask (403 for anyone else, instance administrators
    included); the studio must be RUNNING (409 otherwise). Called by
    `DSSCodeStudioObject.get_browser_login_url` of this project's client.

    Args:
        project_key (str):
        code_studio_id (str):
        port (int | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        CodeStudioBrowserLogin | DSSError
    """

    return sync_detailed(
        project_key=project_key,
        code_studio_id=code_studio_id,
        client=client,
        port=port,
    ).parsed


async def asyncio_detailed(
    project_key: str,
    code_studio_id: str,
    *,
    client: AuthenticatedClient | Client,
    port: int | Unset = UNSET,
) -> Response[CodeStudioBrowserLogin | DSSError]:
    """Get a link that logs a browser in to a running code studio (reference-server extension)

     Reference-server extension: real DSS logs browsers in with its own session, and has no such
    call. A running code studio answers at `code-studios/<projectKey>/<codeStudioId>/<port>/`
    (its status's `exposed[].url`, relative to the server's base URL) through the server's
    authenticated proxy, to its owner only, who sends an API key there as here. Browsers cannot
    send API keys: this call gives the studio's owner a link (relative to the same base URL) that
    works once, within `expiresIn` seconds. Opening it sets an HttpOnly, SameSite=Strict cookie
    scoped to this studio's path, then redirects to the port (`port`, else the studio's first port
    shown as HTML). Only the owner may ask (403 for anyone else, instance administrators
    included); the studio must be RUNNING (409 otherwise). Called by
    `DSSCodeStudioObject.get_browser_login_url` of this project's client.

    Args:
        project_key (str):
        code_studio_id (str):
        port (int | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[CodeStudioBrowserLogin | DSSError]
    """

    kwargs = _get_kwargs(
        project_key=project_key,
        code_studio_id=code_studio_id,
        port=port,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    project_key: str,
    code_studio_id: str,
    *,
    client: AuthenticatedClient | Client,
    port: int | Unset = UNSET,
) -> CodeStudioBrowserLogin | DSSError | None:
    """Get a link that logs a browser in to a running code studio (reference-server extension)

     Reference-server extension: real DSS logs browsers in with its own session, and has no such
    call. A running code studio answers at `code-studios/<projectKey>/<codeStudioId>/<port>/`
    (its status's `exposed[].url`, relative to the server's base URL) through the server's
    authenticated proxy, to its owner only, who sends an API key there as here. Browsers cannot
    send API keys: this call gives the studio's owner a link (relative to the same base URL) that
    works once, within `expiresIn` seconds. Opening it sets an HttpOnly, SameSite=Strict cookie
    scoped to this studio's path, then redirects to the port (`port`, else the studio's first port
    shown as HTML). Only the owner may ask (403 for anyone else, instance administrators
    included); the studio must be RUNNING (409 otherwise). Called by
    `DSSCodeStudioObject.get_browser_login_url` of this project's client.

    Args:
        project_key (str):
        code_studio_id (str):
        port (int | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        CodeStudioBrowserLogin | DSSError
    """

    return (
        await asyncio_detailed(
            project_key=project_key,
            code_studio_id=code_studio_id,
            client=client,
            port=port,
        )
    ).parsed
