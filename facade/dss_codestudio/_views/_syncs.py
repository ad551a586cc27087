"""Views of what file synchronisations answer: pushes, pulls, conflicts, and the results of starts and stops."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TypeVar

from dss_codestudio_openapi.models import (
    CodeStudioConflicts,
    CodeStudioPullResult,
    CodeStudioPushResult,
    CodeStudioStartResult,
    CodeStudioStopResult,
    CodeStudioZoneChanges,
    CodeStudioZoneConflicts,
)
from dss_codestudio_openapi.types import Unset

from .._parsing import parse
from .._types import CodeStudioState, JSONObject, JSONValue
from ._base import ModelView, by_zone, integer, opt_text, strings

C = TypeVar("C", CodeStudioZoneChanges, CodeStudioPushResult)


class _FileChanges(ModelView[C]):
    """What a synchronisation copied in one zone."""

    __slots__ = ()

    @property
    def added(self) -> list[str]:
        return strings(self._model.added)

    @property
    def modified(self) -> list[str]:
        return strings(self._model.modified)

    @property
    def deleted(self) -> list[str]:
        return strings(self._model.deleted)

    @property
    def count(self) -> int:
        counted = integer(self._model.count)
        return len(self.added) + len(self.modified) + len(self.deleted) if counted is None else counted

    @property
    def size(self) -> int:
        return integer(self._model.size) or 0


class DSSCodeStudioZoneChanges(_FileChanges[CodeStudioZoneChanges]):
    """What a synchronisation copied in one zone."""

    __slots__ = ()


class DSSCodeStudioPushResult(_FileChanges[CodeStudioPushResult]):
    """What a push (DSS -> studio) copied: `count` files, `size` bytes, and the files left in conflict."""

    __slots__ = ()

    @property
    def conflicts(self) -> list[str]:
        return strings(self._model.conflicts)

    @property
    def has_conflicts(self) -> bool:
        """Whether files were left as they are in the studio because they also changed there (see `conflicts`).

        They are not counted in `count`: a push that skipped every changed file has `count == 0`.
        """
        return bool(self.conflicts)


class DSSCodeStudioPullResult(ModelView[CodeStudioPullResult]):
    """What a pull (studio -> DSS) copied, zone by zone."""

    __slots__ = ()

    @property
    def zones(self) -> dict[str, DSSCodeStudioZoneChanges]:
        """The changes, keyed by zone id."""
        return by_zone(self._model, DSSCodeStudioZoneChanges)

    @property
    def count(self) -> int:
        """Number of files copied or deleted, over all zones."""
        return sum(z.count for z in self.zones.values())

    @property
    def size(self) -> int:
        """Number of bytes copied, over all zones."""
        return sum(z.size for z in self.zones.values())


class DSSCodeStudioZoneConflicts(ModelView[CodeStudioZoneConflicts]):
    """The conflicting files of one zone: changed in the studio, and on the DSS side since the last sync."""

    __slots__ = ()

    @property
    def commit_from(self) -> str | None:
        return opt_text(self._model.commit_from)

    @property
    def commit_to(self) -> str | None:
        return opt_text(self._model.commit_to)

    @property
    def authors(self) -> list[str]:
        return strings(self._model.authors)

    @property
    def added(self) -> list[str]:
        return strings(self._model.added)

    @property
    def modified(self) -> list[str]:
        return strings(self._model.modified)

    @property
    def deleted(self) -> list[str]:
        return strings(self._model.deleted)

    @property
    def count(self) -> int:
        counted = integer(self._model.count)
        return len(self.added) + len(self.modified) + len(self.deleted) if counted is None else counted


class DSSCodeStudioObjectConflicts(dict[str, JSONValue]):
    """The conflicts of one zone of a code studio, as `check_conflicts` answers them.

    It is the answer itself (a dict keyed by the zone id, or holding `error`), with typed properties.
    Only conflicting files are listed: files added, modified or deleted in the code studio whose
    DSS-side counterpart was also added, modified or deleted since the last synchronisation.
    """

    def __init__(self, zone: str, model: CodeStudioConflicts | Mapping[str, object]) -> None:
        if not isinstance(model, CodeStudioConflicts):
            model = parse(CodeStudioConflicts, model)
        self._raw: JSONObject = model.to_dict()
        super().__init__(self._raw)
        self._zone = zone
        self._model = model

    @property
    def model(self) -> CodeStudioConflicts:
        """The generated model DSS's answer was read into (see `dss_codestudio.models`)."""
        return self._model

    @property
    def zone(self) -> str:
        """The id of the zone that was checked."""
        return self._zone

    def get_raw(self) -> JSONObject:
        """Return the raw answer: keyed by the zone checked, or holding `error` when it was not found."""
        return self._raw

    @property
    def is_error(self) -> bool:
        """Whether the check failed (typically: the zone id is unknown; zone ids change at every start)."""
        return not isinstance(self._model.error, Unset)

    @property
    def error(self) -> str | None:
        """Why the check failed, if it did."""
        return None if isinstance(self._model.error, Unset) else str(self._model.error)

    @property
    def zone_conflicts(self) -> DSSCodeStudioZoneConflicts:
        """The typed conflicts of the zone checked."""
        found = self._model.additional_properties.get(self._zone)
        return DSSCodeStudioZoneConflicts(found if found is not None else CodeStudioZoneConflicts())

    @property
    def authors(self) -> list[str]:
        """Logins of the users who modified the conflicting files on the DSS side."""
        return self.zone_conflicts.authors

    @property
    def added(self) -> list[str]:
        """Files added in the code studio that conflict with changes on the DSS side."""
        return self.zone_conflicts.added

    @property
    def modified(self) -> list[str]:
        """Files modified in the code studio that conflict with changes on the DSS side."""
        return self.zone_conflicts.modified

    @property
    def deleted(self) -> list[str]:
        """Files deleted in the code studio that conflict with changes on the DSS side."""
        return self.zone_conflicts.deleted

    @property
    def commit_from(self) -> str | None:
        """The DSS-side state of the zone at the last synchronisation."""
        return self.zone_conflicts.commit_from

    @property
    def commit_to(self) -> str | None:
        """The DSS-side state of the zone now."""
        return self.zone_conflicts.commit_to

    @property
    def count(self) -> int:
        """The number of conflicting files."""
        return self.zone_conflicts.count

    @property
    def has_conflicts(self) -> bool:
        """Whether any file is in conflict."""
        return self.count > 0


class DSSCodeStudioStartResult(ModelView[CodeStudioStartResult]):
    """The result of a code studio start."""

    __slots__ = ()

    @property
    def state(self) -> CodeStudioState | None:
        state = opt_text(self._model.state)
        return None if state is None else CodeStudioState(state)

    @property
    def pushed(self) -> dict[str, DSSCodeStudioPushResult]:
        return by_zone(self._model.pushed, DSSCodeStudioPushResult)


class DSSCodeStudioStopResult(ModelView[CodeStudioStopResult]):
    """The result of a code studio stop."""

    __slots__ = ()

    @property
    def state(self) -> CodeStudioState | None:
        state = opt_text(self._model.state)
        return None if state is None else CodeStudioState(state)

    @property
    def pulled(self) -> dict[str, DSSCodeStudioZoneChanges]:
        return by_zone(self._model.pulled, DSSCodeStudioZoneChanges)

    @property
    def conflicts(self) -> dict[str, DSSCodeStudioZoneConflicts]:
        return by_zone(self._model.conflicts, DSSCodeStudioZoneConflicts)
