"""The typed views of what DSS answers, each over the generated model the answer was read into."""

from ._auth import DSSAuthInfo
from ._base import ModelView, RawMapping
from ._codeenvs import CodeEnvListItemBase, CodeEnvSettingsBase
from ._futures import DSSFutureProgress, DSSFutureProgressStep
from ._messages import DSSInfoMessage, DSSInfoMessages, info_messages
from ._projects import DSSProjectSummary, ProjectSettingsBase
from ._studios import (
    CodeStudioListItemBase,
    DSSCodeStudioObjectSettings,
    DSSCodeStudioObjectStatus,
    DSSExposedPort,
    DSSSyncedZone,
)
from ._syncs import (
    DSSCodeStudioObjectConflicts,
    DSSCodeStudioPullResult,
    DSSCodeStudioPushResult,
    DSSCodeStudioStartResult,
    DSSCodeStudioStopResult,
    DSSCodeStudioZoneChanges,
    DSSCodeStudioZoneConflicts,
)
from ._templates import (
    DSSCodeStudioTemplateBuild,
    DSSCodeStudioTemplateBuildResult,
    DSSCodeStudioTemplateImportResult,
    TemplateListItemBase,
    TemplateSettingsBase,
)

__all__ = [
    "CodeEnvListItemBase",
    "CodeEnvSettingsBase",
    "CodeStudioListItemBase",
    "DSSAuthInfo",
    "DSSCodeStudioObjectConflicts",
    "DSSCodeStudioObjectSettings",
    "DSSCodeStudioObjectStatus",
    "DSSCodeStudioPullResult",
    "DSSCodeStudioPushResult",
    "DSSCodeStudioStartResult",
    "DSSCodeStudioStopResult",
    "DSSCodeStudioTemplateBuild",
    "DSSCodeStudioTemplateBuildResult",
    "DSSCodeStudioTemplateImportResult",
    "DSSCodeStudioZoneChanges",
    "DSSCodeStudioZoneConflicts",
    "DSSExposedPort",
    "DSSFutureProgress",
    "DSSFutureProgressStep",
    "DSSInfoMessage",
    "DSSInfoMessages",
    "DSSProjectSummary",
    "DSSSyncedZone",
    "ModelView",
    "ProjectSettingsBase",
    "RawMapping",
    "TemplateListItemBase",
    "TemplateSettingsBase",
    "info_messages",
]
