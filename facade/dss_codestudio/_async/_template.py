"""Code studio templates: the instance-level definitions of the images code studios run."""

from __future__ import annotations

import os
from collections.abc import AsyncIterator
from typing import TYPE_CHECKING

import httpx
from dss_codestudio_openapi.api.code_studio_templates import (
    build_code_studio_template,
    delete_code_studio_template,
    export_code_studio_template,
    get_code_studio_template_settings,
    save_code_studio_template_settings,
)
from dss_codestudio_openapi.models import CodeStudioTemplateSettings

from .._exceptions import BuildFailedError
from .._http import open_model, path_segment
from .._types import JSONObject, JSONValue, as_object
from .._views import (
    DSSCodeStudioTemplateBuildResult,
    DSSInfoMessages,
    TemplateListItemBase,
    TemplateSettingsBase,
)
from ._future import AsyncDSSFuture

if TYPE_CHECKING:
    from ._client import AsyncDSSClient

_CHUNK = 64 * 1024


def build_result(result: JSONValue) -> DSSCodeStudioTemplateBuildResult:
    """Return the typed result of a build; raises BuildFailedError when its messages report an error."""
    built = DSSCodeStudioTemplateBuildResult(as_object(result))
    messages = built.messages
    if messages.has_error:
        details = "; ".join(
            str(m.message or m.title or m.code) for m in messages.messages if m.severity in ("ERROR", "FATAL")
        )
        raise BuildFailedError(
            f"the template build failed: {details or 'error reported'}", job_id=None, messages=messages
        )
    return built


class AsyncDSSCodeStudioTemplateListItem(TemplateListItemBase):
    """An item of the list of code studio templates.

    Do not instantiate: use `DSSClient.list_code_studio_templates()`.
    """

    def __init__(self, client: AsyncDSSClient, data: JSONObject) -> None:
        super().__init__(data)
        self.client = client

    def to_code_studio_template(self) -> AsyncDSSCodeStudioTemplate:
        """Return a handle on this template."""
        return AsyncDSSCodeStudioTemplate(self.client, self.id)


class AsyncDSSCodeStudioTemplateSettings(TemplateSettingsBase):
    """The settings of a code studio template: edit `get_raw()` or use the helpers, then `save()`.

    Do not instantiate: use `DSSCodeStudioTemplate.get_settings()`.
    """

    def __init__(self, client: AsyncDSSClient, template_id: str, settings: JSONObject) -> None:
        super().__init__(template_id, settings)
        self.client = client

    async def save(self) -> None:
        """Save the settings: the raw dictionary is sent back as it is, every field included."""
        # Sent verbatim, not re-serialised from a parsed model: fields this client does not know,
        # and values of unexpected shapes, reach DSS exactly as DSS sent them.
        body = open_model(CodeStudioTemplateSettings, self.settings)
        await self.client._transport.call(
            "saveCodeStudioTemplateSettings",
            lambda c: save_code_studio_template_settings.asyncio_detailed(self.template_id, client=c, body=body),
        )


class AsyncDSSExportStream:
    """A template export being downloaded: read it, iterate over it, or close it (it holds a connection).

    Use it as a context manager so the connection is released.
    """

    def __init__(self, response: httpx.Response) -> None:
        self.response = response
        self._buffer = b""
        self._chunks: AsyncIterator[bytes] | None = None

    async def read(self, size: int = -1) -> bytes:
        """Read up to `size` bytes (all that is left when `size` is negative); b"" at the end."""
        if size < 0:
            parts = [self._buffer]
            self._buffer = b""
            async for chunk in self.iter_bytes():
                parts.append(chunk)
            return b"".join(parts)
        if self._chunks is None:
            self._chunks = self.response.aiter_bytes(_CHUNK)
        while len(self._buffer) < size:
            try:
                self._buffer += await self._chunks.__anext__()
            except StopAsyncIteration:
                break
        data, self._buffer = self._buffer[:size], self._buffer[size:]
        return data

    async def iter_bytes(self) -> AsyncIterator[bytes]:
        """Return the rest of the archive, chunk by chunk."""
        if self._buffer:
            data, self._buffer = self._buffer, b""
            yield data
        if self._chunks is None:
            self._chunks = self.response.aiter_bytes(_CHUNK)
        async for chunk in self._chunks:
            yield chunk

    async def close(self) -> None:
        """Release the connection."""
        await self.response.aclose()

    async def __aenter__(self) -> AsyncDSSExportStream:
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        await self.close()


class AsyncDSSCodeStudioTemplate:
    """A handle on a code studio template of the instance.

    Do not instantiate: use `DSSClient.get_code_studio_template()`.
    """

    def __init__(self, client: AsyncDSSClient, template_id: str) -> None:
        self.client = client
        self.template_id = path_segment(template_id, "template id")

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.template_id})"

    async def get_settings(self) -> AsyncDSSCodeStudioTemplateSettings:
        """Return the settings of the template."""
        value = await self.client._transport.call_json(
            "getCodeStudioTemplateSettings",
            lambda c: get_code_studio_template_settings.asyncio_detailed(self.template_id, client=c),
        )
        return AsyncDSSCodeStudioTemplateSettings(self.client, self.template_id, as_object(value))

    async def build(self, disable_docker_cache: bool = False) -> AsyncDSSFuture[DSSCodeStudioTemplateBuildResult]:
        """Build (or rebuild) the template's images; returns the future of the build.

        Waiting on it returns the build result, or raises BuildFailedError when the build reports an
        error (DSS completes such builds normally; the failure is only in the messages).
        `disable_docker_cache` builds from scratch (Docker's `--no-cache`).
        """
        value = await self.client._transport.call_json(
            "buildCodeStudioTemplate",
            lambda c: build_code_studio_template.asyncio_detailed(
                self.template_id, client=c, with_no_cache=disable_docker_cache
            ),
        )
        return AsyncDSSFuture.from_resp(self.client, as_object(value), build_result)

    async def get_export_stream(self) -> AsyncDSSExportStream:
        """Start downloading the template as a zip archive; close the stream when done."""
        kwargs = export_code_studio_template._get_kwargs(self.template_id)
        response = await self.client._transport.stream("exportCodeStudioTemplate", kwargs)
        return AsyncDSSExportStream(response)

    async def export_to_file(self, path: str | os.PathLike[str]) -> None:
        """Download the template as a zip archive into `path` (which `import_code_studio_template` takes)."""
        stream = await self.get_export_stream()
        try:
            with open(path, "wb") as f:
                async for chunk in stream.iter_bytes():
                    f.write(chunk)
        finally:
            await stream.close()

    async def delete(self, delete_runtime: bool = False, delete_images: bool = False) -> DSSInfoMessages:
        """Delete the template; `delete_runtime` also deletes its code studios, `delete_images` its images.

        Returns DSS's messages about what was and was not deleted.
        """
        value = await self.client._transport.call_json(
            "deleteCodeStudioTemplate",
            lambda c: delete_code_studio_template.asyncio_detailed(
                self.template_id, client=c, delete_runtime=delete_runtime, delete_images=delete_images
            ),
        )
        return DSSInfoMessages(as_object(value))
