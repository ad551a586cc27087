from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.code_studio_push_result import CodeStudioPushResult
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
        "url": "/projects/{project_key}/code-studios/{code_studio_id}/push/{zone}".format(
            project_key=quote(str(project_key), safe=""),
            code_studio_id=quote(str(code_studio_id), safe=""),
            zone=quote(str(zone), safe=""),
        ),
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> CodeStudioPushResult | DSSError | None:
    if response.status_code == 200:
        response_200 = CodeStudioPushResult.from_dict(response.json())

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
) -> Response[CodeStudioPushResult | DSSError]:
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
) -> Response[CodeStudioPushResult | DSSError]:
    """Push a zone from DSS to the code studio

     Copies the files of the zone that changed on the DSS side since the last synchronisation into
    the studio, and answers how many files and bytes were copied. It is a GET, as in DSS, although
    it changes state: clients must not retry it. A file that also changed in the studio since the
    last synchronisation is a conflict: it is left as it is in the studio and listed in
    `conflicts`, unless `force` is true, in which case the DSS version wins. A push with nothing
    changed copies nothing. `excludedFromSync` patterns are never copied; symbolic links, hard links
    and special files are skipped and listed in `skipped`. A zone id the running studio does not
    have (ids change at every start; a studio that is not RUNNING has none) answers 404. While
    another synchronisation of the studio's files takes more than a few seconds, the reference
    server answers 409 ("busy"): try again. Only the owner of the studio may use it. Called by
    `DSSCodeStudioObject.push_to_code_studio`.

    Args:
        project_key (str):
        code_studio_id (str):
        zone (str):
        force (bool | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[CodeStudioPushResult | DSSError]
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
) -> CodeStudioPushResult | DSSError | None:
    """Push a zone from DSS to the code studio

     Copies the files of the zone that changed on the DSS side since the last synchronisation into
    the studio, and answers how many files and bytes were copied. It is a GET, as in DSS, although
    it changes state: clients must not retry it. A file that also changed in the studio since the
    last synchronisation is a conflict: it is left as it is in the studio and listed in
    `conflicts`, unless `force` is true, in which case the DSS version wins. A push with nothing
    changed copies nothing. `excludedFromSync` patterns are never copied; symbolic links, hard links
    and special files are skipped and listed in `skipped`. A zone id the running studio does not
    have (ids change at every start; a studio that is not RUNNING has none) answers 404. While
    another synchronisation of the studio's files takes more than a few seconds, the reference
    server answers 409 ("busy"): try again. Only the owner of the studio may use it. Called by
    `DSSCodeStudioObject.push_to_code_studio`.

    Args:
        project_key (str):
        code_studio_id (str):
        zone (str):
        force (bool | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        CodeStudioPushResult | DSSError
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
) -> Response[CodeStudioPushResult | DSSError]:
    """Push a zone from DSS to the code studio

     Copies the files of the zone that changed on the DSS side since the last synchronisation into
    the studio, and answers how many files and bytes were copied. It is a GET, as in DSS, although
    it changes state: clients must not retry it. A file that also changed in the studio since the
    last synchronisation is a conflict: it is left as it is in the studio and listed in
    `conflicts`, unless `force` is true, in which case the DSS version wins. A push with nothing
    changed copies nothing. `excludedFromSync` patterns are never copied; symbolic links, hard links
    and special files are skipped and listed in `skipped`. A zone id the running studio does not
    have (ids change at every start; a studio that is not RUNNING has none) answers 404. While
    another synchronisation of the studio's files takes more than a few seconds, the reference
    server answers 409 ("busy"): try again. Only the owner of the studio may use it. Called by
    `DSSCodeStudioObject.push_to_code_studio`.

    Args:
        project_key (str):
        code_studio_id (str):
        zone (str):
        force (bool | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[CodeStudioPushResult | DSSError]
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
) -> CodeStudioPushResult | DSSError | None:
    """Push a zone from DSS to the code studio

     Copies the files of the zone that changed on the DSS side since the last synchronisation into
    the studio, and answers how many files and bytes were copied. It is a GET, as in DSS, although
    it changes state: clients must not retry it. A file that also changed in the studio since the
    last synchronisation is a conflict: it is left as it is in the studio and listed in
    `conflicts`, unless `force` is true, in which case the DSS version wins. A push with nothing
    changed copies nothing. `excludedFromSync` patterns are never copied; symbolic links, hard links
    and special files are skipped and listed in `skipped`. A zone id the running studio does not
    have (ids change at every start; a studio that is not RUNNING has none) answers 404. While
    another synchronisation of the studio's files takes more than a few seconds, the reference
    server answers 409 ("busy"): try again. Only the owner of the studio may use it. Called by
    `DSSCodeStudioObject.push_to_code_studio`.

    Args:
        project_key (str):
        code_studio_id (str):
        zone (str):
        force (bool | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        CodeStudioPushResult | DSSError
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
