from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="AddCodeEnvBlockParams")


@_attrs_define
class AddCodeEnvBlockParams:
    """Parameters of the `add_codeenv` block (installs a DSS code environment in the image)."""

    env_name: str | Unset = UNSET
    """ Name of the code environment. """
    env_lang: str | Unset = UNSET
    """ Language of the code environment. Known values: `PYTHON`, `R`. """
    version_id: str | Unset = UNSET
    """ Version of the environment (`Latest` for the current one). """
    env_dir: str | Unset = UNSET
    """ Folder of the environment under `/opt/dataiku/python-code-envs/`. """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        env_name = self.env_name

        env_lang = self.env_lang

        version_id = self.version_id

        env_dir = self.env_dir

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if env_name is not UNSET:
            field_dict["envName"] = env_name
        if env_lang is not UNSET:
            field_dict["envLang"] = env_lang
        if version_id is not UNSET:
            field_dict["versionId"] = version_id
        if env_dir is not UNSET:
            field_dict["envDir"] = env_dir

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        env_name = d.pop("envName", UNSET)

        env_lang = d.pop("envLang", UNSET)

        version_id = d.pop("versionId", UNSET)

        env_dir = d.pop("envDir", UNSET)

        add_code_env_block_params = cls(
            env_name=env_name,
            env_lang=env_lang,
            version_id=version_id,
            env_dir=env_dir,
        )

        add_code_env_block_params.additional_properties = d
        return add_code_env_block_params

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
