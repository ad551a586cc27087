from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.dss_error import DSSError
from ...models.project_settings import ProjectSettings
from ...types import Response


def _get_kwargs(
    project_key: str,
    *,
    body: ProjectSettings,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "put",
        "url": "/projects/{project_key}/settings".format(
            project_key=quote(str(project_key), safe=""),
        ),
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Any | DSSError | None:
    if response.status_code == 204:
        response_204 = cast(Any, None)
        return response_204

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


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[Any | DSSError]:
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
    body: ProjectSettings,
) -> Response[Any | DSSError]:
    """Save the settings of a project

     Replaces the project's settings with the object sent (what `getProjectSettings` answered,
    edited); fields this server does not use are kept as sent. A Python or R code environment
    chosen explicitly (`mode: EXPLICIT_ENV`) must name one the instance declares (400 without a
    name, 404 for one it lacks, see `listCodeEnvs`). Needs administrator access on the project (its
    owner, a user or group
    granted `admin`, or an instance administrator). Called by `DSSProjectSettings.save`, which
    ignores the answer.

    Args:
        project_key (str):
        body (ProjectSettings): The raw settings of a project (permissions apart), as
            `DSSProject.get_settings` answers and `DSSProjectSettings.save` sends them.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | DSSError]
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
    body: ProjectSettings,
) -> Any | DSSError | None:
    """Save the settings of a project

     Replaces the project's settings with the object sent (what `getProjectSettings` answered,
    edited); fields this server does not use are kept as sent. A Python or R code environment
    chosen explicitly (`mode: EXPLICIT_ENV`) must name one the instance declares (400 without a
    name, 404 for one it lacks, see `listCodeEnvs`). Needs administrator access on the project (its
    owner, a user or group
    granted `admin`, or an instance administrator). Called by `DSSProjectSettings.save`, which
    ignores the answer.

    Args:
        project_key (str):
        body (ProjectSettings): The raw settings of a project (permissions apart), as
            `DSSProject.get_settings` answers and `DSSProjectSettings.save` sends them.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | DSSError
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
    body: ProjectSettings,
) -> Response[Any | DSSError]:
    """Save the settings of a project

     Replaces the project's settings with the object sent (what `getProjectSettings` answered,
    edited); fields this server does not use are kept as sent. A Python or R code environment
    chosen explicitly (`mode: EXPLICIT_ENV`) must name one the instance declares (400 without a
    name, 404 for one it lacks, see `listCodeEnvs`). Needs administrator access on the project (its
    owner, a user or group
    granted `admin`, or an instance administrator). Called by `DSSProjectSettings.save`, which
    ignores the answer.

    Args:
        project_key (str):
        body (ProjectSettings): The raw settings of a project (permissions apart), as
            `DSSProject.get_settings` answers and `DSSProjectSettings.save` sends them.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | DSSError]
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
    body: ProjectSettings,
) -> Any | DSSError | None:
    """Save the settings of a project

     Replaces the project's settings with the object sent (what `getProjectSettings` answered,
    edited); fields this server does not use are kept as sent. A Python or R code environment
    chosen explicitly (`mode: EXPLICIT_ENV`) must name one the instance declares (400 without a
    name, 404 for one it lacks, see `listCodeEnvs`). Needs administrator access on the project (its
    owner, a user or group
    granted `admin`, or an instance administrator). Called by `DSSProjectSettings.save`, which
    ignores the answer.

    Args:
        project_key (str):
        body (ProjectSettings): The raw settings of a project (permissions apart), as
            `DSSProject.get_settings` answers and `DSSProjectSettings.save` sends them.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | DSSError
    """

    return (
        await asyncio_detailed(
            project_key=project_key,
            client=client,
            body=body,
        )
    ).parsed
