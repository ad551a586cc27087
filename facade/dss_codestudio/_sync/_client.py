# Generated from facade/dss_codestudio/_async/_client.py by codegen/unasync.py: do not edit;
# change the async module and run `python codegen/unasync.py`.
"""The entry point: a client of one DSS instance, holding its connection pool and options."""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from types import ModuleType
from typing import Literal, ParamSpec, Self, TypeVar, overload

import httpx
from dss_codestudio_openapi import Client as GeneratedClient
from dss_codestudio_openapi.api.auth import get_auth_info
from dss_codestudio_openapi.api.code_envs import list_code_envs
from dss_codestudio_openapi.api.code_studio_templates import (
    create_code_studio_template,
    import_code_studio_template,
    list_code_studio_templates,
)
from dss_codestudio_openapi.api.futures import list_futures
from dss_codestudio_openapi.api.projects import create_project, list_projects
from dss_codestudio_openapi.models import (
    CodeStudioTemplateCreateRequest,
    CodeStudioTemplateImportForm,
    FutureState,
    ProjectCreateRequest,
    ProjectCreateRequestPermissionsItem,
    ProjectCreateRequestSettingsType0,
    ProjectListItem,
)
from dss_codestudio_openapi.types import UNSET, File, Response

from .._config import resolve_instance
from .._exceptions import APIResponseValidationError, DataikuException
from .._http import (
    DEFAULT_LONG_TIMEOUT,
    DEFAULT_TIMEOUT,
    HeaderAuth,
    TransportOptions,
    as_timeout,
    base_url,
    check_retries,
    default_headers,
    success,
    tls_config,
)
from .._logs import setup_logging
from .._polling import Deadline
from .._retry import DEFAULT_MAX_RETRIES
from .._types import JSONObject, JSONValue
from .._versions import DSSVersion, versions_of
from .._views import DSSAuthInfo, DSSCodeStudioTemplateImportResult, info_messages
from ._codeenv import DSSCodeEnv, DSSCodeEnvListItem
from ._future import DSSFuture, json_result
from ._project import DSSProject
from ._template import DSSCodeStudioTemplate, DSSCodeStudioTemplateListItem
from ._transport import Transport

P = ParamSpec("P")
R = TypeVar("R")


class DSSClient:
    """A client of a DSS instance: the entry point to its projects, code studios, templates and futures.

    `DSSClient(host, api_key)` as dataikuapi's `DSSClient`; without arguments it reads
    `DKU_DSS_URL` and `DKU_API_KEY`, then `~/.dataiku/config.json` (`instance` picks one of its
    `dss_instances`). Calls time out (`timeout`: by default 10 s to connect and 60 s to read, or
    600 s for the calls DSS may work on for minutes before answering: push, pull, conflicts,
    deletions, import, export; a timeout given explicitly applies to every call) and the calls
    that are safe to repeat are retried `max_retries` times on transient failures. The client
    holds a connection pool: close it, or use the client as a context manager.
    """

    def __init__(
        self,
        host: str | None = None,
        api_key: str | None = None,
        internal_ticket: str | None = None,
        extra_headers: Mapping[str, str] | None = None,
        no_check_certificate: bool = False,
        client_certificate: str | tuple[str, str] | None = None,
        jwt_bearer_token: str | None = None,
        *,
        instance: str | None = None,
        timeout: float | httpx.Timeout = DEFAULT_TIMEOUT,
        max_retries: int = DEFAULT_MAX_RETRIES,
        transport: httpx.BaseTransport | None = None,
    ) -> None:
        setup_logging()
        explicit_credentials = internal_ticket is not None or jwt_bearer_token is not None
        found = resolve_instance(host, None if explicit_credentials else api_key, instance=instance)
        self.host = found.url
        self.api_key = None if explicit_credentials else found.require_key()
        self.internal_ticket = internal_ticket
        self.jwt_bearer_token = jwt_bearer_token
        options = TransportOptions(
            base_url=base_url(self.host),
            headers=default_headers(dict(extra_headers) if extra_headers else None),
            auth=HeaderAuth(self.api_key, internal_ticket, jwt_bearer_token),
            timeout=as_timeout(timeout),
            max_retries=check_retries(max_retries),
            long_timeout=DEFAULT_LONG_TIMEOUT if timeout is DEFAULT_TIMEOUT else None,
        )
        verify = tls_config(not (no_check_certificate or found.no_check_certificate), client_certificate)
        self._sender = Transport(options, verify=verify, transport=transport)

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.host!r})"

    def with_options(
        self,
        *,
        timeout: float | httpx.Timeout | None = None,
        max_retries: int | None = None,
        extra_headers: Mapping[str, str] | None = None,
    ) -> Self:
        """Return a client with other options that shares this one's connection pool (closing it closes nothing).

        `client.with_options(timeout=300).get_code_studio_template("t").get_export_stream()` gives one
        call a longer timeout; `max_retries=0` disables retries.
        """
        derived = object.__new__(type(self))
        derived.__dict__.update(self.__dict__)
        options = self._sender.options.evolve(
            timeout=timeout, max_retries=max_retries, headers=dict(extra_headers) if extra_headers else None
        )
        derived._sender = self._sender.derive(options)
        return derived

    @property
    def timeout(self) -> httpx.Timeout:
        """The timeout of each call."""
        return self._sender.options.timeout

    @property
    def max_retries(self) -> int:
        """How many times a call that is safe to repeat is retried after a transient failure."""
        return self._sender.options.max_retries

    def close(self) -> None:
        """Close the connection pool."""
        self._sender.close()

    @property
    def is_closed(self) -> bool:
        """Whether the connection pool is closed."""
        return self._sender.is_closed

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    # The handles' one way to DSS: a generated `*_detailed` function, sent with its operation's policies.

    @property
    def _api(self) -> GeneratedClient:
        """The generated client to pass to the generated functions (`client=`)."""
        return self._sender.generated

    def _call(self, send: Callable[P, Response[R]], *args: P.args, **kwargs: P.kwargs) -> Response[R]:
        """Call a generated `*_detailed` function: retries, timeouts and typed errors as its operation says."""
        return self._sender.call(None, send, *args, **kwargs)

    def _call_within(
        self, deadline: Deadline | None, send: Callable[P, Response[R]], *args: P.args, **kwargs: P.kwargs
    ) -> Response[R]:
        """`_call`, for a call made by a wait: it is given no more than the time left before `deadline` (if any)."""
        return self._sender.call(deadline, send, *args, **kwargs)

    def _stream(self, operation: ModuleType, *path_values: str) -> httpx.Response:
        """Send the request of a generated operation module with these path values, and answer it unread."""
        return self._sender.stream(operation, *path_values)

    def _sleep(self, seconds: float) -> None:
        """Sleep between polls (a fake clock replaces it in tests)."""
        self._sender.sleep(seconds)

    def _clock(self) -> float:
        """Return the time of the monotonic clock of waits and deadlines."""
        return self._sender.clock()

    ########################################################
    # Who am I
    ########################################################

    def get_auth_info(self, with_secrets: bool = False) -> DSSAuthInfo:
        """Return who the API key authenticates as: `auth_identifier`, `groups`, and `login` to use as an owner.

        `with_secrets` also returns the user's secrets. `info["authIdentifier"]` reads the raw
        answer, as with dataikuapi.
        """
        response = self._call(get_auth_info.sync_detailed, client=self._api, with_secrets=with_secrets)
        return DSSAuthInfo(success(response))

    ########################################################
    # Code envs
    ########################################################

    @overload
    def list_code_envs(self, as_objects: Literal[False] = False) -> list[DSSCodeEnvListItem]: ...
    @overload
    def list_code_envs(self, as_objects: Literal[True]) -> list[DSSCodeEnv]: ...
    def list_code_envs(self, as_objects: bool = False) -> list[DSSCodeEnvListItem] | list[DSSCodeEnv]:
        """Return the code envs of the instance, as list items (`env_lang`, `env_name`, ...) or handles (`as_objects`).

        Their names fill `import_spec={"codeEnvRemapping": [...]}` of a template import, the
        `add_codeenv` blocks of a template, and `DSSProjectSettings.set_python_code_env`.
        """
        items = success(self._call(list_code_envs.sync_detailed, client=self._api))
        if as_objects:
            return [DSSCodeEnv(self, item.env_lang, item.env_name) for item in items]
        return [DSSCodeEnvListItem(self, item) for item in items]

    def get_code_env(self, env_lang: str, env_name: str) -> DSSCodeEnv:
        """Return a handle on a code env (`PYTHON` or `R`, and its name; no call is made)."""
        return DSSCodeEnv(self, env_lang, env_name)

    ########################################################
    # Futures
    ########################################################

    @overload
    def list_futures(self, as_objects: Literal[False] = False, all_users: bool = False) -> list[JSONObject]: ...
    @overload
    def list_futures(self, as_objects: Literal[True], all_users: bool = False) -> list[DSSFuture[JSONValue]]: ...
    def list_futures(
        self, as_objects: bool = False, all_users: bool = False
    ) -> list[JSONObject] | list[DSSFuture[JSONValue]]:
        """Return the running long tasks (futures) of the caller, or of all users (`all_users`, admins only).

        Each is a state dict with at least `jobId`, or with `as_objects` a future handle.
        """
        states = self._list_futures(with_scenarios=False, all_users=all_users)
        if as_objects:
            return [DSSFuture._of_state(self, state, json_result) for state in states]
        return [state.to_dict() for state in states]

    def list_running_scenarios(self, all_users: bool = False) -> list[JSONObject]:
        """Return the futures of running scenarios, each with `jobId` and the scenario in `payload`."""
        return [state.to_dict() for state in self._list_futures(with_scenarios=True, all_users=all_users)]

    def _list_futures(self, *, with_scenarios: bool, all_users: bool) -> list[FutureState]:
        response = self._call(
            list_futures.sync_detailed,
            client=self._api,
            with_scenarios=with_scenarios,
            with_not_scenarios=not with_scenarios,
            all_users=all_users,
        )
        return success(response)

    def get_future(self, job_id: str) -> DSSFuture[JSONValue]:
        """Return a handle on a long task (no call is made): wait for it, or abort it."""
        return DSSFuture(self, job_id)

    ########################################################
    # Instance
    ########################################################

    def get_dss_version(self) -> DSSVersion:
        """Return the version of the DSS answering, from the `DSS-Version` and `DSS-API-Version` headers.

        DSS puts them on every answer; this makes one light call any user may make (the caller's own
        running futures, usually none) to read them. Raises APIResponseValidationError when the
        server does not say its version.
        """
        response = self._call(
            list_futures.sync_detailed,
            client=self._api,
            with_scenarios=False,
            with_not_scenarios=True,
            all_users=False,
        )
        versions = versions_of(response.headers)
        if versions is None:
            raise APIResponseValidationError(
                "The server did not say its version (no DSS-Version header): it is not DSS, or a proxy drops it",
                response=None,
            )
        return versions

    ########################################################
    # Projects
    ########################################################

    def list_project_keys(self) -> list[str]:
        """Return the keys of the projects the caller can see."""
        return [project.project_key for project in self._list_projects(include_location=False)]

    def list_projects(self, include_location: bool = False) -> list[JSONObject]:
        """Return the projects the caller can see, each a dict with at least `projectKey`."""
        return [project.to_dict() for project in self._list_projects(include_location=include_location)]

    def _list_projects(self, *, include_location: bool) -> list[ProjectListItem]:
        response = self._call(list_projects.sync_detailed, client=self._api, include_location=include_location)
        return success(response)

    def get_project(self, project_key: str) -> DSSProject:
        """Return a handle on a project (no call is made)."""
        return DSSProject(self, project_key)

    def create_project(
        self,
        project_key: str,
        name: str,
        owner: str,
        description: str | None = None,
        settings: Mapping[str, object] | None = None,
        project_folder_id: str | None = None,
        permissions: Iterable[Mapping[str, object]] | None = None,
        tags: Iterable[str] | None = None,
    ) -> DSSProject:
        """Create an empty project (needs the right to create projects); returns a handle on it."""
        body = ProjectCreateRequest(
            project_key=project_key,
            name=name,
            owner=owner,
            description=description,
            settings=None if settings is None else ProjectCreateRequestSettingsType0.from_dict(settings),
            permissions=[ProjectCreateRequestPermissionsItem.from_dict(p) for p in permissions or []],
            tags=list(tags or []),
        )
        self._call(
            create_project.sync_detailed,
            client=self._api,
            body=body,
            project_folder_id=UNSET if project_folder_id is None else project_folder_id,
        )
        return DSSProject(self, project_key)

    ########################################################
    # Code studio templates
    ########################################################

    @overload
    def list_code_studio_templates(
        self, as_type: Literal["listitems", "listitem"] = "listitems"
    ) -> list[DSSCodeStudioTemplateListItem]: ...
    @overload
    def list_code_studio_templates(self, as_type: Literal["objects", "object"]) -> list[DSSCodeStudioTemplate]: ...
    def list_code_studio_templates(
        self, as_type: str = "listitems"
    ) -> list[DSSCodeStudioTemplateListItem] | list[DSSCodeStudioTemplate]:
        """Return the code studio templates of the instance, as list items or as handles ("objects")."""
        if as_type not in ("listitems", "listitem", "objects", "object"):
            raise ValueError("Unknown as_type")
        items = success(self._call(list_code_studio_templates.sync_detailed, client=self._api))
        if as_type in ("listitems", "listitem"):
            return [DSSCodeStudioTemplateListItem(self, item) for item in items]
        return [DSSCodeStudioTemplate(self, item.id) for item in items]

    def get_code_studio_template(self, template_id: str) -> DSSCodeStudioTemplate:
        """Return a handle on a code studio template (no call is made)."""
        return DSSCodeStudioTemplate(self, template_id)

    def create_code_studio_template(self, template_label: str, template_type: str) -> DSSCodeStudioTemplate:
        """Create an empty template of a type (`block_based`, `manual` or a plugin type); returns a handle."""
        body = CodeStudioTemplateCreateRequest(label=template_label, type_=template_type)
        created = success(self._call(create_code_studio_template.sync_detailed, client=self._api, body=body))
        messages = info_messages(created.messages)
        if messages.has_error:
            raise DataikuException(
                "Code studio template creation failed : " + json.dumps([m.get_raw() for m in messages.messages]),
                error_type="TemplateCreationFailed",
            )
        return DSSCodeStudioTemplate(self, created.id)

    def import_code_studio_template(
        self,
        archive_path: str | os.PathLike[str],
        label: str | None = None,
        import_spec: Mapping[str, object] | None = None,
    ) -> DSSCodeStudioTemplateImportResult:
        """Import a template from an archive made by `export_to_file`; returns the new id and messages.

        `label` renames the imported template; `import_spec` remaps code envs
        (`{"codeEnvRemapping": [{"source": {...}, "target": {...}}]}`).
        """
        spec = json.dumps(dict(import_spec)) if import_spec else UNSET
        with open(archive_path, "rb") as fp:
            form = CodeStudioTemplateImportForm(file=File(payload=fp, file_name=Path(archive_path).name))
            response = self._call(
                import_code_studio_template.sync_detailed,
                client=self._api,
                body=form,
                label=UNSET if label is None else label,
                import_spec=spec,
            )
        return DSSCodeStudioTemplateImportResult(success(response))
