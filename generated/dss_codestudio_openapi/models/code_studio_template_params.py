from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.code_studio_template_block import CodeStudioTemplateBlock


T = TypeVar("T", bound="CodeStudioTemplateParams")


@_attrs_define
class CodeStudioTemplateParams:
    """Content of the template. For `block_based` templates it holds the ordered `blocks`; other types have their own
    shape.

    """

    blocks: list[CodeStudioTemplateBlock] | Unset = UNSET
    """ The building blocks, applied in order. """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        blocks: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.blocks, Unset):
            blocks = []
            for blocks_item_data in self.blocks:
                blocks_item = blocks_item_data.to_dict()
                blocks.append(blocks_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if blocks is not UNSET:
            field_dict["blocks"] = blocks

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.code_studio_template_block import CodeStudioTemplateBlock  # noqa: PLC0415

        d = dict(src_dict)
        _blocks = d.pop("blocks", UNSET)
        blocks: list[CodeStudioTemplateBlock] | Unset = UNSET
        if _blocks is not UNSET:
            blocks = []
            for blocks_item_data in _blocks:
                blocks_item = CodeStudioTemplateBlock.from_dict(blocks_item_data)

                blocks.append(blocks_item)

        code_studio_template_params = cls(
            blocks=blocks,
        )

        code_studio_template_params.additional_properties = d
        return code_studio_template_params

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
