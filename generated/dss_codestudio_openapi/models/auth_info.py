from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.auth_secret import AuthSecret


T = TypeVar("T", bound="AuthInfo")


@_attrs_define
class AuthInfo:
    """Who an API key authenticates as."""

    auth_identifier: str
    """ The login of the key's user (for a global key, the key's id). """
    associated_dss_user: str | Unset = UNSET
    """ The login of the user the key acts as; the one to give where a login is expected. """
    auth_source: str | Unset = UNSET
    """ How the caller authenticated (`PERSONAL_API_KEY` on this server). """
    groups: list[str] | Unset = UNSET
    """ The groups of the user. """
    secrets: list[AuthSecret] | Unset = UNSET
    """ The user's secrets, with `withSecrets`. """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        auth_identifier = self.auth_identifier

        associated_dss_user = self.associated_dss_user

        auth_source = self.auth_source

        groups: list[str] | Unset = UNSET
        if not isinstance(self.groups, Unset):
            groups = self.groups

        secrets: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.secrets, Unset):
            secrets = []
            for secrets_item_data in self.secrets:
                secrets_item = secrets_item_data.to_dict()
                secrets.append(secrets_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "authIdentifier": auth_identifier,
            }
        )
        if associated_dss_user is not UNSET:
            field_dict["associatedDSSUser"] = associated_dss_user
        if auth_source is not UNSET:
            field_dict["authSource"] = auth_source
        if groups is not UNSET:
            field_dict["groups"] = groups
        if secrets is not UNSET:
            field_dict["secrets"] = secrets

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.auth_secret import AuthSecret  # noqa: PLC0415

        d = dict(src_dict)
        auth_identifier = d.pop("authIdentifier")

        associated_dss_user = d.pop("associatedDSSUser", UNSET)

        auth_source = d.pop("authSource", UNSET)

        groups = cast(list[str], d.pop("groups", UNSET))

        _secrets = d.pop("secrets", UNSET)
        secrets: list[AuthSecret] | Unset = UNSET
        if _secrets is not UNSET:
            secrets = []
            for secrets_item_data in _secrets:
                secrets_item = AuthSecret.from_dict(secrets_item_data)

                secrets.append(secrets_item)

        auth_info = cls(
            auth_identifier=auth_identifier,
            associated_dss_user=associated_dss_user,
            auth_source=auth_source,
            groups=groups,
            secrets=secrets,
        )

        auth_info.additional_properties = d
        return auth_info

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
