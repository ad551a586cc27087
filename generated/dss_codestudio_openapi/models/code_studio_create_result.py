from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.code_studio_settings import CodeStudioSettings


T = TypeVar("T", bound="CodeStudioCreateResult")


@_attrs_define
class CodeStudioCreateResult:
    """The answer to a code studio creation."""

    code_studio: CodeStudioSettings
    """ The definition of a code studio object. """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        code_studio = self.code_studio.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "codeStudio": code_studio,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.code_studio_settings import CodeStudioSettings  # noqa: PLC0415

        d = dict(src_dict)
        code_studio = CodeStudioSettings.from_dict(d.pop("codeStudio"))

        code_studio_create_result = cls(
            code_studio=code_studio,
        )

        code_studio_create_result.additional_properties = d
        return code_studio_create_result

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
