from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.exposed_port_definition_exposition import (
        ExposedPortDefinitionExposition,
    )


T = TypeVar("T", bound="ExposedPortDefinition")


@_attrs_define
class ExposedPortDefinition:
    """A port an entry point exposes."""

    label: str | Unset = UNSET
    """ Label of the tab showing the port. """
    port: int | Unset = UNSET
    """ Port on which the service listens. """
    container_port: int | Unset = UNSET
    """ Port of the container. """
    proxied_url_suffix: str | Unset = UNSET
    """ Suffix of proxied URLs (`/` or `/$request_uri`). """
    expose_html: bool | Unset = UNSET
    """ Show the port as a tab of the studio's view. """
    exposition: ExposedPortDefinitionExposition | Unset = UNSET
    """ How the port is exposed (`{"type": "port_forward", "params": {}}`). """
    allow_exposition_override: bool | Unset = UNSET
    """ Whether the exposition can be overridden. """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        label = self.label

        port = self.port

        container_port = self.container_port

        proxied_url_suffix = self.proxied_url_suffix

        expose_html = self.expose_html

        exposition: dict[str, Any] | Unset = UNSET
        if not isinstance(self.exposition, Unset):
            exposition = self.exposition.to_dict()

        allow_exposition_override = self.allow_exposition_override

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if label is not UNSET:
            field_dict["label"] = label
        if port is not UNSET:
            field_dict["port"] = port
        if container_port is not UNSET:
            field_dict["containerPort"] = container_port
        if proxied_url_suffix is not UNSET:
            field_dict["proxiedUrlSuffix"] = proxied_url_suffix
        if expose_html is not UNSET:
            field_dict["exposeHtml"] = expose_html
        if exposition is not UNSET:
            field_dict["exposition"] = exposition
        if allow_exposition_override is not UNSET:
            field_dict["allowExpositionOverride"] = allow_exposition_override

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.exposed_port_definition_exposition import (
            ExposedPortDefinitionExposition,  # noqa: PLC0415
        )

        d = dict(src_dict)
        label = d.pop("label", UNSET)

        port = d.pop("port", UNSET)

        container_port = d.pop("containerPort", UNSET)

        proxied_url_suffix = d.pop("proxiedUrlSuffix", UNSET)

        expose_html = d.pop("exposeHtml", UNSET)

        _exposition = d.pop("exposition", UNSET)
        exposition: ExposedPortDefinitionExposition | Unset
        if isinstance(_exposition, Unset):
            exposition = UNSET
        else:
            exposition = ExposedPortDefinitionExposition.from_dict(_exposition)

        allow_exposition_override = d.pop("allowExpositionOverride", UNSET)

        exposed_port_definition = cls(
            label=label,
            port=port,
            container_port=container_port,
            proxied_url_suffix=proxied_url_suffix,
            expose_html=expose_html,
            exposition=exposition,
            allow_exposition_override=allow_exposition_override,
        )

        exposed_port_definition.additional_properties = d
        return exposed_port_definition

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
