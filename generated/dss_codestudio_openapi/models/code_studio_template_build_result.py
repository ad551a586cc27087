from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.code_studio_template_build import CodeStudioTemplateBuild
    from ..models.info_messages import InfoMessages


T = TypeVar("T", bound="CodeStudioTemplateBuildResult")


@_attrs_define
class CodeStudioTemplateBuildResult:
    """The result of a template build future."""

    messages: InfoMessages | Unset = UNSET
    """ A list of messages with flags summarising their severities (DSS's `InfoMessages`). """
    builds: list[CodeStudioTemplateBuild] | Unset = UNSET
    """ One entry per container configuration built. """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        messages: dict[str, Any] | Unset = UNSET
        if not isinstance(self.messages, Unset):
            messages = self.messages.to_dict()

        builds: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.builds, Unset):
            builds = []
            for builds_item_data in self.builds:
                builds_item = builds_item_data.to_dict()
                builds.append(builds_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if messages is not UNSET:
            field_dict["messages"] = messages
        if builds is not UNSET:
            field_dict["builds"] = builds

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.code_studio_template_build import CodeStudioTemplateBuild  # noqa: PLC0415
        from ..models.info_messages import InfoMessages  # noqa: PLC0415

        d = dict(src_dict)
        _messages = d.pop("messages", UNSET)
        messages: InfoMessages | Unset
        if isinstance(_messages, Unset):
            messages = UNSET
        else:
            messages = InfoMessages.from_dict(_messages)

        _builds = d.pop("builds", UNSET)
        builds: list[CodeStudioTemplateBuild] | Unset = UNSET
        if _builds is not UNSET:
            builds = []
            for builds_item_data in _builds:
                builds_item = CodeStudioTemplateBuild.from_dict(builds_item_data)

                builds.append(builds_item)

        code_studio_template_build_result = cls(
            messages=messages,
            builds=builds,
        )

        code_studio_template_build_result.additional_properties = d
        return code_studio_template_build_result

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
