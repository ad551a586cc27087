from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.code_studio_template_settings import CodeStudioTemplateSettings
from ...models.dss_error import DSSError
from ...types import Response


def _get_kwargs(
    template_id: str,
    *,
    body: CodeStudioTemplateSettings,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "put",
        "url": "/admin/code-studios/{template_id}".format(
            template_id=quote(str(template_id), safe=""),
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
    template_id: str,
    *,
    client: AuthenticatedClient | Client,
    body: CodeStudioTemplateSettings,
) -> Response[Any | DSSError]:
    """Save the settings of a code studio template

     Replaces the definition of the template with the body, which is the object returned by the GET
    call, modified. Every field is kept as sent, including fields the server does not understand,
    so that a later GET returns what was saved. The `id` in the body, if any, must be the id in
    the path, and the body must have a `label`: a body with another template's id, or without a
    label, is refused with 400 (a schema cannot tie the body to the path, and the settings of
    a template read with GET always have a label). Concurrent saves follow "last write wins";
    `versionTag` is maintained by the server.
    Called by `DSSCodeStudioTemplateSettings.save`. Needs an administrator key.

    Args:
        template_id (str):
        body (CodeStudioTemplateSettings): The whole definition of a code studio template. Fields
            are added over DSS releases; every
            field, known or not, round-trips through GET and PUT.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | DSSError]
    """

    kwargs = _get_kwargs(
        template_id=template_id,
        body=body,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    template_id: str,
    *,
    client: AuthenticatedClient | Client,
    body: CodeStudioTemplateSettings,
) -> Any | DSSError | None:
    """Save the settings of a code studio template

     Replaces the definition of the template with the body, which is the object returned by the GET
    call, modified. Every field is kept as sent, including fields the server does not understand,
    so that a later GET returns what was saved. The `id` in the body, if any, must be the id in
    the path, and the body must have a `label`: a body with another template's id, or without a
    label, is refused with 400 (a schema cannot tie the body to the path, and the settings of
    a template read with GET always have a label). Concurrent saves follow "last write wins";
    `versionTag` is maintained by the server.
    Called by `DSSCodeStudioTemplateSettings.save`. Needs an administrator key.

    Args:
        template_id (str):
        body (CodeStudioTemplateSettings): The whole definition of a code studio template. Fields
            are added over DSS releases; every
            field, known or not, round-trips through GET and PUT.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | DSSError
    """

    return sync_detailed(
        template_id=template_id,
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    template_id: str,
    *,
    client: AuthenticatedClient | Client,
    body: CodeStudioTemplateSettings,
) -> Response[Any | DSSError]:
    """Save the settings of a code studio template

     Replaces the definition of the template with the body, which is the object returned by the GET
    call, modified. Every field is kept as sent, including fields the server does not understand,
    so that a later GET returns what was saved. The `id` in the body, if any, must be the id in
    the path, and the body must have a `label`: a body with another template's id, or without a
    label, is refused with 400 (a schema cannot tie the body to the path, and the settings of
    a template read with GET always have a label). Concurrent saves follow "last write wins";
    `versionTag` is maintained by the server.
    Called by `DSSCodeStudioTemplateSettings.save`. Needs an administrator key.

    Args:
        template_id (str):
        body (CodeStudioTemplateSettings): The whole definition of a code studio template. Fields
            are added over DSS releases; every
            field, known or not, round-trips through GET and PUT.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | DSSError]
    """

    kwargs = _get_kwargs(
        template_id=template_id,
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    template_id: str,
    *,
    client: AuthenticatedClient | Client,
    body: CodeStudioTemplateSettings,
) -> Any | DSSError | None:
    """Save the settings of a code studio template

     Replaces the definition of the template with the body, which is the object returned by the GET
    call, modified. Every field is kept as sent, including fields the server does not understand,
    so that a later GET returns what was saved. The `id` in the body, if any, must be the id in
    the path, and the body must have a `label`: a body with another template's id, or without a
    label, is refused with 400 (a schema cannot tie the body to the path, and the settings of
    a template read with GET always have a label). Concurrent saves follow "last write wins";
    `versionTag` is maintained by the server.
    Called by `DSSCodeStudioTemplateSettings.save`. Needs an administrator key.

    Args:
        template_id (str):
        body (CodeStudioTemplateSettings): The whole definition of a code studio template. Fields
            are added over DSS releases; every
            field, known or not, round-trips through GET and PUT.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | DSSError
    """

    return (
        await asyncio_detailed(
            template_id=template_id,
            client=client,
            body=body,
        )
    ).parsed
