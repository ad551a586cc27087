from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="ProjectContainerSettings")


@_attrs_define
class ProjectContainerSettings:
    """Whether, and in which container configuration, the project's code runs in containers."""

    container_mode: str | Unset = UNSET
    """ `NONE`, `INHERIT` or `EXPLICIT_CONTAINER` (then `containerConf` names the configuration). """
    container_conf: None | str | Unset = UNSET
    """ The container configuration, with `EXPLICIT_CONTAINER`. """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        container_mode = self.container_mode

        container_conf: None | str | Unset
        if isinstance(self.container_conf, Unset):
            container_conf = UNSET
        else:
            container_conf = self.container_conf

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if container_mode is not UNSET:
            field_dict["containerMode"] = container_mode
        if container_conf is not UNSET:
            field_dict["containerConf"] = container_conf

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        container_mode = d.pop("containerMode", UNSET)

        def _parse_container_conf(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        container_conf = _parse_container_conf(d.pop("containerConf", UNSET))

        project_container_settings = cls(
            container_mode=container_mode,
            container_conf=container_conf,
        )

        project_container_settings.additional_properties = d
        return project_container_settings

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
