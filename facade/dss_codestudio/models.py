"""The generated models of the spec's schemas, which the views of this package wrap (`view.model`).

Each is an attrs class with a field per property of its schema (`X | Unset` when the property is
optional) and the properties the spec does not name in `additional_properties`; `to_dict()` gives
the JSON back and `from_dict()` reads it (`parse` reads it leniently). Import them from here to
annotate what `.model` gives, or to read a raw dictionary (a template's blocks, say) typed.
"""

from dss_codestudio_openapi.models import *  # noqa: F403
from dss_codestudio_openapi.models import __all__ as _generated
from dss_codestudio_openapi.types import UNSET, Unset

from ._parsing import SchemaMismatch, parse

__all__ = [*_generated, "UNSET", "SchemaMismatch", "Unset", "parse"]
