"""The generated models of the spec's schemas, which the views of this package wrap (`view.model`).

Each is an attrs class with a field per property of its schema (`X | Unset` when the property is
optional) and the properties the spec does not name in `additional_properties`; `to_dict()` gives
the JSON back and `from_dict()` reads it (`parse` reads it leniently). Import them from here to
annotate what `.model` gives, or to read a raw dictionary (a template's blocks, say) typed.

The spec's union schemas have no class of their own: `CodeStudioTemplateBlock` (any block: the
model of a known type, or `OtherTemplateBlock`) and `KnownTemplateBlock` are type aliases of the
union of their members' classes; narrow them with `isinstance`.
"""

from dss_codestudio_openapi.models import *  # noqa: F403
from dss_codestudio_openapi.models import __all__ as _generated
from dss_codestudio_openapi.types import UNSET, Unset
from dss_codestudio_openapi.unions import CodeStudioTemplateBlock, KnownTemplateBlock

from ._parsing import SchemaMismatch, parse

__all__ = [
    *_generated,
    "UNSET",
    "CodeStudioTemplateBlock",
    "KnownTemplateBlock",
    "SchemaMismatch",
    "Unset",
    "parse",
]
