from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.code_studio_conflicts import CodeStudioConflicts
from ...models.dss_error import DSSError
from ...types import Response


def _get_kwargs(
    project_key: str,
    code_studio_id: str,
    zone: str,
) -> dict[str, Any]:

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/projects/{project_key}/code-studios/{code_studio_id}/conflicts/{zone}".format(
            project_key=quote(str(project_key), safe=""),
            code_studio_id=quote(str(code_studio_id), safe=""),
            zone=quote(str(zone), safe=""),
        ),
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> CodeStudioConflicts | DSSError | None:
    if response.status_code == 200:
        response_200 = CodeStudioConflicts.from_dict(response.json())

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
) -> Response[CodeStudioConflicts | DSSError]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    project_key: str,
    code_studio_id: str,
    zone: str,
    *,
    client: AuthenticatedClient | Client,
) -> Response[CodeStudioConflicts | DSSError]:
    """Check the conflicts of a zone

     Reports the files of the zone that changed on both sides since the last synchronisation: a file
    added, modified or deleted in the studio whose DSS-side copy was also added, modified or
    deleted, since the last synchronisation of the zone (in either direction). Deleting a file on
    both sides, or making it identical, is no conflict. `commitFrom` and `commitTo` identify the
    DSS-side files at the last synchronisation and now; `authors` are who changed DSS-side files
    since (the server records every change: library calls by their caller, pulls by the studio's
    owner; a file changed on disk behind the server's back has no author). The answer
    is keyed by the zone id; an unknown zone id (zone ids change at every start, and a studio that
    is not RUNNING has none) is answered with `{"error": ...}` and HTTP 200, as DSS does. While
    another synchronisation of the studio's files takes more than a few seconds, the reference
    server answers 409 ("busy"): try again. Only the owner of the studio may use it. Called by
    `DSSCodeStudioObject.check_conflicts`.

    Args:
        project_key (str):
        code_studio_id (str):
        zone (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[CodeStudioConflicts | DSSError]
    """

    kwargs = _get_kwargs(
        project_key=project_key,
        code_studio_id=code_studio_id,
        zone=zone,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    project_key: str,
    code_studio_id: str,
    zone: str,
    *,
    client: AuthenticatedClient | Client,
) -> CodeStudioConflicts | DSSError | None:
    """Check the conflicts of a zone

     Reports the files of the zone that changed on both sides since the last synchronisation: a file
    added, modified or deleted in the studio whose DSS-side copy was also added, modified or
    deleted, since the last synchronisation of the zone (in either direction). Deleting a file on
    both sides, or making it identical, is no conflict. `commitFrom` and `commitTo` identify the
    DSS-side files at the last synchronisation and now; `authors` are who changed DSS-side files
    since (the server records every change: library calls by their caller, pulls by the studio's
    owner; a file changed on disk behind the server's back has no author). The answer
    is keyed by the zone id; an unknown zone id (zone ids change at every start, and a studio that
    is not RUNNING has none) is answered with `{"error": ...}` and HTTP 200, as DSS does. While
    another synchronisation of the studio's files takes more than a few seconds, the reference
    server answers 409 ("busy"): try again. Only the owner of the studio may use it. Called by
    `DSSCodeStudioObject.check_conflicts`.

    Args:
        project_key (str):
        code_studio_id (str):
        zone (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        CodeStudioConflicts | DSSError
    """

    return sync_detailed(
        project_key=project_key,
        code_studio_id=code_studio_id,
        zone=zone,
        client=client,
    ).parsed


async def asyncio_detailed(
    project_key: str,
    code_studio_id: str,
    zone: str,
    *,
    client: AuthenticatedClient | Client,
) -> Response[CodeStudioConflicts | DSSError]:
    """Check the conflicts of a zone

     Reports the files of the zone that changed on both sides since the last synchronisation: a file
    added, modified or deleted in the studio whose DSS-side copy was also added, modified or
    deleted, since the last synchronisation of the zone (in either direction). Deleting a file on
    both sides, or making it identical, is no conflict. `commitFrom` and `commitTo` identify the
    DSS-side files at the last synchronisation and now; `authors` are who changed DSS-side files
    since (the server records every change: library calls by their caller, pulls by the studio's
    owner; a file changed on disk behind the server's back has no author). The answer
    is keyed by the zone id; an unknown zone id (zone ids change at every start, and a studio that
    is not RUNNING has none) is answered with `{"error": ...}` and HTTP 200, as DSS does. While
    another synchronisation of the studio's files takes more than a few seconds, the reference
    server answers 409 ("busy"): try again. Only the owner of the studio may use it. Called by
    `DSSCodeStudioObject.check_conflicts`.

    Args:
        project_key (str):
        code_studio_id (str):
        zone (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[CodeStudioConflicts | DSSError]
    """

    kwargs = _get_kwargs(
        project_key=project_key,
        code_studio_id=code_studio_id,
        zone=zone,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    project_key: str,
    code_studio_id: str,
    zone: str,
    *,
    client: AuthenticatedClient | Client,
) -> CodeStudioConflicts | DSSError | None:
    """Check the conflicts of a zone

     Reports the files of the zone that changed on both sides since the last synchronisation: a file
    added, modified or deleted in the studio whose DSS-side copy was also added, modified or
    deleted, since the last synchronisation of the zone (in either direction). Deleting a file on
    both sides, or making it identical, is no conflict. `commitFrom` and `commitTo` identify the
    DSS-side files at the last synchronisation and now; `authors` are who changed DSS-side files
    since (the server records every change: library calls by their caller, pulls by the studio's
    owner; a file changed on disk behind the server's back has no author). The answer
    is keyed by the zone id; an unknown zone id (zone ids change at every start, and a studio that
    is not RUNNING has none) is answered with `{"error": ...}` and HTTP 200, as DSS does. While
    another synchronisation of the studio's files takes more than a few seconds, the reference
    server answers 409 ("busy"): try again. Only the owner of the studio may use it. Called by
    `DSSCodeStudioObject.check_conflicts`.

    Args:
        project_key (str):
        code_studio_id (str):
        zone (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        CodeStudioConflicts | DSSError
    """

    return (
        await asyncio_detailed(
            project_key=project_key,
            code_studio_id=code_studio_id,
            zone=zone,
            client=client,
        )
    ).parsed
