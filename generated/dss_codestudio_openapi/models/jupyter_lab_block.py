from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.jupyter_lab_block_type import JupyterLabBlockType
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.jupyter_lab_block_params import JupyterLabBlockParams


T = TypeVar("T", bound="JupyterLabBlock")


@_attrs_define
class JupyterLabBlock:
    """A `pycdstdioblk_code-studio-blocks_jupyterlab` block (JupyterLab server)."""

    type_: JupyterLabBlockType
    """ Type of the block. """
    params: JupyterLabBlockParams | Unset = UNSET
    """ Parameters of DSS's JupyterLab block (`pycdstdioblk_code-studio-blocks_jupyterlab`). The
    reference server installs, at build time, a Python environment with JupyterLab (and the
    block's packages) from the package index, and starts JupyterLab on the block's port under the
    studio's browser path, its token the secret of the start (which the proxy sends). The server
    also reads the parameters when they are directly in `params` rather than in `config`.
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
        from ..models.jupyter_lab_block_params import JupyterLabBlockParams  # noqa: PLC0415

        d = dict(src_dict)
        type_ = JupyterLabBlockType(d.pop("type"))

        _params = d.pop("params", UNSET)
        params: JupyterLabBlockParams | Unset
        if isinstance(_params, Unset):
            params = UNSET
        else:
            params = JupyterLabBlockParams.from_dict(_params)

        jupyter_lab_block = cls(
            type_=type_,
            params=params,
        )

        jupyter_lab_block.additional_properties = d
        return jupyter_lab_block

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
