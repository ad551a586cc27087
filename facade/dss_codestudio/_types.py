"""JSON types, the open code-studio state enum, and epoch milliseconds as datetimes."""

from __future__ import annotations

import enum
from datetime import UTC, datetime
from typing import Literal, TypeAlias, get_args

JSONValue: TypeAlias = str | int | float | bool | list["JSONValue"] | dict[str, "JSONValue"] | None
"""Any value a JSON document can hold."""

JSONObject: TypeAlias = dict[str, JSONValue]
"""A JSON object, as DSS sends it: the dictionaries that `get_raw()` returns."""


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


CodeStudioStateName: TypeAlias = Literal["STOPPED", "STARTING", "RUNNING", "STOPPING"]
"""The name of a state this client knows, as a string: what `wait_for_state("RUNNING")` takes."""

KNOWN_STATES: tuple[CodeStudioStateName, ...] = get_args(CodeStudioStateName)


def known_state(value: CodeStudioState | str) -> CodeStudioState:
    """Return the state `value` names; a ValueError for a string that names no state this client knows.

    A `CodeStudioState` is taken as it is, even one this client does not know
    (`CodeStudioState("PAUSED")`): that is how to wait for a state a newer DSS added.
    """
    if isinstance(value, CodeStudioState):
        return value
    if isinstance(value, str) and value in KNOWN_STATES:
        return CodeStudioState(value)
    raise ValueError(
        f"unknown code studio state {value!r}: one of {', '.join(KNOWN_STATES)}"
        " (CodeStudioState('NAME') names a state this client does not know)"
    )


def ms_to_datetime(value: object) -> datetime | None:
    """Turn DSS epoch milliseconds into an aware UTC datetime; 0, missing or invalid means None."""
    if isinstance(value, bool) or not isinstance(value, int | float) or value <= 0:
        return None
    try:
        return datetime.fromtimestamp(value / 1000, tz=UTC)
    except (OverflowError, OSError, ValueError):
        return None
