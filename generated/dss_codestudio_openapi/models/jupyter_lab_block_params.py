from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.python_ide_block_config import PythonIdeBlockConfig


T = TypeVar("T", bound="JupyterLabBlockParams")


@_attrs_define
class JupyterLabBlockParams:
    """Parameters of DSS's JupyterLab block (`pycdstdioblk_code-studio-blocks_jupyterlab`). The
    reference server installs, at build time, a Python environment with JupyterLab (and the
    block's packages) from the package index, and starts JupyterLab on the block's port under the
    studio's browser path, its token the secret of the start (which the proxy sends). The server
    also reads the parameters when they are directly in `params` rather than in `config`.

    """

    config: PythonIdeBlockConfig | Unset = UNSET
    """ The options of DSS's JupyterLab and Streamlit blocks (`params.config`). Other fields are kept
    and ignored.
     """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        config: dict[str, Any] | Unset = UNSET
        if not isinstance(self.config, Unset):
            config = self.config.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if config is not UNSET:
            field_dict["config"] = config

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.python_ide_block_config import PythonIdeBlockConfig  # noqa: PLC0415

        d = dict(src_dict)
        _config = d.pop("config", UNSET)
        config: PythonIdeBlockConfig | Unset
        if isinstance(_config, Unset):
            config = UNSET
        else:
            config = PythonIdeBlockConfig.from_dict(_config)

        jupyter_lab_block_params = cls(
            config=config,
        )

        jupyter_lab_block_params.additional_properties = d
        return jupyter_lab_block_params

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
