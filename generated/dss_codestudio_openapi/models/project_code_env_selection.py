from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="ProjectCodeEnvSelection")


@_attrs_define
class ProjectCodeEnvSelection:
    """Which code environment the project's code of one language uses."""

    mode: str | Unset = UNSET
    """ `USE_BUILTIN_MODE`, `INHERIT` or `EXPLICIT_ENV` (then `envName` names a declared code env). """
    use_builtin_env: bool | Unset = UNSET
    """ Whether the built-in environment is used. """
    env_name: None | str | Unset = UNSET
    """ Name of the code environment, with `EXPLICIT_ENV`. """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        mode = self.mode

        use_builtin_env = self.use_builtin_env

        env_name: None | str | Unset
        if isinstance(self.env_name, Unset):
            env_name = UNSET
        else:
            env_name = self.env_name

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if mode is not UNSET:
            field_dict["mode"] = mode
        if use_builtin_env is not UNSET:
            field_dict["useBuiltinEnv"] = use_builtin_env
        if env_name is not UNSET:
            field_dict["envName"] = env_name

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        mode = d.pop("mode", UNSET)

        use_builtin_env = d.pop("useBuiltinEnv", UNSET)

        def _parse_env_name(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        env_name = _parse_env_name(d.pop("envName", UNSET))

        project_code_env_selection = cls(
            mode=mode,
            use_builtin_env=use_builtin_env,
            env_name=env_name,
        )

        project_code_env_selection.additional_properties = d
        return project_code_env_selection

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
