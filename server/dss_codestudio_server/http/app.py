"""The connexion application serving openapi.yaml, mounted at /dip/publicapi and /public/api.

It is served behind the studios' proxy (`dss_codestudio_server.proxy`), which takes the requests
under `/code-studios/` and `/dip/code-studios/`, and the access log (`access_log`) sees them all.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import connexion
from connexion.exceptions import ProblemException
from connexion.middleware import MiddlewarePosition
from connexion.options import SwaggerUIOptions
from connexion.resolver import Resolver
from starlette.exceptions import HTTPException
from starlette.formparsers import MultiPartException

from dss_codestudio_server.config import ServerConfig
from dss_codestudio_server.domain.errors import DomainError
from dss_codestudio_server.domain.instance import Instance
from dss_codestudio_server.http import errors
from dss_codestudio_server.http.access_log import AccessLog, quiet_connexion
from dss_codestudio_server.http.authorization import AuthorizationMiddleware
from dss_codestudio_server.http.authorization import body_rules as authorization_rules
from dss_codestudio_server.http.handlers.auth import AuthHandlers
from dss_codestudio_server.http.handlers.code_envs import CodeEnvHandlers
from dss_codestudio_server.http.handlers.code_studios import CodeStudioHandlers
from dss_codestudio_server.http.handlers.futures import FutureHandlers
from dss_codestudio_server.http.handlers.libraries import LibraryHandlers
from dss_codestudio_server.http.handlers.projects import ProjectHandlers
from dss_codestudio_server.http.handlers.templates import TemplateHandlers
from dss_codestudio_server.http.leniency import QueryMiddleware, VersionHeadersMiddleware
from dss_codestudio_server.http.middleware import PathGuardMiddleware, WireMiddleware
from dss_codestudio_server.http.security import security_map
from dss_codestudio_server.http.spec import (
    BASE_PATHS,
    body_rules,
    dss_versions,
    operation_ids,
    query_parameters,
    settings_validator,
    spec_document,
)
from dss_codestudio_server.http.spec_check import validate_each_document_once
from dss_codestudio_server.http.validation import VALIDATOR_MAP


def snake_case(operation_id: str) -> str:
    """`listCodeStudioTemplates` -> `list_code_studio_templates`."""
    return "".join(f"_{ch.lower()}" if ch.isupper() else ch for ch in operation_id).lstrip("_")


class HandlerResolver:
    """Maps each operationId to the method of that (snake_case) name on one of the handler objects."""

    def __init__(self, handlers: list[object]) -> None:
        self._by_name: dict[str, Callable[..., Any]] = {}
        for handler in handlers:
            for name in dir(handler):
                if not name.startswith("_") and callable(getattr(handler, name)):
                    self._by_name[name] = getattr(handler, name)
        missing = [op for op in operation_ids() if snake_case(op) not in self._by_name]
        if missing:
            raise RuntimeError(f"operations of openapi.yaml without a handler: {missing}")

    def __call__(self, operation_id: str) -> Callable[..., Any]:
        """Return the handler of an operation."""
        return self._by_name[snake_case(operation_id)]


def open_instance(config: ServerConfig) -> Instance:
    """Return the serving instance of a data directory (its lock held), settings checked against the spec, recovered."""
    instance = Instance(config, settings_validator=settings_validator(), serving=True, dss_version=dss_versions()[0])
    try:
        instance.recover()
    except BaseException:
        instance.close()
        raise
    return instance


def create_app(instance: Instance, *, validate_responses: bool | None = None) -> AccessLog:
    """Return the ASGI application of an instance: the API (connexion), behind the studios' proxy, logged."""
    quiet_connexion()
    config = instance.config
    resolver = HandlerResolver(
        [
            TemplateHandlers(instance),
            ProjectHandlers(instance),
            LibraryHandlers(instance),
            FutureHandlers(instance),
            CodeStudioHandlers(instance),
            CodeEnvHandlers(instance),
            AuthHandlers(),
        ]
    )
    validate_each_document_once()
    app = connexion.AsyncApp(__name__, swagger_ui_options=SwaggerUIOptions(swagger_ui=False, serve_spec=False))
    for base_path in BASE_PATHS:
        # The spec parsed once per process, not once per base path and application (connexion would
        # read and parse the file each time: most of the cost of making an application).
        app.add_api(
            spec_document(),
            base_path=base_path,
            resolver=Resolver(function_resolver=resolver),
            strict_validation=True,
            validate_responses=config.validate_responses if validate_responses is None else validate_responses,
            pythonic_params=True,
            security_map=security_map(instance.users),
            validator_map=VALIDATOR_MAP,
        )
    dss_version, api_version = dss_versions()
    for position in (MiddlewarePosition.BEFORE_EXCEPTION, MiddlewarePosition.BEFORE_CONTEXT):
        app.add_middleware(
            VersionHeadersMiddleware, position=position, dss_version=dss_version, api_version=api_version
        )
    app.add_middleware(PathGuardMiddleware, position=MiddlewarePosition.BEFORE_ROUTING)
    # Unknown query parameters are dropped (as DSS ignores them) before strict validation sees them.
    app.add_middleware(QueryMiddleware, position=MiddlewarePosition.BEFORE_SECURITY, known=query_parameters())
    # After security, in this order: who may make the call, then its body (authorization before reading).
    bodies = body_rules(config)
    app.add_middleware(
        AuthorizationMiddleware,
        position=MiddlewarePosition.BEFORE_VALIDATION,
        rules=authorization_rules(instance),
        operations_with_body=bodies,
    )
    app.add_middleware(
        WireMiddleware, position=MiddlewarePosition.BEFORE_VALIDATION, rules=bodies, json_limits=config.json_limits
    )
    app.add_error_handler(DomainError, errors.domain_error)
    app.add_error_handler(ProblemException, errors.problem)
    app.add_error_handler(HTTPException, errors.http_exception)
    app.add_error_handler(MultiPartException, errors.malformed_multipart)
    app.add_error_handler(Exception, errors.unexpected)
    from dss_codestudio_server.proxy import StudioProxy  # the proxy uses this package's error answers
    from dss_codestudio_server.proxy.routes import is_proxied

    return AccessLog(StudioProxy(app, instance), chatty=is_proxied)
