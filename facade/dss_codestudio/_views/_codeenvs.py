"""Views of the code environments of the instance: list items and settings."""

from __future__ import annotations

from dss_codestudio_openapi.models import CodeEnvDefinition, CodeEnvListItem
from dss_codestudio_openapi.types import Unset

from .._parsing import parse
from .._types import JSONObject
from ._base import ModelView, RawMapping, flag, opt_text, strings, text


class CodeEnvListItemBase(ModelView[CodeEnvListItem]):
    """A code environment of the instance, as listed.

    Do not instantiate: use `DSSClient.list_code_envs()`. `item["envName"]` reads the raw
    dictionary, as dataikuapi's code did.
    """

    __slots__ = ()

    @property
    def env_lang(self) -> str:
        return text(self._model.env_lang)

    @property
    def env_name(self) -> str:
        return text(self._model.env_name)

    @property
    def owner(self) -> str | None:
        return opt_text(self._model.owner)

    @property
    def deployment_mode(self) -> str | None:
        return opt_text(self._model.deployment_mode)

    @property
    def python_interpreter(self) -> str | None:
        return opt_text(self._model.python_interpreter)

    @property
    def description(self) -> str | None:
        return opt_text(self._model.description)

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.env_lang} {self.env_name})"


class CodeEnvSettingsBase(RawMapping):
    """The settings of a code environment: the raw definition, which `save()` sends back, and typed reads."""

    def __init__(self, env_lang: str, env_name: str, settings: JSONObject) -> None:
        self.env_lang = env_lang
        self.env_name = env_name
        self.settings = settings

    def get_raw(self) -> JSONObject:
        """Return the definition (a reference, not a copy); `save()` sends it."""
        return self.settings

    def to_model(self) -> CodeEnvDefinition:
        """Return the definition read into its generated model: typed, but a copy (edit `get_raw()`)."""
        return parse(CodeEnvDefinition, self.settings)

    @property
    def python_interpreter(self) -> str | None:
        """The Python version of a Python env, e.g. `PYTHON311`."""
        desc = self.to_model().desc
        return None if isinstance(desc, Unset) else opt_text(desc.python_interpreter)

    def get_required_packages(self, as_list: bool = False) -> str | list[str]:
        """Return the requested packages: the text, one requirement a line, or (`as_list`) the lines."""
        packages = text(self.to_model().spec_package_list)
        return [line for line in packages.splitlines() if line.strip()] if as_list else packages

    def set_required_packages(self, *packages: str) -> None:
        """Set the requested packages, one requirement each."""
        model = self.to_model()
        model.spec_package_list = "\n".join(packages)
        for key, value in model.to_dict().items():
            if self.settings.get(key) != value:
                self.settings[key] = value

    @property
    def built_for_all_container_confs(self) -> bool:
        """Whether an image is built for every container configuration."""
        return flag(self.to_model().all_container_confs)

    @property
    def built_container_confs(self) -> list[str]:
        """The container configurations an image is built for (if not all)."""
        return strings(self.to_model().container_confs)

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.env_lang} {self.env_name})"
