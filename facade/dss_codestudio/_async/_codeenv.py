"""Code environments: the ones the instance has, which templates' `add_codeenv` blocks and projects name."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

from dss_codestudio_openapi.api.code_envs import get_code_env, save_code_env
from dss_codestudio_openapi.models import CodeEnvDefinition, CodeEnvLang, CodeEnvListItem

from .._exceptions import DataikuException
from .._http import path_segment, success
from .._parsing import parse
from .._types import JSONObject
from .._views import CodeEnvListItemBase, CodeEnvSettingsBase

if TYPE_CHECKING:
    from ._client import AsyncDSSClient


def code_env_lang(value: str) -> CodeEnvLang:
    """Return the language of a code env (`PYTHON` or `R`, any case), or raise ValueError."""
    try:
        return CodeEnvLang(value.upper())
    except ValueError:
        raise ValueError(f"unknown code env language {value!r}: use PYTHON or R") from None


class AsyncDSSCodeEnvListItem(CodeEnvListItemBase):
    """An item of the list of code environments.

    Do not instantiate: use `DSSClient.list_code_envs()`.
    """

    __slots__ = ("client",)

    def __init__(self, client: AsyncDSSClient, item: CodeEnvListItem) -> None:
        super().__init__(item)
        self.client = client

    def to_code_env(self) -> AsyncDSSCodeEnv:
        """Return a handle on this code env."""
        return AsyncDSSCodeEnv(self.client, self.env_lang, self.env_name)


class AsyncDSSCodeEnvSettings(CodeEnvSettingsBase):
    """The settings of a code environment: edit `get_raw()` or use the helpers, then `save()` (administrators).

    Do not instantiate: use `DSSCodeEnv.get_settings()`.
    """

    def __init__(self, client: AsyncDSSClient, env_lang: str, env_name: str, settings: JSONObject) -> None:
        super().__init__(env_lang, env_name, settings)
        self.client = client

    async def save(self) -> None:
        """Save the settings; the env's language, name and owner stay as they are."""
        await AsyncDSSCodeEnv(self.client, self.env_lang, self.env_name).set_definition(self.settings)


class AsyncDSSCodeEnv:
    """A handle on a code environment of the instance.

    Do not instantiate: use `DSSClient.get_code_env()`.
    """

    def __init__(self, client: AsyncDSSClient, env_lang: str, env_name: str) -> None:
        self.client = client
        self.env_lang = code_env_lang(env_lang).value
        self.env_name = path_segment(env_name, "code env name")

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.env_lang} {self.env_name})"

    async def get_definition(self) -> JSONObject:
        """Return the definition of the code env, a dictionary (`envLang`, `envName`, `desc`, `specPackageList`...)."""
        return (await self._definition()).to_dict()

    async def _definition(self) -> CodeEnvDefinition:
        response = await self.client._call(
            get_code_env.asyncio_detailed, CodeEnvLang(self.env_lang), self.env_name, client=self.client._api
        )
        return success(response)

    async def get_settings(self) -> AsyncDSSCodeEnvSettings:
        """Return the settings of the code env; `save()` them once edited."""
        definition = (await self._definition()).to_dict()
        return AsyncDSSCodeEnvSettings(self.client, self.env_lang, self.env_name, definition)

    async def set_definition(self, env: Mapping[str, object]) -> JSONObject:
        """Replace the definition of the code env (administrators); returns the saved definition."""
        if not isinstance(env, Mapping):
            raise DataikuException("a code env definition must be a mapping", error_type="InvalidDefinition")
        response = await self.client._call(
            save_code_env.asyncio_detailed,
            CodeEnvLang(self.env_lang),
            self.env_name,
            client=self.client._api,
            body=parse(CodeEnvDefinition, dict(env)),
        )
        return success(response).to_dict()
