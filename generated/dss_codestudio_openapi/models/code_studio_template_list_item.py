from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="CodeStudioTemplateListItem")


@_attrs_define
class CodeStudioTemplateListItem:
    """An item of the template list."""

    id: str
    """ Unique id of the template. """
    label: str
    """ Display name. """
    type_: str | Unset = UNSET
    """ Type of the template. Known values: `block_based`, `manual`; plugins add more. """
    short_desc: str | Unset = UNSET
    """ Short description. """
    icon: str | Unset = UNSET
    """ Icon of the template. """
    tags: list[str] | Unset = UNSET
    """ Tags. """
    build_for: list[str] | Unset = UNSET
    """ Names of the container configurations the template was last built for. Empty when never built. """
    last_built: int | Unset = UNSET
    """ When the template was last built, in epoch milliseconds; 0 or absent when never built. """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        label = self.label

        type_ = self.type_

        short_desc = self.short_desc

        icon = self.icon

        tags: list[str] | Unset = UNSET
        if not isinstance(self.tags, Unset):
            tags = self.tags

        build_for: list[str] | Unset = UNSET
        if not isinstance(self.build_for, Unset):
            build_for = self.build_for

        last_built = self.last_built

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "label": label,
            }
        )
        if type_ is not UNSET:
            field_dict["type"] = type_
        if short_desc is not UNSET:
            field_dict["shortDesc"] = short_desc
        if icon is not UNSET:
            field_dict["icon"] = icon
        if tags is not UNSET:
            field_dict["tags"] = tags
        if build_for is not UNSET:
            field_dict["buildFor"] = build_for
        if last_built is not UNSET:
            field_dict["lastBuilt"] = last_built

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        id = d.pop("id")

        label = d.pop("label")

        type_ = d.pop("type", UNSET)

        short_desc = d.pop("shortDesc", UNSET)

        icon = d.pop("icon", UNSET)

        tags = cast(list[str], d.pop("tags", UNSET))

        build_for = cast(list[str], d.pop("buildFor", UNSET))

        last_built = d.pop("lastBuilt", UNSET)

        code_studio_template_list_item = cls(
            id=id,
            label=label,
            type_=type_,
            short_desc=short_desc,
            icon=icon,
            tags=tags,
            build_for=build_for,
            last_built=last_built,
        )

        code_studio_template_list_item.additional_properties = d
        return code_studio_template_list_item

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
