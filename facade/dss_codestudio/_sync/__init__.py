# Generated from facade/dss_codestudio/_async/__init__.py by codegen/unasync.py: do not edit;
# change the async module and run `python codegen/unasync.py`.
"""The async object model (the single source of truth; the sync one in `_sync` is generated from it)."""

from ._client import DSSClient
from ._codeenv import DSSCodeEnv, DSSCodeEnvListItem, DSSCodeEnvSettings
from ._codestudio import DSSCodeStudioObject, DSSCodeStudioObjectListItem
from ._future import DSSFuture
from ._library import DSSLibrary, DSSLibraryFile, DSSLibraryFolder, DSSLibraryItem
from ._project import DSSProject, DSSProjectSettings
from ._template import (
    DSSCodeStudioTemplate,
    DSSCodeStudioTemplateListItem,
    DSSCodeStudioTemplateSettings,
    DSSExportStream,
)
from ._transport import Transport

__all__ = [
    "DSSClient",
    "DSSCodeEnv",
    "DSSCodeEnvListItem",
    "DSSCodeEnvSettings",
    "DSSCodeStudioObject",
    "DSSCodeStudioObjectListItem",
    "DSSCodeStudioTemplate",
    "DSSCodeStudioTemplateListItem",
    "DSSCodeStudioTemplateSettings",
    "DSSExportStream",
    "DSSFuture",
    "DSSLibrary",
    "DSSLibraryFile",
    "DSSLibraryFolder",
    "DSSLibraryItem",
    "DSSProject",
    "DSSProjectSettings",
    "Transport",
]
