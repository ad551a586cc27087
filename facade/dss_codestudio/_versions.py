"""What DSS says of its version: the `DSS-Version` and `DSS-API-Version` headers of every answer."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

DSS_VERSION_HEADER = "DSS-Version"
DSS_API_VERSION_HEADER = "DSS-API-Version"


@dataclass(frozen=True)
class DSSVersion:
    """The version of the DSS answering: `version` (the release, "13.5.4") and `api_version` ("1").

    `str()` gives the release. `release` gives its leading numbers for comparisons
    (`client.get_dss_version().release >= (13, 2)`); a pre-release such as "15.0.0-beta3" gives (15, 0, 0).
    """

    version: str
    api_version: str | None = None

    def __str__(self) -> str:
        return self.version

    @property
    def release(self) -> tuple[int, ...]:
        """The leading dot-separated numbers of the release ("13.5.4" -> (13, 5, 4))."""
        match = re.match(r"\d+(?:\.\d+)*", self.version)
        return tuple(int(part) for part in match.group(0).split(".")) if match else ()


def dss_version_of(headers: Mapping[str, str]) -> str | None:
    """Return the `DSS-Version` header of an answer, if it has one (case-insensitive headers)."""
    return headers.get(DSS_VERSION_HEADER)


def versions_of(headers: Mapping[str, str]) -> DSSVersion | None:
    """Return the versions an answer's headers give, or None when it has no `DSS-Version`."""
    version = dss_version_of(headers)
    if not version:
        return None
    return DSSVersion(version, headers.get(DSS_API_VERSION_HEADER))
