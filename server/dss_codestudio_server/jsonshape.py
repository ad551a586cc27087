"""Bounds on the shape of JSON documents: nesting depth and number of values, checked before parsing.

Python's JSON parser, jsonschema and everything that walks a parsed document recurse once per
level, so a document nested a few hundred levels deep ends in a RecursionError; and the cost of a
parse grows with the number of values, not the number of bytes (16 MiB of `[{},{},...]` is four
million dictionaries, about 500 MB and seconds of CPU). `ShapeScanner` checks both bounds on the
raw bytes, chunk by chunk as a body arrives, without recursion: strings are skipped with one regular
expression match each, and the structure between them is counted with `bytes.translate` and
`bytes.count`. Its work is linear in the bytes with a small constant, and each Python-level step is
bounded by the limits (there are at most as many strings as values), so a body can be scanned on the
event loop as its chunks come in and refused at the first chunk that breaks a bound.

`JsonObject` is the type every layer of the server gives a parsed JSON object.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import TypeAlias

JsonObject: TypeAlias = dict[str, object]
"""A parsed JSON object (values are checked where they are read)."""

# The body of a JSON string up to its closing quote (not included), escapes included; stops early
# at a backslash that ends the chunk (its escaped character is in the next one).
_STRING_BODY = re.compile(rb'[^"\\]*(?:\\[\s\S][^"\\]*)*')
_STRUCTURE = b"[]{},:"
_NOT_STRUCTURE = bytes(b for b in range(256) if b not in _STRUCTURE)
_OPEN = frozenset(b"[{")
_CLOSE = frozenset(b"]}")
_QUOTE = ord('"')


@dataclass(frozen=True)
class JsonLimits:
    """How deep a JSON document may nest, and how many values (and object keys) it may hold.

    64 levels is several times what any DSS object needs (a template's settings nest 6 deep), and
    far from the ~1000 frames Python allows, with room for the frames of jsonschema's checks. 100,000
    values keeps a parse under ~50 ms and ~20 MB however the body is written; the largest object of
    the API, a template's settings, holds a few hundred.
    """

    max_depth: int = 64
    max_values: int = 100_000


class ShapeError(ValueError):
    """A JSON document nested deeper, or holding more values, than its limits allow."""


class ShapeScanner:
    """Checks the bounds of a JSON text fed in chunks of bytes (UTF-8); `feed` raises ShapeError.

    It does not check the syntax (the parser does that next): it only makes sure the parse that
    follows stays within the bounds. A text that is not JSON may be refused as too large or too deep.
    """

    def __init__(self, limits: JsonLimits) -> None:
        self.limits = limits
        self._depth = 0
        self._values = 0
        self._structure = 0
        self._in_string = False
        self._escaped = False  # the last chunk ended with a backslash inside a string

    def feed(self, chunk: bytes) -> None:
        """Scan the next bytes of the text."""
        pos, end = 0, len(chunk)
        while pos < end:
            if self._in_string:
                if self._escaped:
                    self._escaped, pos = False, pos + 1
                    continue
                match = _STRING_BODY.match(chunk, pos)
                assert match is not None  # the pattern matches the empty string
                stop = match.end()
                if stop == end:
                    pos = end
                elif chunk[stop] == _QUOTE:
                    self._in_string, pos = False, stop + 1
                else:  # a backslash ending the chunk
                    self._escaped, pos = True, end
            else:
                quote = chunk.find(b'"', pos)
                stop = end if quote < 0 else quote
                self._count(chunk[pos:stop])
                if quote < 0:
                    pos = end
                else:
                    self._in_string, pos = True, quote + 1

    def _count(self, text: bytes) -> None:
        structure = text.translate(None, _NOT_STRUCTURE)
        if not structure:
            return
        opens = structure.count(b"[") + structure.count(b"{")
        self._values += opens + structure.count(b",") + structure.count(b":")
        self._structure += len(structure)
        # In a JSON text, closing brackets are at most as many as opening ones, each a value.
        if self._values > self.limits.max_values or self._structure > 2 * self.limits.max_values + 2:
            raise ShapeError(f"The JSON document holds more than {self.limits.max_values} values")
        if self._depth + opens <= self.limits.max_depth:
            self._depth += opens - structure.count(b"]") - structure.count(b"}")
            return
        for byte in structure:  # at most 2 * max_values bytes in all, over every chunk
            if byte in _OPEN:
                self._depth += 1
                if self._depth > self.limits.max_depth:
                    raise ShapeError(f"The JSON document is nested deeper than {self.limits.max_depth} levels")
            elif byte in _CLOSE:
                self._depth -= 1


def check_shape(data: bytes, limits: JsonLimits) -> None:
    """Raise ShapeError if the JSON text `data` breaks `limits`."""
    ShapeScanner(limits).feed(data)


def _reject_constant(name: str) -> float:
    raise ValueError(f"{name} is not valid JSON")


def loads(data: bytes | str, limits: JsonLimits) -> object:
    """Parse a JSON text within `limits`: ShapeError past them, ValueError if it is not JSON.

    `NaN`, `Infinity` and `-Infinity`, which Python accepts and JSON does not, are refused; bytes
    must be UTF-8 (a UnicodeDecodeError is a ValueError).
    """
    raw = data.encode("utf-8", "surrogatepass") if isinstance(data, str) else data
    check_shape(raw, limits)
    text = data if isinstance(data, str) else data.decode("utf-8")
    return json.loads(text, parse_constant=_reject_constant)
