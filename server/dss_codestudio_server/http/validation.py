"""Request validation as the spec means it: OpenAPI's integer formats are ranges.

JSON Schema knows no `int64` or `int32` format, so connexion accepts any integer where the spec
says `format: int64`, and the server would store a value DSS (which reads Java longs) refuses. The
format checker here knows both; JSON request bodies and template settings are checked with it.
"""

from __future__ import annotations

from typing import Any

from connexion.datastructures import MediaTypeDict
from connexion.json_schema import Draft4RequestValidator
from connexion.validators import FormDataValidator, JSONRequestBodyValidator, MultiPartFormDataValidator
from jsonschema import Draft4Validator, FormatChecker

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


class JSONBodyValidator(JSONRequestBodyValidator):  # type: ignore[misc]
    """connexion's JSON body validator, with the integer formats checked."""

    @property
    def _validator(self) -> Any:
        return Draft4RequestValidator(self._schema, format_checker=FORMATS)


VALIDATOR_MAP = {
    "body": MediaTypeDict(
        {
            "*/*json": JSONBodyValidator,
            "application/x-www-form-urlencoded": FormDataValidator,
            "multipart/form-data": MultiPartFormDataValidator,
        }
    )
}
