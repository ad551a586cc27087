from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.add_starter_files_block_type import AddStarterFilesBlockType
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.add_starter_files_block_params import AddStarterFilesBlockParams


T = TypeVar("T", bound="AddStarterFilesBlock")


@_attrs_define
class AddStarterFilesBlock:
    """A `add_starter_files` block (files written into new studios)."""

    type_: AddStarterFilesBlockType
    """ Type of the block. """
    params: AddStarterFilesBlockParams | Unset = UNSET
    """ Parameters of the `add_starter_files` block (files written into the zones of a studio when it
    is created). DSS's own type id of its "Add starter files" block is not public: this type is
    the reference server's, and a DSS block of another id is an `OtherTemplateBlock`.
     """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        type_ = self.type_.value

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
        from ..models.add_starter_files_block_params import AddStarterFilesBlockParams  # noqa: PLC0415

        d = dict(src_dict)
        type_ = AddStarterFilesBlockType(d.pop("type"))

        _params = d.pop("params", UNSET)
        params: AddStarterFilesBlockParams | Unset
        if isinstance(_params, Unset):
            params = UNSET
        else:
            params = AddStarterFilesBlockParams.from_dict(_params)

        add_starter_files_block = cls(
            type_=type_,
            params=params,
        )

        add_starter_files_block.additional_properties = d
        return add_starter_files_block

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
