"""Request validation as the spec means it, off the event loop.

JSON Schema knows no `int64` or `int32` format, so connexion accepts any integer where the spec
says `format: int64`, and the server would store a value DSS (which reads Java longs) refuses. The
format checker here knows both; JSON request bodies and template settings are checked with it.

connexion parses and validates a JSON body on the event loop; here both run in a worker thread, so
a large body (within the bounds `WireMiddleware` checked as it arrived) does not hold up the other
requests. The parse refuses what Python accepts and JSON does not (`NaN`, invalid UTF-8) with 400,
where connexion would answer some of these with 500.
"""

from __future__ import annotations

import json
from collections.abc import AsyncGenerator
from typing import Any

import anyio.to_thread
from connexion.datastructures import MediaTypeDict
from connexion.exceptions import BadRequestProblem
from connexion.json_schema import Draft4RequestValidator, format_error_with_path
from connexion.validators import FormDataValidator, JSONRequestBodyValidator, MultiPartFormDataValidator
from jsonschema import Draft4Validator, FormatChecker, ValidationError
from starlette.types import Scope

from dss_codestudio_server.domain.errors import clip

INTEGER_BITS = {"int32": 32, "int64": 64}


def format_checker() -> FormatChecker:
    """Return draft 4's format checker, with `int32` and `int64` checked as the ranges they are."""
    checker = FormatChecker(formats=())
    checker.checkers = dict(Draft4Validator.FORMAT_CHECKER.checkers)
    for name, bits in INTEGER_BITS.items():
        low, high = -(2 ** (bits - 1)), 2 ** (bits - 1) - 1
        checker.checks(name)(lambda value, low=low, high=high: not isinstance(value, int) or low <= value <= high)
    return checker


FORMATS = format_checker()


def _reject_constant(name: str) -> float:
    raise ValueError(f"{name} is not valid JSON")


class JSONBodyValidator(JSONRequestBodyValidator):  # type: ignore[misc]
    """connexion's JSON body validator, with the integer formats checked, parsing and validating in a thread."""

    @property
    def _validator(self) -> Any:
        return Draft4RequestValidator(self._schema, format_checker=FORMATS)

    async def _parse(self, stream: AsyncGenerator[bytes, None], scope: Scope) -> Any:
        """Parse and validate the body in a worker thread (`_validate`, called next by connexion, is done)."""
        raw = b"".join([chunk async for chunk in stream])
        return await anyio.to_thread.run_sync(self._parse_and_validate, raw)

    def _parse_and_validate(self, raw: bytes) -> Any:
        try:
            text = raw.decode(self._encoding)
        except UnicodeDecodeError as exc:
            raise BadRequestProblem(detail=f"The request body is not valid UTF-8: {exc}") from exc
        if not text.strip():
            body = None
        else:
            try:
                body = json.loads(text, parse_constant=_reject_constant)
            except (ValueError, RecursionError) as exc:
                raise BadRequestProblem(detail=f"The request body is not valid JSON: {exc}") from exc
        if body is None and not self._nullable:
            raise BadRequestProblem(detail="Request body must not be empty")
        if body is not None:
            try:
                self._validator.validate(body)
            except ValidationError as exc:
                # connexion would log the whole message, which quotes the value (of any length).
                raise BadRequestProblem(detail=clip(f"{exc.message}{format_error_with_path(exception=exc)}")) from exc
        return body

    def _validate(self, body: Any) -> None:
        """Nothing left to do: `_parse` validated the body."""


VALIDATOR_MAP = {
    "body": MediaTypeDict(
        {
            "*/*json": JSONBodyValidator,
            "application/x-www-form-urlencoded": FormDataValidator,
            "multipart/form-data": MultiPartFormDataValidator,
        }
    )
}
