"""Authorization before the body: a caller who may not make a call is refused before a byte of its body is read.

Connexion checks the API key (security) before anything else of the operation; the rules here then
check that the caller may make the call at all, with the domain's own checks and answers: an
administrator's call, a project the caller may write to, the right to create projects. Only then
does `WireMiddleware` read the body and connexion validate it. So a user without rights who sends
16 MiB of JSON, or a 256 MiB upload, costs a database lookup, not a parse.

Every operation with a request body needs a rule (`AuthorizationMiddleware` refuses to start
without one); operations without a body are checked by their handlers, before they do anything.
Administrators may make every call: their rule checks nothing, so the order of their errors (400
for a malformed body, then 404 for a missing object) is what it was.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping

from starlette.types import ASGIApp, Receive, Scope, Send

from dss_codestudio_server.domain.instance import Instance
from dss_codestudio_server.domain.permissions import Access
from dss_codestudio_server.domain.templates import require_admin
from dss_codestudio_server.domain.users import Principal
from dss_codestudio_server.http.access_log import CONNEXION_CONTEXT
from dss_codestudio_server.http.middleware import ROUTING
from dss_codestudio_server.http.security import caller

# What a rule is given: the caller, and the path parameters of the request (not validated yet).
Rule = Callable[[Principal, Mapping[str, str]], None]


def body_rules(instance: Instance) -> dict[str, Rule]:
    """Return the rule of each operation that takes a request body, by operationId."""
    projects = instance.projects

    def administrator(principal: Principal, _params: Mapping[str, str]) -> None:
        require_admin(principal)

    def project_writer(principal: Principal, params: Mapping[str, str]) -> None:
        projects.require(principal, params.get("projectKey", ""), Access.WRITE)

    def project_administrator(principal: Principal, params: Mapping[str, str]) -> None:
        projects.require(principal, params.get("projectKey", ""), Access.ADMIN)

    def project_creator(principal: Principal, _params: Mapping[str, str]) -> None:
        projects.require_may_create(principal)

    return {
        "createCodeStudioTemplate": administrator,
        "importCodeStudioTemplate": administrator,
        "saveCodeStudioTemplateSettings": administrator,
        "saveCodeEnv": administrator,
        "createProject": project_creator,
        "createCodeStudio": project_writer,
        "setProjectMetadata": project_writer,
        "saveProjectSettings": project_administrator,
        "setProjectPermissions": project_administrator,
        "writeProjectLibraryFile": project_writer,
        "renameProjectLibraryItem": project_writer,
        "moveProjectLibraryItem": project_writer,
    }


class AuthorizationMiddleware:
    """Applies the rule of the request's operation, after security and before the body is read."""

    def __init__(self, app: ASGIApp, *, rules: Mapping[str, Rule], operations_with_body: Iterable[str]) -> None:
        missing = sorted(set(operations_with_body) - set(rules))
        if missing:
            raise RuntimeError(f"operations with a request body but no authorization rule: {missing}")
        self.app = app
        self.rules = rules

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Refuse the request if its caller may not make it (a DomainError), else pass it on."""
        if scope["type"] == "http":
            extensions = scope.get("extensions", {})
            rule = self.rules.get(extensions.get(ROUTING, {}).get("operation_id") or "")
            if rule is not None:
                principal = caller(extensions.get(CONNEXION_CONTEXT, {}).get("token_info", {}))
                if not principal.is_admin:
                    rule(principal, scope.get("path_params", {}))
        await self.app(scope, receive, send)
