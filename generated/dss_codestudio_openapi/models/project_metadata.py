from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.project_metadata_checklists import ProjectMetadataChecklists
    from ..models.project_metadata_custom import ProjectMetadataCustom


T = TypeVar("T", bound="ProjectMetadata")


@_attrs_define
class ProjectMetadata:
    """The metadata of a project, as `DSSProject.get_metadata` answers and `set_metadata` sends it."""

    label: str | Unset = UNSET
    """ Display name of the project; must not be blank. """
    description: str | Unset = UNSET
    """ Long description (Markdown). """
    short_desc: str | Unset = UNSET
    """ Short description. """
    tags: list[str] | Unset = UNSET
    """ Tags. """
    custom: ProjectMetadataCustom | Unset = UNSET
    """ Custom metadata, e.g. `{"kv": {...}}`. """
    checklists: ProjectMetadataChecklists | Unset = UNSET
    """ Checklists: `{"checklists": [...]}`. """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        label = self.label

        description = self.description

        short_desc = self.short_desc

        tags: list[str] | Unset = UNSET
        if not isinstance(self.tags, Unset):
            tags = self.tags

        custom: dict[str, Any] | Unset = UNSET
        if not isinstance(self.custom, Unset):
            custom = self.custom.to_dict()

        checklists: dict[str, Any] | Unset = UNSET
        if not isinstance(self.checklists, Unset):
            checklists = self.checklists.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if label is not UNSET:
            field_dict["label"] = label
        if description is not UNSET:
            field_dict["description"] = description
        if short_desc is not UNSET:
            field_dict["shortDesc"] = short_desc
        if tags is not UNSET:
            field_dict["tags"] = tags
        if custom is not UNSET:
            field_dict["custom"] = custom
        if checklists is not UNSET:
            field_dict["checklists"] = checklists

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.project_metadata_checklists import ProjectMetadataChecklists  # noqa: PLC0415
        from ..models.project_metadata_custom import ProjectMetadataCustom  # noqa: PLC0415

        d = dict(src_dict)
        label = d.pop("label", UNSET)

        description = d.pop("description", UNSET)

        short_desc = d.pop("shortDesc", UNSET)

        tags = cast(list[str], d.pop("tags", UNSET))

        _custom = d.pop("custom", UNSET)
        custom: ProjectMetadataCustom | Unset
        if isinstance(_custom, Unset):
            custom = UNSET
        else:
            custom = ProjectMetadataCustom.from_dict(_custom)

        _checklists = d.pop("checklists", UNSET)
        checklists: ProjectMetadataChecklists | Unset
        if isinstance(_checklists, Unset):
            checklists = UNSET
        else:
            checklists = ProjectMetadataChecklists.from_dict(_checklists)

        project_metadata = cls(
            label=label,
            description=description,
            short_desc=short_desc,
            tags=tags,
            custom=custom,
            checklists=checklists,
        )

        project_metadata.additional_properties = d
        return project_metadata

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
