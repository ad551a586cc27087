from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.dss_error import DSSError
from ...models.info_messages import InfoMessages
from ...types import UNSET, Response, Unset


def _get_kwargs(
    template_id: str,
    *,
    delete_runtime: bool | Unset = UNSET,
    delete_images: bool | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["deleteRuntime"] = delete_runtime

    params["deleteImages"] = delete_images

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "delete",
        "url": "/admin/code-studios/{template_id}".format(
            template_id=quote(str(template_id), safe=""),
        ),
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> DSSError | InfoMessages | None:
    if response.status_code == 200:
        response_200 = InfoMessages.from_dict(response.json())

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
) -> Response[DSSError | InfoMessages]:
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
    delete_runtime: bool | Unset = UNSET,
    delete_images: bool | Unset = UNSET,
) -> Response[DSSError | InfoMessages]:
    """Delete a code studio template

     Deletes the template. With `deleteRuntime`, the code studios created from it are stopped and
    deleted too; with `deleteImages`, its build outputs (images and build folders) are deleted too.
    What was and was not deleted is reported as info messages. Without `deleteRuntime`, code
    studios made from the template are kept (and reported): they cannot start until a template
    with this id exists again. A template being built cannot be deleted (409). Called by
    `DSSCodeStudioTemplate.delete`. Needs an administrator key.

    Args:
        template_id (str):
        delete_runtime (bool | Unset):
        delete_images (bool | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[DSSError | InfoMessages]
    """

    kwargs = _get_kwargs(
        template_id=template_id,
        delete_runtime=delete_runtime,
        delete_images=delete_images,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    template_id: str,
    *,
    client: AuthenticatedClient | Client,
    delete_runtime: bool | Unset = UNSET,
    delete_images: bool | Unset = UNSET,
) -> DSSError | InfoMessages | None:
    """Delete a code studio template

     Deletes the template. With `deleteRuntime`, the code studios created from it are stopped and
    deleted too; with `deleteImages`, its build outputs (images and build folders) are deleted too.
    What was and was not deleted is reported as info messages. Without `deleteRuntime`, code
    studios made from the template are kept (and reported): they cannot start until a template
    with this id exists again. A template being built cannot be deleted (409). Called by
    `DSSCodeStudioTemplate.delete`. Needs an administrator key.

    Args:
        template_id (str):
        delete_runtime (bool | Unset):
        delete_images (bool | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        DSSError | InfoMessages
    """

    return sync_detailed(
        template_id=template_id,
        client=client,
        delete_runtime=delete_runtime,
        delete_images=delete_images,
    ).parsed


async def asyncio_detailed(
    template_id: str,
    *,
    client: AuthenticatedClient | Client,
    delete_runtime: bool | Unset = UNSET,
    delete_images: bool | Unset = UNSET,
) -> Response[DSSError | InfoMessages]:
    """Delete a code studio template

     Deletes the template. With `deleteRuntime`, the code studios created from it are stopped and
    deleted too; with `deleteImages`, its build outputs (images and build folders) are deleted too.
    What was and was not deleted is reported as info messages. Without `deleteRuntime`, code
    studios made from the template are kept (and reported): they cannot start until a template
    with this id exists again. A template being built cannot be deleted (409). Called by
    `DSSCodeStudioTemplate.delete`. Needs an administrator key.

    Args:
        template_id (str):
        delete_runtime (bool | Unset):
        delete_images (bool | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[DSSError | InfoMessages]
    """

    kwargs = _get_kwargs(
        template_id=template_id,
        delete_runtime=delete_runtime,
        delete_images=delete_images,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    template_id: str,
    *,
    client: AuthenticatedClient | Client,
    delete_runtime: bool | Unset = UNSET,
    delete_images: bool | Unset = UNSET,
) -> DSSError | InfoMessages | None:
    """Delete a code studio template

     Deletes the template. With `deleteRuntime`, the code studios created from it are stopped and
    deleted too; with `deleteImages`, its build outputs (images and build folders) are deleted too.
    What was and was not deleted is reported as info messages. Without `deleteRuntime`, code
    studios made from the template are kept (and reported): they cannot start until a template
    with this id exists again. A template being built cannot be deleted (409). Called by
    `DSSCodeStudioTemplate.delete`. Needs an administrator key.

    Args:
        template_id (str):
        delete_runtime (bool | Unset):
        delete_images (bool | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        DSSError | InfoMessages
    """

    return (
        await asyncio_detailed(
            template_id=template_id,
            client=client,
            delete_runtime=delete_runtime,
            delete_images=delete_images,
        )
    ).parsed
