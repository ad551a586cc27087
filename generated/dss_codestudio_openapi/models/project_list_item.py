from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="ProjectListItem")


@_attrs_define
class ProjectListItem:
    """A project."""

    project_key: str
    """ Key of the project. """
    name: str | Unset = UNSET
    """ Display name. """
    owner: str | Unset = UNSET
    """ Login of the owner. """
    short_desc: str | Unset = UNSET
    """ Description. """
    tags: list[str] | Unset = UNSET
    """ Tags. """
    project_location: str | Unset = UNSET
    """ The path of the project folder the project is in, when `includeLocation` was asked: `/`
    for the root folder, `/Sandbox/Team` for a folder in a folder (DSS's project folders,
    not a path on the server's disk). The reference server has only the root folder.
     """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        project_key = self.project_key

        name = self.name

        owner = self.owner

        short_desc = self.short_desc

        tags: list[str] | Unset = UNSET
        if not isinstance(self.tags, Unset):
            tags = self.tags

        project_location = self.project_location

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "projectKey": project_key,
            }
        )
        if name is not UNSET:
            field_dict["name"] = name
        if owner is not UNSET:
            field_dict["owner"] = owner
        if short_desc is not UNSET:
            field_dict["shortDesc"] = short_desc
        if tags is not UNSET:
            field_dict["tags"] = tags
        if project_location is not UNSET:
            field_dict["projectLocation"] = project_location

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        project_key = d.pop("projectKey")

        name = d.pop("name", UNSET)

        owner = d.pop("owner", UNSET)

        short_desc = d.pop("shortDesc", UNSET)

        tags = cast(list[str], d.pop("tags", UNSET))

        project_location = d.pop("projectLocation", UNSET)

        project_list_item = cls(
            project_key=project_key,
            name=name,
            owner=owner,
            short_desc=short_desc,
            tags=tags,
            project_location=project_location,
        )

        project_list_item.additional_properties = d
        return project_list_item

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
