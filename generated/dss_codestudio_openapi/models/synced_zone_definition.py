from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="SyncedZoneDefinition")


@_attrs_define
class SyncedZoneDefinition:
    """A zone of files synchronised between DSS and the code studio."""

    zone: str
    """ Kind of zone. Known values: `code_studio_versioned`, `code_studio_resources` (this studio's
    files), `project_lib_versioned`, `project_lib_resources`, `recipes` (the project's files),
    `user_versioned`, `user_resources` (the owner's files, shared by all their studios).
     """
    path_in_container: str | Unset = UNSET
    """ Where the zone lives in the studio's file system. """
    one_way: bool | Unset = UNSET
    """ If true, files only go DSS -> studio. """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        zone = self.zone

        path_in_container = self.path_in_container

        one_way = self.one_way

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "zone": zone,
            }
        )
        if path_in_container is not UNSET:
            field_dict["pathInContainer"] = path_in_container
        if one_way is not UNSET:
            field_dict["oneWay"] = one_way

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        zone = d.pop("zone")

        path_in_container = d.pop("pathInContainer", UNSET)

        one_way = d.pop("oneWay", UNSET)

        synced_zone_definition = cls(
            zone=zone,
            path_in_container=path_in_container,
            one_way=one_way,
        )

        synced_zone_definition.additional_properties = d
        return synced_zone_definition

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
