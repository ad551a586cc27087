from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.dss_error import DSSError
from ...models.project_deletion_future import ProjectDeletionFuture
from ...types import UNSET, Response, Unset


def _get_kwargs(
    project_key: str,
    *,
    clear_managed_datasets: bool | Unset = UNSET,
    clear_output_managed_folders: bool | Unset = UNSET,
    clear_job_and_scenario_logs: bool | Unset = UNSET,
    clear_managed_knowledge_banks: bool | Unset = UNSET,
    wait: bool | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["clearManagedDatasets"] = clear_managed_datasets

    params["clearOutputManagedFolders"] = clear_output_managed_folders

    params["clearJobAndScenarioLogs"] = clear_job_and_scenario_logs

    params["clearManagedKnowledgeBanks"] = clear_managed_knowledge_banks

    params["wait"] = wait

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "delete",
        "url": "/projects/{project_key}".format(
            project_key=quote(str(project_key), safe=""),
        ),
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> DSSError | ProjectDeletionFuture | None:
    if response.status_code == 200:
        response_200 = ProjectDeletionFuture.from_dict(response.json())

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
) -> Response[DSSError | ProjectDeletionFuture]:
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
    clear_managed_datasets: bool | Unset = UNSET,
    clear_output_managed_folders: bool | Unset = UNSET,
    clear_job_and_scenario_logs: bool | Unset = UNSET,
    clear_managed_knowledge_banks: bool | Unset = UNSET,
    wait: bool | Unset = UNSET,
) -> Response[DSSError | ProjectDeletionFuture]:
    """Delete a project

     Deletes the project with its code studios (stopped first) and its library. Answers a future;
    with `wait` (the default) the deletion is done when the call returns and the future carries
    its result. Only the project's administrators may delete it: its owner, users granted
    `admin` in its permissions, and instance administrators. A deletion of the project (or of one
    of its code studios) already under way is answered with 409. Called by `DSSProject.delete`.

    Args:
        project_key (str):
        clear_managed_datasets (bool | Unset):
        clear_output_managed_folders (bool | Unset):
        clear_job_and_scenario_logs (bool | Unset):
        clear_managed_knowledge_banks (bool | Unset):
        wait (bool | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[DSSError | ProjectDeletionFuture]
    """

    kwargs = _get_kwargs(
        project_key=project_key,
        clear_managed_datasets=clear_managed_datasets,
        clear_output_managed_folders=clear_output_managed_folders,
        clear_job_and_scenario_logs=clear_job_and_scenario_logs,
        clear_managed_knowledge_banks=clear_managed_knowledge_banks,
        wait=wait,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    project_key: str,
    *,
    client: AuthenticatedClient | Client,
    clear_managed_datasets: bool | Unset = UNSET,
    clear_output_managed_folders: bool | Unset = UNSET,
    clear_job_and_scenario_logs: bool | Unset = UNSET,
    clear_managed_knowledge_banks: bool | Unset = UNSET,
    wait: bool | Unset = UNSET,
) -> DSSError | ProjectDeletionFuture | None:
    """Delete a project

     Deletes the project with its code studios (stopped first) and its library. Answers a future;
    with `wait` (the default) the deletion is done when the call returns and the future carries
    its result. Only the project's administrators may delete it: its owner, users granted
    `admin` in its permissions, and instance administrators. A deletion of the project (or of one
    of its code studios) already under way is answered with 409. Called by `DSSProject.delete`.

    Args:
        project_key (str):
        clear_managed_datasets (bool | Unset):
        clear_output_managed_folders (bool | Unset):
        clear_job_and_scenario_logs (bool | Unset):
        clear_managed_knowledge_banks (bool | Unset):
        wait (bool | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        DSSError | ProjectDeletionFuture
    """

    return sync_detailed(
        project_key=project_key,
        client=client,
        clear_managed_datasets=clear_managed_datasets,
        clear_output_managed_folders=clear_output_managed_folders,
        clear_job_and_scenario_logs=clear_job_and_scenario_logs,
        clear_managed_knowledge_banks=clear_managed_knowledge_banks,
        wait=wait,
    ).parsed


async def asyncio_detailed(
    project_key: str,
    *,
    client: AuthenticatedClient | Client,
    clear_managed_datasets: bool | Unset = UNSET,
    clear_output_managed_folders: bool | Unset = UNSET,
    clear_job_and_scenario_logs: bool | Unset = UNSET,
    clear_managed_knowledge_banks: bool | Unset = UNSET,
    wait: bool | Unset = UNSET,
) -> Response[DSSError | ProjectDeletionFuture]:
    """Delete a project

     Deletes the project with its code studios (stopped first) and its library. Answers a future;
    with `wait` (the default) the deletion is done when the call returns and the future carries
    its result. Only the project's administrators may delete it: its owner, users granted
    `admin` in its permissions, and instance administrators. A deletion of the project (or of one
    of its code studios) already under way is answered with 409. Called by `DSSProject.delete`.

    Args:
        project_key (str):
        clear_managed_datasets (bool | Unset):
        clear_output_managed_folders (bool | Unset):
        clear_job_and_scenario_logs (bool | Unset):
        clear_managed_knowledge_banks (bool | Unset):
        wait (bool | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[DSSError | ProjectDeletionFuture]
    """

    kwargs = _get_kwargs(
        project_key=project_key,
        clear_managed_datasets=clear_managed_datasets,
        clear_output_managed_folders=clear_output_managed_folders,
        clear_job_and_scenario_logs=clear_job_and_scenario_logs,
        clear_managed_knowledge_banks=clear_managed_knowledge_banks,
        wait=wait,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    project_key: str,
    *,
    client: AuthenticatedClient | Client,
    clear_managed_datasets: bool | Unset = UNSET,
    clear_output_managed_folders: bool | Unset = UNSET,
    clear_job_and_scenario_logs: bool | Unset = UNSET,
    clear_managed_knowledge_banks: bool | Unset = UNSET,
    wait: bool | Unset = UNSET,
) -> DSSError | ProjectDeletionFuture | None:
    """Delete a project

     Deletes the project with its code studios (stopped first) and its library. Answers a future;
    with `wait` (the default) the deletion is done when the call returns and the future carries
    its result. Only the project's administrators may delete it: its owner, users granted
    `admin` in its permissions, and instance administrators. A deletion of the project (or of one
    of its code studios) already under way is answered with 409. Called by `DSSProject.delete`.

    Args:
        project_key (str):
        clear_managed_datasets (bool | Unset):
        clear_output_managed_folders (bool | Unset):
        clear_job_and_scenario_logs (bool | Unset):
        clear_managed_knowledge_banks (bool | Unset):
        wait (bool | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        DSSError | ProjectDeletionFuture
    """

    return (
        await asyncio_detailed(
            project_key=project_key,
            client=client,
            clear_managed_datasets=clear_managed_datasets,
            clear_output_managed_folders=clear_output_managed_folders,
            clear_job_and_scenario_logs=clear_job_and_scenario_logs,
            clear_managed_knowledge_banks=clear_managed_knowledge_banks,
            wait=wait,
        )
    ).parsed
