from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.code_env_desc import CodeEnvDesc


T = TypeVar("T", bound="CodeEnvDefinition")


@_attrs_define
class CodeEnvDefinition:
    """The definition of a code environment, as `DSSCodeEnv.get_definition` answers it."""

    env_lang: str | Unset = UNSET
    """ Language, `PYTHON` or `R`. """
    env_name: str | Unset = UNSET
    """ Name. """
    deployment_mode: str | Unset = UNSET
    """ How DSS manages it (`DESIGN_MANAGED`). """
    owner: str | Unset = UNSET
    """ Login of the administrator who declared it. """
    desc: CodeEnvDesc | Unset = UNSET
    """ The core description of a code environment. """
    description: str | Unset = UNSET
    """ What the environment is for. """
    spec_package_list: str | Unset = UNSET
    """ The requested packages, one requirement a line. """
    spec_conda_environment: str | Unset = UNSET
    """ The requested Conda environment. """
    all_container_confs: bool | Unset = UNSET
    """ Whether an image is built for every container configuration. """
    container_confs: list[str] | Unset = UNSET
    """ The container configurations an image is built for (if not all). """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        env_lang = self.env_lang

        env_name = self.env_name

        deployment_mode = self.deployment_mode

        owner = self.owner

        desc: dict[str, Any] | Unset = UNSET
        if not isinstance(self.desc, Unset):
            desc = self.desc.to_dict()

        description = self.description

        spec_package_list = self.spec_package_list

        spec_conda_environment = self.spec_conda_environment

        all_container_confs = self.all_container_confs

        container_confs: list[str] | Unset = UNSET
        if not isinstance(self.container_confs, Unset):
            container_confs = self.container_confs

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if env_lang is not UNSET:
            field_dict["envLang"] = env_lang
        if env_name is not UNSET:
            field_dict["envName"] = env_name
        if deployment_mode is not UNSET:
            field_dict["deploymentMode"] = deployment_mode
        if owner is not UNSET:
            field_dict["owner"] = owner
        if desc is not UNSET:
            field_dict["desc"] = desc
        if description is not UNSET:
            field_dict["description"] = description
        if spec_package_list is not UNSET:
            field_dict["specPackageList"] = spec_package_list
        if spec_conda_environment is not UNSET:
            field_dict["specCondaEnvironment"] = spec_conda_environment
        if all_container_confs is not UNSET:
            field_dict["allContainerConfs"] = all_container_confs
        if container_confs is not UNSET:
            field_dict["containerConfs"] = container_confs

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.code_env_desc import CodeEnvDesc  # noqa: PLC0415

        d = dict(src_dict)
        env_lang = d.pop("envLang", UNSET)

        env_name = d.pop("envName", UNSET)

        deployment_mode = d.pop("deploymentMode", UNSET)

        owner = d.pop("owner", UNSET)

        _desc = d.pop("desc", UNSET)
        desc: CodeEnvDesc | Unset
        if isinstance(_desc, Unset):
            desc = UNSET
        else:
            desc = CodeEnvDesc.from_dict(_desc)

        description = d.pop("description", UNSET)

        spec_package_list = d.pop("specPackageList", UNSET)

        spec_conda_environment = d.pop("specCondaEnvironment", UNSET)

        all_container_confs = d.pop("allContainerConfs", UNSET)

        container_confs = cast(list[str], d.pop("containerConfs", UNSET))

        code_env_definition = cls(
            env_lang=env_lang,
            env_name=env_name,
            deployment_mode=deployment_mode,
            owner=owner,
            desc=desc,
            description=description,
            spec_package_list=spec_package_list,
            spec_conda_environment=spec_conda_environment,
            all_container_confs=all_container_confs,
            container_confs=container_confs,
        )

        code_env_definition.additional_properties = d
        return code_env_definition

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
