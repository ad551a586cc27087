from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.future_progress import FutureProgress
    from ..models.future_state_payload import FutureStatePayload


T = TypeVar("T", bound="FutureState")


@_attrs_define
class FutureState:
    """The state of a long-running task. `hasResult` is the only source of truth for "done". When
    the work finished at once, the state has `hasResult: true`, the `result` and no `jobId`.

    """

    job_id: str | Unset = UNSET
    """ Id to poll with `GET /futures/{jobId}`. Absent when the result is already in this state. """
    has_result: bool | Unset = UNSET
    """ True when the work is finished and its result is available. """
    alive: bool | Unset = UNSET
    """ True while the work is running. """
    aborted: bool | Unset = UNSET
    """ True if the work was aborted. """
    unknown: bool | Unset = UNSET
    """ True when the server does not know the job (for instance, it was forgotten). """
    running_time: int | Unset = UNSET
    """ How long the work has run, in milliseconds. """
    start_time: int | Unset = UNSET
    """ When the work started, in epoch milliseconds. """
    job_display_name: str | Unset = UNSET
    """ Human-readable name of the work. """
    owner: str | Unset = UNSET
    """ Login of the user who started the work. """
    progress: FutureProgress | Unset = UNSET
    """ Progress of a running future, as a stack of steps, outermost first. """
    result: Any | Unset = UNSET
    """ The result of the work, once `hasResult` is true and the state was not peeked. Its shape
    depends on the operation, which the answer of the call that started the work states:
    a template build gives a `CodeStudioTemplateBuildResult` (`CodeStudioTemplateBuildFuture`),
    a code studio start a `CodeStudioStartResult` (`CodeStudioStartFuture`), a stop a
    `CodeStudioStopResult` (`CodeStudioStopFuture`), a project deletion `InfoMessages`
    (`ProjectDeletionFuture`). Nothing on the wire tells them apart, so a polled state leaves
    it untyped. DSS omits it when null.
     """
    payload: FutureStatePayload | Unset = UNSET
    """ For scenario futures, the scenario identifiers. """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        job_id = self.job_id

        has_result = self.has_result

        alive = self.alive

        aborted = self.aborted

        unknown = self.unknown

        running_time = self.running_time

        start_time = self.start_time

        job_display_name = self.job_display_name

        owner = self.owner

        progress: dict[str, Any] | Unset = UNSET
        if not isinstance(self.progress, Unset):
            progress = self.progress.to_dict()

        result = self.result

        payload: dict[str, Any] | Unset = UNSET
        if not isinstance(self.payload, Unset):
            payload = self.payload.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if job_id is not UNSET:
            field_dict["jobId"] = job_id
        if has_result is not UNSET:
            field_dict["hasResult"] = has_result
        if alive is not UNSET:
            field_dict["alive"] = alive
        if aborted is not UNSET:
            field_dict["aborted"] = aborted
        if unknown is not UNSET:
            field_dict["unknown"] = unknown
        if running_time is not UNSET:
            field_dict["runningTime"] = running_time
        if start_time is not UNSET:
            field_dict["startTime"] = start_time
        if job_display_name is not UNSET:
            field_dict["jobDisplayName"] = job_display_name
        if owner is not UNSET:
            field_dict["owner"] = owner
        if progress is not UNSET:
            field_dict["progress"] = progress
        if result is not UNSET:
            field_dict["result"] = result
        if payload is not UNSET:
            field_dict["payload"] = payload

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.future_progress import FutureProgress  # noqa: PLC0415
        from ..models.future_state_payload import FutureStatePayload  # noqa: PLC0415

        d = dict(src_dict)
        job_id = d.pop("jobId", UNSET)

        has_result = d.pop("hasResult", UNSET)

        alive = d.pop("alive", UNSET)

        aborted = d.pop("aborted", UNSET)

        unknown = d.pop("unknown", UNSET)

        running_time = d.pop("runningTime", UNSET)

        start_time = d.pop("startTime", UNSET)

        job_display_name = d.pop("jobDisplayName", UNSET)

        owner = d.pop("owner", UNSET)

        _progress = d.pop("progress", UNSET)
        progress: FutureProgress | Unset
        if isinstance(_progress, Unset):
            progress = UNSET
        else:
            progress = FutureProgress.from_dict(_progress)

        result = d.pop("result", UNSET)

        _payload = d.pop("payload", UNSET)
        payload: FutureStatePayload | Unset
        if isinstance(_payload, Unset):
            payload = UNSET
        else:
            payload = FutureStatePayload.from_dict(_payload)

        future_state = cls(
            job_id=job_id,
            has_result=has_result,
            alive=alive,
            aborted=aborted,
            unknown=unknown,
            running_time=running_time,
            start_time=start_time,
            job_display_name=job_display_name,
            owner=owner,
            progress=progress,
            result=result,
            payload=payload,
        )

        future_state.additional_properties = d
        return future_state

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
