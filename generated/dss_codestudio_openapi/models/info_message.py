from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="InfoMessage")


@_attrs_define
class InfoMessage:
    """One message of an InfoMessages list."""

    severity: str
    """ Severity. Known values: `INFO`, `SUCCESS`, `WARNING`, `ERROR`, `FATAL`. """
    message: str
    """ The message text. """
    code: str | Unset = UNSET
    """ Machine-readable code of the message. """
    title: str | Unset = UNSET
    """ Short title. """
    details: str | Unset = UNSET
    """ Longer explanation. """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        severity = self.severity

        message = self.message

        code = self.code

        title = self.title

        details = self.details

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "severity": severity,
                "message": message,
            }
        )
        if code is not UNSET:
            field_dict["code"] = code
        if title is not UNSET:
            field_dict["title"] = title
        if details is not UNSET:
            field_dict["details"] = details

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        severity = d.pop("severity")

        message = d.pop("message")

        code = d.pop("code", UNSET)

        title = d.pop("title", UNSET)

        details = d.pop("details", UNSET)

        info_message = cls(
            severity=severity,
            message=message,
            code=code,
            title=title,
            details=details,
        )

        info_message.additional_properties = d
        return info_message

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
