"""Projects: the containers of code studios and of the project library."""

from __future__ import annotations

from typing import TYPE_CHECKING, Literal, overload

from dss_codestudio_openapi.api.code_studios import create_code_studio, list_code_studios
from dss_codestudio_openapi.api.project_libraries import get_project_library_contents
from dss_codestudio_openapi.api.projects import delete_project
from dss_codestudio_openapi.models import CodeStudioCreateRequest, InfoMessages

from .._exceptions import APIResponseValidationError
from .._http import path_segment, success
from .._views import DSSInfoMessages
from ._codestudio import AsyncDSSCodeStudioObject, AsyncDSSCodeStudioObjectListItem
from ._future import AsyncDSSFuture
from ._library import AsyncDSSLibrary

if TYPE_CHECKING:
    from ._client import AsyncDSSClient


class AsyncDSSProject:
    """A handle on a project of the DSS instance.

    Do not instantiate: use `DSSClient.get_project()`.
    """

    def __init__(self, client: AsyncDSSClient, project_key: str) -> None:
        self.client = client
        self.project_key = path_segment(project_key, "project key")

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.project_key})"

    @overload
    async def list_code_studios(
        self, as_type: Literal["listitems", "listitem"] = "listitems"
    ) -> list[AsyncDSSCodeStudioObjectListItem]: ...
    @overload
    async def list_code_studios(self, as_type: Literal["objects", "object"]) -> list[AsyncDSSCodeStudioObject]: ...
    async def list_code_studios(
        self, as_type: str = "listitems"
    ) -> list[AsyncDSSCodeStudioObjectListItem] | list[AsyncDSSCodeStudioObject]:
        """Return the code studios of the project, as list items (name, owner, template) or as handles ("objects")."""
        if as_type not in ("listitems", "listitem", "objects", "object"):
            raise ValueError("Unknown as_type")
        items = success(
            await self.client._call(list_code_studios.asyncio_detailed, self.project_key, client=self.client._api)
        )
        if as_type in ("listitems", "listitem"):
            return [AsyncDSSCodeStudioObjectListItem(self.client, self.project_key, item) for item in items]
        return [AsyncDSSCodeStudioObject(self.client, self.project_key, item.id) for item in items]

    def get_code_studio(self, code_studio_id: str) -> AsyncDSSCodeStudioObject:
        """Return a handle on a code studio of the project (no call is made)."""
        return AsyncDSSCodeStudioObject(self.client, self.project_key, code_studio_id)

    async def create_code_studio(self, name: str, template_id: str) -> AsyncDSSCodeStudioObject:
        """Create a code studio from a template (owned by the caller, STOPPED); returns a handle on it."""
        body = CodeStudioCreateRequest(name=name, template_id=template_id)
        response = await self.client._call(
            create_code_studio.asyncio_detailed, self.project_key, client=self.client._api, body=body
        )
        code_studio_id = success(response).code_studio.id
        if not isinstance(code_studio_id, str) or not code_studio_id:
            raise APIResponseValidationError("the creation of the code studio answered no id", response=None)
        return AsyncDSSCodeStudioObject(self.client, self.project_key, code_studio_id)

    async def get_library(self) -> AsyncDSSLibrary:
        """Return the project library, with its whole tree fetched now."""
        response = await self.client._call(
            get_project_library_contents.asyncio_detailed, self.project_key, client=self.client._api
        )
        return AsyncDSSLibrary(self.client, self.project_key, success(response))

    async def delete(
        self,
        clear_managed_datasets: bool = False,
        clear_output_managed_folders: bool = False,
        clear_job_and_scenario_logs: bool = True,
        clear_managed_knowledge_banks: bool = False,
        wait: bool = True,
        drop_data: bool = False,
    ) -> AsyncDSSFuture[DSSInfoMessages]:
        """Delete the project, with its code studios and library (needs an administrator key).

        With `wait` (the default) DSS deletes before answering and the returned future holds the
        result; otherwise wait on the future. `drop_data` is dataikuapi's old name for
        `clear_managed_datasets`.
        """
        response = await self.client._call(
            delete_project.asyncio_detailed,
            self.project_key,
            client=self.client._api,
            clear_managed_datasets=clear_managed_datasets or drop_data,
            clear_output_managed_folders=clear_output_managed_folders,
            clear_job_and_scenario_logs=clear_job_and_scenario_logs,
            clear_managed_knowledge_banks=clear_managed_knowledge_banks,
            wait=wait,
        )
        answer = success(response)
        return AsyncDSSFuture._of_answer(self.client, answer, InfoMessages, DSSInfoMessages)
