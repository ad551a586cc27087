"""Read-only views over the raw dictionaries DSS answers, shared by the sync and async clients.

Each view keeps the dictionary it was built from (`get_raw()` returns it, live, not a copy) and reads
it through typed properties that tolerate missing keys and values of unexpected types. Views of
results also answer `view["key"]`, so code written for dataikuapi's plain dicts keeps working.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from typing import Generic, Literal, Self, TypeVar, cast, overload

from ._exceptions import DataikuException
from ._http import site_url
from ._types import (
    CodeStudioState,
    JSONObject,
    JSONValue,
    get_bool,
    get_datetime,
    get_int,
    get_object,
    get_object_list,
    get_opt_str,
    get_str,
    get_str_list,
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


V = TypeVar("V")
W = TypeVar("W", bound=RawView)


class RawField(Generic[V]):
    """A typed, read-only attribute of a view, read from its raw dictionary when accessed.

    `label = RawField("label", get_opt_str, "The label.")` reads `raw["label"]` as `str | None`; the
    reader decides what a missing or ill-typed value gives.
    """

    def __init__(self, key: str, read: Callable[[Mapping[str, object], str], V], doc: str) -> None:
        self.key = key
        self.read = read
        self.__doc__ = doc

    @overload
    def __get__(self, view: None, owner: type) -> Self: ...
    @overload
    def __get__(self, view: RawView, owner: type) -> V: ...
    def __get__(self, view: RawView | None, owner: type) -> V | Self:
        return self if view is None else self.read(view._raw, self.key)


def view_map(view: Callable[[JSONObject], W]) -> Callable[[Mapping[str, object], str], dict[str, W]]:
    """Return a reader of `raw[key]`, an object of objects, as views by key (non-objects are skipped)."""

    def read(raw: Mapping[str, object], key: str) -> dict[str, W]:
        return {k: view(v) for k, v in get_object(raw, key).items() if isinstance(v, dict)}

    return read


def get_state(raw: Mapping[str, object], key: str) -> CodeStudioState | None:
    """Return the code studio state `raw[key]` holds, if any."""
    value = get_opt_str(raw, key)
    return None if value is None else CodeStudioState(value)


class DSSInfoMessage(RawView):
    """One message of an info-messages list: a severity, a code, a title and a text."""

    __slots__ = ()

    severity = RawField("severity", get_opt_str, "The severity: INFO, SUCCESS, WARNING, ERROR or FATAL.")
    code = RawField("code", get_opt_str, "The machine-readable code of the message.")
    title = RawField("title", get_opt_str, "The short title of the message.")
    details = RawField("details", get_opt_str, "The longer explanation of the message.")
    message = RawField("message", get_opt_str, "The full text of the message.")

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

    has_fatal = RawField("fatal", get_bool, "True if there is a fatal message.")
    has_warning = RawField("warning", get_bool, "True if there is a warning.")
    has_success = RawField("success", get_bool, "True if the most severe message is a success.")
    max_severity = RawField("maxSeverity", get_opt_str, "The most severe severity among the messages.")

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

    id = RawField(
        "id", get_str, "The id of the zone in this run of the studio; it changes at every start. Use it in sync calls."
    )
    zone = RawField(
        "zone", get_str, "The kind of zone (`code_studio_versioned`, `project_lib_versioned`, `recipes`...)."
    )
    path_in_container = RawField("pathInContainer", get_opt_str, "Where the zone lives in the studio's file system.")
    one_way = RawField("oneWay", get_bool, "If True, files only go DSS -> studio.")


class DSSExposedPort(RawView):
    """A port a running code studio exposes."""

    __slots__ = ("_host",)

    def __init__(self, raw: JSONObject, host: str | None = None) -> None:
        super().__init__(raw)
        self._host = host

    label = RawField("label", get_opt_str, "The label of the tab showing the port.")
    exposed_html = RawField("exposedHtml", get_bool, "True if the port is shown as a tab of the studio's view.")

    @property
    def port(self) -> int | None:
        """The port in the studio."""
        value = get_int(self._raw, "exposedPort", -1)
        return None if value < 0 else value

    url = RawField(
        "url",
        get_opt_str,
        "Where the port answers, relative to DSS's base URL (`code-studios/<projectKey>/<codeStudioId>/<port>/`).",
    )

    @property
    def absolute_url(self) -> str | None:
        """The port's URL joined with the client's host: open it with the API key, or in a browser after a login.

        None when DSS gave no URL (or the view was not made by a client).
        """
        url = self.url
        if url is None or (self._host is None and not url.startswith(("http://", "https://"))):
            return None
        return site_url(self._host or "", url)


class CodeStudioView(RawView):
    """A view of something DSS answered about one code studio."""

    __slots__ = ("code_studio_id", "project_key")

    def __init__(self, project_key: str, code_studio_id: str, raw: JSONObject) -> None:
        super().__init__(raw)
        self.project_key = project_key
        self.code_studio_id = code_studio_id


class DSSCodeStudioObjectStatus(CodeStudioView):
    """The status of a code studio: its state and, while it runs, its ports and zones.

    Do not instantiate: use `DSSCodeStudioObject.get_status()`. `status["state"]` reads the raw
    dictionary, as dataikuapi's code did.
    """

    __slots__ = ("_host",)

    def __init__(self, project_key: str, code_studio_id: str, raw: JSONObject, host: str | None = None) -> None:
        super().__init__(project_key, code_studio_id, raw)
        self._host = host

    @property
    def status(self) -> JSONObject:
        """The raw status (what `get_raw()` returns)."""
        return self._raw

    @property
    def state(self) -> CodeStudioState:
        """The state: STOPPED, STARTING, RUNNING or STOPPING (an open enum that equals its string)."""
        return CodeStudioState(get_str(self._raw, "state", "UNKNOWN"))

    last_state_change = RawField(
        "lastStateChange",
        get_datetime,
        "When the state last changed (aware, UTC), or None if the studio was never started.",
    )
    last_template_built = RawField(
        "lastTemplateBuilt", get_datetime, "When the studio's template was last built, or None."
    )
    run_as_user = RawField("runAsUser", get_opt_str, "The login the studio runs as.")
    job_id = RawField("jobId", get_opt_str, "The id of the future that runs the studio.")

    @property
    def exposed(self) -> list[DSSExposedPort]:
        """The exposed ports; empty unless RUNNING."""
        return [DSSExposedPort(p, self._host) for p in get_object_list(self._raw, "exposed")]

    def get_exposed_url(self, port: int | None = None) -> str | None:
        """Return the absolute URL of an exposed port (`port`, else the first shown as HTML, else the first).

        None when the studio exposes no such port (it exposes none unless RUNNING).
        """
        ports = self.exposed
        if port is not None:
            chosen = [p for p in ports if p.port == port]
        else:
            chosen = [p for p in ports if p.exposed_html] + [p for p in ports if not p.exposed_html]
        return chosen[0].absolute_url if chosen else None

    @overload
    def get_zones(self, as_type: Literal["names", "name"] = "names") -> list[str]: ...
    @overload
    def get_zones(self, as_type: Literal["objects", "object"]) -> list[DSSSyncedZone]: ...
    def get_zones(self, as_type: str = "names") -> list[str] | list[DSSSyncedZone]:
        """Return the zones synchronised in the running studio: their ids ("names") or their definitions ("objects").

        Zone ids change at every start. The list is empty unless the studio is RUNNING.
        """
        zones = get_object_list(self._raw, "syncedZones")
        if as_type in ("names", "name"):
            return [get_str(z, "id") for z in zones]
        if as_type in ("objects", "object"):
            return [DSSSyncedZone(z) for z in zones]
        raise ValueError("Only 'names' or 'objects' is supported for as_type")

    def __repr__(self) -> str:
        return f"DSSCodeStudioObjectStatus({self.project_key}/{self.code_studio_id}: {self.state})"


class DSSCodeStudioObjectSettings(CodeStudioView):
    """The definition of a code studio object.

    Do not instantiate: use `DSSCodeStudioObject.get_settings()`. `settings["owner"]` reads the raw
    dictionary, as dataikuapi's code did with the dict `change_owner` returned.
    """

    __slots__ = ()

    @property
    def settings(self) -> JSONObject:
        """The raw settings (what `get_raw()` returns)."""
        return self._raw

    @property
    def id(self) -> str:
        """The id of the code studio (random, generated by DSS)."""
        return get_str(self._raw, "id", self.code_studio_id)

    name = RawField("name", get_str, "The name of the code studio (user-provided, not necessarily unique).")
    owner = RawField(
        "owner",
        get_str,
        "The login of the owner. Only the owner uses the studio; project admins may only start and stop it.",
    )
    template_id = RawField("templateId", get_str, "The id of the template the studio was created from.")
    lib_name = RawField(
        "libName",
        get_str,
        "The folder of the studio's resource files: `<dss_data_dir>/lib/code_studio/<project_key>/<lib_name>/`.",
    )
    tags = RawField("tags", get_str_list, "The tags of the code studio.")

    def __repr__(self) -> str:
        return f"DSSCodeStudioObjectSettings({self.project_key}/{self.id}: {self.name!r})"


class DSSCodeStudioZoneConflicts(RawView):
    """The conflicting files of one zone: changed in the studio, and on the DSS side since the last sync."""

    __slots__ = ()

    commit_from = RawField("commitFrom", get_opt_str, "The DSS-side state of the zone at the last synchronisation.")
    commit_to = RawField("commitTo", get_opt_str, "The DSS-side state of the zone now.")
    authors = RawField(
        "authors", get_str_list, "Logins of the users who changed DSS-side files since the last synchronisation."
    )
    added = RawField("added", get_str_list, "Files added in the studio that conflict with DSS-side changes.")
    modified = RawField("modified", get_str_list, "Files modified in the studio that conflict with DSS-side changes.")
    deleted = RawField("deleted", get_str_list, "Files deleted in the studio that conflict with DSS-side changes.")

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

    added = RawField("added", get_str_list, "Files added on the destination side.")
    modified = RawField("modified", get_str_list, "Files modified on the destination side.")
    deleted = RawField("deleted", get_str_list, "Files deleted on the destination side.")

    @property
    def count(self) -> int:
        """Number of files copied or deleted."""
        return get_int(self._raw, "count", len(self.added) + len(self.modified) + len(self.deleted))

    size = RawField("size", get_int, "Number of bytes copied.")


class DSSCodeStudioPushResult(DSSCodeStudioZoneChanges):
    """What a push (DSS -> studio) copied: `count` files, `size` bytes, and the files left in conflict."""

    __slots__ = ()

    conflicts = RawField(
        "conflicts", get_str_list, "Files left as they are in the studio because they changed there too."
    )


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

    state = RawField("state", get_state, "The state of the studio when the start completed (RUNNING).")
    pushed = RawField(
        "pushed",
        view_map(DSSCodeStudioPushResult),
        "What the initial DSS -> studio synchronisation copied, keyed by zone id.",
    )


class DSSCodeStudioStopResult(RawView):
    """The result of a code studio stop."""

    __slots__ = ()

    state = RawField("state", get_state, "The state of the studio when the stop completed (STOPPED).")
    pulled = RawField(
        "pulled",
        view_map(DSSCodeStudioZoneChanges),
        "What the final studio -> DSS synchronisation copied, keyed by zone id.",
    )
    conflicts = RawField(
        "conflicts",
        view_map(DSSCodeStudioZoneConflicts),
        "The files left unsynchronised because they were in conflict, keyed by zone id.",
    )


class DSSCodeStudioTemplateBuild(RawView):
    """The build of a template for one container configuration."""

    __slots__ = ()

    config_name = RawField("configName", get_opt_str, "The name of the container configuration.")
    image_tag = RawField("imageTag", get_opt_str, "The tag of the image that was built.")
    no_cache = RawField("noCache", get_bool, "Whether the build ran without the cache.")


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

    id = RawField("id", get_str, "The id of the imported template.")

    @property
    def messages(self) -> DSSInfoMessages:
        """The messages of the import."""
        return DSSInfoMessages(get_object(self._raw, "messages"))


class DSSFutureProgressStep(RawView):
    """One step of the progress of a future, outermost first."""

    __slots__ = ()

    name = RawField("name", get_opt_str, "What this step does.")
    unit = RawField("unit", get_opt_str, "The unit of `current` and `target` (e.g. FILES, SIZE), when they are counts.")

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

    job_id = RawField("jobId", get_opt_str, "The id of the future.")
    alive = RawField("alive", get_bool, "Whether the work is running.")
    has_result = RawField("hasResult", get_bool, "Whether the work is finished and its result available.")

    @property
    def running_time(self) -> float:
        """How long the work has run, in seconds."""
        return get_int(self._raw, "runningTime") / 1000

    start_time = RawField("startTime", get_datetime, "When the work started (aware, UTC).")
    job_display_name = RawField("jobDisplayName", get_opt_str, "The human-readable name of the work.")

    @property
    def steps(self) -> list[DSSFutureProgressStep]:
        """The steps of the progress, outermost first."""
        return [DSSFutureProgressStep(s) for s in get_object_list(get_object(self._raw, "progress"), "states")]


class CodeStudioListItemBase(RawView):
    """The data of an item of a project's code studio list."""

    def __init__(self, project_key: str, data: JSONObject) -> None:
        super().__init__(data)
        self.project_key = project_key

    name = RawField("name", get_str, "The name of the code studio (user-provided, not necessarily unique).")
    id = RawField("id", get_str, "The id of the code studio (random, generated by DSS).")
    owner = RawField("owner", get_str, "The login of the owner of the code studio.")
    template_id = RawField("templateId", get_str, "The id of the template the code studio was created from.")

    @property
    def template_label(self) -> str:
        """The label of the template the code studio was created from."""
        return get_str(get_object(self._raw, "desc"), "label", self.id)

    @property
    def template_description(self) -> str:
        """The description of the template the code studio was created from."""
        return get_str(get_object(self._raw, "desc"), "shortDesc")

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.project_key}/{self.id}: {self.name!r})"


class TemplateListItemBase(RawView):
    """The data of an item of the code studio template list."""

    def __init__(self, data: JSONObject) -> None:
        super().__init__(data)

    label = RawField("label", get_str, "The label of the template.")
    id = RawField("id", get_str, "The id of the template.")
    type = RawField("type", get_opt_str, "The type of the template (`block_based`, `manual`, or a plugin type).")
    build_for_configs = RawField(
        "buildFor", get_str_list, "The container configurations the template was last built for."
    )
    last_built = RawField("lastBuilt", get_datetime, "When the template was last built (aware, UTC), or None if never.")

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.id}: {self.label!r})"


class TemplateSettingsBase(RawView):
    """The settings of a code studio template: the raw definition and helpers to change it."""

    def __init__(self, template_id: str, settings: JSONObject) -> None:
        super().__init__(settings)
        self.template_id = template_id

    @property
    def settings(self) -> JSONObject:
        """The raw settings (what `get_raw()` returns, and `save()` sends back)."""
        return self._raw

    def get_raw(self) -> JSONObject:
        """Return all settings (a reference, not a copy): `type`, and the content in `params`; `save()` sends it."""
        return self._raw

    def get_built_for_all_container_confs(self) -> bool:
        """Whether the template builds an image for each container configuration."""
        return get_bool(self._raw, "allContainerConfs")

    def get_built_container_confs(self) -> list[str]:
        """Return the container configurations the template builds an image for (if not all)."""
        return get_str_list(self._raw, "containerConfs")

    def set_built_container_confs(self, *configs: str, all: bool = False) -> None:
        """Set the container configurations to build images for, or `all=True` for every one."""
        self._raw["allContainerConfs"] = all
        if not all:
            self._raw["containerConfs"] = list(configs)

    label = RawField("label", get_str, "The label of the template.")
    type = RawField("type", get_opt_str, "The type of the template (`block_based`, `manual`, or a plugin type).")

    @property
    def blocks(self) -> list[JSONObject]:
        """The building blocks of a `block_based` template: the live list of `params.blocks`.

        Append, remove or edit blocks, then `save()`. Settings without blocks get an empty list
        here, so that blocks can be added; a `params.blocks` holding values that are not objects is
        refused (edit `get_raw()` instead) rather than answered with a copy whose changes `save()`
        would silently lose.
        """
        params = self._raw.get("params")
        if not isinstance(params, dict):
            params = self._raw["params"] = {}
        blocks = params.setdefault("blocks", [])
        if not isinstance(blocks, list) or not all(isinstance(block, dict) for block in blocks):
            raise DataikuException(
                f"params.blocks of template {self.template_id} is not a list of blocks; edit get_raw() instead",
                error_type="InvalidSettings",
            )
        return cast(list[JSONObject], blocks)

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.template_id}: {self.label!r})"


def iter_objects(value: JSONValue) -> Iterator[JSONObject]:
    """Return the JSON objects of a JSON array (anything else gives nothing)."""
    if isinstance(value, list):
        for item in value:
            if isinstance(item, dict):
                yield item
