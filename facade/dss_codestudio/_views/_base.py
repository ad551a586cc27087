"""The base of the typed views: an object over a generated model, documented by the spec.

A view holds the model the generated code read an answer into (`view.model`, every field of the
spec, typed) and presents it as dataikuapi did: typed properties without `Unset`, and `view["key"]`
and `get_raw()` from the model's `to_dict()` (unknown fields included). A view can also be made
from a dictionary (`DSSCodeStudioStopResult(raw_result)`), read leniently into the model. A property without a
docstring is a field of the model, named as the model names it, and takes the spec's description
of that field; the spec is the one place fields are named and documented.
"""

from __future__ import annotations

import typing
from collections.abc import Callable, Mapping
from datetime import datetime
from typing import Any, ClassVar, Generic, Protocol, TypeVar, cast

from dss_codestudio_openapi.descriptions import DESCRIPTIONS
from dss_codestudio_openapi.types import Unset

from .._parsing import Model, parse
from .._types import JSONObject, JSONValue, ms_to_datetime

M = TypeVar("M", bound=Model)
X = TypeVar("X")
V = TypeVar("V")
X_co = TypeVar("X_co", covariant=True)


class RawMapping:
    """Dictionary reads of an answer, as dataikuapi's plain dicts answered them."""

    __slots__ = ()

    def get_raw(self) -> JSONObject:  # pragma: no cover - every subclass defines it
        """Return the answer as a dictionary."""
        raise NotImplementedError

    def __getitem__(self, key: str) -> JSONValue:
        return self.get_raw()[key]

    def __contains__(self, key: object) -> bool:
        return key in self.get_raw()

    def get(self, key: str, default: JSONValue = None) -> JSONValue:
        """`get_raw()[key]`, or `default` when DSS did not send the key."""
        return self.get_raw().get(key, default)


class ModelView(RawMapping, Generic[M]):
    """A typed view over the generated model of something DSS answered."""

    __slots__ = ("_model", "_raw")
    _model_type: ClassVar[type | None] = None

    def __init__(self, model: M | Mapping[str, object]) -> None:
        # A dictionary (what dataikuapi's code holds, or a future's raw result) is read into the model.
        self._model: M = parse(cast(type[M], self._model_type), model) if isinstance(model, dict) else cast(M, model)
        self._raw: JSONObject | None = None

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        for base in cls.__dict__.get("__orig_bases__", ()):
            if typing.get_origin(base) is not None and issubclass(typing.get_origin(base), ModelView):
                (model,) = typing.get_args(base)
                if isinstance(model, type):
                    cls._model_type = model
        if cls._model_type is not None:
            _document(cls, cls._model_type)

    @property
    def model(self) -> M:
        """The generated model DSS's answer was read into: every field of the spec, typed (`dss_codestudio.models`)."""
        return self._model

    def get_raw(self) -> JSONObject:
        """Return the answer as a dictionary, every field included (made from the model at the first call)."""
        if self._raw is None:
            self._raw = cast(JSONObject, self._model.to_dict())
        return self._raw

    def __eq__(self, other: object) -> bool:
        if isinstance(other, ModelView):
            return type(self) is type(other) and bool(self._model == other._model)
        return NotImplemented

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.get_raw()!r})"


def _document(view: type, model: type) -> None:
    """Give each property of `view` without a docstring the spec's description of the model field it is named after."""
    descriptions = DESCRIPTIONS.get(model, {})
    for klass in view.__mro__:
        for name, member in vars(klass).items():
            if isinstance(member, property) and member.__doc__ is None:
                if name not in descriptions:
                    raise TypeError(
                        f"{view.__name__}.{name} has no docstring and {model.__name__} has no documented field "
                        f"{name}: name the property after a field of the spec, or document it"
                    )
                member.__doc__ = descriptions[name]
                if member.fget is not None:
                    member.fget.__doc__ = descriptions[name]


# Readers of model fields: DSS leaves out what is null, and attrs checks no types, so each reader
# gives its type's default for an absent value (Unset) or one of another type.


def text(value: object, default: str = "") -> str:
    """`value` if it is a string, else `default`."""
    return value if isinstance(value, str) else default


def opt_text(value: object) -> str | None:
    """`value` if it is a string, else None."""
    return value if isinstance(value, str) else None


def flag(value: object, default: bool = False) -> bool:
    """`value` if it is a boolean, else `default`."""
    return value if isinstance(value, bool) else default


def integer(value: object) -> int | None:
    """`value` if it is an integer (not a boolean), else None."""
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def strings(value: object) -> list[str]:
    """Return the strings of the list `value`; an empty list when it is not a list."""
    return [item for item in value if isinstance(item, str)] if isinstance(value, list) else []


def items(value: list[X] | Unset) -> list[X]:
    """Return the list `value` (of models); an empty list when it is absent."""
    return value if isinstance(value, list) else []


def when(value: object) -> datetime | None:
    """Epoch milliseconds as an aware UTC datetime; None when absent, 0 or invalid."""
    return ms_to_datetime(value)


class _Keyed(Protocol[X_co]):
    """A generated model of an object keyed by zone id: its properties are all additional ones."""

    @property
    def additional_properties(self) -> Mapping[str, X_co]: ...


def by_zone(found: _Keyed[X] | Unset, view: Callable[[X], V]) -> dict[str, V]:
    """Return the views of the models of an object keyed by zone id; {} when it is absent."""
    return {} if isinstance(found, Unset) else {key: view(value) for key, value in found.additional_properties.items()}
