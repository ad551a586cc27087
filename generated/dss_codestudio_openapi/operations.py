"""Every operation of openapi.yaml with its method, path and the policies of its `x-dss-*`.

Written by codegen/regen.py from openapi.yaml: do not edit; change the spec and regenerate.
"""

from __future__ import annotations

import enum
from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType, ModuleType

from .api.auth import get_auth_info
from .api.code_envs import get_code_env, list_code_envs, save_code_env
from .api.code_studio_templates import (
    build_code_studio_template,
    create_code_studio_template,
    delete_code_studio_template,
    export_code_studio_template,
    get_code_studio_template_settings,
    import_code_studio_template,
    list_code_studio_templates,
    save_code_studio_template_settings,
)
from .api.code_studios import (
    change_code_studio_owner,
    check_code_studio_conflicts,
    create_code_studio,
    create_code_studio_browser_login,
    delete_code_studio,
    get_code_studio_settings,
    get_code_studio_status,
    list_code_studios,
    pull_from_code_studio,
    push_to_code_studio,
    restart_code_studio,
    stop_code_studio,
)
from .api.futures import abort_future, get_future_state, list_futures
from .api.project_libraries import (
    create_project_library_folder,
    delete_project_library_item,
    get_project_library_contents,
    get_project_library_file,
    move_project_library_item,
    rename_project_library_item,
    write_project_library_file,
)
from .api.projects import (
    create_project,
    delete_project,
    get_project_metadata,
    get_project_permissions,
    get_project_settings,
    get_project_summary,
    list_projects,
    save_project_settings,
    set_project_metadata,
    set_project_permissions,
)


class RetryPolicy(enum.Enum):
    """How an operation may be retried (`x-dss-retry`)."""

    REPEATABLE = "repeatable"
    """Doing it twice is doing it once: retried after timeouts, connection failures, transient statuses."""
    UNSENT_ONLY = "unsent-only"
    """It changes state: retried only when the connection could not be opened (nothing was sent)."""


@dataclass(frozen=True, slots=True)
class Operation:
    """An operation of the spec: its id, method and path, and its client policies."""

    operation_id: str
    method: str
    path: str
    retry: RetryPolicy
    long_running: bool
    """DSS works before answering (`x-dss-long-running`): the call gets the long default timeout."""


OPERATIONS: Mapping[ModuleType, Operation] = MappingProxyType(
    {
        list_code_studio_templates: Operation(
            "listCodeStudioTemplates", "GET", "/admin/code-studios/", RetryPolicy.REPEATABLE, long_running=False
        ),
        create_code_studio_template: Operation(
            "createCodeStudioTemplate", "POST", "/admin/code-studios/", RetryPolicy.UNSENT_ONLY, long_running=False
        ),
        import_code_studio_template: Operation(
            "importCodeStudioTemplate", "POST", "/admin/code-studios/import", RetryPolicy.UNSENT_ONLY, long_running=True
        ),
        get_code_studio_template_settings: Operation(
            "getCodeStudioTemplateSettings",
            "GET",
            "/admin/code-studios/{templateId}",
            RetryPolicy.REPEATABLE,
            long_running=False,
        ),
        save_code_studio_template_settings: Operation(
            "saveCodeStudioTemplateSettings",
            "PUT",
            "/admin/code-studios/{templateId}",
            RetryPolicy.REPEATABLE,
            long_running=False,
        ),
        delete_code_studio_template: Operation(
            "deleteCodeStudioTemplate",
            "DELETE",
            "/admin/code-studios/{templateId}",
            RetryPolicy.UNSENT_ONLY,
            long_running=True,
        ),
        build_code_studio_template: Operation(
            "buildCodeStudioTemplate",
            "POST",
            "/admin/code-studios/{templateId}/build",
            RetryPolicy.UNSENT_ONLY,
            long_running=False,
        ),
        export_code_studio_template: Operation(
            "exportCodeStudioTemplate",
            "GET",
            "/admin/code-studios/{templateId}/export",
            RetryPolicy.REPEATABLE,
            long_running=True,
        ),
        list_code_envs: Operation(
            "listCodeEnvs", "GET", "/admin/code-envs/", RetryPolicy.REPEATABLE, long_running=False
        ),
        get_code_env: Operation(
            "getCodeEnv", "GET", "/admin/code-envs/{envLang}/{envName}", RetryPolicy.REPEATABLE, long_running=False
        ),
        save_code_env: Operation(
            "saveCodeEnv", "PUT", "/admin/code-envs/{envLang}/{envName}", RetryPolicy.REPEATABLE, long_running=False
        ),
        list_projects: Operation("listProjects", "GET", "/projects/", RetryPolicy.REPEATABLE, long_running=False),
        create_project: Operation("createProject", "POST", "/projects/", RetryPolicy.UNSENT_ONLY, long_running=False),
        get_project_summary: Operation(
            "getProjectSummary", "GET", "/projects/{projectKey}", RetryPolicy.REPEATABLE, long_running=False
        ),
        delete_project: Operation(
            "deleteProject", "DELETE", "/projects/{projectKey}", RetryPolicy.UNSENT_ONLY, long_running=True
        ),
        get_project_metadata: Operation(
            "getProjectMetadata", "GET", "/projects/{projectKey}/metadata", RetryPolicy.REPEATABLE, long_running=False
        ),
        set_project_metadata: Operation(
            "setProjectMetadata", "PUT", "/projects/{projectKey}/metadata", RetryPolicy.REPEATABLE, long_running=False
        ),
        get_project_settings: Operation(
            "getProjectSettings", "GET", "/projects/{projectKey}/settings", RetryPolicy.REPEATABLE, long_running=False
        ),
        save_project_settings: Operation(
            "saveProjectSettings", "PUT", "/projects/{projectKey}/settings", RetryPolicy.REPEATABLE, long_running=False
        ),
        get_project_permissions: Operation(
            "getProjectPermissions",
            "GET",
            "/projects/{projectKey}/permissions",
            RetryPolicy.REPEATABLE,
            long_running=False,
        ),
        set_project_permissions: Operation(
            "setProjectPermissions",
            "PUT",
            "/projects/{projectKey}/permissions",
            RetryPolicy.REPEATABLE,
            long_running=False,
        ),
        list_code_studios: Operation(
            "listCodeStudios", "GET", "/projects/{projectKey}/code-studios/", RetryPolicy.REPEATABLE, long_running=False
        ),
        create_code_studio: Operation(
            "createCodeStudio",
            "POST",
            "/projects/{projectKey}/code-studios/",
            RetryPolicy.UNSENT_ONLY,
            long_running=False,
        ),
        get_code_studio_settings: Operation(
            "getCodeStudioSettings",
            "GET",
            "/projects/{projectKey}/code-studios/{codeStudioId}",
            RetryPolicy.REPEATABLE,
            long_running=False,
        ),
        delete_code_studio: Operation(
            "deleteCodeStudio",
            "DELETE",
            "/projects/{projectKey}/code-studios/{codeStudioId}",
            RetryPolicy.UNSENT_ONLY,
            long_running=True,
        ),
        get_code_studio_status: Operation(
            "getCodeStudioStatus",
            "GET",
            "/projects/{projectKey}/code-studios/{codeStudioId}/status",
            RetryPolicy.REPEATABLE,
            long_running=False,
        ),
        restart_code_studio: Operation(
            "restartCodeStudio",
            "POST",
            "/projects/{projectKey}/code-studios/{codeStudioId}/restart",
            RetryPolicy.UNSENT_ONLY,
            long_running=False,
        ),
        stop_code_studio: Operation(
            "stopCodeStudio",
            "POST",
            "/projects/{projectKey}/code-studios/{codeStudioId}/stop",
            RetryPolicy.UNSENT_ONLY,
            long_running=False,
        ),
        check_code_studio_conflicts: Operation(
            "checkCodeStudioConflicts",
            "GET",
            "/projects/{projectKey}/code-studios/{codeStudioId}/conflicts/{zone}",
            RetryPolicy.REPEATABLE,
            long_running=True,
        ),
        pull_from_code_studio: Operation(
            "pullFromCodeStudio",
            "GET",
            "/projects/{projectKey}/code-studios/{codeStudioId}/pull/{zone}",
            RetryPolicy.UNSENT_ONLY,
            long_running=True,
        ),
        push_to_code_studio: Operation(
            "pushToCodeStudio",
            "GET",
            "/projects/{projectKey}/code-studios/{codeStudioId}/push/{zone}",
            RetryPolicy.UNSENT_ONLY,
            long_running=True,
        ),
        change_code_studio_owner: Operation(
            "changeCodeStudioOwner",
            "POST",
            "/projects/{projectKey}/code-studios/{codeStudioId}/change-owner",
            RetryPolicy.UNSENT_ONLY,
            long_running=False,
        ),
        create_code_studio_browser_login: Operation(
            "createCodeStudioBrowserLogin",
            "POST",
            "/projects/{projectKey}/code-studios/{codeStudioId}/browser-login",
            RetryPolicy.UNSENT_ONLY,
            long_running=False,
        ),
        get_project_library_contents: Operation(
            "getProjectLibraryContents",
            "GET",
            "/projects/{projectKey}/libraries/contents",
            RetryPolicy.REPEATABLE,
            long_running=False,
        ),
        get_project_library_file: Operation(
            "getProjectLibraryFile",
            "GET",
            "/projects/{projectKey}/libraries/contents/{path}",
            RetryPolicy.REPEATABLE,
            long_running=False,
        ),
        write_project_library_file: Operation(
            "writeProjectLibraryFile",
            "POST",
            "/projects/{projectKey}/libraries/contents/{path}",
            RetryPolicy.UNSENT_ONLY,
            long_running=True,
        ),
        delete_project_library_item: Operation(
            "deleteProjectLibraryItem",
            "DELETE",
            "/projects/{projectKey}/libraries/contents/{path}",
            RetryPolicy.UNSENT_ONLY,
            long_running=False,
        ),
        create_project_library_folder: Operation(
            "createProjectLibraryFolder",
            "POST",
            "/projects/{projectKey}/libraries/folders/{path}",
            RetryPolicy.UNSENT_ONLY,
            long_running=False,
        ),
        rename_project_library_item: Operation(
            "renameProjectLibraryItem",
            "POST",
            "/projects/{projectKey}/libraries/contents-actions/rename/",
            RetryPolicy.UNSENT_ONLY,
            long_running=False,
        ),
        move_project_library_item: Operation(
            "moveProjectLibraryItem",
            "POST",
            "/projects/{projectKey}/libraries/contents-actions/move",
            RetryPolicy.UNSENT_ONLY,
            long_running=False,
        ),
        get_auth_info: Operation("getAuthInfo", "GET", "/auth/info", RetryPolicy.REPEATABLE, long_running=False),
        list_futures: Operation("listFutures", "GET", "/futures/", RetryPolicy.REPEATABLE, long_running=False),
        get_future_state: Operation(
            "getFutureState", "GET", "/futures/{jobId}", RetryPolicy.REPEATABLE, long_running=False
        ),
        abort_future: Operation(
            "abortFuture", "DELETE", "/futures/{jobId}", RetryPolicy.REPEATABLE, long_running=False
        ),
    }
)
"""Each generated operation module (`api/<tag>/<operation>.py`), with its operation."""
