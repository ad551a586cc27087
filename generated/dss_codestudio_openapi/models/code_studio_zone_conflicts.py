from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="CodeStudioZoneConflicts")


@_attrs_define
class CodeStudioZoneConflicts:
    """The conflicts of one zone."""

    commit_from: str | Unset = UNSET
    """ Identifies the DSS-side state of the zone at the last synchronisation. """
    commit_to: str | Unset = UNSET
    """ Identifies the DSS-side state of the zone now. """
    authors: list[str] | Unset = UNSET
    """ Logins of the users who changed DSS-side files since the last synchronisation. """
    added: list[str] | Unset = UNSET
    """ Paths of files added in the studio that conflict with DSS-side changes. """
    modified: list[str] | Unset = UNSET
    """ Paths of files modified in the studio that conflict with DSS-side changes. """
    deleted: list[str] | Unset = UNSET
    """ Paths of files deleted in the studio that conflict with DSS-side changes. """
    count: int | Unset = UNSET
    """ Number of conflicting files. """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        commit_from = self.commit_from

        commit_to = self.commit_to

        authors: list[str] | Unset = UNSET
        if not isinstance(self.authors, Unset):
            authors = self.authors

        added: list[str] | Unset = UNSET
        if not isinstance(self.added, Unset):
            added = self.added

        modified: list[str] | Unset = UNSET
        if not isinstance(self.modified, Unset):
            modified = self.modified

        deleted: list[str] | Unset = UNSET
        if not isinstance(self.deleted, Unset):
            deleted = self.deleted

        count = self.count

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if commit_from is not UNSET:
            field_dict["commitFrom"] = commit_from
        if commit_to is not UNSET:
            field_dict["commitTo"] = commit_to
        if authors is not UNSET:
            field_dict["authors"] = authors
        if added is not UNSET:
            field_dict["added"] = added
        if modified is not UNSET:
            field_dict["modified"] = modified
        if deleted is not UNSET:
            field_dict["deleted"] = deleted
        if count is not UNSET:
            field_dict["count"] = count

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        commit_from = d.pop("commitFrom", UNSET)

        commit_to = d.pop("commitTo", UNSET)

        authors = cast(list[str], d.pop("authors", UNSET))

        added = cast(list[str], d.pop("added", UNSET))

        modified = cast(list[str], d.pop("modified", UNSET))

        deleted = cast(list[str], d.pop("deleted", UNSET))

        count = d.pop("count", UNSET)

        code_studio_zone_conflicts = cls(
            commit_from=commit_from,
            commit_to=commit_to,
            authors=authors,
            added=added,
            modified=modified,
            deleted=deleted,
            count=count,
        )

        code_studio_zone_conflicts.additional_properties = d
        return code_studio_zone_conflicts

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> Any:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties
