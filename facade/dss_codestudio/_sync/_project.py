# Generated from facade/dss_codestudio/_async/_project.py by codegen/unasync.py: do not edit;
# change the async module and run `python codegen/unasync.py`.
"""Projects: the containers of code studios and of the project library."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Literal, overload

from dss_codestudio_openapi.api.code_studios import create_code_studio, list_code_studios
from dss_codestudio_openapi.api.project_libraries import get_project_library_contents
from dss_codestudio_openapi.api.projects import (
    delete_project,
    get_project_metadata,
    get_project_permissions,
    get_project_settings,
    get_project_summary,
    save_project_settings,
    set_project_metadata,
    set_project_permissions,
)
from dss_codestudio_openapi.models import (
    CodeStudioCreateRequest,
    InfoMessages,
    ProjectMetadata,
    ProjectPermissions,
)

from .._exceptions import APIResponseValidationError
from .._http import path_segment, success
from .._parsing import parse
from .._types import JSONObject
from .._views import DSSInfoMessages, DSSProjectSummary, ProjectSettingsBase
from ._codestudio import DSSCodeStudioObject, DSSCodeStudioObjectListItem
from ._future import DSSFuture
from ._library import DSSLibrary

if TYPE_CHECKING:
    from ._client import DSSClient


class DSSProjectSettings(ProjectSettingsBase):
    """The settings of a project: edit `get_raw()` or use the helpers (`set_python_code_env`, ...), then `save()`.

    Do not instantiate: use `DSSProject.get_settings()`.
    """

    def __init__(self, client: DSSClient, project_key: str, settings: JSONObject) -> None:
        super().__init__(project_key, settings)
        self.client = client

    def save(self) -> None:
        """Save the settings (needs administrator access on the project): the raw dictionary, every field included.

        A code env chosen explicitly must be one the instance has (NotFoundError otherwise).
        """
        self.client._call(
            save_project_settings.sync_detailed, self.project_key, client=self.client._api, body=self.to_model()
        )


class DSSProject:
    """A handle on a project of the DSS instance.

    Do not instantiate: use `DSSClient.get_project()`.
    """

    def __init__(self, client: DSSClient, project_key: str) -> None:
        self.client = client
        self.project_key = path_segment(project_key, "project key")

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.project_key})"

    @overload
    def list_code_studios(
        self, as_type: Literal["listitems", "listitem"] = "listitems"
    ) -> list[DSSCodeStudioObjectListItem]: ...
    @overload
    def list_code_studios(self, as_type: Literal["objects", "object"]) -> list[DSSCodeStudioObject]: ...
    def list_code_studios(
        self, as_type: str = "listitems"
    ) -> list[DSSCodeStudioObjectListItem] | list[DSSCodeStudioObject]:
        """Return the code studios of the project, as list items (name, owner, template) or as handles ("objects")."""
        if as_type not in ("listitems", "listitem", "objects", "object"):
            raise ValueError("Unknown as_type")
        items = success(self.client._call(list_code_studios.sync_detailed, self.project_key, client=self.client._api))
        if as_type in ("listitems", "listitem"):
            return [DSSCodeStudioObjectListItem(self.client, self.project_key, item) for item in items]
        return [DSSCodeStudioObject(self.client, self.project_key, item.id) for item in items]

    def get_code_studio(self, code_studio_id: str) -> DSSCodeStudioObject:
        """Return a handle on a code studio of the project (no call is made)."""
        return DSSCodeStudioObject(self.client, self.project_key, code_studio_id)

    def create_code_studio(self, name: str, template_id: str) -> DSSCodeStudioObject:
        """Create a code studio from a template (owned by the caller, STOPPED); returns a handle on it."""
        body = CodeStudioCreateRequest(name=name, template_id=template_id)
        response = self.client._call(
            create_code_studio.sync_detailed, self.project_key, client=self.client._api, body=body
        )
        code_studio_id = success(response).code_studio.id
        if not isinstance(code_studio_id, str) or not code_studio_id:
            raise APIResponseValidationError("the creation of the code studio answered no id", response=None)
        return DSSCodeStudioObject(self.client, self.project_key, code_studio_id)

    def get_library(self) -> DSSLibrary:
        """Return the project library, with its whole tree fetched now."""
        response = self.client._call(
            get_project_library_contents.sync_detailed, self.project_key, client=self.client._api
        )
        return DSSLibrary(self.client, self.project_key, success(response))

    def delete(
        self,
        clear_managed_datasets: bool = False,
        clear_output_managed_folders: bool = False,
        clear_job_and_scenario_logs: bool = True,
        clear_managed_knowledge_banks: bool = False,
        wait: bool = True,
        drop_data: bool = False,
    ) -> DSSFuture[DSSInfoMessages]:
        """Delete the project, with its code studios and library (needs an administrator key).

        With `wait` (the default) DSS deletes before answering and the returned future holds the
        result; otherwise wait on the future. `drop_data` is dataikuapi's old name for
        `clear_managed_datasets`.
        """
        response = self.client._call(
            delete_project.sync_detailed,
            self.project_key,
            client=self.client._api,
            clear_managed_datasets=clear_managed_datasets or drop_data,
            clear_output_managed_folders=clear_output_managed_folders,
            clear_job_and_scenario_logs=clear_job_and_scenario_logs,
            clear_managed_knowledge_banks=clear_managed_knowledge_banks,
            wait=wait,
        )
        answer = success(response)
        return DSSFuture._of_answer(self.client, answer, InfoMessages, DSSInfoMessages)

    def get_summary(self) -> DSSProjectSummary:
        """Return a read-only summary of the project: key, name, owner, descriptions, tags, last change."""
        response = self.client._call(get_project_summary.sync_detailed, self.project_key, client=self.client._api)
        return DSSProjectSummary(success(response))

    def get_metadata(self) -> JSONObject:
        """Return the project's metadata: `label` (its name), `description`, `shortDesc`, `tags`, `custom`...

        A dictionary, as dataikuapi's: edit it and give it to `set_metadata`.
        """
        response = self.client._call(get_project_metadata.sync_detailed, self.project_key, client=self.client._api)
        return success(response).to_dict()

    def set_metadata(self, metadata: Mapping[str, object]) -> None:
        """Replace the project's metadata (needs write access); `label` renames the project."""
        body = parse(ProjectMetadata, dict(metadata))
        self.client._call(set_project_metadata.sync_detailed, self.project_key, client=self.client._api, body=body)

    def get_settings(self) -> DSSProjectSettings:
        """Return the project's settings (code envs, container, clusters, exposed objects); edit, then `save()`."""
        response = self.client._call(get_project_settings.sync_detailed, self.project_key, client=self.client._api)
        return DSSProjectSettings(self.client, self.project_key, success(response).to_dict())

    def get_permissions(self) -> JSONObject:
        """Return the project's `owner` and `permissions` items (needs administrator access on the project).

        A dictionary, as dataikuapi's: append items such as
        `{"group": "data_team", "readProjectContent": True}` and give it to `set_permissions`.
        """
        response = self.client._call(get_project_permissions.sync_detailed, self.project_key, client=self.client._api)
        return success(response).to_dict()

    def set_permissions(self, permissions: Mapping[str, object]) -> None:
        """Replace the project's permission items (project administrators) and owner (its owner or an admin)."""
        body = parse(ProjectPermissions, dict(permissions))
        self.client._call(set_project_permissions.sync_detailed, self.project_key, client=self.client._api, body=body)
