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
from dss_codestudio_openapi.models import CodeStudioTemplateBuildResult, CodeStudioTemplateListItem

from .._exceptions import BuildFailedError
from .._http import path_segment, success
from .._types import JSONObject
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


def build_result(result: CodeStudioTemplateBuildResult) -> DSSCodeStudioTemplateBuildResult:
    """Return the view of the result of a build; raises BuildFailedError when its messages report an error."""
    built = DSSCodeStudioTemplateBuildResult(result)
    messages = built.messages
    if messages.has_error:
        details = "; ".join(str(m.message or m.title or m.code) for m in messages.errors)
        raise BuildFailedError(
            f"the template build failed: {details or 'error reported'}", job_id=None, messages=messages
        )
    return built


class AsyncDSSCodeStudioTemplateListItem(TemplateListItemBase):
    """An item of the list of code studio templates.

    Do not instantiate: use `DSSClient.list_code_studio_templates()`.
    """

    def __init__(self, client: AsyncDSSClient, item: CodeStudioTemplateListItem) -> None:
        super().__init__(item)
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
        """Save the settings: the raw dictionary is sent back, through the generated model, every field included.

        Fields this client does not know, and values of shapes the spec does not allow, are kept by
        the model (`parse`) and reach DSS as they are in the dictionary.
        """
        await self.client._call(
            save_code_studio_template_settings.asyncio_detailed,
            self.template_id,
            client=self.client._api,
            body=self.to_model(),
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
        response = await self.client._call(
            get_code_studio_template_settings.asyncio_detailed, self.template_id, client=self.client._api
        )
        return AsyncDSSCodeStudioTemplateSettings(self.client, self.template_id, success(response).to_dict())

    async def build(self, disable_docker_cache: bool = False) -> AsyncDSSFuture[DSSCodeStudioTemplateBuildResult]:
        """Build (or rebuild) the template's images; returns the future of the build.

        Waiting on it returns the build result, or raises BuildFailedError when the build reports an
        error (DSS completes such builds normally; the failure is only in the messages).
        `disable_docker_cache` builds from scratch (Docker's `--no-cache`).
        """
        response = await self.client._call(
            build_code_studio_template.asyncio_detailed,
            self.template_id,
            client=self.client._api,
            with_no_cache=disable_docker_cache,
        )
        answer = success(response)
        return AsyncDSSFuture._of_answer(self.client, answer, CodeStudioTemplateBuildResult, build_result)

    async def get_export_stream(self) -> AsyncDSSExportStream:
        """Start downloading the template as a zip archive; close the stream when done."""
        # Streamed: the generated function would read the whole archive into memory.
        return AsyncDSSExportStream(await self.client._stream(export_code_studio_template, self.template_id))

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
        response = await self.client._call(
            delete_code_studio_template.asyncio_detailed,
            self.template_id,
            client=self.client._api,
            delete_runtime=delete_runtime,
            delete_images=delete_images,
        )
        return DSSInfoMessages(success(response))
