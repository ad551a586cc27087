"""dss_codestudio: a typed, sync and async client for Dataiku DSS Code Studios.

The object model keeps dataikuapi's class and method names, so code written for dataikuapi ports by
changing its import::

    from dss_codestudio import DSSClient

    with DSSClient("https://dss.example.com:11200", "my-api-key") as client:
        client.get_code_studio_template("my_template_id").build().wait_for_result(timeout=1800)

`AsyncDSSClient` has the same surface with `await`. Errors are `DataikuException`s, typed by status;
calls have default timeouts and retry what is safe to repeat; futures are awaited with a deadline.
What DSS answers comes back as typed views over the generated models (`dss_codestudio.models`).
"""

from ._async import (
    AsyncDSSClient,
    AsyncDSSCodeEnv,
    AsyncDSSCodeEnvListItem,
    AsyncDSSCodeEnvSettings,
    AsyncDSSCodeStudioObject,
    AsyncDSSCodeStudioObjectListItem,
    AsyncDSSCodeStudioTemplate,
    AsyncDSSCodeStudioTemplateListItem,
    AsyncDSSCodeStudioTemplateSettings,
    AsyncDSSExportStream,
    AsyncDSSFuture,
    AsyncDSSLibrary,
    AsyncDSSLibraryFile,
    AsyncDSSLibraryFolder,
    AsyncDSSLibraryItem,
    AsyncDSSProject,
    AsyncDSSProjectSettings,
)
from ._config import ConfigurationError
from ._exceptions import (
    APIConnectionError,
    APIResponseValidationError,
    APIStatusError,
    APITimeoutError,
    AuthenticationError,
    BadRequestError,
    BuildFailedError,
    ConflictError,
    DataikuException,
    FutureAbortedError,
    FutureError,
    FutureFailedError,
    FutureTimeoutError,
    InternalServerError,
    NotFoundError,
    PermissionDeniedError,
    RateLimitError,
    RequestTooLargeError,
    UnprocessableEntityError,
    WaitTimeoutError,
)
from ._http import DEFAULT_TIMEOUT
from ._polling import DEFAULT_WAIT_TIMEOUT
from ._retry import DEFAULT_MAX_RETRIES
from ._sync import (
    DSSClient,
    DSSCodeEnv,
    DSSCodeEnvListItem,
    DSSCodeEnvSettings,
    DSSCodeStudioObject,
    DSSCodeStudioObjectListItem,
    DSSCodeStudioTemplate,
    DSSCodeStudioTemplateListItem,
    DSSCodeStudioTemplateSettings,
    DSSExportStream,
    DSSFuture,
    DSSLibrary,
    DSSLibraryFile,
    DSSLibraryFolder,
    DSSLibraryItem,
    DSSProject,
    DSSProjectSettings,
)
from ._types import KNOWN_STATES, CodeStudioState, CodeStudioStateName, JSONObject, JSONValue
from ._version import __version__
from ._versions import DSSVersion
from ._views import (
    DSSAuthInfo,
    DSSCodeStudioObjectConflicts,
    DSSCodeStudioObjectSettings,
    DSSCodeStudioObjectStatus,
    DSSCodeStudioPullResult,
    DSSCodeStudioPushResult,
    DSSCodeStudioStartResult,
    DSSCodeStudioStopResult,
    DSSCodeStudioTemplateBuild,
    DSSCodeStudioTemplateBuildResult,
    DSSCodeStudioTemplateImportResult,
    DSSCodeStudioZoneChanges,
    DSSCodeStudioZoneConflicts,
    DSSExposedPort,
    DSSFutureProgress,
    DSSFutureProgressStep,
    DSSInfoMessage,
    DSSInfoMessages,
    DSSProjectSummary,
    DSSSyncedZone,
)

__all__ = [
    "DEFAULT_MAX_RETRIES",
    "DEFAULT_TIMEOUT",
    "DEFAULT_WAIT_TIMEOUT",
    "KNOWN_STATES",
    "APIConnectionError",
    "APIResponseValidationError",
    "APIStatusError",
    "APITimeoutError",
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
    "AuthenticationError",
    "BadRequestError",
    "BuildFailedError",
    "CodeStudioState",
    "CodeStudioStateName",
    "ConfigurationError",
    "ConflictError",
    "DSSAuthInfo",
    "DSSClient",
    "DSSCodeEnv",
    "DSSCodeEnvListItem",
    "DSSCodeEnvSettings",
    "DSSCodeStudioObject",
    "DSSCodeStudioObjectConflicts",
    "DSSCodeStudioObjectListItem",
    "DSSCodeStudioObjectSettings",
    "DSSCodeStudioObjectStatus",
    "DSSCodeStudioPullResult",
    "DSSCodeStudioPushResult",
    "DSSCodeStudioStartResult",
    "DSSCodeStudioStopResult",
    "DSSCodeStudioTemplate",
    "DSSCodeStudioTemplateBuild",
    "DSSCodeStudioTemplateBuildResult",
    "DSSCodeStudioTemplateImportResult",
    "DSSCodeStudioTemplateListItem",
    "DSSCodeStudioTemplateSettings",
    "DSSCodeStudioZoneChanges",
    "DSSCodeStudioZoneConflicts",
    "DSSExportStream",
    "DSSExposedPort",
    "DSSFuture",
    "DSSFutureProgress",
    "DSSFutureProgressStep",
    "DSSInfoMessage",
    "DSSInfoMessages",
    "DSSLibrary",
    "DSSLibraryFile",
    "DSSLibraryFolder",
    "DSSLibraryItem",
    "DSSProject",
    "DSSProjectSettings",
    "DSSProjectSummary",
    "DSSSyncedZone",
    "DSSVersion",
    "DataikuException",
    "FutureAbortedError",
    "FutureError",
    "FutureFailedError",
    "FutureTimeoutError",
    "InternalServerError",
    "JSONObject",
    "JSONValue",
    "NotFoundError",
    "PermissionDeniedError",
    "RateLimitError",
    "RequestTooLargeError",
    "UnprocessableEntityError",
    "WaitTimeoutError",
    "__version__",
]

# Public classes say they are the package's, wherever they are defined (as httpx's do): in reprs,
# tracebacks, documentation and pickles.
for _name in __all__:
    _value = globals()[_name]
    if isinstance(_value, type):
        _value.__module__ = __name__
del _name, _value
