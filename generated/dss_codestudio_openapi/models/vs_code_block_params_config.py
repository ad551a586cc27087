from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="VsCodeBlockParamsConfig")


@_attrs_define
class VsCodeBlockParamsConfig:
    """Configuration of the block."""

    port: int | Unset = UNSET
    """ Port code-server listens on in the studio (8080 in DSS's template). """
    open_in_path: str | Unset = UNSET
    """ Folder VS Code opens (`/home/dataiku/workspace`). """
    settings_path: str | Unset = UNSET
    """ Where the user settings are kept; may start with a zone placeholder such as `__USER_VERSIONED__`. """
    machine_settings_path: str | Unset = UNSET
    """ Where the machine settings are kept; may start with a zone placeholder. """
    extensions_path: str | Unset = UNSET
    """ Where extensions are installed; may start with a zone placeholder such as `__CODE_STUDIO_RESOURCES__`. """
    start_script: str | Unset = UNSET
    """ Folder of the start script. """
    use_in_webapps: bool | Unset = UNSET
    """ Launch VS Code when the studio runs as a webapp. """
    install_code_assistant: bool | Unset = UNSET
    """ Install the code assistant extension. """
    show_advanced_params: bool | Unset = UNSET
    """ Whether the block's form shows its advanced parameters. """
    code_server_version: str | Unset = UNSET
    """ Version of code-server installed (e.g. `4.91.0`). """
    python_extension_version: str | Unset = UNSET
    """ Version of the Python extension installed. """
    jupyter_extension_version: str | Unset = UNSET
    """ Version of the Jupyter extension installed. """
    additional_extensions: list[Any] | Unset = UNSET
    """ Further extensions to install. """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        port = self.port

        open_in_path = self.open_in_path

        settings_path = self.settings_path

        machine_settings_path = self.machine_settings_path

        extensions_path = self.extensions_path

        start_script = self.start_script

        use_in_webapps = self.use_in_webapps

        install_code_assistant = self.install_code_assistant

        show_advanced_params = self.show_advanced_params

        code_server_version = self.code_server_version

        python_extension_version = self.python_extension_version

        jupyter_extension_version = self.jupyter_extension_version

        additional_extensions: list[Any] | Unset = UNSET
        if not isinstance(self.additional_extensions, Unset):
            additional_extensions = self.additional_extensions

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if port is not UNSET:
            field_dict["port"] = port
        if open_in_path is not UNSET:
            field_dict["openInPath"] = open_in_path
        if settings_path is not UNSET:
            field_dict["settingsPath"] = settings_path
        if machine_settings_path is not UNSET:
            field_dict["machineSettingsPath"] = machine_settings_path
        if extensions_path is not UNSET:
            field_dict["extensionsPath"] = extensions_path
        if start_script is not UNSET:
            field_dict["startScript"] = start_script
        if use_in_webapps is not UNSET:
            field_dict["useInWebapps"] = use_in_webapps
        if install_code_assistant is not UNSET:
            field_dict["installCodeAssistant"] = install_code_assistant
        if show_advanced_params is not UNSET:
            field_dict["showAdvancedParams"] = show_advanced_params
        if code_server_version is not UNSET:
            field_dict["codeServerVersion"] = code_server_version
        if python_extension_version is not UNSET:
            field_dict["pythonExtensionVersion"] = python_extension_version
        if jupyter_extension_version is not UNSET:
            field_dict["jupyterExtensionVersion"] = jupyter_extension_version
        if additional_extensions is not UNSET:
            field_dict["additionalExtensions"] = additional_extensions

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        port = d.pop("port", UNSET)

        open_in_path = d.pop("openInPath", UNSET)

        settings_path = d.pop("settingsPath", UNSET)

        machine_settings_path = d.pop("machineSettingsPath", UNSET)

        extensions_path = d.pop("extensionsPath", UNSET)

        start_script = d.pop("startScript", UNSET)

        use_in_webapps = d.pop("useInWebapps", UNSET)

        install_code_assistant = d.pop("installCodeAssistant", UNSET)

        show_advanced_params = d.pop("showAdvancedParams", UNSET)

        code_server_version = d.pop("codeServerVersion", UNSET)

        python_extension_version = d.pop("pythonExtensionVersion", UNSET)

        jupyter_extension_version = d.pop("jupyterExtensionVersion", UNSET)

        additional_extensions = cast(list[Any], d.pop("additionalExtensions", UNSET))

        vs_code_block_params_config = cls(
            port=port,
            open_in_path=open_in_path,
            settings_path=settings_path,
            machine_settings_path=machine_settings_path,
            extensions_path=extensions_path,
            start_script=start_script,
            use_in_webapps=use_in_webapps,
            install_code_assistant=install_code_assistant,
            show_advanced_params=show_advanced_params,
            code_server_version=code_server_version,
            python_extension_version=python_extension_version,
            jupyter_extension_version=jupyter_extension_version,
            additional_extensions=additional_extensions,
        )

        vs_code_block_params_config.additional_properties = d
        return vs_code_block_params_config

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
