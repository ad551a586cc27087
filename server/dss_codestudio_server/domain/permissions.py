"""Who may do what on a project, following DSS's project permission items.

A project's `permissions` is a list of items, each naming a `group` (or a `user`) and flags:
`admin` makes a project administrator; `writeProjectContent` allows changing the project's
content (its library, its code studios); any other flag set to true (`readProjectContent`,
`readDashboards`, ...) allows reading it. The owner and instance administrators are project
administrators.

Hiding: DSS answers a caller who may not read a project with 403 UnauthorizedException, and it
does so whether or not the project exists, so a non-administrator cannot probe for project keys.
Instance administrators, who may read everything, get 404 for a project that does not exist.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, Mapping

from dss_codestudio_server.domain.users import Principal


class Access(enum.IntEnum):
    """What a caller may do on a project, each level including the ones below it."""

    NONE = 0
    READ = 1
    WRITE = 2
    ADMIN = 3


def _applies(item: Mapping[str, object], principal: Principal) -> bool:
    user = item.get("user")
    group = item.get("group")
    return (isinstance(user, str) and user == principal.login) or (isinstance(group, str) and group in principal.groups)


def project_access(principal: Principal, owner: str, permissions: Iterable[Mapping[str, object]]) -> Access:
    """Return the access `principal` has on a project with this owner and permission items."""
    if principal.is_admin or principal.login == owner:
        return Access.ADMIN
    best = Access.NONE
    for item in permissions:
        if not isinstance(item, Mapping) or not _applies(item, principal):
            continue
        if item.get("admin") is True:
            return Access.ADMIN
        if item.get("writeProjectContent") is True:
            best = max(best, Access.WRITE)
        elif any(value is True for key, value in item.items() if key not in ("user", "group")):
            best = max(best, Access.READ)
    return best
