"""Request validation as the spec means it: integer formats are ranges, unions report the branch meant.

JSON Schema knows no `int64` or `int32` format, so connexion accepts any integer where the spec
says `format: int64`, and the server would store a value DSS (which reads Java longs) refuses. The
format checker here knows both; JSON request bodies and template settings are checked with it.

A value that fails a union (`oneOf`) fails every branch; jsonschema's best match then tends to
report the branch a discriminator rules out (an ill-typed `dss_base_image` block would be reported
as "should not be valid under" the fallback's excluded types). `best_error` never gives that reason:
it reports what is wrong in the branch the value's discriminator selects.

connexion parses and validates a JSON body on the event loop; here both run in a worker thread, so
a large body (within the bounds `WireMiddleware` checked as it arrived) does not hold up the other
requests. The parse refuses what Python accepts and JSON does not (`NaN`, invalid UTF-8) with 400,
where connexion would answer some of these with 500.
"""

from __future__ import annotations

import heapq
import json
from collections.abc import AsyncGenerator, Iterable
from typing import Any

import anyio.to_thread
from connexion.datastructures import MediaTypeDict
from connexion.exceptions import BadRequestProblem
from connexion.json_schema import Draft4RequestValidator
from connexion.validators import FormDataValidator, JSONRequestBodyValidator, MultiPartFormDataValidator
from jsonschema import Draft4Validator, FormatChecker
from jsonschema.exceptions import ValidationError, relevance
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


def discriminators(schema: object) -> set[str]:
    """Return the `propertyName` of every discriminator in `schema` (which may be resolved, and so recursive)."""
    found: set[str] = set()
    seen: set[int] = set()
    todo = [schema]
    while todo:
        node = todo.pop()
        if id(node) in seen:
            continue
        seen.add(id(node))
        if isinstance(node, dict):
            if isinstance(node.get("discriminator"), dict):
                found.add(node["discriminator"]["propertyName"])
            todo += node.values()
        elif isinstance(node, list):
            todo += node
    return found


def best_error(errors: Iterable[ValidationError], discriminated: set[str]) -> ValidationError | None:
    """Return the most relevant of `errors`: jsonschema's best match, never a discriminator's other branch.

    The algorithm of `jsonschema.exceptions.best_match` (the most relevant error, then down into
    the context of a union's error), where an error on a discriminator (`discriminated`: `enum` or
    `not` on that property) ranks last at every level.
    """

    def other_branch(error: ValidationError) -> bool:
        return error.validator in ("enum", "not") and bool(error.path) and error.path[-1] in discriminated

    def key(error: ValidationError) -> tuple[Any, ...]:
        return (other_branch(error), *relevance(error))

    # best_match takes the maximum of the top level, then the minimum of each context below.
    best = max(errors, key=lambda error: (not other_branch(error), *relevance(error)), default=None)
    if best is None:
        return None
    while best.context:
        smallest = heapq.nsmallest(2, best.context, key=key)
        if len(smallest) == 2 and key(smallest[0]) == key(smallest[1]):
            # Equally relevant causes: the union's own error says it best, unless every branch
            # failed for the same reason (a block that is not an object), which is then the reason.
            leaves = _leaves(best)
            return leaves[0] if len({leaf.message for leaf in leaves}) == 1 else best
        best = smallest[0]
    return best


def _leaves(error: ValidationError) -> list[ValidationError]:
    """Return the errors at the bottom of `error`'s union contexts (`error` itself if it has none)."""
    if not error.context:
        return [error]
    return [leaf for cause in error.context for leaf in _leaves(cause)]


def _reject_constant(name: str) -> float:
    raise ValueError(f"{name} is not valid JSON")


class JSONBodyValidator(JSONRequestBodyValidator):  # type: ignore[misc]
    """connexion's JSON body validator: integer formats checked, unions' errors by branch, parsed in a thread."""

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
        errors = list(self._validator.iter_errors(body)) if body is not None else []
        if errors:
            # The schema's discriminators matter only to rank errors: not walked for a valid body.
            error = best_error(errors, discriminators(self._schema))
            if error is not None:
                # As connexion words it, with the path from the body's root (an error found in a union's
                # context has a path relative to the union), clipped: connexion would log the whole
                # message, which quotes the value (of any length).
                where = ".".join(str(part) for part in error.absolute_path)
                raise BadRequestProblem(detail=clip(error.message + (f" - '{where}'" if where else "")))
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
