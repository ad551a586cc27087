from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

T = TypeVar("T", bound="CodeStudioTemplateCreateRequest")


@_attrs_define
class CodeStudioTemplateCreateRequest:
    """What `DSSClient.create_code_studio_template` sends."""

    label: str
    """ Label of the new template; must not be blank. """
    type_: str
    """ Type of the new template; must not be blank. Known values: `block_based`, `manual`; a
    type the server does not know is stored (with a warning in the messages), but cannot be built.
     """

    def to_dict(self) -> dict[str, Any]:
        label = self.label

        type_ = self.type_

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "label": label,
                "type": type_,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        label = d.pop("label")

        type_ = d.pop("type")

        code_studio_template_create_request = cls(
            label=label,
            type_=type_,
        )

        return code_studio_template_create_request
