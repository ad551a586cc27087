"""Views of what DSS answers about code studios: list items, settings, and the status with its zones and ports."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Literal, TypeVar, overload

from dss_codestudio_openapi.models import (
    CodeStudioListItem,
    CodeStudioSettings,
    CodeStudioStatus,
    ExposedPort,
    SyncedZone,
)
from dss_codestudio_openapi.types import Unset

from .._http import site_url
from .._parsing import Model
from .._types import CodeStudioState, JSONObject
from ._base import ModelView, flag, integer, items, opt_text, strings, text, when

M = TypeVar("M", bound=Model)


class DSSSyncedZone(ModelView[SyncedZone]):
    """A zone of files synchronised between DSS and a running code studio."""

    __slots__ = ()

    @property
    def id(self) -> str:
        return text(self._model.id)

    @property
    def zone(self) -> str:
        return text(self._model.zone)

    @property
    def path_in_container(self) -> str | None:
        return opt_text(self._model.path_in_container)

    @property
    def one_way(self) -> bool:
        return flag(self._model.one_way)

    @property
    def studio_path(self) -> str | None:
        return opt_text(self._model.studio_path)

    @property
    def dss_path(self) -> str | None:
        return opt_text(self._model.dss_path)


class DSSExposedPort(ModelView[ExposedPort]):
    """A port a running code studio exposes."""

    __slots__ = ("_host",)

    def __init__(self, model: ExposedPort | Mapping[str, object], host: str | None = None) -> None:
        super().__init__(model)
        self._host = host

    @property
    def label(self) -> str | None:
        return opt_text(self._model.label)

    @property
    def exposed_html(self) -> bool:
        return flag(self._model.exposed_html)

    @property
    def port(self) -> int | None:
        """The port in the studio (`exposedPort`)."""
        return integer(self._model.exposed_port)

    @property
    def url(self) -> str | None:
        return opt_text(self._model.url)

    @property
    def absolute_url(self) -> str | None:
        """The port's URL joined with the client's host: open it with the API key, or in a browser after a login.

        None when DSS gave no URL (or the view was not made by a client and the URL is relative).
        """
        url = self.url
        if url is None or (self._host is None and not url.startswith(("http://", "https://"))):
            return None
        return site_url(self._host or "", url)


class _StudioView(ModelView[M]):
    """A view of something DSS answered about one code studio."""

    __slots__ = ("code_studio_id", "project_key")

    def __init__(self, project_key: str, code_studio_id: str, model: M | Mapping[str, object]) -> None:
        super().__init__(model)
        self.project_key = project_key
        self.code_studio_id = code_studio_id


class DSSCodeStudioObjectStatus(_StudioView[CodeStudioStatus]):
    """The status of a code studio: its state and, while it runs, its ports and zones.

    Do not instantiate: use `DSSCodeStudioObject.get_status()`. `status["state"]` reads the raw
    dictionary, as dataikuapi's code did.
    """

    __slots__ = ("_host",)

    def __init__(
        self,
        project_key: str,
        code_studio_id: str,
        model: CodeStudioStatus | Mapping[str, object],
        host: str | None = None,
    ) -> None:
        super().__init__(project_key, code_studio_id, model)
        self._host = host

    @property
    def status(self) -> JSONObject:
        """The raw status (what `get_raw()` returns)."""
        return self.get_raw()

    @property
    def state(self) -> CodeStudioState:
        """The state: STOPPED, STARTING, RUNNING or STOPPING (an open enum that equals its string)."""
        return CodeStudioState(text(self._model.state, "UNKNOWN"))

    @property
    def last_state_change(self) -> datetime | None:
        """When the state last changed (aware, UTC), or None if the studio was never started."""
        return when(self._model.last_state_change)

    @property
    def last_template_built(self) -> datetime | None:
        """When the studio's template was last built (aware, UTC), or None."""
        return when(self._model.last_template_built)

    @property
    def run_as_user(self) -> str | None:
        return opt_text(self._model.run_as_user)

    @property
    def job_id(self) -> str | None:
        return opt_text(self._model.job_id)

    @property
    def workspace_path(self) -> str | None:
        return opt_text(self._model.workspace_path)

    @property
    def exposed(self) -> list[DSSExposedPort]:
        return [DSSExposedPort(p, self._host) for p in items(self._model.exposed)]

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
        zones = items(self._model.synced_zones)
        if as_type in ("names", "name"):
            return [text(z.id) for z in zones]
        if as_type in ("objects", "object"):
            return [DSSSyncedZone(z) for z in zones]
        raise ValueError("Only 'names' or 'objects' is supported for as_type")

    def __repr__(self) -> str:
        return f"DSSCodeStudioObjectStatus({self.project_key}/{self.code_studio_id}: {self.state})"


class DSSCodeStudioObjectSettings(_StudioView[CodeStudioSettings]):
    """The definition of a code studio object.

    Do not instantiate: use `DSSCodeStudioObject.get_settings()`. `settings["owner"]` reads the raw
    dictionary, as dataikuapi's code did with the dict `change_owner` returned.
    """

    __slots__ = ()

    @property
    def settings(self) -> JSONObject:
        """The raw settings (what `get_raw()` returns)."""
        return self.get_raw()

    @property
    def id(self) -> str:
        return text(self._model.id, self.code_studio_id)

    @property
    def name(self) -> str:
        return text(self._model.name)

    @property
    def owner(self) -> str:
        return text(self._model.owner)

    @property
    def template_id(self) -> str:
        return text(self._model.template_id)

    @property
    def lib_name(self) -> str:
        return text(self._model.lib_name)

    @property
    def tags(self) -> list[str]:
        return strings(self._model.tags)

    def __repr__(self) -> str:
        return f"DSSCodeStudioObjectSettings({self.project_key}/{self.id}: {self.name!r})"


class CodeStudioListItemBase(ModelView[CodeStudioListItem]):
    """The data of an item of a project's code studio list."""

    def __init__(self, project_key: str, model: CodeStudioListItem | Mapping[str, object]) -> None:
        super().__init__(model)
        self.project_key = project_key

    @property
    def name(self) -> str:
        return text(self._model.name)

    @property
    def id(self) -> str:
        return text(self._model.id)

    @property
    def owner(self) -> str:
        return text(self._model.owner)

    @property
    def template_id(self) -> str:
        return text(self._model.template_id)

    @property
    def template_label(self) -> str:
        """The label of the template the code studio was created from (its id when DSS does not say)."""
        desc = self._model.desc
        return self.id if isinstance(desc, Unset) else text(desc.label, self.id)

    @property
    def template_description(self) -> str:
        """The description of the template the code studio was created from."""
        desc = self._model.desc
        return "" if isinstance(desc, Unset) else text(desc.short_desc)

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.project_key}/{self.id}: {self.name!r})"
