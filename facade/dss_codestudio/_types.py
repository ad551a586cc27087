"""JSON types, the open code-studio state enum, and tolerant readers of raw DSS dictionaries.

DSS answers objects that grow over releases and drops null-valued properties, so every reader here
treats a missing key, or a value of an unexpected type, as "absent" instead of failing.
"""

from __future__ import annotations

import enum
from collections.abc import Mapping
from datetime import UTC, datetime
from typing import TypeAlias

JSONValue: TypeAlias = str | int | float | bool | list["JSONValue"] | dict[str, "JSONValue"] | None
"""Any value a JSON document can hold."""

JSONObject: TypeAlias = dict[str, JSONValue]
"""A JSON object, as DSS sends it: the raw dictionaries that `get_raw()` returns."""


class CodeStudioState(enum.StrEnum):
    """The state of a code studio: an open string enum.

    Members compare equal to their string (`status.state == "RUNNING"` holds), and a state this
    client does not know (a newer DSS may add some) becomes a member of its own instead of an error:
    `CodeStudioState("PAUSED").known` is False and its value is `"PAUSED"`.
    """

    STOPPED = "STOPPED"
    STARTING = "STARTING"
    RUNNING = "RUNNING"
    STOPPING = "STOPPING"

    @classmethod
    def _missing_(cls, value: object) -> CodeStudioState | None:
        if not isinstance(value, str):
            return None
        # A pseudo-member, cached so that `is` works for repeated unknown values too.
        member = str.__new__(cls, value)
        member._name_ = value
        member._value_ = value
        return cls._value2member_map_.setdefault(value, member)  # type: ignore[return-value]

    @property
    def known(self) -> bool:
        """Whether this client knows the state (False for states a newer DSS introduced)."""
        return self._name_ in type(self).__members__


def ms_to_datetime(value: object) -> datetime | None:
    """Turn DSS epoch milliseconds into an aware UTC datetime; 0, missing or invalid means None."""
    if isinstance(value, bool) or not isinstance(value, int | float) or value <= 0:
        return None
    try:
        return datetime.fromtimestamp(value / 1000, tz=UTC)
    except (OverflowError, OSError, ValueError):
        return None


def get_datetime(raw: Mapping[str, object], key: str) -> datetime | None:
    """Return the epoch milliseconds `raw[key]` as an aware UTC datetime; None when 0, missing or invalid."""
    return ms_to_datetime(raw.get(key))


def get_str(raw: Mapping[str, object], key: str, default: str = "") -> str:
    """`raw[key]` if it is a string, else `default`."""
    value = raw.get(key)
    return value if isinstance(value, str) else default


def get_opt_str(raw: Mapping[str, object], key: str) -> str | None:
    """`raw[key]` if it is a string, else None."""
    value = raw.get(key)
    return value if isinstance(value, str) else None


def get_int(raw: Mapping[str, object], key: str, default: int = 0) -> int:
    """`raw[key]` if it is an integer (not a boolean), else `default`."""
    value = raw.get(key)
    return value if isinstance(value, int) and not isinstance(value, bool) else default


def get_bool(raw: Mapping[str, object], key: str, default: bool = False) -> bool:
    """`raw[key]` if it is a boolean, else `default`."""
    value = raw.get(key)
    return value if isinstance(value, bool) else default


def get_str_list(raw: Mapping[str, object], key: str) -> list[str]:
    """Return the strings of the list `raw[key]`; an empty list when it is missing or not a list."""
    value = raw.get(key)
    if not isinstance(value, list):
        return []
    return [item for item in value if isinstance(item, str)]


def get_object(raw: Mapping[str, object], key: str) -> JSONObject:
    """Return the object `raw[key]` (the live dictionary, not a copy); an empty dict when absent."""
    value = raw.get(key)
    return value if isinstance(value, dict) else {}


def get_object_list(raw: Mapping[str, object], key: str) -> list[JSONObject]:
    """Return the objects of the list `raw[key]` (live dictionaries); non-objects are skipped."""
    value = raw.get(key)
    if not isinstance(value, list):
        return []
    return [item for item in value if isinstance(item, dict)]


def as_object(value: object) -> JSONObject:
    """`value` if it is a JSON object, else an empty dict."""
    return value if isinstance(value, dict) else {}
