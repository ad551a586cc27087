from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="ExposedPort")


@_attrs_define
class ExposedPort:
    """A port exposed by a running code studio."""

    label: str | Unset = UNSET
    """ Label of the tab. """
    exposed_html: bool | Unset = UNSET
    """ True if the port is shown as a tab of the studio's view. """
    exposed_port: int | Unset = UNSET
    """ Port in the studio. """
    url: str | Unset = UNSET
    """ Where the port answers, relative to the server's base URL (the host the client was given):
    `code-studios/<projectKey>/<codeStudioId>/<port>/`, served by the server's authenticated
    proxy to the studio's owner (DSS also serves it at `/dip/code-studios/...`).
     """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        label = self.label

        exposed_html = self.exposed_html

        exposed_port = self.exposed_port

        url = self.url

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if label is not UNSET:
            field_dict["label"] = label
        if exposed_html is not UNSET:
            field_dict["exposedHtml"] = exposed_html
        if exposed_port is not UNSET:
            field_dict["exposedPort"] = exposed_port
        if url is not UNSET:
            field_dict["url"] = url

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        label = d.pop("label", UNSET)

        exposed_html = d.pop("exposedHtml", UNSET)

        exposed_port = d.pop("exposedPort", UNSET)

        url = d.pop("url", UNSET)

        exposed_port = cls(
            label=label,
            exposed_html=exposed_html,
            exposed_port=exposed_port,
            url=url,
        )

        exposed_port.additional_properties = d
        return exposed_port

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
