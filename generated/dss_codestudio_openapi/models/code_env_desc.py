from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="CodeEnvDesc")


@_attrs_define
class CodeEnvDesc:
    """The core description of a code environment."""

    python_interpreter: str | Unset = UNSET
    """ The Python version of a Python env, e.g. `PYTHON311`. """
    install_core_packages: bool | Unset = UNSET
    """ Whether DSS's core packages are installed. """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        python_interpreter = self.python_interpreter

        install_core_packages = self.install_core_packages

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if python_interpreter is not UNSET:
            field_dict["pythonInterpreter"] = python_interpreter
        if install_core_packages is not UNSET:
            field_dict["installCorePackages"] = install_core_packages

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        python_interpreter = d.pop("pythonInterpreter", UNSET)

        install_core_packages = d.pop("installCorePackages", UNSET)

        code_env_desc = cls(
            python_interpreter=python_interpreter,
            install_core_packages=install_core_packages,
        )

        code_env_desc.additional_properties = d
        return code_env_desc

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
