"""Every server test stops every studio process it started, children included."""

from __future__ import annotations

from tests.support.processes import no_studio_process_survives

__all__ = ["no_studio_process_survives"]
