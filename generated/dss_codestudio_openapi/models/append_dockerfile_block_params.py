from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="AppendDockerfileBlockParams")


@_attrs_define
class AppendDockerfileBlockParams:
    """Parameters of the `append_dockerfile` block."""

    label: str | Unset = UNSET
    """ Label of the block. """
    dockerfile: str | Unset = UNSET
    """ Dockerfile lines appended to the image. `__TEMPLATE_RESOURCES__`, `${dip.home}`, `${dku.install.dir}` and
    `${template.resources}` are substituted. """
    run_as_root: bool | Unset = UNSET
    """ Run the lines as root. """
    resources: list[Any] | Unset = UNSET
    """ Resources copied into the build context. """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        label = self.label

        dockerfile = self.dockerfile

        run_as_root = self.run_as_root

        resources: list[Any] | Unset = UNSET
        if not isinstance(self.resources, Unset):
            resources = self.resources

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if label is not UNSET:
            field_dict["label"] = label
        if dockerfile is not UNSET:
            field_dict["dockerfile"] = dockerfile
        if run_as_root is not UNSET:
            field_dict["runAsRoot"] = run_as_root
        if resources is not UNSET:
            field_dict["resources"] = resources

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        label = d.pop("label", UNSET)

        dockerfile = d.pop("dockerfile", UNSET)

        run_as_root = d.pop("runAsRoot", UNSET)

        resources = cast(list[Any], d.pop("resources", UNSET))

        append_dockerfile_block_params = cls(
            label=label,
            dockerfile=dockerfile,
            run_as_root=run_as_root,
            resources=resources,
        )

        append_dockerfile_block_params.additional_properties = d
        return append_dockerfile_block_params

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
