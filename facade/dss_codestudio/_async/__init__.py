"""The async object model (the single source of truth; the sync one in `_sync` is generated from it)."""

from ._client import AsyncDSSClient
from ._codeenv import AsyncDSSCodeEnv, AsyncDSSCodeEnvListItem, AsyncDSSCodeEnvSettings
from ._codestudio import AsyncDSSCodeStudioObject, AsyncDSSCodeStudioObjectListItem
from ._future import AsyncDSSFuture
from ._library import AsyncDSSLibrary, AsyncDSSLibraryFile, AsyncDSSLibraryFolder, AsyncDSSLibraryItem
from ._project import AsyncDSSProject, AsyncDSSProjectSettings
from ._template import (
    AsyncDSSCodeStudioTemplate,
    AsyncDSSCodeStudioTemplateListItem,
    AsyncDSSCodeStudioTemplateSettings,
    AsyncDSSExportStream,
)
from ._transport import AsyncTransport

__all__ = [
    "AsyncDSSClient",
    "AsyncDSSCodeEnv",
    "AsyncDSSCodeEnvListItem",
    "AsyncDSSCodeEnvSettings",
    "AsyncDSSCodeStudioObject",
    "AsyncDSSCodeStudioObjectListItem",
    "AsyncDSSCodeStudioTemplate",
    "AsyncDSSCodeStudioTemplateListItem",
    "AsyncDSSCodeStudioTemplateSettings",
    "AsyncDSSExportStream",
    "AsyncDSSFuture",
    "AsyncDSSLibrary",
    "AsyncDSSLibraryFile",
    "AsyncDSSLibraryFolder",
    "AsyncDSSLibraryItem",
    "AsyncDSSProject",
    "AsyncDSSProjectSettings",
    "AsyncTransport",
]
