from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.version_tag import VersionTag


T = TypeVar("T", bound="ProjectSummary")


@_attrs_define
class ProjectSummary:
    """A read-only summary of a project."""

    project_key: str
    """ Key of the project. """
    name: str | Unset = UNSET
    """ Display name (the metadata's `label`). """
    owner: str | Unset = UNSET
    """ Login of the owner. """
    short_desc: str | Unset = UNSET
    """ Short description. """
    description: str | Unset = UNSET
    """ Long description. """
    tags: list[str] | Unset = UNSET
    """ Tags. """
    project_status: str | Unset = UNSET
    """ Status of the project (`Sandbox` unless set in the metadata's `custom.projectStatus`). """
    project_type: str | Unset = UNSET
    """ Type of the project (`REGULAR`). """
    version_tag: VersionTag | Unset = UNSET
    """ Who changed an object last, and when. """
    creation_tag: VersionTag | Unset = UNSET
    """ Who changed an object last, and when. """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        project_key = self.project_key

        name = self.name

        owner = self.owner

        short_desc = self.short_desc

        description = self.description

        tags: list[str] | Unset = UNSET
        if not isinstance(self.tags, Unset):
            tags = self.tags

        project_status = self.project_status

        project_type = self.project_type

        version_tag: dict[str, Any] | Unset = UNSET
        if not isinstance(self.version_tag, Unset):
            version_tag = self.version_tag.to_dict()

        creation_tag: dict[str, Any] | Unset = UNSET
        if not isinstance(self.creation_tag, Unset):
            creation_tag = self.creation_tag.to_dict()

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
        if description is not UNSET:
            field_dict["description"] = description
        if tags is not UNSET:
            field_dict["tags"] = tags
        if project_status is not UNSET:
            field_dict["projectStatus"] = project_status
        if project_type is not UNSET:
            field_dict["projectType"] = project_type
        if version_tag is not UNSET:
            field_dict["versionTag"] = version_tag
        if creation_tag is not UNSET:
            field_dict["creationTag"] = creation_tag

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.version_tag import VersionTag  # noqa: PLC0415

        d = dict(src_dict)
        project_key = d.pop("projectKey")

        name = d.pop("name", UNSET)

        owner = d.pop("owner", UNSET)

        short_desc = d.pop("shortDesc", UNSET)

        description = d.pop("description", UNSET)

        tags = cast(list[str], d.pop("tags", UNSET))

        project_status = d.pop("projectStatus", UNSET)

        project_type = d.pop("projectType", UNSET)

        _version_tag = d.pop("versionTag", UNSET)
        version_tag: VersionTag | Unset
        if isinstance(_version_tag, Unset):
            version_tag = UNSET
        else:
            version_tag = VersionTag.from_dict(_version_tag)

        _creation_tag = d.pop("creationTag", UNSET)
        creation_tag: VersionTag | Unset
        if isinstance(_creation_tag, Unset):
            creation_tag = UNSET
        else:
            creation_tag = VersionTag.from_dict(_creation_tag)

        project_summary = cls(
            project_key=project_key,
            name=name,
            owner=owner,
            short_desc=short_desc,
            description=description,
            tags=tags,
            project_status=project_status,
            project_type=project_type,
            version_tag=version_tag,
            creation_tag=creation_tag,
        )

        project_summary.additional_properties = d
        return project_summary

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
