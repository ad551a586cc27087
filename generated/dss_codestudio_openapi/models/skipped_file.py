from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="SkippedFile")


@_attrs_define
class SkippedFile:
    """A file a synchronisation did not copy."""

    path: str | Unset = UNSET
    """ Path of the file in the zone. """
    side: str | Unset = UNSET
    """ Side where the file is: `dss` or `studio`. """
    reason: str | Unset = UNSET
    """ Why it was not copied. """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        path = self.path

        side = self.side

        reason = self.reason

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if path is not UNSET:
            field_dict["path"] = path
        if side is not UNSET:
            field_dict["side"] = side
        if reason is not UNSET:
            field_dict["reason"] = reason

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        path = d.pop("path", UNSET)

        side = d.pop("side", UNSET)

        reason = d.pop("reason", UNSET)

        skipped_file = cls(
            path=path,
            side=side,
            reason=reason,
        )

        skipped_file.additional_properties = d
        return skipped_file

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
