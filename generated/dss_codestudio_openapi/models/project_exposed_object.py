from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.project_exposed_object_rule import ProjectExposedObjectRule


T = TypeVar("T", bound="ProjectExposedObject")


@_attrs_define
class ProjectExposedObject:
    """An object of the project exposed to other projects."""

    type_: str | Unset = UNSET
    """ Type of the object, e.g. `DATASET`. """
    local_name: str | Unset = UNSET
    """ Its name in the project. """
    rules: list[ProjectExposedObjectRule] | Unset = UNSET
    """ The projects it is exposed to. """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        type_ = self.type_

        local_name = self.local_name

        rules: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.rules, Unset):
            rules = []
            for rules_item_data in self.rules:
                rules_item = rules_item_data.to_dict()
                rules.append(rules_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if type_ is not UNSET:
            field_dict["type"] = type_
        if local_name is not UNSET:
            field_dict["localName"] = local_name
        if rules is not UNSET:
            field_dict["rules"] = rules

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.project_exposed_object_rule import ProjectExposedObjectRule  # noqa: PLC0415

        d = dict(src_dict)
        type_ = d.pop("type", UNSET)

        local_name = d.pop("localName", UNSET)

        _rules = d.pop("rules", UNSET)
        rules: list[ProjectExposedObjectRule] | Unset = UNSET
        if _rules is not UNSET:
            rules = []
            for rules_item_data in _rules:
                rules_item = ProjectExposedObjectRule.from_dict(rules_item_data)

                rules.append(rules_item)

        project_exposed_object = cls(
            type_=type_,
            local_name=local_name,
            rules=rules,
        )

        project_exposed_object.additional_properties = d
        return project_exposed_object

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
