from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.code_studio_template_desc import CodeStudioTemplateDesc


T = TypeVar("T", bound="CodeStudioListItem")


@_attrs_define
class CodeStudioListItem:
    """An item of the code studio list of a project (slim, without `libName`)."""

    id: str
    """ Id of the code studio. """
    name: str
    """ Name of the code studio (user-provided, not necessarily unique). """
    owner: str
    """ Login of the owner. """
    template_id: str
    """ Id of the template the studio was created from. """
    project_key: str | Unset = UNSET
    """ Key of the project. """
    desc: CodeStudioTemplateDesc | Unset = UNSET
    """ Description of the template of a code studio. """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        name = self.name

        owner = self.owner

        template_id = self.template_id

        project_key = self.project_key

        desc: dict[str, Any] | Unset = UNSET
        if not isinstance(self.desc, Unset):
            desc = self.desc.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "name": name,
                "owner": owner,
                "templateId": template_id,
            }
        )
        if project_key is not UNSET:
            field_dict["projectKey"] = project_key
        if desc is not UNSET:
            field_dict["desc"] = desc

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.code_studio_template_desc import CodeStudioTemplateDesc  # noqa: PLC0415

        d = dict(src_dict)
        id = d.pop("id")

        name = d.pop("name")

        owner = d.pop("owner")

        template_id = d.pop("templateId")

        project_key = d.pop("projectKey", UNSET)

        _desc = d.pop("desc", UNSET)
        desc: CodeStudioTemplateDesc | Unset
        if isinstance(_desc, Unset):
            desc = UNSET
        else:
            desc = CodeStudioTemplateDesc.from_dict(_desc)

        code_studio_list_item = cls(
            id=id,
            name=name,
            owner=owner,
            template_id=template_id,
            project_key=project_key,
            desc=desc,
        )

        code_studio_list_item.additional_properties = d
        return code_studio_list_item

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
