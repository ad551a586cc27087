from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="SyncedZone")


@_attrs_define
class SyncedZone:
    """A synchronised zone of a running code studio."""

    id: str
    """ Id of the zone in this run of the studio; use it as `{zone}` in the sync calls. It changes at every start.
    """
    zone: str | Unset = UNSET
    """ Kind of zone (see `SyncedZoneDefinition.zone`). """
    path_in_container: str | Unset = UNSET
    """ Where the zone lives in the studio's file system. """
    one_way: bool | Unset = UNSET
    """ If true, the zone is read-only towards DSS. """
    studio_path: str | Unset = UNSET
    """ Reference-server extension, the zone's folder in the studio's workspace on the server's machine. """
    dss_path: str | Unset = UNSET
    """ Reference-server extension, the zone's DSS-side folder on the server's machine. """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        zone = self.zone

        path_in_container = self.path_in_container

        one_way = self.one_way

        studio_path = self.studio_path

        dss_path = self.dss_path

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
            }
        )
        if zone is not UNSET:
            field_dict["zone"] = zone
        if path_in_container is not UNSET:
            field_dict["pathInContainer"] = path_in_container
        if one_way is not UNSET:
            field_dict["oneWay"] = one_way
        if studio_path is not UNSET:
            field_dict["studioPath"] = studio_path
        if dss_path is not UNSET:
            field_dict["dssPath"] = dss_path

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        id = d.pop("id")

        zone = d.pop("zone", UNSET)

        path_in_container = d.pop("pathInContainer", UNSET)

        one_way = d.pop("oneWay", UNSET)

        studio_path = d.pop("studioPath", UNSET)

        dss_path = d.pop("dssPath", UNSET)

        synced_zone = cls(
            id=id,
            zone=zone,
            path_in_container=path_in_container,
            one_way=one_way,
            studio_path=studio_path,
            dss_path=dss_path,
        )

        synced_zone.additional_properties = d
        return synced_zone

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
