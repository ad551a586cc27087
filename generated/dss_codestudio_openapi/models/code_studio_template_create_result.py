from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.info_messages import InfoMessages


T = TypeVar("T", bound="CodeStudioTemplateCreateResult")


@_attrs_define
class CodeStudioTemplateCreateResult:
    """The answer to a template creation."""

    id: str
    """ Id of the new template. """
    messages: InfoMessages | Unset = UNSET
    """ A list of messages with flags summarising their severities (DSS's `InfoMessages`). """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        messages: dict[str, Any] | Unset = UNSET
        if not isinstance(self.messages, Unset):
            messages = self.messages.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
            }
        )
        if messages is not UNSET:
            field_dict["messages"] = messages

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.info_messages import InfoMessages  # noqa: PLC0415

        d = dict(src_dict)
        id = d.pop("id")

        _messages = d.pop("messages", UNSET)
        messages: InfoMessages | Unset
        if isinstance(_messages, Unset):
            messages = UNSET
        else:
            messages = InfoMessages.from_dict(_messages)

        code_studio_template_create_result = cls(
            id=id,
            messages=messages,
        )

        code_studio_template_create_result.additional_properties = d
        return code_studio_template_create_result

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
