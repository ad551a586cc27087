from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.synced_zone_definition import SyncedZoneDefinition


T = TypeVar("T", bound="DssBaseImageBlockParams")


@_attrs_define
class DssBaseImageBlockParams:
    """Parameters of the `dss_base_image` block (file synchronisation, always present)."""

    synced_zones: list[SyncedZoneDefinition] | Unset = UNSET
    """ The synchronised zones. """
    excluded_from_sync: list[str] | Unset = UNSET
    """ Gitignore-style patterns of files never synchronised (no `!` negation). """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        synced_zones: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.synced_zones, Unset):
            synced_zones = []
            for synced_zones_item_data in self.synced_zones:
                synced_zones_item = synced_zones_item_data.to_dict()
                synced_zones.append(synced_zones_item)

        excluded_from_sync: list[str] | Unset = UNSET
        if not isinstance(self.excluded_from_sync, Unset):
            excluded_from_sync = self.excluded_from_sync

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if synced_zones is not UNSET:
            field_dict["syncedZones"] = synced_zones
        if excluded_from_sync is not UNSET:
            field_dict["excludedFromSync"] = excluded_from_sync

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.synced_zone_definition import SyncedZoneDefinition  # noqa: PLC0415

        d = dict(src_dict)
        _synced_zones = d.pop("syncedZones", UNSET)
        synced_zones: list[SyncedZoneDefinition] | Unset = UNSET
        if _synced_zones is not UNSET:
            synced_zones = []
            for synced_zones_item_data in _synced_zones:
                synced_zones_item = SyncedZoneDefinition.from_dict(synced_zones_item_data)

                synced_zones.append(synced_zones_item)

        excluded_from_sync = cast(list[str], d.pop("excludedFromSync", UNSET))

        dss_base_image_block_params = cls(
            synced_zones=synced_zones,
            excluded_from_sync=excluded_from_sync,
        )

        dss_base_image_block_params.additional_properties = d
        return dss_base_image_block_params

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
