from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="FutureProgressState")


@_attrs_define
class FutureProgressState:
    """One step of the progress of a future."""

    name: str | Unset = UNSET
    """ What this step does. """
    unit: str | Unset = UNSET
    """ Unit of `cur` and `target`, when they are counts (e.g. `FILES`, `SIZE`). """
    target: int | Unset = UNSET
    """ Amount of work this step has to do, when known. """
    cur: int | Unset = UNSET
    """ Amount of work done so far. """
    important: bool | Unset = UNSET
    """ Whether the step should be shown to users. """
    unknown: bool | Unset = UNSET
    """ True when the amount of work is not known. """
    start_timestamp: int | Unset = UNSET
    """ When the step started, in epoch milliseconds. """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        name = self.name

        unit = self.unit

        target = self.target

        cur = self.cur

        important = self.important

        unknown = self.unknown

        start_timestamp = self.start_timestamp

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if name is not UNSET:
            field_dict["name"] = name
        if unit is not UNSET:
            field_dict["unit"] = unit
        if target is not UNSET:
            field_dict["target"] = target
        if cur is not UNSET:
            field_dict["cur"] = cur
        if important is not UNSET:
            field_dict["important"] = important
        if unknown is not UNSET:
            field_dict["unknown"] = unknown
        if start_timestamp is not UNSET:
            field_dict["startTimestamp"] = start_timestamp

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        name = d.pop("name", UNSET)

        unit = d.pop("unit", UNSET)

        target = d.pop("target", UNSET)

        cur = d.pop("cur", UNSET)

        important = d.pop("important", UNSET)

        unknown = d.pop("unknown", UNSET)

        start_timestamp = d.pop("startTimestamp", UNSET)

        future_progress_state = cls(
            name=name,
            unit=unit,
            target=target,
            cur=cur,
            important=important,
            unknown=unknown,
            start_timestamp=start_timestamp,
        )

        future_progress_state.additional_properties = d
        return future_progress_state

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
