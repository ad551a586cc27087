"""Read-only views over the raw dictionaries DSS answers, shared by the sync and async clients.

Each view keeps the dictionary it was built from (`get_raw()` returns it, live, not a copy) and reads
it through typed properties that tolerate missing keys and values of unexpected types. Views of
results also answer `view["key"]`, so code written for dataikuapi's plain dicts keeps working.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from typing import Literal, overload

from ._types import (
    CodeStudioState,
    JSONObject,
    JSONValue,
    get_bool,
    get_int,
    get_object,
    get_object_list,
    get_opt_str,
    get_str,
    get_str_list,
    ms_to_datetime,
)


class RawView:
    """A typed view over a raw DSS dictionary, which it also gives access to as a mapping."""

    __slots__ = ("_raw",)

    def __init__(self, raw: JSONObject) -> None:
        self._raw = raw

    def get_raw(self) -> JSONObject:
        """Return the raw dictionary DSS answered (a reference, not a copy)."""
        return self._raw

    def __getitem__(self, key: str) -> JSONValue:
        return self._raw[key]

    def __contains__(self, key: object) -> bool:
        return key in self._raw

    def get(self, key: str, default: JSONValue = None) -> JSONValue:
        """`raw[key]`, or `default` when DSS did not send the key."""
        return self._raw.get(key, default)

    def __eq__(self, other: object) -> bool:
        if isinstance(other, RawView):
            return type(self) is type(other) and self._raw == other._raw
        return NotImplemented

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self._raw!r})"


class DSSInfoMessage(RawView):
    """One message of an info-messages list: a severity, a code, a title and a text."""

    __slots__ = ()

    @property
    def severity(self) -> str | None:
        """The severity: INFO, SUCCESS, WARNING, ERROR or FATAL."""
        return get_opt_str(self._raw, "severity")

    @property
    def code(self) -> str | None:
        """The machine-readable code of the message."""
        return get_opt_str(self._raw, "code")

    @property
    def title(self) -> str | None:
        """The short title of the message."""
        return get_opt_str(self._raw, "title")

    @property
    def details(self) -> str | None:
        """The longer explanation of the message."""
        return get_opt_str(self._raw, "details")

    @property
    def message(self) -> str | None:
        """The full text of the message."""
        return get_opt_str(self._raw, "message")

    def __str__(self) -> str:
        return f"{self.severity} - {self.title} - {self.details or self.message}"


class DSSInfoMessages(RawView):
    """A list of messages with flags that summarise their severities (DSS's InfoMessages)."""

    __slots__ = ()

    @property
    def messages(self) -> list[DSSInfoMessage]:
        """The messages."""
        return [DSSInfoMessage(m) for m in get_object_list(self._raw, "messages")]

    @property
    def has_messages(self) -> bool:
        """True if there is any message."""
        return get_bool(self._raw, "anyMessage", bool(get_object_list(self._raw, "messages")))

    @property
    def has_error(self) -> bool:
        """True if there is an error (or fatal) message."""
        return get_bool(self._raw, "error") or self.has_fatal or self._any_severity("ERROR", "FATAL")

    @property
    def has_fatal(self) -> bool:
        """True if there is a fatal message."""
        return get_bool(self._raw, "fatal")

    @property
    def has_warning(self) -> bool:
        """True if there is a warning."""
        return get_bool(self._raw, "warning")

    @property
    def has_success(self) -> bool:
        """True if the most severe message is a success."""
        return get_bool(self._raw, "success")

    @property
    def max_severity(self) -> str | None:
        """The most severe severity among the messages."""
        return get_opt_str(self._raw, "maxSeverity")

    def _any_severity(self, *severities: str) -> bool:
        return any((m.severity or "").upper() in severities for m in self.messages)

    def __repr__(self) -> str:
        return (
            f"DSSInfoMessages(has_messages: {self.has_messages}, max_severity: {self.max_severity}, "
            f"has_error: {self.has_error}, has_warning: {self.has_warning}, has_success: {self.has_success}, "
            f"messages: {[str(m) for m in self.messages]})"
        )


class DSSSyncedZone(RawView):
    """A zone of files synchronised between DSS and a running code studio."""

    __slots__ = ()

    @property
    def id(self) -> str:
        """The id of the zone in this run of the studio; it changes at every start. Use it in sync calls."""
        return get_str(self._raw, "id")

    @property
    def zone(self) -> str:
        """The kind of zone (`code_studio_versioned`, `project_lib_versioned`, `recipes`...)."""
        return get_str(self._raw, "zone")

    @property
    def path_in_container(self) -> str | None:
        """Where the zone lives in the studio's file system."""
        return get_opt_str(self._raw, "pathInContainer")

    @property
    def one_way(self) -> bool:
        """If True, files only go DSS -> studio."""
        return get_bool(self._raw, "oneWay")


class DSSExposedPort(RawView):
    """A port a running code studio exposes."""

    __slots__ = ()

    @property
    def label(self) -> str | None:
        """The label of the tab showing the port."""
        return get_opt_str(self._raw, "label")

    @property
    def exposed_html(self) -> bool:
        """True if the port is shown as a tab of the studio's view."""
        return get_bool(self._raw, "exposedHtml")

    @property
    def port(self) -> int | None:
        """The port in the studio."""
        value = get_int(self._raw, "exposedPort", -1)
        return None if value < 0 else value

    @property
    def url(self) -> str | None:
        """The URL at which the port answers."""
        return get_opt_str(self._raw, "url")


class DSSCodeStudioObjectStatus:
    """The status of a code studio: its state and, while it runs, its ports and zones.

    Do not instantiate: use `DSSCodeStudioObject.get_status()`.
    """

    def __init__(self, project_key: str, code_studio_id: str, status: JSONObject) -> None:
        self.project_key = project_key
        self.code_studio_id = code_studio_id
        self.status = status

    def get_raw(self) -> JSONObject:
        """Return the status as DSS answered it (a reference, not a copy)."""
        return self.status

    @property
    def state(self) -> CodeStudioState:
        """The state: STOPPED, STARTING, RUNNING or STOPPING (an open enum that equals its string)."""
        return CodeStudioState(get_str(self.status, "state", "UNKNOWN"))

    @property
    def last_state_change(self) -> datetime | None:
        """When the state last changed (aware, UTC), or None if the studio was never started."""
        return ms_to_datetime(self.status.get("lastStateChange"))

    @property
    def last_template_built(self) -> datetime | None:
        """When the studio's template was last built, or None."""
        return ms_to_datetime(self.status.get("lastTemplateBuilt"))

    @property
    def run_as_user(self) -> str | None:
        """The login the studio runs as."""
        return get_opt_str(self.status, "runAsUser")

    @property
    def job_id(self) -> str | None:
        """The id of the future that runs the studio."""
        return get_opt_str(self.status, "jobId")

    @property
    def exposed(self) -> list[DSSExposedPort]:
        """The exposed ports; empty unless RUNNING."""
        return [DSSExposedPort(p) for p in get_object_list(self.status, "exposed")]

    @overload
    def get_zones(self, as_type: Literal["names", "name"] = "names") -> list[str]: ...
    @overload
    def get_zones(self, as_type: Literal["objects", "object"]) -> list[DSSSyncedZone]: ...
    def get_zones(self, as_type: str = "names") -> list[str] | list[DSSSyncedZone]:
        """Return the zones synchronised in the running studio: their ids ("names") or their definitions ("objects").

        Zone ids change at every start. The list is empty unless the studio is RUNNING.
        """
        zones = get_object_list(self.status, "syncedZones")
        if as_type in ("names", "name"):
            return [get_str(z, "id") for z in zones]
        if as_type in ("objects", "object"):
            return [DSSSyncedZone(z) for z in zones]
        raise ValueError("Only 'names' or 'objects' is supported for as_type")

    def __repr__(self) -> str:
        return f"DSSCodeStudioObjectStatus({self.project_key}/{self.code_studio_id}: {self.state})"


class DSSCodeStudioObjectSettings:
    """The definition of a code studio object.

    Do not instantiate: use `DSSCodeStudioObject.get_settings()`.
    """

    def __init__(self, project_key: str, code_studio_id: str, settings: JSONObject) -> None:
        self.project_key = project_key
        self.code_studio_id = code_studio_id
        self.settings = settings

    def get_raw(self) -> JSONObject:
        """All settings as DSS answered them (a reference, not a copy); `templateId` names the template."""
        return self.settings

    @property
    def id(self) -> str:
        """The id of the code studio (random, generated by DSS)."""
        return get_str(self.settings, "id", self.code_studio_id)

    @property
    def name(self) -> str:
        """The name of the code studio (user-provided, not necessarily unique)."""
        return get_str(self.settings, "name")

    @property
    def owner(self) -> str:
        """The login of the owner. Only the owner uses the studio; project admins may only start and stop it."""
        return get_str(self.settings, "owner")

    @property
    def template_id(self) -> str:
        """The id of the template the studio was created from."""
        return get_str(self.settings, "templateId")

    @property
    def lib_name(self) -> str:
        """The folder of the studio's resource files: `<dss_data_dir>/lib/code_studio/<project_key>/<lib_name>/`."""
        return get_str(self.settings, "libName")

    @property
    def tags(self) -> list[str]:
        """The tags of the code studio."""
        return get_str_list(self.settings, "tags")

    def __repr__(self) -> str:
        return f"DSSCodeStudioObjectSettings({self.project_key}/{self.id}: {self.name!r})"


class DSSCodeStudioZoneConflicts(RawView):
    """The conflicting files of one zone: changed in the studio, and on the DSS side since the last sync."""

    __slots__ = ()

    @property
    def commit_from(self) -> str | None:
        """The DSS-side state of the zone at the last synchronisation."""
        return get_opt_str(self._raw, "commitFrom")

    @property
    def commit_to(self) -> str | None:
        """The DSS-side state of the zone now."""
        return get_opt_str(self._raw, "commitTo")

    @property
    def authors(self) -> list[str]:
        """Logins of the users who changed DSS-side files since the last synchronisation."""
        return get_str_list(self._raw, "authors")

    @property
    def added(self) -> list[str]:
        """Files added in the studio that conflict with DSS-side changes."""
        return get_str_list(self._raw, "added")

    @property
    def modified(self) -> list[str]:
        """Files modified in the studio that conflict with DSS-side changes."""
        return get_str_list(self._raw, "modified")

    @property
    def deleted(self) -> list[str]:
        """Files deleted in the studio that conflict with DSS-side changes."""
        return get_str_list(self._raw, "deleted")

    @property
    def count(self) -> int:
        """The number of conflicting files."""
        return get_int(self._raw, "count", len(self.added) + len(self.modified) + len(self.deleted))


class DSSCodeStudioObjectConflicts(dict[str, JSONValue]):
    """The conflicts of one zone of a code studio, as `check_conflicts` answers them.

    It is the answer itself (a dict keyed by the zone id, or holding `error`), with typed properties.
    Only conflicting files are listed: files added, modified or deleted in the code studio whose
    DSS-side counterpart was also added, modified or deleted since the last synchronisation.
    """

    def __init__(self, zone: str, conflicts: JSONObject) -> None:
        super().__init__(conflicts)
        self._zone = zone
        self._conflicts = conflicts

    @property
    def zone(self) -> str:
        """The id of the zone that was checked."""
        return self._zone

    def get_raw(self) -> JSONObject:
        """Return the raw answer: keyed by the zone checked, or holding `error` when it was not found."""
        return self._conflicts

    @property
    def is_error(self) -> bool:
        """Whether the check failed (typically: the zone id is unknown; zone ids change at every start)."""
        return "error" in self._conflicts

    @property
    def error(self) -> str | None:
        """Why the check failed, if it did."""
        value = self._conflicts.get("error")
        return None if value is None else str(value)

    @property
    def zone_conflicts(self) -> DSSCodeStudioZoneConflicts:
        """The typed conflicts of the zone checked."""
        return DSSCodeStudioZoneConflicts(get_object(self._conflicts, self._zone))

    @property
    def authors(self) -> list[str]:
        """Logins of the users who modified the conflicting files on the DSS side."""
        return self.zone_conflicts.authors

    @property
    def added(self) -> list[str]:
        """Files added in the code studio that conflict with changes on the DSS side."""
        return self.zone_conflicts.added

    @property
    def modified(self) -> list[str]:
        """Files modified in the code studio that conflict with changes on the DSS side."""
        return self.zone_conflicts.modified

    @property
    def deleted(self) -> list[str]:
        """Files deleted in the code studio that conflict with changes on the DSS side."""
        return self.zone_conflicts.deleted

    @property
    def commit_from(self) -> str | None:
        """The DSS-side state of the zone at the last synchronisation."""
        return self.zone_conflicts.commit_from

    @property
    def commit_to(self) -> str | None:
        """The DSS-side state of the zone now."""
        return self.zone_conflicts.commit_to

    @property
    def count(self) -> int:
        """The number of conflicting files."""
        return self.zone_conflicts.count

    @property
    def has_conflicts(self) -> bool:
        """Whether any file is in conflict."""
        return self.count > 0


class DSSCodeStudioZoneChanges(RawView):
    """What a synchronisation copied in one zone."""

    __slots__ = ()

    @property
    def added(self) -> list[str]:
        """Files added on the destination side."""
        return get_str_list(self._raw, "added")

    @property
    def modified(self) -> list[str]:
        """Files modified on the destination side."""
        return get_str_list(self._raw, "modified")

    @property
    def deleted(self) -> list[str]:
        """Files deleted on the destination side."""
        return get_str_list(self._raw, "deleted")

    @property
    def count(self) -> int:
        """Number of files copied or deleted."""
        return get_int(self._raw, "count", len(self.added) + len(self.modified) + len(self.deleted))

    @property
    def size(self) -> int:
        """Number of bytes copied."""
        return get_int(self._raw, "size")


class DSSCodeStudioPushResult(DSSCodeStudioZoneChanges):
    """What a push (DSS -> studio) copied: `count` files, `size` bytes, and the files left in conflict."""

    __slots__ = ()

    @property
    def conflicts(self) -> list[str]:
        """Files left as they are in the studio because they changed there too."""
        return get_str_list(self._raw, "conflicts")


class DSSCodeStudioPullResult(RawView):
    """What a pull (studio -> DSS) copied, zone by zone."""

    __slots__ = ()

    @property
    def zones(self) -> dict[str, DSSCodeStudioZoneChanges]:
        """The changes, keyed by zone id."""
        return {k: DSSCodeStudioZoneChanges(v) for k, v in self._raw.items() if isinstance(v, dict)}

    @property
    def count(self) -> int:
        """Number of files copied or deleted, over all zones."""
        return sum(z.count for z in self.zones.values())

    @property
    def size(self) -> int:
        """Number of bytes copied, over all zones."""
        return sum(z.size for z in self.zones.values())


class DSSCodeStudioStartResult(RawView):
    """The result of a code studio start."""

    __slots__ = ()

    @property
    def state(self) -> CodeStudioState | None:
        """The state of the studio when the start completed (RUNNING)."""
        value = get_opt_str(self._raw, "state")
        return None if value is None else CodeStudioState(value)

    @property
    def pushed(self) -> dict[str, DSSCodeStudioPushResult]:
        """What the initial DSS -> studio synchronisation copied, keyed by zone id."""
        return {
            k: DSSCodeStudioPushResult(v) for k, v in get_object(self._raw, "pushed").items() if isinstance(v, dict)
        }


class DSSCodeStudioStopResult(RawView):
    """The result of a code studio stop."""

    __slots__ = ()

    @property
    def state(self) -> CodeStudioState | None:
        """The state of the studio when the stop completed (STOPPED)."""
        value = get_opt_str(self._raw, "state")
        return None if value is None else CodeStudioState(value)

    @property
    def pulled(self) -> dict[str, DSSCodeStudioZoneChanges]:
        """What the final studio -> DSS synchronisation copied, keyed by zone id."""
        return {
            k: DSSCodeStudioZoneChanges(v) for k, v in get_object(self._raw, "pulled").items() if isinstance(v, dict)
        }

    @property
    def conflicts(self) -> dict[str, DSSCodeStudioZoneConflicts]:
        """The files left unsynchronised because they were in conflict, keyed by zone id."""
        return {
            k: DSSCodeStudioZoneConflicts(v)
            for k, v in get_object(self._raw, "conflicts").items()
            if isinstance(v, dict)
        }


class DSSCodeStudioTemplateBuild(RawView):
    """The build of a template for one container configuration."""

    __slots__ = ()

    @property
    def config_name(self) -> str | None:
        """The name of the container configuration."""
        return get_opt_str(self._raw, "configName")

    @property
    def image_tag(self) -> str | None:
        """The tag of the image that was built."""
        return get_opt_str(self._raw, "imageTag")

    @property
    def no_cache(self) -> bool:
        """Whether the build ran without the cache."""
        return get_bool(self._raw, "noCache")


class DSSCodeStudioTemplateBuildResult(RawView):
    """The result of a template build: its messages and what it built."""

    __slots__ = ()

    @property
    def messages(self) -> DSSInfoMessages:
        """The messages of the build; `messages.has_error` means the image was not produced."""
        return DSSInfoMessages(get_object(self._raw, "messages"))

    @property
    def builds(self) -> list[DSSCodeStudioTemplateBuild]:
        """One entry per container configuration built."""
        return [DSSCodeStudioTemplateBuild(b) for b in get_object_list(self._raw, "builds")]

    @property
    def succeeded(self) -> bool:
        """Whether the build produced its images (no error or fatal message)."""
        return not self.messages.has_error


class DSSCodeStudioTemplateImportResult(RawView):
    """The result of a template import: the id of the new template and the messages of the import."""

    __slots__ = ()

    @property
    def id(self) -> str:
        """The id of the imported template."""
        return get_str(self._raw, "id")

    @property
    def messages(self) -> DSSInfoMessages:
        """The messages of the import."""
        return DSSInfoMessages(get_object(self._raw, "messages"))


class DSSFutureProgressStep(RawView):
    """One step of the progress of a future, outermost first."""

    __slots__ = ()

    @property
    def name(self) -> str | None:
        """What this step does."""
        return get_opt_str(self._raw, "name")

    @property
    def unit(self) -> str | None:
        """The unit of `current` and `target` (e.g. FILES, SIZE), when they are counts."""
        return get_opt_str(self._raw, "unit")

    @property
    def current(self) -> int | None:
        """The amount of work done so far."""
        value = self._raw.get("cur")
        return value if isinstance(value, int) and not isinstance(value, bool) else None

    @property
    def target(self) -> int | None:
        """The amount of work the step has to do, when known."""
        value = self._raw.get("target")
        return value if isinstance(value, int) and not isinstance(value, bool) else None


class DSSFutureProgress(RawView):
    """A snapshot of a running future, as a poll saw it (what `on_progress` callbacks receive)."""

    __slots__ = ()

    @property
    def job_id(self) -> str | None:
        """The id of the future."""
        return get_opt_str(self._raw, "jobId")

    @property
    def alive(self) -> bool:
        """Whether the work is running."""
        return get_bool(self._raw, "alive")

    @property
    def has_result(self) -> bool:
        """Whether the work is finished and its result available."""
        return get_bool(self._raw, "hasResult")

    @property
    def running_time(self) -> float:
        """How long the work has run, in seconds."""
        return get_int(self._raw, "runningTime") / 1000

    @property
    def start_time(self) -> datetime | None:
        """When the work started (aware, UTC)."""
        return ms_to_datetime(self._raw.get("startTime"))

    @property
    def job_display_name(self) -> str | None:
        """The human-readable name of the work."""
        return get_opt_str(self._raw, "jobDisplayName")

    @property
    def steps(self) -> list[DSSFutureProgressStep]:
        """The steps of the progress, outermost first."""
        return [DSSFutureProgressStep(s) for s in get_object_list(get_object(self._raw, "progress"), "states")]


class CodeStudioListItemBase:
    """The data of an item of a project's code studio list."""

    def __init__(self, project_key: str, data: JSONObject) -> None:
        self.project_key = project_key
        self._data = data

    def get_raw(self) -> JSONObject:
        """Return the raw item (a reference, not a copy)."""
        return self._data

    @property
    def name(self) -> str:
        """The name of the code studio (user-provided, not necessarily unique)."""
        return get_str(self._data, "name")

    @property
    def id(self) -> str:
        """The id of the code studio (random, generated by DSS)."""
        return get_str(self._data, "id")

    @property
    def owner(self) -> str:
        """The login of the owner of the code studio."""
        return get_str(self._data, "owner")

    @property
    def template_id(self) -> str:
        """The id of the template the code studio was created from."""
        return get_str(self._data, "templateId")

    @property
    def template_label(self) -> str:
        """The label of the template the code studio was created from."""
        return get_str(get_object(self._data, "desc"), "label", self.id)

    @property
    def template_description(self) -> str:
        """The description of the template the code studio was created from."""
        return get_str(get_object(self._data, "desc"), "shortDesc")

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.project_key}/{self.id}: {self.name!r})"


class TemplateListItemBase:
    """The data of an item of the code studio template list."""

    def __init__(self, data: JSONObject) -> None:
        self._data = data

    def get_raw(self) -> JSONObject:
        """Return the raw item (a reference, not a copy)."""
        return self._data

    @property
    def label(self) -> str:
        """The label of the template."""
        return get_str(self._data, "label")

    @property
    def id(self) -> str:
        """The id of the template."""
        return get_str(self._data, "id")

    @property
    def type(self) -> str | None:
        """The type of the template (`block_based`, `manual`, or a plugin type)."""
        return get_opt_str(self._data, "type")

    @property
    def build_for_configs(self) -> list[str]:
        """The container configurations the template was last built for."""
        return get_str_list(self._data, "buildFor")

    @property
    def last_built(self) -> datetime | None:
        """When the template was last built (aware, UTC), or None if never."""
        return ms_to_datetime(self._data.get("lastBuilt"))

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.id}: {self.label!r})"


class TemplateSettingsBase:
    """The settings of a code studio template: the raw definition and helpers to change it."""

    def __init__(self, template_id: str, settings: JSONObject) -> None:
        self.template_id = template_id
        self.settings = settings

    def get_raw(self) -> JSONObject:
        """All settings (a reference, not a copy): `type`, and the content in `params`. `save()` sends it back."""
        return self.settings

    def get_built_for_all_container_confs(self) -> bool:
        """Whether the template builds an image for each container configuration."""
        return get_bool(self.settings, "allContainerConfs")

    def get_built_container_confs(self) -> list[str]:
        """Return the container configurations the template builds an image for (if not all)."""
        return get_str_list(self.settings, "containerConfs")

    def set_built_container_confs(self, *configs: str, all: bool = False) -> None:
        """Set the container configurations to build images for, or `all=True` for every one."""
        self.settings["allContainerConfs"] = all
        if not all:
            self.settings["containerConfs"] = list(configs)

    @property
    def label(self) -> str:
        """The label of the template."""
        return get_str(self.settings, "label")

    @property
    def type(self) -> str | None:
        """The type of the template (`block_based`, `manual`, or a plugin type)."""
        return get_opt_str(self.settings, "type")

    @property
    def blocks(self) -> list[JSONObject]:
        """The building blocks of a `block_based` template (live dictionaries: edit them, then save)."""
        return get_object_list(get_object(self.settings, "params"), "blocks")

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.template_id}: {self.label!r})"


def iter_objects(value: JSONValue) -> Iterator[JSONObject]:
    """Return the JSON objects of a JSON array (anything else gives nothing)."""
    if isinstance(value, list):
        for item in value:
            if isinstance(item, dict):
                yield item
