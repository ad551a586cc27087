"""DSS's info messages: the outcome of template creations, imports, builds and deletions."""

from __future__ import annotations

from dss_codestudio_openapi.models import InfoMessage, InfoMessages

from ._base import ModelView, flag, items, opt_text

_ERRORS = ("ERROR", "FATAL")


class DSSInfoMessage(ModelView[InfoMessage]):
    """One message of an info-messages list: a severity, a code, a title and a text."""

    __slots__ = ()

    @property
    def severity(self) -> str | None:
        return opt_text(self._model.severity)

    @property
    def code(self) -> str | None:
        return opt_text(self._model.code)

    @property
    def title(self) -> str | None:
        return opt_text(self._model.title)

    @property
    def details(self) -> str | None:
        return opt_text(self._model.details)

    @property
    def message(self) -> str | None:
        return opt_text(self._model.message)

    def __str__(self) -> str:
        return f"{self.severity} - {self.title} - {self.details or self.message}"


class DSSInfoMessages(ModelView[InfoMessages]):
    """A list of messages with flags that summarise their severities (DSS's InfoMessages)."""

    __slots__ = ()

    @property
    def messages(self) -> list[DSSInfoMessage]:
        return [DSSInfoMessage(m) for m in items(self._model.messages)]

    @property
    def has_messages(self) -> bool:
        """True if there is any message."""
        return flag(self._model.any_message, bool(items(self._model.messages)))

    @property
    def has_error(self) -> bool:
        """True if there is an error (or fatal) message."""
        return flag(self._model.error) or self.has_fatal or bool(self.errors)

    @property
    def errors(self) -> list[DSSInfoMessage]:
        """The messages of severity ERROR or FATAL."""
        return [m for m in self.messages if (m.severity or "").upper() in _ERRORS]

    @property
    def has_fatal(self) -> bool:
        """True if there is a fatal message."""
        return flag(self._model.fatal)

    @property
    def has_warning(self) -> bool:
        """True if there is a warning."""
        return flag(self._model.warning)

    @property
    def has_success(self) -> bool:
        """True if the most severe message is a success."""
        return flag(self._model.success)

    @property
    def max_severity(self) -> str | None:
        return opt_text(self._model.max_severity)

    def __repr__(self) -> str:
        return (
            f"DSSInfoMessages(has_messages: {self.has_messages}, max_severity: {self.max_severity}, "
            f"has_error: {self.has_error}, has_warning: {self.has_warning}, has_success: {self.has_success}, "
            f"messages: {[str(m) for m in self.messages]})"
        )


def info_messages(model: InfoMessages | object) -> DSSInfoMessages:
    """Return the view of an InfoMessages model, or of empty messages when there is none (Unset)."""
    return DSSInfoMessages(model if isinstance(model, InfoMessages) else InfoMessages())
