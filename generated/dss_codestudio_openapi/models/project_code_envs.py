from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.project_code_env_selection import ProjectCodeEnvSelection


T = TypeVar("T", bound="ProjectCodeEnvs")


@_attrs_define
class ProjectCodeEnvs:
    """The project's code environment for each language."""

    python: ProjectCodeEnvSelection | Unset = UNSET
    """ Which code environment the project's code of one language uses. """
    r: ProjectCodeEnvSelection | Unset = UNSET
    """ Which code environment the project's code of one language uses. """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        python: dict[str, Any] | Unset = UNSET
        if not isinstance(self.python, Unset):
            python = self.python.to_dict()

        r: dict[str, Any] | Unset = UNSET
        if not isinstance(self.r, Unset):
            r = self.r.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if python is not UNSET:
            field_dict["python"] = python
        if r is not UNSET:
            field_dict["r"] = r

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.project_code_env_selection import ProjectCodeEnvSelection  # noqa: PLC0415

        d = dict(src_dict)
        _python = d.pop("python", UNSET)
        python: ProjectCodeEnvSelection | Unset
        if isinstance(_python, Unset):
            python = UNSET
        else:
            python = ProjectCodeEnvSelection.from_dict(_python)

        _r = d.pop("r", UNSET)
        r: ProjectCodeEnvSelection | Unset
        if isinstance(_r, Unset):
            r = UNSET
        else:
            r = ProjectCodeEnvSelection.from_dict(_r)

        project_code_envs = cls(
            python=python,
            r=r,
        )

        project_code_envs.additional_properties = d
        return project_code_envs

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
