from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.append_dockerfile_block_params_resources_item import (
        AppendDockerfileBlockParamsResourcesItem,
    )


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
    resources: list[AppendDockerfileBlockParamsResourcesItem] | Unset = UNSET
    """ Resources copied into the build context. """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        label = self.label

        dockerfile = self.dockerfile

        run_as_root = self.run_as_root

        resources: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.resources, Unset):
            resources = []
            for resources_item_data in self.resources:
                resources_item = resources_item_data.to_dict()
                resources.append(resources_item)

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
        from ..models.append_dockerfile_block_params_resources_item import (
            AppendDockerfileBlockParamsResourcesItem,  # noqa: PLC0415
        )

        d = dict(src_dict)
        label = d.pop("label", UNSET)

        dockerfile = d.pop("dockerfile", UNSET)

        run_as_root = d.pop("runAsRoot", UNSET)

        _resources = d.pop("resources", UNSET)
        resources: list[AppendDockerfileBlockParamsResourcesItem] | Unset = UNSET
        if _resources is not UNSET:
            resources = []
            for resources_item_data in _resources:
                resources_item = AppendDockerfileBlockParamsResourcesItem.from_dict(resources_item_data)

                resources.append(resources_item)

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
