from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="CodeEnvListItem")


@_attrs_define
class CodeEnvListItem:
    """A code environment of the instance."""

    env_lang: str
    """ Language, `PYTHON` or `R`. """
    env_name: str
    """ Name. """
    deployment_mode: str | Unset = UNSET
    """ How DSS manages it (`DESIGN_MANAGED`). """
    owner: str | Unset = UNSET
    """ Login of the administrator who declared it. """
    python_interpreter: str | Unset = UNSET
    """ The Python version of a Python env, e.g. `PYTHON311`. """
    description: str | Unset = UNSET
    """ What the environment is for. """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        env_lang = self.env_lang

        env_name = self.env_name

        deployment_mode = self.deployment_mode

        owner = self.owner

        python_interpreter = self.python_interpreter

        description = self.description

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "envLang": env_lang,
                "envName": env_name,
            }
        )
        if deployment_mode is not UNSET:
            field_dict["deploymentMode"] = deployment_mode
        if owner is not UNSET:
            field_dict["owner"] = owner
        if python_interpreter is not UNSET:
            field_dict["pythonInterpreter"] = python_interpreter
        if description is not UNSET:
            field_dict["description"] = description

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        env_lang = d.pop("envLang")

        env_name = d.pop("envName")

        deployment_mode = d.pop("deploymentMode", UNSET)

        owner = d.pop("owner", UNSET)

        python_interpreter = d.pop("pythonInterpreter", UNSET)

        description = d.pop("description", UNSET)

        code_env_list_item = cls(
            env_lang=env_lang,
            env_name=env_name,
            deployment_mode=deployment_mode,
            owner=owner,
            python_interpreter=python_interpreter,
            description=description,
        )

        code_env_list_item.additional_properties = d
        return code_env_list_item

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
