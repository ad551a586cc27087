from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="PythonIdeBlockConfig")


@_attrs_define
class PythonIdeBlockConfig:
    """The options of DSS's JupyterLab and Streamlit blocks (`params.config`). Other fields are kept
    and ignored.

    """

    port: int | Unset = UNSET
    """ The port the IDE listens on in the studio (JupyterLab 8888, Streamlit 8501 by default). """
    code_env_mode: str | Unset = UNSET
    """ Where the IDE's Python environment comes from. Known values: `generate` (the default: an
    environment made for the block), `dss` (a DSS code environment of an `add_codeenv` block)
    and `user` (an environment at `userCodeEnvPath`). The reference server installs no DSS code
    environment: with `dss` and `user` it generates one, with a warning.
     """
    python_version: str | Unset = UNSET
    """ The Python of a generated environment (`python3.9`...). The reference server uses its own Python, with a
    warning when another is asked for. """
    python_packages: str | Unset = UNSET
    """ The packages of a generated environment, separated by spaces (`jupyterlab` or `streamlit` by default; added
    when missing). """
    python_modules: str | Unset = UNSET
    """ More packages, separated by spaces; a package named in both lists takes this list's version. """
    dss_code_env: str | Unset = UNSET
    """ With `codeEnvMode` `dss`, the DSS code environment to use (the first Python one of the template when blank).
    """
    user_code_env_path: str | Unset = UNSET
    """ With `codeEnvMode` `user`, the path of the environment in the image. """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        port = self.port

        code_env_mode = self.code_env_mode

        python_version = self.python_version

        python_packages = self.python_packages

        python_modules = self.python_modules

        dss_code_env = self.dss_code_env

        user_code_env_path = self.user_code_env_path

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if port is not UNSET:
            field_dict["port"] = port
        if code_env_mode is not UNSET:
            field_dict["codeEnvMode"] = code_env_mode
        if python_version is not UNSET:
            field_dict["pythonVersion"] = python_version
        if python_packages is not UNSET:
            field_dict["pythonPackages"] = python_packages
        if python_modules is not UNSET:
            field_dict["pythonModules"] = python_modules
        if dss_code_env is not UNSET:
            field_dict["dssCodeEnv"] = dss_code_env
        if user_code_env_path is not UNSET:
            field_dict["userCodeEnvPath"] = user_code_env_path

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        port = d.pop("port", UNSET)

        code_env_mode = d.pop("codeEnvMode", UNSET)

        python_version = d.pop("pythonVersion", UNSET)

        python_packages = d.pop("pythonPackages", UNSET)

        python_modules = d.pop("pythonModules", UNSET)

        dss_code_env = d.pop("dssCodeEnv", UNSET)

        user_code_env_path = d.pop("userCodeEnvPath", UNSET)

        python_ide_block_config = cls(
            port=port,
            code_env_mode=code_env_mode,
            python_version=python_version,
            python_packages=python_packages,
            python_modules=python_modules,
            dss_code_env=dss_code_env,
            user_code_env_path=user_code_env_path,
        )

        python_ide_block_config.additional_properties = d
        return python_ide_block_config

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
