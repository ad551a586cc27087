"""List every operation of the generated client with the HTTP call it makes.

Each operation module of dss_codestudio_openapi is imported and its request builder is called with
placeholder arguments, so what is printed is what the generated code really sends.
"""

from __future__ import annotations

import importlib
import inspect
import pkgutil
from urllib.parse import unquote

import dss_codestudio_openapi.api as api


class _PlaceholderBody:
    """Stands in for a request body: only the method and URL are printed."""

    payload = b""

    def to_dict(self) -> dict[str, object]:
        return {}

    def to_multipart(self) -> list[object]:
        return []


def main() -> None:
    rows: list[tuple[str, str, str, str]] = []
    for tag in pkgutil.iter_modules(api.__path__):
        package = importlib.import_module(f"{api.__name__}.{tag.name}")
        for op in pkgutil.iter_modules(package.__path__):
            module = importlib.import_module(f"{package.__name__}.{op.name}")
            signature = inspect.signature(module._get_kwargs)
            positional = {
                name: "{" + name + "}"
                for name, p in signature.parameters.items()
                if p.kind is inspect.Parameter.POSITIONAL_OR_KEYWORD
            }
            keyword = [name for name, p in signature.parameters.items() if p.kind is inspect.Parameter.KEYWORD_ONLY]
            required = {
                name: _PlaceholderBody() if name == "body" else "{" + name + "}"
                for name, p in signature.parameters.items()
                if p.kind is inspect.Parameter.KEYWORD_ONLY and p.default is inspect.Parameter.empty
            }
            request = module._get_kwargs(**positional, **required)
            rows.append(
                (tag.name, op.name, f"{request['method'].upper()} {unquote(request['url'])}", ", ".join(keyword))
            )
    width = [max(len(r[i]) for r in rows) for i in range(3)]
    print(f"{len(rows)} operations in the generated client (server prefix /dip/publicapi):\n")
    for row in rows:
        print(f"  {row[0]:<{width[0]}}  {row[1]:<{width[1]}}  {row[2]:<{width[2]}}  {row[3]}")


if __name__ == "__main__":
    main()
