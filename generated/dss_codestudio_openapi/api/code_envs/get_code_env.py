from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.code_env_definition import CodeEnvDefinition
from ...models.code_env_lang import CodeEnvLang
from ...models.dss_error import DSSError
from ...types import Response


def _get_kwargs(
    env_lang: CodeEnvLang,
    env_name: str,
) -> dict[str, Any]:

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/admin/code-envs/{env_lang}/{env_name}".format(
            env_lang=quote(str(env_lang), safe=""),
            env_name=quote(str(env_name), safe=""),
        ),
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> CodeEnvDefinition | DSSError | None:
    if response.status_code == 200:
        response_200 = CodeEnvDefinition.from_dict(response.json())

        return response_200

    if response.status_code == 400:
        response_400 = DSSError.from_dict(response.json())

        return response_400

    if response.status_code == 401:
        response_401 = DSSError.from_dict(response.json())

        return response_401

    if response.status_code == 404:
        response_404 = DSSError.from_dict(response.json())

        return response_404

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[CodeEnvDefinition | DSSError]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    env_lang: CodeEnvLang,
    env_name: str,
    *,
    client: AuthenticatedClient | Client,
) -> Response[CodeEnvDefinition | DSSError]:
    """Get the definition of a code environment

     Returns the definition of a declared code environment. Every user may read it. Called by
    `DSSCodeEnv.get_definition` and `DSSCodeEnv.get_settings`.

    Args:
        env_lang (CodeEnvLang): The language of a code environment.
        env_name (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[CodeEnvDefinition | DSSError]
    """

    kwargs = _get_kwargs(
        env_lang=env_lang,
        env_name=env_name,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    env_lang: CodeEnvLang,
    env_name: str,
    *,
    client: AuthenticatedClient | Client,
) -> CodeEnvDefinition | DSSError | None:
    """Get the definition of a code environment

     Returns the definition of a declared code environment. Every user may read it. Called by
    `DSSCodeEnv.get_definition` and `DSSCodeEnv.get_settings`.

    Args:
        env_lang (CodeEnvLang): The language of a code environment.
        env_name (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        CodeEnvDefinition | DSSError
    """

    return sync_detailed(
        env_lang=env_lang,
        env_name=env_name,
        client=client,
    ).parsed


async def asyncio_detailed(
    env_lang: CodeEnvLang,
    env_name: str,
    *,
    client: AuthenticatedClient | Client,
) -> Response[CodeEnvDefinition | DSSError]:
    """Get the definition of a code environment

     Returns the definition of a declared code environment. Every user may read it. Called by
    `DSSCodeEnv.get_definition` and `DSSCodeEnv.get_settings`.

    Args:
        env_lang (CodeEnvLang): The language of a code environment.
        env_name (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[CodeEnvDefinition | DSSError]
    """

    kwargs = _get_kwargs(
        env_lang=env_lang,
        env_name=env_name,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    env_lang: CodeEnvLang,
    env_name: str,
    *,
    client: AuthenticatedClient | Client,
) -> CodeEnvDefinition | DSSError | None:
    """Get the definition of a code environment

     Returns the definition of a declared code environment. Every user may read it. Called by
    `DSSCodeEnv.get_definition` and `DSSCodeEnv.get_settings`.

    Args:
        env_lang (CodeEnvLang): The language of a code environment.
        env_name (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        CodeEnvDefinition | DSSError
    """

    return (
        await asyncio_detailed(
            env_lang=env_lang,
            env_name=env_name,
            client=client,
        )
    ).parsed
