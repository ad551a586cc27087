from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.code_studio_status import CodeStudioStatus
from ...models.dss_error import DSSError
from ...types import Response


def _get_kwargs(
    project_key: str,
    code_studio_id: str,
) -> dict[str, Any]:

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/projects/{project_key}/code-studios/{code_studio_id}/status".format(
            project_key=quote(str(project_key), safe=""),
            code_studio_id=quote(str(code_studio_id), safe=""),
        ),
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> CodeStudioStatus | DSSError | None:
    if response.status_code == 200:
        response_200 = CodeStudioStatus.from_dict(response.json())

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

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[CodeStudioStatus | DSSError]:
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
) -> Response[CodeStudioStatus | DSSError]:
    """Get the status of a code studio

     Returns the state of the code studio (STOPPED, STARTING, RUNNING or STOPPING), when it last
    changed (`lastStateChange` never goes back), the future of its current or last transition
    (`jobId`), and, while it is RUNNING only, its exposed ports and synchronised zones. Zone ids
    change at every start. Each exposed port answers at its `url`, relative to the server's base
    URL (`code-studios/<projectKey>/<codeStudioId>/<port>/`), through the server's authenticated
    proxy, to the studio's owner only. The reference server adds where the studio's files are on
    its machine (`workspacePath`, and each zone's `studioPath` and `dssPath`). Any reader of the
    project may read it. Called by `DSSCodeStudioObject.get_status`.

    Args:
        project_key (str):
        code_studio_id (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[CodeStudioStatus | DSSError]
    """

    kwargs = _get_kwargs(
        project_key=project_key,
        code_studio_id=code_studio_id,
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
) -> CodeStudioStatus | DSSError | None:
    """Get the status of a code studio

     Returns the state of the code studio (STOPPED, STARTING, RUNNING or STOPPING), when it last
    changed (`lastStateChange` never goes back), the future of its current or last transition
    (`jobId`), and, while it is RUNNING only, its exposed ports and synchronised zones. Zone ids
    change at every start. Each exposed port answers at its `url`, relative to the server's base
    URL (`code-studios/<projectKey>/<codeStudioId>/<port>/`), through the server's authenticated
    proxy, to the studio's owner only. The reference server adds where the studio's files are on
    its machine (`workspacePath`, and each zone's `studioPath` and `dssPath`). Any reader of the
    project may read it. Called by `DSSCodeStudioObject.get_status`.

    Args:
        project_key (str):
        code_studio_id (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        CodeStudioStatus | DSSError
    """

    return sync_detailed(
        project_key=project_key,
        code_studio_id=code_studio_id,
        client=client,
    ).parsed


async def asyncio_detailed(
    project_key: str,
    code_studio_id: str,
    *,
    client: AuthenticatedClient | Client,
) -> Response[CodeStudioStatus | DSSError]:
    """Get the status of a code studio

     Returns the state of the code studio (STOPPED, STARTING, RUNNING or STOPPING), when it last
    changed (`lastStateChange` never goes back), the future of its current or last transition
    (`jobId`), and, while it is RUNNING only, its exposed ports and synchronised zones. Zone ids
    change at every start. Each exposed port answers at its `url`, relative to the server's base
    URL (`code-studios/<projectKey>/<codeStudioId>/<port>/`), through the server's authenticated
    proxy, to the studio's owner only. The reference server adds where the studio's files are on
    its machine (`workspacePath`, and each zone's `studioPath` and `dssPath`). Any reader of the
    project may read it. Called by `DSSCodeStudioObject.get_status`.

    Args:
        project_key (str):
        code_studio_id (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[CodeStudioStatus | DSSError]
    """

    kwargs = _get_kwargs(
        project_key=project_key,
        code_studio_id=code_studio_id,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    project_key: str,
    code_studio_id: str,
    *,
    client: AuthenticatedClient | Client,
) -> CodeStudioStatus | DSSError | None:
    """Get the status of a code studio

     Returns the state of the code studio (STOPPED, STARTING, RUNNING or STOPPING), when it last
    changed (`lastStateChange` never goes back), the future of its current or last transition
    (`jobId`), and, while it is RUNNING only, its exposed ports and synchronised zones. Zone ids
    change at every start. Each exposed port answers at its `url`, relative to the server's base
    URL (`code-studios/<projectKey>/<codeStudioId>/<port>/`), through the server's authenticated
    proxy, to the studio's owner only. The reference server adds where the studio's files are on
    its machine (`workspacePath`, and each zone's `studioPath` and `dssPath`). Any reader of the
    project may read it. Called by `DSSCodeStudioObject.get_status`.

    Args:
        project_key (str):
        code_studio_id (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        CodeStudioStatus | DSSError
    """

    return (
        await asyncio_detailed(
            project_key=project_key,
            code_studio_id=code_studio_id,
            client=client,
        )
    ).parsed
