"""DSS's InfoMessages: a list of messages with flags that summarise their severities."""

from __future__ import annotations

from dataclasses import dataclass, field

SEVERITIES = ("INFO", "SUCCESS", "WARNING", "ERROR", "FATAL")


@dataclass
class InfoMessages:
    """An ordered list of messages (`wire.info_messages` gives DSS's JSON)."""

    messages: list[dict[str, str]] = field(default_factory=list)

    def add(self, severity: str, message: str, *, code: str | None = None, title: str | None = None) -> None:
        """Append a message of the given severity (one of SEVERITIES)."""
        if severity not in SEVERITIES:
            raise ValueError(f"unknown severity {severity}")
        item = {"severity": severity, "message": message}
        if code:
            item["code"] = code
        if title:
            item["title"] = title
        self.messages.append(item)

    def info(self, message: str, *, code: str | None = None) -> None:
        """Append an INFO message."""
        self.add("INFO", message, code=code)

    def warning(self, message: str, *, code: str | None = None) -> None:
        """Append a WARNING message."""
        self.add("WARNING", message, code=code)

    def error(self, message: str, *, code: str | None = None) -> None:
        """Append an ERROR message."""
        self.add("ERROR", message, code=code)

    def extend(self, other: InfoMessages) -> None:
        """Append every message of `other`."""
        self.messages.extend(other.messages)

    def has(self, severity: str) -> bool:
        """Whether any message has this severity."""
        return any(m["severity"] == severity for m in self.messages)

    @property
    def has_error(self) -> bool:
        """Whether any message is an ERROR or FATAL."""
        return self.has("ERROR") or self.has("FATAL")

    @property
    def max_severity(self) -> str | None:
        """The most severe severity of the messages, or None when there is none."""
        return max((m["severity"] for m in self.messages), key=SEVERITIES.index, default=None)
