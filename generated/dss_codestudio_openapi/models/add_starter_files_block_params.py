from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.add_starter_files_block_params_files_item import (
        AddStarterFilesBlockParamsFilesItem,
    )


T = TypeVar("T", bound="AddStarterFilesBlockParams")


@_attrs_define
class AddStarterFilesBlockParams:
    """Parameters of the `add_starter_files` block (files written into the zones of a studio when it
    is created). DSS's own type id of its "Add starter files" block is not public: this type is
    the reference server's, and a DSS block of another id is an `OtherTemplateBlock`.

    """

    files: list[AddStarterFilesBlockParamsFilesItem] | Unset = UNSET
    """ The files. """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        files: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.files, Unset):
            files = []
            for files_item_data in self.files:
                files_item = files_item_data.to_dict()
                files.append(files_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if files is not UNSET:
            field_dict["files"] = files

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.add_starter_files_block_params_files_item import (
            AddStarterFilesBlockParamsFilesItem,  # noqa: PLC0415
        )

        d = dict(src_dict)
        _files = d.pop("files", UNSET)
        files: list[AddStarterFilesBlockParamsFilesItem] | Unset = UNSET
        if _files is not UNSET:
            files = []
            for files_item_data in _files:
                files_item = AddStarterFilesBlockParamsFilesItem.from_dict(files_item_data)

                files.append(files_item)

        add_starter_files_block_params = cls(
            files=files,
        )

        add_starter_files_block_params.additional_properties = d
        return add_starter_files_block_params

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
