"""The view of who an API key authenticates as (`DSSClient.get_auth_info()`)."""

from __future__ import annotations

from dss_codestudio_openapi.models import AuthInfo

from ._base import ModelView, items, opt_text, strings, text


class DSSAuthInfo(ModelView[AuthInfo]):
    """Who the client's API key authenticates as: its login, groups, and (if asked) secrets.

    Do not instantiate: use `DSSClient.get_auth_info()`. `info["authIdentifier"]` reads the raw
    dictionary, as dataikuapi's code did.
    """

    __slots__ = ()

    @property
    def auth_identifier(self) -> str:
        return text(self._model.auth_identifier)

    @property
    def associated_dss_user(self) -> str | None:
        return opt_text(self._model.associated_dss_user)

    @property
    def auth_source(self) -> str | None:
        return opt_text(self._model.auth_source)

    @property
    def groups(self) -> list[str]:
        return strings(self._model.groups)

    @property
    def login(self) -> str:
        """The login to give where one is expected (`change_owner` to oneself): associated user, else identifier."""
        return self.associated_dss_user or self.auth_identifier

    @property
    def secrets(self) -> dict[str, str]:
        """The user's secrets by name (asked with `with_secrets=True`; empty otherwise)."""
        found = {}
        for secret in items(self._model.secrets):
            key, value = opt_text(secret.key), opt_text(secret.value)
            if key is not None and value is not None:
                found[key] = value
        return found

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.login!r}, groups={self.groups!r})"
