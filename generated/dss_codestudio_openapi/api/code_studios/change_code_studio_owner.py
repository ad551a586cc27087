from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.code_studio_settings import CodeStudioSettings
from ...models.dss_error import DSSError
from ...types import UNSET, Response


def _get_kwargs(
    project_key: str,
    code_studio_id: str,
    *,
    new_owner: str,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["newOwner"] = new_owner

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/projects/{project_key}/code-studios/{code_studio_id}/change-owner".format(
            project_key=quote(str(project_key), safe=""),
            code_studio_id=quote(str(code_studio_id), safe=""),
        ),
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> CodeStudioSettings | DSSError | None:
    if response.status_code == 200:
        response_200 = CodeStudioSettings.from_dict(response.json())

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
) -> Response[CodeStudioSettings | DSSError]:
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
    new_owner: str,
) -> Response[CodeStudioSettings | DSSError]:
    """Change the owner of a code studio

     Gives the code studio to another user. The caller must be an instance administrator or the
    studio's owner; the new owner must exist. The studio must be STOPPED (409 otherwise): it runs
    as its owner, whose user zones it synchronises. The reference server empties the previous
    owner's session from the studio's workspace (their user zones, and what lay outside any zone),
    so nothing of one owner ever reaches the other; it answers 409, changing nothing, while the
    previous owner's user zones hold files a pull could not bring to their folders. Answers the
    updated settings. Called by `DSSCodeStudioObject.change_owner`, which does not URL-encode the
    login.

    Args:
        project_key (str):
        code_studio_id (str):
        new_owner (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[CodeStudioSettings | DSSError]
    """

    kwargs = _get_kwargs(
        project_key=project_key,
        code_studio_id=code_studio_id,
        new_owner=new_owner,
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
    new_owner: str,
) -> CodeStudioSettings | DSSError | None:
    """Change the owner of a code studio

     Gives the code studio to another user. The caller must be an instance administrator or the
    studio's owner; the new owner must exist. The studio must be STOPPED (409 otherwise): it runs
    as its owner, whose user zones it synchronises. The reference server empties the previous
    owner's session from the studio's workspace (their user zones, and what lay outside any zone),
    so nothing of one owner ever reaches the other; it answers 409, changing nothing, while the
    previous owner's user zones hold files a pull could not bring to their folders. Answers the
    updated settings. Called by `DSSCodeStudioObject.change_owner`, which does not URL-encode the
    login.

    Args:
        project_key (str):
        code_studio_id (str):
        new_owner (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        CodeStudioSettings | DSSError
    """

    return sync_detailed(
        project_key=project_key,
        code_studio_id=code_studio_id,
        client=client,
        new_owner=new_owner,
    ).parsed


async def asyncio_detailed(
    project_key: str,
    code_studio_id: str,
    *,
    client: AuthenticatedClient | Client,
    new_owner: str,
) -> Response[CodeStudioSettings | DSSError]:
    """Change the owner of a code studio

     Gives the code studio to another user. The caller must be an instance administrator or the
    studio's owner; the new owner must exist. The studio must be STOPPED (409 otherwise): it runs
    as its owner, whose user zones it synchronises. The reference server empties the previous
    owner's session from the studio's workspace (their user zones, and what lay outside any zone),
    so nothing of one owner ever reaches the other; it answers 409, changing nothing, while the
    previous owner's user zones hold files a pull could not bring to their folders. Answers the
    updated settings. Called by `DSSCodeStudioObject.change_owner`, which does not URL-encode the
    login.

    Args:
        project_key (str):
        code_studio_id (str):
        new_owner (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[CodeStudioSettings | DSSError]
    """

    kwargs = _get_kwargs(
        project_key=project_key,
        code_studio_id=code_studio_id,
        new_owner=new_owner,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    project_key: str,
    code_studio_id: str,
    *,
    client: AuthenticatedClient | Client,
    new_owner: str,
) -> CodeStudioSettings | DSSError | None:
    """Change the owner of a code studio

     Gives the code studio to another user. The caller must be an instance administrator or the
    studio's owner; the new owner must exist. The studio must be STOPPED (409 otherwise): it runs
    as its owner, whose user zones it synchronises. The reference server empties the previous
    owner's session from the studio's workspace (their user zones, and what lay outside any zone),
    so nothing of one owner ever reaches the other; it answers 409, changing nothing, while the
    previous owner's user zones hold files a pull could not bring to their folders. Answers the
    updated settings. Called by `DSSCodeStudioObject.change_owner`, which does not URL-encode the
    login.

    Args:
        project_key (str):
        code_studio_id (str):
        new_owner (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        CodeStudioSettings | DSSError
    """

    return (
        await asyncio_detailed(
            project_key=project_key,
            code_studio_id=code_studio_id,
            client=client,
            new_owner=new_owner,
        )
    ).parsed
