from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="JupyterLabBlockParamsConfig")


@_attrs_define
class JupyterLabBlockParamsConfig:
    """Configuration of the block."""

    code_env_mode: str | Unset = UNSET
    """ Where the Python environment of JupyterLab comes from. Known values: `generate`, `dss`, `user`. """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        code_env_mode = self.code_env_mode

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if code_env_mode is not UNSET:
            field_dict["codeEnvMode"] = code_env_mode

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        code_env_mode = d.pop("codeEnvMode", UNSET)

        jupyter_lab_block_params_config = cls(
            code_env_mode=code_env_mode,
        )

        jupyter_lab_block_params_config.additional_properties = d
        return jupyter_lab_block_params_config

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
