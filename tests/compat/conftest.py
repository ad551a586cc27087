"""Fixtures of the official client's tests: facade clients of both kinds on the module's live server (for the
parity tests), and the check that no test leaves a studio process behind."""

from __future__ import annotations

from tests.support.facade_clients import clock, fake, kind, make_client
from tests.support.live_facade import client, live
from tests.support.processes import no_studio_process_survives

__all__ = ["client", "clock", "fake", "kind", "live", "make_client", "no_studio_process_survives"]
