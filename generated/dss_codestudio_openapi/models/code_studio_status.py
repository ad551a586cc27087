from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.exposed_port import ExposedPort
    from ..models.synced_zone import SyncedZone


T = TypeVar("T", bound="CodeStudioStatus")


@_attrs_define
class CodeStudioStatus:
    """The state of a code studio and, while it runs, its ports and zones."""

    state: str
    """ Known values: `STOPPED`, `STARTING`, `RUNNING`, `STOPPING`. The allowed transitions are
    STOPPED -> STARTING -> RUNNING -> STOPPING -> STOPPED, plus STARTING -> STOPPING (a stop or
    a failure during the start).
     """
    last_state_change: int | Unset = UNSET
    """ When the state last changed, in epoch milliseconds; 0 or absent when never started. """
    last_template_built: int | Unset = UNSET
    """ When the studio's template was last built, in epoch milliseconds. """
    job_id: str | Unset = UNSET
    """ Id of the future that runs the studio. """
    run_as_user: str | Unset = UNSET
    """ Login the studio runs as. """
    exposable_count: int | Unset = UNSET
    """ Number of ports exposed by the studio. """
    exposed: list[ExposedPort] | Unset = UNSET
    """ The exposed ports; empty unless RUNNING. """
    synced_zones: list[SyncedZone] | Unset = UNSET
    """ The synchronised zones; empty unless RUNNING. Zone ids change at every start. """
    workspace_path: str | Unset = UNSET
    """ Reference-server extension: the studio's workspace folder on the server's machine, its
    "pod" file system (zones are folders in it, at their `pathInContainer` below
    `/home/dataiku/workspace`). Edit files there to edit them "in the studio".
     """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        state = self.state

        last_state_change = self.last_state_change

        last_template_built = self.last_template_built

        job_id = self.job_id

        run_as_user = self.run_as_user

        exposable_count = self.exposable_count

        exposed: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.exposed, Unset):
            exposed = []
            for exposed_item_data in self.exposed:
                exposed_item = exposed_item_data.to_dict()
                exposed.append(exposed_item)

        synced_zones: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.synced_zones, Unset):
            synced_zones = []
            for synced_zones_item_data in self.synced_zones:
                synced_zones_item = synced_zones_item_data.to_dict()
                synced_zones.append(synced_zones_item)

        workspace_path = self.workspace_path

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "state": state,
            }
        )
        if last_state_change is not UNSET:
            field_dict["lastStateChange"] = last_state_change
        if last_template_built is not UNSET:
            field_dict["lastTemplateBuilt"] = last_template_built
        if job_id is not UNSET:
            field_dict["jobId"] = job_id
        if run_as_user is not UNSET:
            field_dict["runAsUser"] = run_as_user
        if exposable_count is not UNSET:
            field_dict["exposableCount"] = exposable_count
        if exposed is not UNSET:
            field_dict["exposed"] = exposed
        if synced_zones is not UNSET:
            field_dict["syncedZones"] = synced_zones
        if workspace_path is not UNSET:
            field_dict["workspacePath"] = workspace_path

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.exposed_port import ExposedPort  # noqa: PLC0415
        from ..models.synced_zone import SyncedZone  # noqa: PLC0415

        d = dict(src_dict)
        state = d.pop("state")

        last_state_change = d.pop("lastStateChange", UNSET)

        last_template_built = d.pop("lastTemplateBuilt", UNSET)

        job_id = d.pop("jobId", UNSET)

        run_as_user = d.pop("runAsUser", UNSET)

        exposable_count = d.pop("exposableCount", UNSET)

        _exposed = d.pop("exposed", UNSET)
        exposed: list[ExposedPort] | Unset = UNSET
        if _exposed is not UNSET:
            exposed = []
            for exposed_item_data in _exposed:
                exposed_item = ExposedPort.from_dict(exposed_item_data)

                exposed.append(exposed_item)

        _synced_zones = d.pop("syncedZones", UNSET)
        synced_zones: list[SyncedZone] | Unset = UNSET
        if _synced_zones is not UNSET:
            synced_zones = []
            for synced_zones_item_data in _synced_zones:
                synced_zones_item = SyncedZone.from_dict(synced_zones_item_data)

                synced_zones.append(synced_zones_item)

        workspace_path = d.pop("workspacePath", UNSET)

        code_studio_status = cls(
            state=state,
            last_state_change=last_state_change,
            last_template_built=last_template_built,
            job_id=job_id,
            run_as_user=run_as_user,
            exposable_count=exposable_count,
            exposed=exposed,
            synced_zones=synced_zones,
            workspace_path=workspace_path,
        )

        code_studio_status.additional_properties = d
        return code_studio_status

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
