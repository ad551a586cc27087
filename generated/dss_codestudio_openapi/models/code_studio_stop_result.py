from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.code_studio_stop_result_conflicts import CodeStudioStopResultConflicts
    from ..models.code_studio_stop_result_errors import CodeStudioStopResultErrors
    from ..models.code_studio_stop_result_exit_codes import CodeStudioStopResultExitCodes
    from ..models.code_studio_stop_result_pulled import CodeStudioStopResultPulled


T = TypeVar("T", bound="CodeStudioStopResult")


@_attrs_define
class CodeStudioStopResult:
    """The result of a code studio stop future."""

    state: str | Unset = UNSET
    """ State of the studio when the stop completed (`STOPPED`). """
    pulled: CodeStudioStopResultPulled | Unset = UNSET
    """ For each zone id, what the final studio -> DSS synchronisation copied. """
    conflicts: CodeStudioStopResultConflicts | Unset = UNSET
    """ For each zone id, the files left unsynchronised because they were in conflict. """
    errors: CodeStudioStopResultErrors | Unset = UNSET
    """ For each zone id that could not be pulled, why (its files stay in the studio's workspace). """
    exit_codes: CodeStudioStopResultExitCodes | Unset = UNSET
    """ The exit status of each entry point, by label (negative when killed by that signal). """
    reason: str | Unset = UNSET
    """ Why the studio stopped (asked by a user, a failed start, an entry point that exited, a deletion). """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        state = self.state

        pulled: dict[str, Any] | Unset = UNSET
        if not isinstance(self.pulled, Unset):
            pulled = self.pulled.to_dict()

        conflicts: dict[str, Any] | Unset = UNSET
        if not isinstance(self.conflicts, Unset):
            conflicts = self.conflicts.to_dict()

        errors: dict[str, Any] | Unset = UNSET
        if not isinstance(self.errors, Unset):
            errors = self.errors.to_dict()

        exit_codes: dict[str, Any] | Unset = UNSET
        if not isinstance(self.exit_codes, Unset):
            exit_codes = self.exit_codes.to_dict()

        reason = self.reason

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if state is not UNSET:
            field_dict["state"] = state
        if pulled is not UNSET:
            field_dict["pulled"] = pulled
        if conflicts is not UNSET:
            field_dict["conflicts"] = conflicts
        if errors is not UNSET:
            field_dict["errors"] = errors
        if exit_codes is not UNSET:
            field_dict["exitCodes"] = exit_codes
        if reason is not UNSET:
            field_dict["reason"] = reason

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.code_studio_stop_result_conflicts import (
            CodeStudioStopResultConflicts,  # noqa: PLC0415
        )
        from ..models.code_studio_stop_result_errors import CodeStudioStopResultErrors  # noqa: PLC0415
        from ..models.code_studio_stop_result_exit_codes import (
            CodeStudioStopResultExitCodes,  # noqa: PLC0415
        )
        from ..models.code_studio_stop_result_pulled import CodeStudioStopResultPulled  # noqa: PLC0415

        d = dict(src_dict)
        state = d.pop("state", UNSET)

        _pulled = d.pop("pulled", UNSET)
        pulled: CodeStudioStopResultPulled | Unset
        if isinstance(_pulled, Unset):
            pulled = UNSET
        else:
            pulled = CodeStudioStopResultPulled.from_dict(_pulled)

        _conflicts = d.pop("conflicts", UNSET)
        conflicts: CodeStudioStopResultConflicts | Unset
        if isinstance(_conflicts, Unset):
            conflicts = UNSET
        else:
            conflicts = CodeStudioStopResultConflicts.from_dict(_conflicts)

        _errors = d.pop("errors", UNSET)
        errors: CodeStudioStopResultErrors | Unset
        if isinstance(_errors, Unset):
            errors = UNSET
        else:
            errors = CodeStudioStopResultErrors.from_dict(_errors)

        _exit_codes = d.pop("exitCodes", UNSET)
        exit_codes: CodeStudioStopResultExitCodes | Unset
        if isinstance(_exit_codes, Unset):
            exit_codes = UNSET
        else:
            exit_codes = CodeStudioStopResultExitCodes.from_dict(_exit_codes)

        reason = d.pop("reason", UNSET)

        code_studio_stop_result = cls(
            state=state,
            pulled=pulled,
            conflicts=conflicts,
            errors=errors,
            exit_codes=exit_codes,
            reason=reason,
        )

        code_studio_stop_result.additional_properties = d
        return code_studio_stop_result

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
