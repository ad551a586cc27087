from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.project_execution_settings import ProjectExecutionSettings
    from ..models.project_exposed_objects import ProjectExposedObjects


T = TypeVar("T", bound="ProjectSettings")


@_attrs_define
class ProjectSettings:
    """The raw settings of a project (permissions apart), as `DSSProject.get_settings` answers and
    `DSSProjectSettings.save` sends them.

    """

    settings: ProjectExecutionSettings | Unset = UNSET
    """ What the project's code runs with. """
    exposed_objects: ProjectExposedObjects | Unset = UNSET
    """ The objects the project exposes to other projects. """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        settings: dict[str, Any] | Unset = UNSET
        if not isinstance(self.settings, Unset):
            settings = self.settings.to_dict()

        exposed_objects: dict[str, Any] | Unset = UNSET
        if not isinstance(self.exposed_objects, Unset):
            exposed_objects = self.exposed_objects.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if settings is not UNSET:
            field_dict["settings"] = settings
        if exposed_objects is not UNSET:
            field_dict["exposedObjects"] = exposed_objects

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.project_execution_settings import ProjectExecutionSettings  # noqa: PLC0415
        from ..models.project_exposed_objects import ProjectExposedObjects  # noqa: PLC0415

        d = dict(src_dict)
        _settings = d.pop("settings", UNSET)
        settings: ProjectExecutionSettings | Unset
        if isinstance(_settings, Unset):
            settings = UNSET
        else:
            settings = ProjectExecutionSettings.from_dict(_settings)

        _exposed_objects = d.pop("exposedObjects", UNSET)
        exposed_objects: ProjectExposedObjects | Unset
        if isinstance(_exposed_objects, Unset):
            exposed_objects = UNSET
        else:
            exposed_objects = ProjectExposedObjects.from_dict(_exposed_objects)

        project_settings = cls(
            settings=settings,
            exposed_objects=exposed_objects,
        )

        project_settings.additional_properties = d
        return project_settings

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
