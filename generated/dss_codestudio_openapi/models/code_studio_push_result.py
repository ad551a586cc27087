from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.skipped_file import SkippedFile


T = TypeVar("T", bound="CodeStudioPushResult")


@_attrs_define
class CodeStudioPushResult:
    """What a push copied."""

    count: int
    """ Number of files copied or deleted. """
    size: int
    """ Number of bytes copied. """
    added: list[str] | Unset = UNSET
    """ Paths of the files added in the studio. """
    modified: list[str] | Unset = UNSET
    """ Paths of the files modified in the studio. """
    deleted: list[str] | Unset = UNSET
    """ Paths of the files deleted in the studio. """
    conflicts: list[str] | Unset = UNSET
    """ Paths of the files left as they are in the studio because they also changed there. """
    skipped: list[SkippedFile] | Unset = UNSET
    """ Files that were not synchronised and why (symbolic links, special files, files changed during the copy). """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        count = self.count

        size = self.size

        added: list[str] | Unset = UNSET
        if not isinstance(self.added, Unset):
            added = self.added

        modified: list[str] | Unset = UNSET
        if not isinstance(self.modified, Unset):
            modified = self.modified

        deleted: list[str] | Unset = UNSET
        if not isinstance(self.deleted, Unset):
            deleted = self.deleted

        conflicts: list[str] | Unset = UNSET
        if not isinstance(self.conflicts, Unset):
            conflicts = self.conflicts

        skipped: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.skipped, Unset):
            skipped = []
            for skipped_item_data in self.skipped:
                skipped_item = skipped_item_data.to_dict()
                skipped.append(skipped_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "count": count,
                "size": size,
            }
        )
        if added is not UNSET:
            field_dict["added"] = added
        if modified is not UNSET:
            field_dict["modified"] = modified
        if deleted is not UNSET:
            field_dict["deleted"] = deleted
        if conflicts is not UNSET:
            field_dict["conflicts"] = conflicts
        if skipped is not UNSET:
            field_dict["skipped"] = skipped

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.skipped_file import SkippedFile  # noqa: PLC0415

        d = dict(src_dict)
        count = d.pop("count")

        size = d.pop("size")

        added = cast(list[str], d.pop("added", UNSET))

        modified = cast(list[str], d.pop("modified", UNSET))

        deleted = cast(list[str], d.pop("deleted", UNSET))

        conflicts = cast(list[str], d.pop("conflicts", UNSET))

        _skipped = d.pop("skipped", UNSET)
        skipped: list[SkippedFile] | Unset = UNSET
        if _skipped is not UNSET:
            skipped = []
            for skipped_item_data in _skipped:
                skipped_item = SkippedFile.from_dict(skipped_item_data)

                skipped.append(skipped_item)

        code_studio_push_result = cls(
            count=count,
            size=size,
            added=added,
            modified=modified,
            deleted=deleted,
            conflicts=conflicts,
            skipped=skipped,
        )

        code_studio_push_result.additional_properties = d
        return code_studio_push_result

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
