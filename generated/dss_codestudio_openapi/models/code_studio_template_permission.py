from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="CodeStudioTemplatePermission")


@_attrs_define
class CodeStudioTemplatePermission:
    """Permissions of a group on a template."""

    group: str | Unset = UNSET
    """ Name of the group. """
    can_use: bool | Unset = UNSET
    """ Whether members of the group may create and use code studios from the template. """
    can_update: bool | Unset = UNSET
    """ Whether members of the group may update the template. """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        group = self.group

        can_use = self.can_use

        can_update = self.can_update

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if group is not UNSET:
            field_dict["group"] = group
        if can_use is not UNSET:
            field_dict["canUse"] = can_use
        if can_update is not UNSET:
            field_dict["canUpdate"] = can_update

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        group = d.pop("group", UNSET)

        can_use = d.pop("canUse", UNSET)

        can_update = d.pop("canUpdate", UNSET)

        code_studio_template_permission = cls(
            group=group,
            can_use=can_use,
            can_update=can_update,
        )

        code_studio_template_permission.additional_properties = d
        return code_studio_template_permission

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
