"""Reading JSON into the generated models, tolerating what a newer DSS may send differently.

The generated `from_dict` reads every property of the spec and keeps the others in
`additional_properties`, but fails on the whole object when one value has a shape the spec does
not allow (a list where an object was expected, say). `parse` then reads the rest: each such
value reads as absent in the model, with a warning, and stays in `additional_properties` (so
that `to_dict()` gives back what DSS sent) where the model keeps values of any type. Only a
missing or unreadable required property makes an object unreadable.
"""

from __future__ import annotations

import functools
import typing
from collections.abc import Callable, Mapping
from http import HTTPStatus
from typing import Any, Protocol, Self, TypeVar

import attrs
import httpx
from dss_codestudio_openapi.models import DSSError
from dss_codestudio_openapi.types import Response

from ._logs import logger

# What a generated `from_dict` raises on a value of the wrong shape, or without a required key.
PARSE_ERRORS = (ValueError, TypeError, KeyError, AttributeError)


class Model(Protocol):
    """What every generated model has: `from_dict`, `to_dict` and the properties the spec leaves out."""

    additional_properties: dict[str, Any]

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self: ...

    def to_dict(self) -> dict[str, Any]: ...


M = TypeVar("M", bound=Model)
T = TypeVar("T")


class SchemaMismatch(ValueError):
    """JSON that cannot be read into its model even leniently: not an object, or a required property is missing."""


def parse(model: type[M], data: object) -> M:
    """Read `data` into `model`, leniently (see the module's documentation)."""
    if not isinstance(data, dict):
        raise SchemaMismatch(f"{model.__name__}: expected a JSON object, got {type(data).__name__}")
    try:
        return model.from_dict(data)
    except PARSE_ERRORS:
        pass
    # from_dict reads each property on its own: find the required ones, then try each other one.
    required = _required(model, data)
    good: dict[str, object] = {}
    bad: dict[str, object] = {}
    for key, value in data.items():
        if key not in required:
            try:
                model.from_dict({**required, key: value})
            except PARSE_ERRORS:
                bad[key] = value
            else:
                good[key] = value
    try:
        instance = model.from_dict({**required, **good})
    except PARSE_ERRORS as exc:
        raise SchemaMismatch(f"{model.__name__}: {type(exc).__name__}: {exc}") from exc
    if _keeps_any_value(model):
        instance.additional_properties.update(bad)
    logger.warning("%s: the values of %s do not match the spec; read as absent", model.__name__, ", ".join(bad))
    return instance


def parse_list(model: type[M], data: object) -> list[M]:
    """Read a JSON array of objects into models, leniently; items that cannot be read are left out."""
    if not isinstance(data, list):
        raise SchemaMismatch(f"list of {model.__name__}: expected a JSON array, got {type(data).__name__}")
    out: list[M] = []
    for item in data:
        try:
            out.append(parse(model, item))
        except SchemaMismatch as exc:
            logger.warning("an item that does not match the spec is left out: %s", exc)
    return out


def _required(model: type[M], data: Mapping[str, object]) -> dict[str, object]:
    """Return the required properties of `model`, with their values in `data` (each must be readable)."""
    base: dict[str, object] = {}
    for _ in range(len(data) + 1):
        try:
            model.from_dict(base)
        except KeyError as exc:
            key = exc.args[0] if exc.args else None
            if isinstance(key, str) and key in data and key not in base:
                base[key] = data[key]
                continue
            raise SchemaMismatch(f"{model.__name__}: the required {key!r} is missing or unreadable") from exc
        except PARSE_ERRORS as exc:
            raise SchemaMismatch(f"{model.__name__}: a required property is unreadable ({exc})") from exc
        return base
    raise SchemaMismatch(f"{model.__name__}: the required properties cannot be read")


@functools.cache
def _keeps_any_value(model: type[Any]) -> bool:
    """Whether the model's `additional_properties` take any value (not models of one schema)."""
    return str(attrs.fields_dict(model)["additional_properties"].type) == "dict[str, Any]"


@functools.cache
def answer_reader(operation: Callable[..., object]) -> Callable[[object], object] | None:
    """Return how to read the success answer of a generated `*_detailed` function leniently, if it has a model.

    The model comes from the function's own annotation, `Response[Model | DSSError]` (or a list of models).
    """
    answer = typing.get_type_hints(operation)["return"]
    for member in typing.get_args(typing.get_args(answer)[0]):
        if member is DSSError:
            continue
        if typing.get_origin(member) is list:
            (item,) = typing.get_args(member)
            if hasattr(item, "from_dict"):
                return functools.partial(parse_list, item)
        elif isinstance(member, type) and hasattr(member, "from_dict"):
            return functools.partial(parse, member)
    return None


def read_leniently(operation: Callable[..., object], response: httpx.Response) -> Response[Any]:
    """Read a success answer that the generated code could not parse; raise SchemaMismatch if it cannot be read.

    Only called once the strict reading failed: the body is decoded a second time, here.
    """
    reader = answer_reader(operation)
    if reader is None:
        raise SchemaMismatch("the spec gives this answer no model")
    try:
        data = response.json()
    except ValueError as exc:
        raise SchemaMismatch(f"the body is not JSON: {exc}") from exc
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=reader(data),
    )
