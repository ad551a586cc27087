from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.streamlit_block_type import StreamlitBlockType
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.streamlit_block_params import StreamlitBlockParams


T = TypeVar("T", bound="StreamlitBlock")


@_attrs_define
class StreamlitBlock:
    """A `pycdstdioblk_code-studio-blocks_streamlit` block (a Streamlit app; the reference server's id, DSS's is not
    public).

    """

    type_: StreamlitBlockType
    """ Type of the block. """
    params: StreamlitBlockParams | Unset = UNSET
    """ Parameters of DSS's Streamlit block. DSS's block type id is not public; the reference server
    calls it `pycdstdioblk_code-studio-blocks_streamlit`, after the pattern of the VS Code and
    JupyterLab blocks. The build installs a Python environment with Streamlit from the package
    index; studios made from the template get DSS's starter app at
    `code_studio-versioned/streamlit/app.py` when they are created (and at start when it is
    missing), served on the block's port under the studio's browser path and rerun when saved.
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
        from ..models.streamlit_block_params import StreamlitBlockParams  # noqa: PLC0415

        d = dict(src_dict)
        type_ = StreamlitBlockType(d.pop("type"))

        _params = d.pop("params", UNSET)
        params: StreamlitBlockParams | Unset
        if isinstance(_params, Unset):
            params = UNSET
        else:
            params = StreamlitBlockParams.from_dict(_params)

        streamlit_block = cls(
            type_=type_,
            params=params,
        )

        streamlit_block.additional_properties = d
        return streamlit_block

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
