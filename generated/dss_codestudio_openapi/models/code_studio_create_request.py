from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

T = TypeVar("T", bound="CodeStudioCreateRequest")


@_attrs_define
class CodeStudioCreateRequest:
    """What `DSSProject.create_code_studio` sends."""

    name: str
    """ Name of the new code studio; must not be blank. """
    template_id: str
    """ Id of the template to create it from. """

    def to_dict(self) -> dict[str, Any]:
        name = self.name

        template_id = self.template_id

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "name": name,
                "templateId": template_id,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        name = d.pop("name")

        template_id = d.pop("templateId")

        code_studio_create_request = cls(
            name=name,
            template_id=template_id,
        )

        return code_studio_create_request
