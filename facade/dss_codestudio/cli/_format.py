"""How values read in a terminal: times, durations, sizes."""

from __future__ import annotations

from datetime import UTC, datetime


def when(moment: datetime | None) -> str:
    """Format a time in UTC to the second, or `never`."""
    return "never" if moment is None else moment.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S UTC")


def size(count: int) -> str:
    """Format a number of bytes in B, KiB, MiB or GiB."""
    value = float(count)
    for unit in ("B", "KiB", "MiB"):
        if value < 1024:
            return f"{count} B" if unit == "B" else f"{value:.1f} {unit}"
        value /= 1024
    return f"{value:.1f} GiB"


def plural(count: int, word: str, words: str | None = None) -> str:
    """Format a number of things: `1 zone`, `3 zones` (`words` when the plural is not `word` + s)."""
    return f"{count} {word}" if count == 1 else f"{count} {words or word + 's'}"


def files(count: int) -> str:
    """Format a number of files: `1 file`, `3 files`."""
    return plural(count, "file")


def seconds_text(seconds: float) -> str:
    """Format a number of seconds as given: `5 s`, `0.3 s`."""
    return f"{seconds:g} s"
