"""Views of what DSS answers about a project: its summary, and its settings with dataikuapi's helpers."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from dss_codestudio_openapi.models import (
    ProjectClusterSettings,
    ProjectCodeEnvs,
    ProjectCodeEnvSelection,
    ProjectContainerSettings,
    ProjectExecutionSettings,
    ProjectExposedObject,
    ProjectExposedObjectRule,
    ProjectExposedObjects,
    ProjectSettings,
    ProjectSummary,
    VersionTag,
)
from dss_codestudio_openapi.types import Unset

from .._parsing import parse
from .._types import JSONObject
from ._base import ModelView, RawMapping, items, opt_text, strings, text, when


def _login(tag: VersionTag | Unset) -> str | None:
    if isinstance(tag, Unset) or isinstance(tag.last_modified_by, Unset):
        return None
    return opt_text(tag.last_modified_by.login)


def _on(tag: VersionTag | Unset) -> datetime | None:
    return None if isinstance(tag, Unset) else when(tag.last_modified_on)


class DSSProjectSummary(ModelView[ProjectSummary]):
    """A read-only summary of a project: key, name, owner, descriptions, tags, who changed it last.

    Do not instantiate: use `DSSProject.get_summary()`. `summary["projectKey"]` reads the raw
    dictionary, as dataikuapi's code did.
    """

    __slots__ = ()

    @property
    def project_key(self) -> str:
        return text(self._model.project_key)

    @property
    def name(self) -> str:
        return text(self._model.name)

    @property
    def owner(self) -> str | None:
        return opt_text(self._model.owner)

    @property
    def short_desc(self) -> str | None:
        return opt_text(self._model.short_desc)

    @property
    def description(self) -> str | None:
        return opt_text(self._model.description)

    @property
    def tags(self) -> list[str]:
        return strings(self._model.tags)

    @property
    def project_status(self) -> str | None:
        return opt_text(self._model.project_status)

    @property
    def last_modified_by(self) -> str | None:
        """The login of who changed the project's metadata, settings or permissions last."""
        return _login(self._model.version_tag)

    @property
    def last_modified_on(self) -> datetime | None:
        """When the project was last changed (aware, UTC)."""
        return _on(self._model.version_tag)

    @property
    def created_on(self) -> datetime | None:
        """When the project was created (aware, UTC)."""
        return _on(self._model.creation_tag)

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.project_key}: {self.name!r})"


def _execution(model: ProjectSettings) -> ProjectExecutionSettings:
    """Return the model's execution settings, made first if they are missing (so a helper can fill them)."""
    if isinstance(model.settings, Unset):
        model.settings = ProjectExecutionSettings()
    return model.settings


def _code_envs(model: ProjectSettings) -> ProjectCodeEnvs:
    execution = _execution(model)
    if isinstance(execution.code_envs, Unset):
        execution.code_envs = ProjectCodeEnvs()
    return execution.code_envs


def _selection(current: ProjectCodeEnvSelection | Unset, env_name: str | None) -> ProjectCodeEnvSelection:
    """Return the code env selection `current` (kept with its unknown fields), set as dataikuapi sets it."""
    chosen = ProjectCodeEnvSelection() if isinstance(current, Unset) else current
    chosen.use_builtin_env = env_name is None
    chosen.mode = "USE_BUILTIN_MODE" if env_name is None else "EXPLICIT_ENV"
    if env_name is not None:
        chosen.env_name = env_name
    return chosen


def _cluster(
    current: ProjectClusterSettings | Unset, cluster: str | None, fallback: str | None
) -> ProjectClusterSettings:
    found = ProjectClusterSettings() if isinstance(current, Unset) else current
    found.cluster_mode = "INHERIT" if cluster is None else "EXPLICIT_CLUSTER"
    if cluster is not None:
        found.cluster_id = cluster
        found.default_cluster_id = fallback
    return found


class ProjectSettingsBase(RawMapping):
    """The settings of a project: the raw dictionary `save()` sends, and dataikuapi's helpers to change it.

    The raw dictionary is what users edit; the helpers change the generated model of the settings
    (`to_model()`) and write what changed back into the dictionary. Permissions are not part of
    the settings (`DSSProject.get_permissions()`).
    """

    def __init__(self, project_key: str, settings: JSONObject) -> None:
        self.project_key = project_key
        self.settings = settings

    def get_raw(self) -> JSONObject:
        """Return the settings (a reference, not a copy): `settings` and `exposedObjects`; `save()` sends it."""
        return self.settings

    def to_model(self) -> ProjectSettings:
        """Return the settings read into their generated model: typed, but a copy (edit `get_raw()` to change them)."""
        return parse(ProjectSettings, self.settings)

    def _edit(self, change: Callable[[ProjectSettings], None]) -> None:
        """Change the model of the settings, then write the fields that changed into the raw settings."""
        model = self.to_model()
        change(model)
        for key, value in model.to_dict().items():
            if key not in self.settings or self.settings[key] != value:
                self.settings[key] = value

    def set_python_code_env(self, code_env_name: str | None) -> None:
        """Run the project's Python code in this code env (one the instance has), or the built-in one (None)."""

        def change(model: ProjectSettings) -> None:
            envs = _code_envs(model)
            envs.python = _selection(envs.python, code_env_name)

        self._edit(change)

    def set_r_code_env(self, code_env_name: str | None) -> None:
        """Run the project's R code in this code env, or the built-in one (None)."""

        def change(model: ProjectSettings) -> None:
            envs = _code_envs(model)
            envs.r = _selection(envs.r, code_env_name)

        self._edit(change)

    def set_container_exec_config(self, config_name: str | None) -> None:
        """Run the project's code in this container configuration, or not in containers (None)."""

        def change(model: ProjectSettings) -> None:
            execution = _execution(model)
            container = ProjectContainerSettings() if isinstance(execution.container, Unset) else execution.container
            container.container_mode = "NONE" if config_name is None else "EXPLICIT_CONTAINER"
            if config_name is not None:
                container.container_conf = config_name
            execution.container = container

        self._edit(change)

    def set_k8s_cluster(self, cluster: str | None, fallback_cluster: str | None = None) -> None:
        """Use this Kubernetes cluster (and fallback), or inherit the instance's (None)."""

        def change(model: ProjectSettings) -> None:
            execution = _execution(model)
            execution.k_8_s_cluster = _cluster(execution.k_8_s_cluster, cluster, fallback_cluster)

        self._edit(change)

    def set_cluster(self, cluster: str | None, fallback_cluster: str | None = None) -> None:
        """Use this Hadoop cluster (and fallback), or inherit the instance's (None)."""

        def change(model: ProjectSettings) -> None:
            execution = _execution(model)
            execution.cluster = _cluster(execution.cluster, cluster, fallback_cluster)

        self._edit(change)

    def add_exposed_object(self, object_type: str, object_id: str, target_project: str) -> None:
        """Expose an object of the project to another project (no change if it already is)."""

        def change(model: ProjectSettings) -> None:
            if isinstance(model.exposed_objects, Unset):
                model.exposed_objects = ProjectExposedObjects()
            exposed = model.exposed_objects
            objects = items(exposed.objects)
            found = next((o for o in objects if o.type_ == object_type and o.local_name == object_id), None)
            if found is None:
                found = ProjectExposedObject(type_=object_type, local_name=object_id, rules=[])
                objects.append(found)
            rules = items(found.rules)
            if not any(rule.target_project == target_project for rule in rules):
                rules.append(ProjectExposedObjectRule(target_project=target_project))
            found.rules = rules
            exposed.objects = objects

        self._edit(change)

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.project_key})"
