from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="AddStarterFilesBlockParamsFilesItem")


@_attrs_define
class AddStarterFilesBlockParamsFilesItem:
    """One starter file."""

    zone: str | Unset = UNSET
    """ Kind of zone the file goes into (`code_studio_versioned`, `user_versioned`, ...). """
    path: str | Unset = UNSET
    """ Path of the file inside the zone. """
    content: str | Unset = UNSET
    """ Content of the file. """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        zone = self.zone

        path = self.path

        content = self.content

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if zone is not UNSET:
            field_dict["zone"] = zone
        if path is not UNSET:
            field_dict["path"] = path
        if content is not UNSET:
            field_dict["content"] = content

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        zone = d.pop("zone", UNSET)

        path = d.pop("path", UNSET)

        content = d.pop("content", UNSET)

        add_starter_files_block_params_files_item = cls(
            zone=zone,
            path=path,
            content=content,
        )

        add_starter_files_block_params_files_item.additional_properties = d
        return add_starter_files_block_params_files_item

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
