from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.code_studio_template_import_form import CodeStudioTemplateImportForm
from ...models.code_studio_template_import_result import CodeStudioTemplateImportResult
from ...models.dss_error import DSSError
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    body: CodeStudioTemplateImportForm,
    label: str | Unset = UNSET,
    import_spec: str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    params: dict[str, Any] = {}

    params["label"] = label

    params["importSpec"] = import_spec

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/admin/code-studios/import",
        "params": params,
    }

    _kwargs["files"] = body.to_multipart()

    headers["Content-Type"] = "multipart/form-data; boundary=+++"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> CodeStudioTemplateImportResult | DSSError | None:
    if response.status_code == 200:
        response_200 = CodeStudioTemplateImportResult.from_dict(response.json())

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


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[CodeStudioTemplateImportResult | DSSError]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: CodeStudioTemplateImportForm,
    label: str | Unset = UNSET,
    import_spec: str | Unset = UNSET,
) -> Response[CodeStudioTemplateImportResult | DSSError]:
    """Import a code studio template from an exported archive

     Creates a template from a zip produced by the export call (`template.json`, `manifest.json`,
    `exportSpec.json` and `template-resources/`). The imported template gets a new id derived from
    its label, so importing never overwrites an existing template. A file that is not such an
    archive (not a zip, no `template.json`, a `template.json` that is not valid template settings
    or has a blank label), and archives whose entries escape their folder, that hold links, or
    whose entry count or uncompressed size is absurd are refused with 400 before anything is
    written: the form's schema cannot say what a valid archive is. As DSS does, the imported template
    gets the tag
    `Imported`, and the importer as owner and in its `creationTag` and `versionTag`; every other
    field of `template.json` is kept as it is. Called by `DSSClient.import_code_studio_template`.
    Needs an administrator key.

    Args:
        label (str | Unset):
        import_spec (str | Unset):
        body (CodeStudioTemplateImportForm): The multipart form of a template import.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[CodeStudioTemplateImportResult | DSSError]
    """

    kwargs = _get_kwargs(
        body=body,
        label=label,
        import_spec=import_spec,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient | Client,
    body: CodeStudioTemplateImportForm,
    label: str | Unset = UNSET,
    import_spec: str | Unset = UNSET,
) -> CodeStudioTemplateImportResult | DSSError | None:
    """Import a code studio template from an exported archive

     Creates a template from a zip produced by the export call (`template.json`, `manifest.json`,
    `exportSpec.json` and `template-resources/`). The imported template gets a new id derived from
    its label, so importing never overwrites an existing template. A file that is not such an
    archive (not a zip, no `template.json`, a `template.json` that is not valid template settings
    or has a blank label), and archives whose entries escape their folder, that hold links, or
    whose entry count or uncompressed size is absurd are refused with 400 before anything is
    written: the form's schema cannot say what a valid archive is. As DSS does, the imported template
    gets the tag
    `Imported`, and the importer as owner and in its `creationTag` and `versionTag`; every other
    field of `template.json` is kept as it is. Called by `DSSClient.import_code_studio_template`.
    Needs an administrator key.

    Args:
        label (str | Unset):
        import_spec (str | Unset):
        body (CodeStudioTemplateImportForm): The multipart form of a template import.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        CodeStudioTemplateImportResult | DSSError
    """

    return sync_detailed(
        client=client,
        body=body,
        label=label,
        import_spec=import_spec,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: CodeStudioTemplateImportForm,
    label: str | Unset = UNSET,
    import_spec: str | Unset = UNSET,
) -> Response[CodeStudioTemplateImportResult | DSSError]:
    """Import a code studio template from an exported archive

     Creates a template from a zip produced by the export call (`template.json`, `manifest.json`,
    `exportSpec.json` and `template-resources/`). The imported template gets a new id derived from
    its label, so importing never overwrites an existing template. A file that is not such an
    archive (not a zip, no `template.json`, a `template.json` that is not valid template settings
    or has a blank label), and archives whose entries escape their folder, that hold links, or
    whose entry count or uncompressed size is absurd are refused with 400 before anything is
    written: the form's schema cannot say what a valid archive is. As DSS does, the imported template
    gets the tag
    `Imported`, and the importer as owner and in its `creationTag` and `versionTag`; every other
    field of `template.json` is kept as it is. Called by `DSSClient.import_code_studio_template`.
    Needs an administrator key.

    Args:
        label (str | Unset):
        import_spec (str | Unset):
        body (CodeStudioTemplateImportForm): The multipart form of a template import.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[CodeStudioTemplateImportResult | DSSError]
    """

    kwargs = _get_kwargs(
        body=body,
        label=label,
        import_spec=import_spec,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    body: CodeStudioTemplateImportForm,
    label: str | Unset = UNSET,
    import_spec: str | Unset = UNSET,
) -> CodeStudioTemplateImportResult | DSSError | None:
    """Import a code studio template from an exported archive

     Creates a template from a zip produced by the export call (`template.json`, `manifest.json`,
    `exportSpec.json` and `template-resources/`). The imported template gets a new id derived from
    its label, so importing never overwrites an existing template. A file that is not such an
    archive (not a zip, no `template.json`, a `template.json` that is not valid template settings
    or has a blank label), and archives whose entries escape their folder, that hold links, or
    whose entry count or uncompressed size is absurd are refused with 400 before anything is
    written: the form's schema cannot say what a valid archive is. As DSS does, the imported template
    gets the tag
    `Imported`, and the importer as owner and in its `creationTag` and `versionTag`; every other
    field of `template.json` is kept as it is. Called by `DSSClient.import_code_studio_template`.
    Needs an administrator key.

    Args:
        label (str | Unset):
        import_spec (str | Unset):
        body (CodeStudioTemplateImportForm): The multipart form of a template import.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        CodeStudioTemplateImportResult | DSSError
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
            label=label,
            import_spec=import_spec,
        )
    ).parsed
