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


def files(count: int) -> str:
    """Format a number of files: `1 file`, `3 files`."""
    return f"{count} file" if count == 1 else f"{count} files"
