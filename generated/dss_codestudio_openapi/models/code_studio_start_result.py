from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.code_studio_start_result_pushed import CodeStudioStartResultPushed
    from ..models.exposed_port import ExposedPort
    from ..models.synced_zone import SyncedZone


T = TypeVar("T", bound="CodeStudioStartResult")


@_attrs_define
class CodeStudioStartResult:
    """The result of a code studio start future."""

    state: str | Unset = UNSET
    """ State of the studio when the start completed (`RUNNING`). """
    pushed: CodeStudioStartResultPushed | Unset = UNSET
    """ For each zone id, what the initial DSS -> studio synchronisation copied. """
    synced_zones: list[SyncedZone] | Unset = UNSET
    """ The zones of this run, as the status lists them. """
    exposed: list[ExposedPort] | Unset = UNSET
    """ The exposed ports of this run, as the status lists them. """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        state = self.state

        pushed: dict[str, Any] | Unset = UNSET
        if not isinstance(self.pushed, Unset):
            pushed = self.pushed.to_dict()

        synced_zones: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.synced_zones, Unset):
            synced_zones = []
            for synced_zones_item_data in self.synced_zones:
                synced_zones_item = synced_zones_item_data.to_dict()
                synced_zones.append(synced_zones_item)

        exposed: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.exposed, Unset):
            exposed = []
            for exposed_item_data in self.exposed:
                exposed_item = exposed_item_data.to_dict()
                exposed.append(exposed_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if state is not UNSET:
            field_dict["state"] = state
        if pushed is not UNSET:
            field_dict["pushed"] = pushed
        if synced_zones is not UNSET:
            field_dict["syncedZones"] = synced_zones
        if exposed is not UNSET:
            field_dict["exposed"] = exposed

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.code_studio_start_result_pushed import CodeStudioStartResultPushed  # noqa: PLC0415
        from ..models.exposed_port import ExposedPort  # noqa: PLC0415
        from ..models.synced_zone import SyncedZone  # noqa: PLC0415

        d = dict(src_dict)
        state = d.pop("state", UNSET)

        _pushed = d.pop("pushed", UNSET)
        pushed: CodeStudioStartResultPushed | Unset
        if isinstance(_pushed, Unset):
            pushed = UNSET
        else:
            pushed = CodeStudioStartResultPushed.from_dict(_pushed)

        _synced_zones = d.pop("syncedZones", UNSET)
        synced_zones: list[SyncedZone] | Unset = UNSET
        if _synced_zones is not UNSET:
            synced_zones = []
            for synced_zones_item_data in _synced_zones:
                synced_zones_item = SyncedZone.from_dict(synced_zones_item_data)

                synced_zones.append(synced_zones_item)

        _exposed = d.pop("exposed", UNSET)
        exposed: list[ExposedPort] | Unset = UNSET
        if _exposed is not UNSET:
            exposed = []
            for exposed_item_data in _exposed:
                exposed_item = ExposedPort.from_dict(exposed_item_data)

                exposed.append(exposed_item)

        code_studio_start_result = cls(
            state=state,
            pushed=pushed,
            synced_zones=synced_zones,
            exposed=exposed,
        )

        code_studio_start_result.additional_properties = d
        return code_studio_start_result

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
