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


Grantee = tuple[str, str]
"""Whom a permission item names: `("user", login)` or `("group", name)`."""


def item_access(item: Mapping[str, object]) -> Access:
    """Return the access one permission item grants to whom it names."""
    if item.get("admin") is True:
        return Access.ADMIN
    if item.get("writeProjectContent") is True:
        return Access.WRITE
    if any(value is True for key, value in item.items() if key not in ("user", "group")):
        return Access.READ
    return Access.NONE


def grants(permissions: Iterable[object]) -> dict[Grantee, Access]:
    """Return the access the permission items grant, by user and group (the best item of each wins).

    An item naming both a user and a group grants its access to both; items that grant nothing,
    or name nobody, are left out.
    """
    out: dict[Grantee, Access] = {}
    for item in permissions:
        if not isinstance(item, Mapping):
            continue
        access = item_access(item)
        if access == Access.NONE:
            continue
        for kind in ("user", "group"):
            name = item.get(kind)
            if isinstance(name, str):
                out[(kind, name)] = max(out.get((kind, name), Access.NONE), access)
    return out


def project_access(principal: Principal, owner: str, granted: Mapping[Grantee, Access]) -> Access:
    """Return the access `principal` has on a project with this owner and these grants."""
    if principal.is_admin or principal.login == owner:
        return Access.ADMIN
    mine = [("user", principal.login), *(("group", group) for group in principal.groups)]
    return max((granted.get(grantee, Access.NONE) for grantee in mine), default=Access.NONE)
