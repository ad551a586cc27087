from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.project_create_request_permissions_item import (
        ProjectCreateRequestPermissionsItem,
    )
    from ..models.project_create_request_settings_type_0 import (
        ProjectCreateRequestSettingsType0,
    )


T = TypeVar("T", bound="ProjectCreateRequest")


@_attrs_define
class ProjectCreateRequest:
    """What `DSSClient.create_project` sends."""

    project_key: str
    """ Key of the new project (letters, digits and underscores), unique on the instance. """
    name: str
    """ Display name; must not be blank. """
    owner: str
    """ Login of the owner. """
    description: None | str | Unset = UNSET
    """ Description. """
    settings: None | ProjectCreateRequestSettingsType0 | Unset = UNSET
    """ Initial settings (not documented by DSS). """
    permissions: list[ProjectCreateRequestPermissionsItem] | Unset = UNSET
    """ Initial permissions, one object per group. """
    tags: list[str] | Unset = UNSET
    """ Tags. """

    def to_dict(self) -> dict[str, Any]:
        from ..models.project_create_request_settings_type_0 import (
            ProjectCreateRequestSettingsType0,  # noqa: PLC0415
        )

        project_key = self.project_key

        name = self.name

        owner = self.owner

        description: None | str | Unset
        if isinstance(self.description, Unset):
            description = UNSET
        else:
            description = self.description

        settings: dict[str, Any] | None | Unset
        if isinstance(self.settings, Unset):
            settings = UNSET
        elif isinstance(self.settings, ProjectCreateRequestSettingsType0):
            settings = self.settings.to_dict()
        else:
            settings = self.settings

        permissions: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.permissions, Unset):
            permissions = []
            for permissions_item_data in self.permissions:
                permissions_item = permissions_item_data.to_dict()
                permissions.append(permissions_item)

        tags: list[str] | Unset = UNSET
        if not isinstance(self.tags, Unset):
            tags = self.tags

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "projectKey": project_key,
                "name": name,
                "owner": owner,
            }
        )
        if description is not UNSET:
            field_dict["description"] = description
        if settings is not UNSET:
            field_dict["settings"] = settings
        if permissions is not UNSET:
            field_dict["permissions"] = permissions
        if tags is not UNSET:
            field_dict["tags"] = tags

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.project_create_request_permissions_item import (
            ProjectCreateRequestPermissionsItem,  # noqa: PLC0415
        )
        from ..models.project_create_request_settings_type_0 import (
            ProjectCreateRequestSettingsType0,  # noqa: PLC0415
        )

        d = dict(src_dict)
        project_key = d.pop("projectKey")

        name = d.pop("name")

        owner = d.pop("owner")

        def _parse_description(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        description = _parse_description(d.pop("description", UNSET))

        def _parse_settings(data: object) -> None | ProjectCreateRequestSettingsType0 | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                settings_type_0 = ProjectCreateRequestSettingsType0.from_dict(data)

                return settings_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | ProjectCreateRequestSettingsType0 | Unset, data)

        settings = _parse_settings(d.pop("settings", UNSET))

        _permissions = d.pop("permissions", UNSET)
        permissions: list[ProjectCreateRequestPermissionsItem] | Unset = UNSET
        if _permissions is not UNSET:
            permissions = []
            for permissions_item_data in _permissions:
                permissions_item = ProjectCreateRequestPermissionsItem.from_dict(permissions_item_data)

                permissions.append(permissions_item)

        tags = cast(list[str], d.pop("tags", UNSET))

        project_create_request = cls(
            project_key=project_key,
            name=name,
            owner=owner,
            description=description,
            settings=settings,
            permissions=permissions,
            tags=tags,
        )

        return project_create_request
