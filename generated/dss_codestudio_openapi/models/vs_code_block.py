from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.vs_code_block_type import VsCodeBlockType
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.vs_code_block_params import VsCodeBlockParams


T = TypeVar("T", bound="VsCodeBlock")


@_attrs_define
class VsCodeBlock:
    """A `pycdstdioblk_code-studio-blocks_vscode` block (Visual Studio Code)."""

    type_: VsCodeBlockType
    """ Type of the block. """
    params: VsCodeBlockParams | Unset = UNSET
    """ Parameters of DSS's Visual Studio Code block (`pycdstdioblk_code-studio-blocks_vscode`), as the
    real DSS 13.5.4 export has them. The reference server builds code-server from the npm registry
    with the machine's Node.js (the version asked for when the registry has it and it runs on that
    Node.js, else the newest that does, with a warning) and starts it on the block's port; the
    proxy strips the studio's prefix and sends the start's secret as code-server's session cookie.
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
        from ..models.vs_code_block_params import VsCodeBlockParams  # noqa: PLC0415

        d = dict(src_dict)
        type_ = VsCodeBlockType(d.pop("type"))

        _params = d.pop("params", UNSET)
        params: VsCodeBlockParams | Unset
        if isinstance(_params, Unset):
            params = UNSET
        else:
            params = VsCodeBlockParams.from_dict(_params)

        vs_code_block = cls(
            type_=type_,
            params=params,
        )

        vs_code_block.additional_properties = d
        return vs_code_block

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
