"""connexion checks a spec against the OpenAPI 3.0 schema once per process, not once per API it serves.

connexion 3 validates the whole document each time an API is added: twice per application (one per
base path), about 80% of the cost of making one (~0.2 s of ~0.3 s). The server serves one document,
parsed once per process; tests make hundreds of applications. `validate_each_document_once()` makes
connexion skip the check for a document equal to one it has already found valid (any other
document, a changed or invalid one included, is still checked in full).
"""

from __future__ import annotations

import copy
import threading
from typing import Any

from connexion.spec import OpenAPISpecification

_lock = threading.Lock()
_valid: list[Any] = []  # the documents found valid (as given to the check, defaults filled in)
_installed = False


def validate_each_document_once() -> None:
    """Make connexion validate each distinct OpenAPI document once per process (idempotent)."""
    global _installed
    with _lock:
        if _installed:
            return
        check = OpenAPISpecification._validate_spec  # connexion's check, bound to the OpenAPI 3 class

        def validate_once(cls: type[OpenAPISpecification], spec: Any) -> None:
            with _lock:
                if any(spec == known for known in _valid):
                    return
            check(spec)
            with _lock:
                _valid.append(copy.deepcopy(spec))

        OpenAPISpecification._validate_spec = classmethod(validate_once)
        _installed = True
