from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="DSSError")


@_attrs_define
class DSSError:
    """The error object DSS answers with on every failure."""

    error_type: str
    """ Fully qualified name of the Java exception class, e.g.
    `com.dataiku.dip.server.controllers.NotFoundException`. """
    message: str
    """ Short human-readable message. """
    detailed_message: str | Unset = UNSET
    """ Message including the causes. The official client shows it in preference to `message`. """
    detailed_message_html: str | Unset = UNSET
    """ The detailed message as HTML. """
    stack_trace_str: str | Unset = UNSET
    """ Server-side stack trace, when the server chooses to reveal it. """
    code: str | Unset = UNSET
    """ Machine-readable error code, when the error has one. """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        error_type = self.error_type

        message = self.message

        detailed_message = self.detailed_message

        detailed_message_html = self.detailed_message_html

        stack_trace_str = self.stack_trace_str

        code = self.code

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "errorType": error_type,
                "message": message,
            }
        )
        if detailed_message is not UNSET:
            field_dict["detailedMessage"] = detailed_message
        if detailed_message_html is not UNSET:
            field_dict["detailedMessageHTML"] = detailed_message_html
        if stack_trace_str is not UNSET:
            field_dict["stackTraceStr"] = stack_trace_str
        if code is not UNSET:
            field_dict["code"] = code

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        error_type = d.pop("errorType")

        message = d.pop("message")

        detailed_message = d.pop("detailedMessage", UNSET)

        detailed_message_html = d.pop("detailedMessageHTML", UNSET)

        stack_trace_str = d.pop("stackTraceStr", UNSET)

        code = d.pop("code", UNSET)

        dss_error = cls(
            error_type=error_type,
            message=message,
            detailed_message=detailed_message,
            detailed_message_html=detailed_message_html,
            stack_trace_str=stack_trace_str,
            code=code,
        )

        dss_error.additional_properties = d
        return dss_error

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
