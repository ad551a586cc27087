"""Contains all the data models used in inputs/outputs"""

from .add_code_env_block import AddCodeEnvBlock
from .add_code_env_block_params import AddCodeEnvBlockParams
from .add_code_env_block_type import AddCodeEnvBlockType
from .add_starter_files_block import AddStarterFilesBlock
from .add_starter_files_block_params import AddStarterFilesBlockParams
from .add_starter_files_block_params_files_item import (
    AddStarterFilesBlockParamsFilesItem,
)
from .add_starter_files_block_type import AddStarterFilesBlockType
from .append_dockerfile_block import AppendDockerfileBlock
from .append_dockerfile_block_params import AppendDockerfileBlockParams
from .append_dockerfile_block_type import AppendDockerfileBlockType
from .auth_info import AuthInfo
from .auth_secret import AuthSecret
from .code_env_definition import CodeEnvDefinition
from .code_env_desc import CodeEnvDesc
from .code_env_lang import CodeEnvLang
from .code_env_list_item import CodeEnvListItem
from .code_studio_browser_login import CodeStudioBrowserLogin
from .code_studio_conflicts import CodeStudioConflicts
from .code_studio_create_request import CodeStudioCreateRequest
from .code_studio_create_result import CodeStudioCreateResult
from .code_studio_list_item import CodeStudioListItem
from .code_studio_pull_result import CodeStudioPullResult
from .code_studio_push_result import CodeStudioPushResult
from .code_studio_settings import CodeStudioSettings
from .code_studio_settings_checklists import CodeStudioSettingsChecklists
from .code_studio_settings_custom_fields import CodeStudioSettingsCustomFields
from .code_studio_start_future import CodeStudioStartFuture
from .code_studio_start_result import CodeStudioStartResult
from .code_studio_start_result_pushed import CodeStudioStartResultPushed
from .code_studio_status import CodeStudioStatus
from .code_studio_stop_future import CodeStudioStopFuture
from .code_studio_stop_result import CodeStudioStopResult
from .code_studio_stop_result_conflicts import CodeStudioStopResultConflicts
from .code_studio_stop_result_errors import CodeStudioStopResultErrors
from .code_studio_stop_result_exit_codes import CodeStudioStopResultExitCodes
from .code_studio_stop_result_pulled import CodeStudioStopResultPulled
from .code_studio_template_build import CodeStudioTemplateBuild
from .code_studio_template_build_future import CodeStudioTemplateBuildFuture
from .code_studio_template_build_result import CodeStudioTemplateBuildResult
from .code_studio_template_create_request import CodeStudioTemplateCreateRequest
from .code_studio_template_create_result import CodeStudioTemplateCreateResult
from .code_studio_template_desc import CodeStudioTemplateDesc
from .code_studio_template_import_form import CodeStudioTemplateImportForm
from .code_studio_template_import_result import CodeStudioTemplateImportResult
from .code_studio_template_list_item import CodeStudioTemplateListItem
from .code_studio_template_params import CodeStudioTemplateParams
from .code_studio_template_permission import CodeStudioTemplatePermission
from .code_studio_template_settings import CodeStudioTemplateSettings
from .code_studio_template_settings_code_envs_extra_settings import (
    CodeStudioTemplateSettingsCodeEnvsExtraSettings,
)
from .code_studio_template_settings_default_permission import (
    CodeStudioTemplateSettingsDefaultPermission,
)
from .code_studio_zone_changes import CodeStudioZoneChanges
from .code_studio_zone_conflicts import CodeStudioZoneConflicts
from .dss_base_image_block import DssBaseImageBlock
from .dss_base_image_block_params import DssBaseImageBlockParams
from .dss_base_image_block_type import DssBaseImageBlockType
from .dss_error import DSSError
from .entrypoint_block import EntrypointBlock
from .entrypoint_block_params import EntrypointBlockParams
from .entrypoint_block_params_proxy_secret import EntrypointBlockParamsProxySecret
from .entrypoint_block_type import EntrypointBlockType
from .exposed_port import ExposedPort
from .exposed_port_definition import ExposedPortDefinition
from .exposed_port_definition_exposition import ExposedPortDefinitionExposition
from .future_progress import FutureProgress
from .future_progress_state import FutureProgressState
from .future_state import FutureState
from .future_state_payload import FutureStatePayload
from .get_project_library_file_data_encoding import GetProjectLibraryFileDataEncoding
from .info_message import InfoMessage
from .info_messages import InfoMessages
from .jupyter_lab_block import JupyterLabBlock
from .jupyter_lab_block_params import JupyterLabBlockParams
from .jupyter_lab_block_type import JupyterLabBlockType
from .library_file_content import LibraryFileContent
from .library_move_request import LibraryMoveRequest
from .library_node import LibraryNode
from .library_rename_request import LibraryRenameRequest
from .other_template_block import OtherTemplateBlock
from .other_template_block_params import OtherTemplateBlockParams
from .project_cluster_settings import ProjectClusterSettings
from .project_code_env_selection import ProjectCodeEnvSelection
from .project_code_envs import ProjectCodeEnvs
from .project_container_settings import ProjectContainerSettings
from .project_create_request import ProjectCreateRequest
from .project_create_request_permissions_item import ProjectCreateRequestPermissionsItem
from .project_create_request_settings_type_0 import ProjectCreateRequestSettingsType0
from .project_deletion_future import ProjectDeletionFuture
from .project_execution_settings import ProjectExecutionSettings
from .project_exposed_object import ProjectExposedObject
from .project_exposed_object_rule import ProjectExposedObjectRule
from .project_exposed_objects import ProjectExposedObjects
from .project_list_item import ProjectListItem
from .project_metadata import ProjectMetadata
from .project_metadata_checklists import ProjectMetadataChecklists
from .project_metadata_custom import ProjectMetadataCustom
from .project_permission_item import ProjectPermissionItem
from .project_permissions import ProjectPermissions
from .project_settings import ProjectSettings
from .project_summary import ProjectSummary
from .python_ide_block_config import PythonIdeBlockConfig
from .simple_deployment_block import SimpleDeploymentBlock
from .simple_deployment_block_params import SimpleDeploymentBlockParams
from .simple_deployment_block_type import SimpleDeploymentBlockType
from .skipped_file import SkippedFile
from .streamlit_block import StreamlitBlock
from .streamlit_block_params import StreamlitBlockParams
from .streamlit_block_type import StreamlitBlockType
from .synced_zone import SyncedZone
from .synced_zone_definition import SyncedZoneDefinition
from .version_tag import VersionTag
from .version_tag_extended_properties import VersionTagExtendedProperties
from .version_tag_last_modified_by import VersionTagLastModifiedBy
from .vs_code_block import VsCodeBlock
from .vs_code_block_params import VsCodeBlockParams
from .vs_code_block_params_config import VsCodeBlockParamsConfig
from .vs_code_block_type import VsCodeBlockType

__all__ = (
    "AddCodeEnvBlock",
    "AddCodeEnvBlockParams",
    "AddCodeEnvBlockType",
    "AddStarterFilesBlock",
    "AddStarterFilesBlockParams",
    "AddStarterFilesBlockParamsFilesItem",
    "AddStarterFilesBlockType",
    "AppendDockerfileBlock",
    "AppendDockerfileBlockParams",
    "AppendDockerfileBlockType",
    "AuthInfo",
    "AuthSecret",
    "CodeEnvDefinition",
    "CodeEnvDesc",
    "CodeEnvLang",
    "CodeEnvListItem",
    "CodeStudioBrowserLogin",
    "CodeStudioConflicts",
    "CodeStudioCreateRequest",
    "CodeStudioCreateResult",
    "CodeStudioListItem",
    "CodeStudioPullResult",
    "CodeStudioPushResult",
    "CodeStudioSettings",
    "CodeStudioSettingsChecklists",
    "CodeStudioSettingsCustomFields",
    "CodeStudioStartFuture",
    "CodeStudioStartResult",
    "CodeStudioStartResultPushed",
    "CodeStudioStatus",
    "CodeStudioStopFuture",
    "CodeStudioStopResult",
    "CodeStudioStopResultConflicts",
    "CodeStudioStopResultErrors",
    "CodeStudioStopResultExitCodes",
    "CodeStudioStopResultPulled",
    "CodeStudioTemplateBuild",
    "CodeStudioTemplateBuildFuture",
    "CodeStudioTemplateBuildResult",
    "CodeStudioTemplateCreateRequest",
    "CodeStudioTemplateCreateResult",
    "CodeStudioTemplateDesc",
    "CodeStudioTemplateImportForm",
    "CodeStudioTemplateImportResult",
    "CodeStudioTemplateListItem",
    "CodeStudioTemplateParams",
    "CodeStudioTemplatePermission",
    "CodeStudioTemplateSettings",
    "CodeStudioTemplateSettingsCodeEnvsExtraSettings",
    "CodeStudioTemplateSettingsDefaultPermission",
    "CodeStudioZoneChanges",
    "CodeStudioZoneConflicts",
    "DssBaseImageBlock",
    "DssBaseImageBlockParams",
    "DssBaseImageBlockType",
    "DSSError",
    "EntrypointBlock",
    "EntrypointBlockParams",
    "EntrypointBlockParamsProxySecret",
    "EntrypointBlockType",
    "ExposedPort",
    "ExposedPortDefinition",
    "ExposedPortDefinitionExposition",
    "FutureProgress",
    "FutureProgressState",
    "FutureState",
    "FutureStatePayload",
    "GetProjectLibraryFileDataEncoding",
    "InfoMessage",
    "InfoMessages",
    "JupyterLabBlock",
    "JupyterLabBlockParams",
    "JupyterLabBlockType",
    "LibraryFileContent",
    "LibraryMoveRequest",
    "LibraryNode",
    "LibraryRenameRequest",
    "OtherTemplateBlock",
    "OtherTemplateBlockParams",
    "ProjectClusterSettings",
    "ProjectCodeEnvs",
    "ProjectCodeEnvSelection",
    "ProjectContainerSettings",
    "ProjectCreateRequest",
    "ProjectCreateRequestPermissionsItem",
    "ProjectCreateRequestSettingsType0",
    "ProjectDeletionFuture",
    "ProjectExecutionSettings",
    "ProjectExposedObject",
    "ProjectExposedObjectRule",
    "ProjectExposedObjects",
    "ProjectListItem",
    "ProjectMetadata",
    "ProjectMetadataChecklists",
    "ProjectMetadataCustom",
    "ProjectPermissionItem",
    "ProjectPermissions",
    "ProjectSettings",
    "ProjectSummary",
    "PythonIdeBlockConfig",
    "SimpleDeploymentBlock",
    "SimpleDeploymentBlockParams",
    "SimpleDeploymentBlockType",
    "SkippedFile",
    "StreamlitBlock",
    "StreamlitBlockParams",
    "StreamlitBlockType",
    "SyncedZone",
    "SyncedZoneDefinition",
    "VersionTag",
    "VersionTagExtendedProperties",
    "VersionTagLastModifiedBy",
    "VsCodeBlock",
    "VsCodeBlockParams",
    "VsCodeBlockParamsConfig",
    "VsCodeBlockType",
)
