from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="EntrypointBlockParamsProxySecret")


@_attrs_define
class EntrypointBlockParamsProxySecret:
    """Reference-server extension: how the proxy also hands the entry point the secret of the
    studio's start (besides the `X-DSS-CodeStudio-Secret` header): `{"authorization": "token"}`
    sends `Authorization: token <secret>`, `{"cookie": "<name>"}` a cookie of that name.

    """

    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        entrypoint_block_params_proxy_secret = cls()

        entrypoint_block_params_proxy_secret.additional_properties = d
        return entrypoint_block_params_proxy_secret

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
