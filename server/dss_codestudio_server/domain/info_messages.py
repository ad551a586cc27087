"""DSS's InfoMessages: a list of messages with flags that summarise their severities."""

from __future__ import annotations

from dataclasses import dataclass, field

SEVERITIES = ("INFO", "SUCCESS", "WARNING", "ERROR", "FATAL")


@dataclass
class InfoMessages:
    """An ordered list of messages; `to_json()` gives DSS's wire shape."""

    messages: list[dict[str, str]] = field(default_factory=list)

    def add(
        self,
        severity: str,
        message: str,
        *,
        code: str | None = None,
        title: str | None = None,
        details: str | None = None,
    ) -> None:
        """Append a message of the given severity (one of SEVERITIES).

        Every message carries DSS's `title` (short; the message itself when none is given) and
        `details` (the message itself when none are given): dataikuapi prints a message as
        `severity - title - details`.
        """
        if severity not in SEVERITIES:
            raise ValueError(f"unknown severity {severity}")
        item = {"severity": severity, "message": message, "title": title or message, "details": details or message}
        if code:
            item["code"] = code
        self.messages.append(item)

    def info(self, message: str, *, code: str | None = None, title: str | None = None) -> None:
        """Append an INFO message."""
        self.add("INFO", message, code=code, title=title)

    def warning(self, message: str, *, code: str | None = None, title: str | None = None) -> None:
        """Append a WARNING message."""
        self.add("WARNING", message, code=code, title=title)

    def error(self, message: str, *, code: str | None = None, title: str | None = None) -> None:
        """Append an ERROR message."""
        self.add("ERROR", message, code=code, title=title)

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

    def to_json(self) -> dict[str, object]:
        """Return the DSS wire shape: flags, `maxSeverity` when there is a message, and the messages."""
        out: dict[str, object] = {
            "anyMessage": bool(self.messages),
            "success": self.has("SUCCESS") and not (self.has("WARNING") or self.has_error),
            "warning": self.has("WARNING"),
            "error": self.has("ERROR"),
            "fatal": self.has("FATAL"),
            "messages": [dict(m) for m in self.messages],
        }
        if self.messages:
            out["maxSeverity"] = max((m["severity"] for m in self.messages), key=SEVERITIES.index)
        return out
