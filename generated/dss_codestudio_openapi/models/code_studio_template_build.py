from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="CodeStudioTemplateBuild")


@_attrs_define
class CodeStudioTemplateBuild:
    """The build of a template for one container configuration."""

    config_name: str | Unset = UNSET
    """ Name of the container configuration. """
    image_tag: str | Unset = UNSET
    """ Tag of the image that was built. """
    no_cache: bool | Unset = UNSET
    """ Whether the build ran without the cache. """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        config_name = self.config_name

        image_tag = self.image_tag

        no_cache = self.no_cache

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if config_name is not UNSET:
            field_dict["configName"] = config_name
        if image_tag is not UNSET:
            field_dict["imageTag"] = image_tag
        if no_cache is not UNSET:
            field_dict["noCache"] = no_cache

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        config_name = d.pop("configName", UNSET)

        image_tag = d.pop("imageTag", UNSET)

        no_cache = d.pop("noCache", UNSET)

        code_studio_template_build = cls(
            config_name=config_name,
            image_tag=image_tag,
            no_cache=no_cache,
        )

        code_studio_template_build.additional_properties = d
        return code_studio_template_build

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
