from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.info_message import InfoMessage


T = TypeVar("T", bound="InfoMessages")


@_attrs_define
class InfoMessages:
    """A list of messages with flags summarising their severities (DSS's `InfoMessages`)."""

    any_message: bool | Unset = UNSET
    """ True if there is at least one message. """
    success: bool | Unset = UNSET
    """ True if the most severe message is a success. """
    warning: bool | Unset = UNSET
    """ True if there is a warning. """
    error: bool | Unset = UNSET
    """ True if there is an error. A build whose result messages have `error` did not produce its image. """
    fatal: bool | Unset = UNSET
    """ True if there is a fatal error. """
    max_severity: str | Unset = UNSET
    """ Most severe severity among the messages. Known values: `INFO`, `SUCCESS`, `WARNING`, `ERROR`, `FATAL`. """
    messages: list[InfoMessage] | Unset = UNSET
    """ The messages. """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        any_message = self.any_message

        success = self.success

        warning = self.warning

        error = self.error

        fatal = self.fatal

        max_severity = self.max_severity

        messages: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.messages, Unset):
            messages = []
            for messages_item_data in self.messages:
                messages_item = messages_item_data.to_dict()
                messages.append(messages_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if any_message is not UNSET:
            field_dict["anyMessage"] = any_message
        if success is not UNSET:
            field_dict["success"] = success
        if warning is not UNSET:
            field_dict["warning"] = warning
        if error is not UNSET:
            field_dict["error"] = error
        if fatal is not UNSET:
            field_dict["fatal"] = fatal
        if max_severity is not UNSET:
            field_dict["maxSeverity"] = max_severity
        if messages is not UNSET:
            field_dict["messages"] = messages

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.info_message import InfoMessage  # noqa: PLC0415

        d = dict(src_dict)
        any_message = d.pop("anyMessage", UNSET)

        success = d.pop("success", UNSET)

        warning = d.pop("warning", UNSET)

        error = d.pop("error", UNSET)

        fatal = d.pop("fatal", UNSET)

        max_severity = d.pop("maxSeverity", UNSET)

        _messages = d.pop("messages", UNSET)
        messages: list[InfoMessage] | Unset = UNSET
        if _messages is not UNSET:
            messages = []
            for messages_item_data in _messages:
                messages_item = InfoMessage.from_dict(messages_item_data)

                messages.append(messages_item)

        info_messages = cls(
            any_message=any_message,
            success=success,
            warning=warning,
            error=error,
            fatal=fatal,
            max_severity=max_severity,
            messages=messages,
        )

        info_messages.additional_properties = d
        return info_messages

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
