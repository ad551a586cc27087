from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="VsCodeBlockParamsConfig")


@_attrs_define
class VsCodeBlockParamsConfig:
    """The options of DSS's Visual Studio Code block (`params.config`). Paths may use the zone variables
    `__CODE_STUDIO_VERSIONED__`, `__CODE_STUDIO_RESOURCES__`, `__PROJECT_LIB_VERSIONED__`,
    `__PROJECT_LIB_RESOURCES__`, `__USER_VERSIONED__`, `__USER_RESOURCES__` and `__RECIPES__`, which
    stand for the `pathInContainer` of the synchronised zone. Other fields are kept and ignored.

    """

    port: int | Unset = UNSET
    """ The port code-server listens on in the studio (8080 by default). """
    open_in_path: str | Unset = UNSET
    """ The folder VS Code opens (`/home/dataiku/workspace` by default). """
    settings_path: str | Unset = UNSET
    """ Where the user's settings (`settings.json`, `keybindings.json`, snippets) are kept, usually in the user's
    versioned zone so that they follow the user. """
    extensions_path: str | Unset = UNSET
    """ The folder of VS Code's extensions. """
    machine_settings_path: str | Unset = UNSET
    """ A folder whose `settings.json` holds machine settings, applied on top of the server's. """
    code_server_version: str | Unset = UNSET
    """ The code-server version (`4.91.0`); the newest that runs on the machine's Node.js when blank. """
    python_extension_version: str | Unset = UNSET
    """ The version of VS Code's Python extension. The reference server installs no extension (the extension gallery
    is out of its reach) and says so. """
    jupyter_extension_version: str | Unset = UNSET
    """ The version of VS Code's Jupyter extension (not installed by the reference server). """
    additional_extensions: list[Any] | Unset = UNSET
    """ More extensions to install (not installed by the reference server). """
    install_code_assistant: bool | Unset = UNSET
    """ Install DSS's code assistant (not installed by the reference server). """
    use_in_webapps: bool | Unset = UNSET
    """ Start VS Code when the studio runs as a webapp. """
    start_script: str | Unset = UNSET
    """ DSS's own start script location (ignored by the reference server). """
    show_advanced_params: bool | Unset = UNSET
    """ Whether DSS's form shows the advanced parameters (no effect on the studio). """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        port = self.port

        open_in_path = self.open_in_path

        settings_path = self.settings_path

        extensions_path = self.extensions_path

        machine_settings_path = self.machine_settings_path

        code_server_version = self.code_server_version

        python_extension_version = self.python_extension_version

        jupyter_extension_version = self.jupyter_extension_version

        additional_extensions: list[Any] | Unset = UNSET
        if not isinstance(self.additional_extensions, Unset):
            additional_extensions = self.additional_extensions

        install_code_assistant = self.install_code_assistant

        use_in_webapps = self.use_in_webapps

        start_script = self.start_script

        show_advanced_params = self.show_advanced_params

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if port is not UNSET:
            field_dict["port"] = port
        if open_in_path is not UNSET:
            field_dict["openInPath"] = open_in_path
        if settings_path is not UNSET:
            field_dict["settingsPath"] = settings_path
        if extensions_path is not UNSET:
            field_dict["extensionsPath"] = extensions_path
        if machine_settings_path is not UNSET:
            field_dict["machineSettingsPath"] = machine_settings_path
        if code_server_version is not UNSET:
            field_dict["codeServerVersion"] = code_server_version
        if python_extension_version is not UNSET:
            field_dict["pythonExtensionVersion"] = python_extension_version
        if jupyter_extension_version is not UNSET:
            field_dict["jupyterExtensionVersion"] = jupyter_extension_version
        if additional_extensions is not UNSET:
            field_dict["additionalExtensions"] = additional_extensions
        if install_code_assistant is not UNSET:
            field_dict["installCodeAssistant"] = install_code_assistant
        if use_in_webapps is not UNSET:
            field_dict["useInWebapps"] = use_in_webapps
        if start_script is not UNSET:
            field_dict["startScript"] = start_script
        if show_advanced_params is not UNSET:
            field_dict["showAdvancedParams"] = show_advanced_params

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        port = d.pop("port", UNSET)

        open_in_path = d.pop("openInPath", UNSET)

        settings_path = d.pop("settingsPath", UNSET)

        extensions_path = d.pop("extensionsPath", UNSET)

        machine_settings_path = d.pop("machineSettingsPath", UNSET)

        code_server_version = d.pop("codeServerVersion", UNSET)

        python_extension_version = d.pop("pythonExtensionVersion", UNSET)

        jupyter_extension_version = d.pop("jupyterExtensionVersion", UNSET)

        additional_extensions = cast(list[Any], d.pop("additionalExtensions", UNSET))

        install_code_assistant = d.pop("installCodeAssistant", UNSET)

        use_in_webapps = d.pop("useInWebapps", UNSET)

        start_script = d.pop("startScript", UNSET)

        show_advanced_params = d.pop("showAdvancedParams", UNSET)

        vs_code_block_params_config = cls(
            port=port,
            open_in_path=open_in_path,
            settings_path=settings_path,
            extensions_path=extensions_path,
            machine_settings_path=machine_settings_path,
            code_server_version=code_server_version,
            python_extension_version=python_extension_version,
            jupyter_extension_version=jupyter_extension_version,
            additional_extensions=additional_extensions,
            install_code_assistant=install_code_assistant,
            use_in_webapps=use_in_webapps,
            start_script=start_script,
            show_advanced_params=show_advanced_params,
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
