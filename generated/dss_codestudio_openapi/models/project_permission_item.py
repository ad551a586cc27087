from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="ProjectPermissionItem")


@_attrs_define
class ProjectPermissionItem:
    """A permission item of a project, naming a `group` or a `user`, and the permissions granted to it."""

    group: str | Unset = UNSET
    """ The group granted the permissions. """
    user: str | Unset = UNSET
    """ The user granted the permissions (instead of a group). """
    admin: bool | Unset = UNSET
    """ Administrator of the project (every permission, and its permissions and settings). """
    write_project_content: bool | Unset = UNSET
    """ May change the project's content (its library, its code studios, its metadata). """
    read_project_content: bool | Unset = UNSET
    """ May read the project's content. Any other permission set to true also grants reading. """
    read_dashboards: bool | Unset = UNSET
    """ May read the project's dashboards (grants reading here). """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        group = self.group

        user = self.user

        admin = self.admin

        write_project_content = self.write_project_content

        read_project_content = self.read_project_content

        read_dashboards = self.read_dashboards

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if group is not UNSET:
            field_dict["group"] = group
        if user is not UNSET:
            field_dict["user"] = user
        if admin is not UNSET:
            field_dict["admin"] = admin
        if write_project_content is not UNSET:
            field_dict["writeProjectContent"] = write_project_content
        if read_project_content is not UNSET:
            field_dict["readProjectContent"] = read_project_content
        if read_dashboards is not UNSET:
            field_dict["readDashboards"] = read_dashboards

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        group = d.pop("group", UNSET)

        user = d.pop("user", UNSET)

        admin = d.pop("admin", UNSET)

        write_project_content = d.pop("writeProjectContent", UNSET)

        read_project_content = d.pop("readProjectContent", UNSET)

        read_dashboards = d.pop("readDashboards", UNSET)

        project_permission_item = cls(
            group=group,
            user=user,
            admin=admin,
            write_project_content=write_project_content,
            read_project_content=read_project_content,
            read_dashboards=read_dashboards,
        )

        project_permission_item.additional_properties = d
        return project_permission_item

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
