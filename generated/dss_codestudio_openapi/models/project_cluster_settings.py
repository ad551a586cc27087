from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="ProjectClusterSettings")


@_attrs_define
class ProjectClusterSettings:
    """Which cluster the project's code uses."""

    cluster_mode: str | Unset = UNSET
    """ `INHERIT` or `EXPLICIT_CLUSTER` (then `clusterId` names the cluster). """
    cluster_id: None | str | Unset = UNSET
    """ The cluster, with `EXPLICIT_CLUSTER`. """
    default_cluster_id: None | str | Unset = UNSET
    """ The cluster used when `clusterId` is not available. """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        cluster_mode = self.cluster_mode

        cluster_id: None | str | Unset
        if isinstance(self.cluster_id, Unset):
            cluster_id = UNSET
        else:
            cluster_id = self.cluster_id

        default_cluster_id: None | str | Unset
        if isinstance(self.default_cluster_id, Unset):
            default_cluster_id = UNSET
        else:
            default_cluster_id = self.default_cluster_id

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if cluster_mode is not UNSET:
            field_dict["clusterMode"] = cluster_mode
        if cluster_id is not UNSET:
            field_dict["clusterId"] = cluster_id
        if default_cluster_id is not UNSET:
            field_dict["defaultClusterId"] = default_cluster_id

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        cluster_mode = d.pop("clusterMode", UNSET)

        def _parse_cluster_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        cluster_id = _parse_cluster_id(d.pop("clusterId", UNSET))

        def _parse_default_cluster_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        default_cluster_id = _parse_default_cluster_id(d.pop("defaultClusterId", UNSET))

        project_cluster_settings = cls(
            cluster_mode=cluster_mode,
            cluster_id=cluster_id,
            default_cluster_id=default_cluster_id,
        )

        project_cluster_settings.additional_properties = d
        return project_cluster_settings

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
