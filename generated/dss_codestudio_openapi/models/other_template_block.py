from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.other_template_block_params import OtherTemplateBlockParams


T = TypeVar("T", bound="OtherTemplateBlock")


@_attrs_define
class OtherTemplateBlock:
    """A block of a type that `KnownTemplateBlock` does not list: a plugin block
    (`pycdstdioblk_<pluginId>_<blockId>`) or a type of another DSS release. Its `params` are
    open; every field round-trips.

    """

    type_: str
    """ Type of the block; any type but the known ones (whose blocks must have their typed shape). """
    params: OtherTemplateBlockParams | Unset = UNSET
    """ Parameters of the block, as its type defines them. """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        type_ = self.type_

        params: dict[str, Any] | Unset = UNSET
        if not isinstance(self.params, Unset):
            params = self.params.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "type": type_,
            }
        )
        if params is not UNSET:
            field_dict["params"] = params

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.other_template_block_params import OtherTemplateBlockParams  # noqa: PLC0415

        d = dict(src_dict)
        type_ = d.pop("type")

        _params = d.pop("params", UNSET)
        params: OtherTemplateBlockParams | Unset
        if isinstance(_params, Unset):
            params = UNSET
        else:
            params = OtherTemplateBlockParams.from_dict(_params)

        other_template_block = cls(
            type_=type_,
            params=params,
        )

        other_template_block.additional_properties = d
        return other_template_block

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
