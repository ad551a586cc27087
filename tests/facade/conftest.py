"""The facade's unit tests: facade clients of both kinds on a scripted DSS (tests.support.facade_clients)."""

from tests.support.facade_clients import clock, fake, kind, make_client

__all__ = ["clock", "fake", "kind", "make_client"]
