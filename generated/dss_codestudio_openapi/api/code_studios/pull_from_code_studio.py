from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.code_studio_pull_result import CodeStudioPullResult
from ...models.dss_error import DSSError
from ...types import UNSET, Response, Unset


def _get_kwargs(
    project_key: str,
    code_studio_id: str,
    zone: str,
    *,
    force: bool | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["force"] = force

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/projects/{project_key}/code-studios/{code_studio_id}/pull/{zone}".format(
            project_key=quote(str(project_key), safe=""),
            code_studio_id=quote(str(code_studio_id), safe=""),
            zone=quote(str(zone), safe=""),
        ),
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> CodeStudioPullResult | DSSError | None:
    if response.status_code == 200:
        response_200 = CodeStudioPullResult.from_dict(response.json())

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
) -> Response[CodeStudioPullResult | DSSError]:
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
    force: bool | Unset = UNSET,
) -> Response[CodeStudioPullResult | DSSError]:
    """Pull a zone from the code studio to DSS

     Copies the files of the zone that changed in the studio since the last synchronisation to the
    DSS side (additions, modifications and deletions; nothing else is copied). It is a GET, as in
    DSS, although it changes state: clients must not retry it. If any changed file is in conflict
    (it also changed on the DSS side since the last synchronisation), nothing is copied and the
    call answers 409 naming the conflicting files, unless `force` is true, in which case the
    studio's version wins. Pulling a one-way zone copies nothing. `excludedFromSync` patterns are
    never copied; symbolic links, hard links, special files and files changed during the copy are
    skipped and listed in `skipped`. Files pulled into the project library are recorded as changed
    by the studio's owner. A zone id the running studio does not have (ids change at every start; a
    studio that is not RUNNING has none) answers 404. While another synchronisation of the studio's
    files takes more than a few seconds, the reference server answers 409 ("busy"): try again.
    Only the owner of the studio may use it.
    Called by `DSSCodeStudioObject.pull_from_code_studio`, which ignores the body (clients before
    12.6.2 parsed it as JSON).

    Args:
        project_key (str):
        code_studio_id (str):
        zone (str):
        force (bool | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[CodeStudioPullResult | DSSError]
    """

    kwargs = _get_kwargs(
        project_key=project_key,
        code_studio_id=code_studio_id,
        zone=zone,
        force=force,
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
    force: bool | Unset = UNSET,
) -> CodeStudioPullResult | DSSError | None:
    """Pull a zone from the code studio to DSS

     Copies the files of the zone that changed in the studio since the last synchronisation to the
    DSS side (additions, modifications and deletions; nothing else is copied). It is a GET, as in
    DSS, although it changes state: clients must not retry it. If any changed file is in conflict
    (it also changed on the DSS side since the last synchronisation), nothing is copied and the
    call answers 409 naming the conflicting files, unless `force` is true, in which case the
    studio's version wins. Pulling a one-way zone copies nothing. `excludedFromSync` patterns are
    never copied; symbolic links, hard links, special files and files changed during the copy are
    skipped and listed in `skipped`. Files pulled into the project library are recorded as changed
    by the studio's owner. A zone id the running studio does not have (ids change at every start; a
    studio that is not RUNNING has none) answers 404. While another synchronisation of the studio's
    files takes more than a few seconds, the reference server answers 409 ("busy"): try again.
    Only the owner of the studio may use it.
    Called by `DSSCodeStudioObject.pull_from_code_studio`, which ignores the body (clients before
    12.6.2 parsed it as JSON).

    Args:
        project_key (str):
        code_studio_id (str):
        zone (str):
        force (bool | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        CodeStudioPullResult | DSSError
    """

    return sync_detailed(
        project_key=project_key,
        code_studio_id=code_studio_id,
        zone=zone,
        client=client,
        force=force,
    ).parsed


async def asyncio_detailed(
    project_key: str,
    code_studio_id: str,
    zone: str,
    *,
    client: AuthenticatedClient | Client,
    force: bool | Unset = UNSET,
) -> Response[CodeStudioPullResult | DSSError]:
    """Pull a zone from the code studio to DSS

     Copies the files of the zone that changed in the studio since the last synchronisation to the
    DSS side (additions, modifications and deletions; nothing else is copied). It is a GET, as in
    DSS, although it changes state: clients must not retry it. If any changed file is in conflict
    (it also changed on the DSS side since the last synchronisation), nothing is copied and the
    call answers 409 naming the conflicting files, unless `force` is true, in which case the
    studio's version wins. Pulling a one-way zone copies nothing. `excludedFromSync` patterns are
    never copied; symbolic links, hard links, special files and files changed during the copy are
    skipped and listed in `skipped`. Files pulled into the project library are recorded as changed
    by the studio's owner. A zone id the running studio does not have (ids change at every start; a
    studio that is not RUNNING has none) answers 404. While another synchronisation of the studio's
    files takes more than a few seconds, the reference server answers 409 ("busy"): try again.
    Only the owner of the studio may use it.
    Called by `DSSCodeStudioObject.pull_from_code_studio`, which ignores the body (clients before
    12.6.2 parsed it as JSON).

    Args:
        project_key (str):
        code_studio_id (str):
        zone (str):
        force (bool | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[CodeStudioPullResult | DSSError]
    """

    kwargs = _get_kwargs(
        project_key=project_key,
        code_studio_id=code_studio_id,
        zone=zone,
        force=force,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    project_key: str,
    code_studio_id: str,
    zone: str,
    *,
    client: AuthenticatedClient | Client,
    force: bool | Unset = UNSET,
) -> CodeStudioPullResult | DSSError | None:
    """Pull a zone from the code studio to DSS

     Copies the files of the zone that changed in the studio since the last synchronisation to the
    DSS side (additions, modifications and deletions; nothing else is copied). It is a GET, as in
    DSS, although it changes state: clients must not retry it. If any changed file is in conflict
    (it also changed on the DSS side since the last synchronisation), nothing is copied and the
    call answers 409 naming the conflicting files, unless `force` is true, in which case the
    studio's version wins. Pulling a one-way zone copies nothing. `excludedFromSync` patterns are
    never copied; symbolic links, hard links, special files and files changed during the copy are
    skipped and listed in `skipped`. Files pulled into the project library are recorded as changed
    by the studio's owner. A zone id the running studio does not have (ids change at every start; a
    studio that is not RUNNING has none) answers 404. While another synchronisation of the studio's
    files takes more than a few seconds, the reference server answers 409 ("busy"): try again.
    Only the owner of the studio may use it.
    Called by `DSSCodeStudioObject.pull_from_code_studio`, which ignores the body (clients before
    12.6.2 parsed it as JSON).

    Args:
        project_key (str):
        code_studio_id (str):
        zone (str):
        force (bool | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        CodeStudioPullResult | DSSError
    """

    return (
        await asyncio_detailed(
            project_key=project_key,
            code_studio_id=code_studio_id,
            zone=zone,
            client=client,
            force=force,
        )
    ).parsed
