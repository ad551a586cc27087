from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.code_studio_template_params import CodeStudioTemplateParams
    from ..models.code_studio_template_permission import CodeStudioTemplatePermission
    from ..models.code_studio_template_settings_code_envs_extra_settings import (
        CodeStudioTemplateSettingsCodeEnvsExtraSettings,
    )
    from ..models.code_studio_template_settings_default_permission import (
        CodeStudioTemplateSettingsDefaultPermission,
    )
    from ..models.version_tag import VersionTag


T = TypeVar("T", bound="CodeStudioTemplateSettings")


@_attrs_define
class CodeStudioTemplateSettings:
    """The whole definition of a code studio template. Fields are added over DSS releases; every
    field, known or not, round-trips through GET and PUT.

    """

    id: str | Unset = UNSET
    """ Unique id of the template. Absent in exports. """
    type_: str | Unset = UNSET
    """ Type of the template. Known values: `block_based`, `manual`; plugins add more. """
    label: str | Unset = UNSET
    """ Display name; must not be blank, at most 1000 characters (as when it is created). """
    short_desc: str | Unset = UNSET
    """ Short description. """
    description: str | Unset = UNSET
    """ Long description. """
    icon: str | Unset = UNSET
    """ Icon of the template. """
    tags: list[str] | Unset = UNSET
    """ Tags. """
    is_editor: bool | Unset = UNSET
    """ Whether code studios made from this template can edit DSS objects. """
    reattach_on_restart: bool | Unset = UNSET
    """ Whether running code studios are re-attached when DSS restarts. """
    owner: str | Unset = UNSET
    """ Login of the owner of the template. """
    default_permission: CodeStudioTemplateSettingsDefaultPermission | Unset = UNSET
    """ Permissions every user has on the template. """
    permissions: list[CodeStudioTemplatePermission] | Unset = UNSET
    """ Per-group permissions. """
    default_container_conf: str | Unset = UNSET
    """ Container configuration used by code studios created from this template. """
    allow_container_conf_override: bool | Unset = UNSET
    """ Whether a project may override that container configuration. """
    all_container_confs: bool | Unset = UNSET
    """ If true, an image is built for every container configuration of the instance. """
    container_confs: list[str] | Unset = UNSET
    """ If `allContainerConfs` is false, the container configurations to build an image for. """
    inherit_global_code_envs_extra_settings: bool | Unset = UNSET
    """ Whether code environments in the image use the instance's extra settings. """
    code_envs_extra_settings: CodeStudioTemplateSettingsCodeEnvsExtraSettings | Unset = UNSET
    """ Extra settings for the code environments of the image (pip, conda and CRAN options). """
    version_tag: VersionTag | Unset = UNSET
    """ Who changed an object last, and when. """
    creation_tag: VersionTag | Unset = UNSET
    """ Who changed an object last, and when. """
    params: CodeStudioTemplateParams | Unset = UNSET
    """ Content of the template. For `block_based` templates it holds the ordered `blocks`; other types have their
    own shape. """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        type_ = self.type_

        label = self.label

        short_desc = self.short_desc

        description = self.description

        icon = self.icon

        tags: list[str] | Unset = UNSET
        if not isinstance(self.tags, Unset):
            tags = self.tags

        is_editor = self.is_editor

        reattach_on_restart = self.reattach_on_restart

        owner = self.owner

        default_permission: dict[str, Any] | Unset = UNSET
        if not isinstance(self.default_permission, Unset):
            default_permission = self.default_permission.to_dict()

        permissions: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.permissions, Unset):
            permissions = []
            for permissions_item_data in self.permissions:
                permissions_item = permissions_item_data.to_dict()
                permissions.append(permissions_item)

        default_container_conf = self.default_container_conf

        allow_container_conf_override = self.allow_container_conf_override

        all_container_confs = self.all_container_confs

        container_confs: list[str] | Unset = UNSET
        if not isinstance(self.container_confs, Unset):
            container_confs = self.container_confs

        inherit_global_code_envs_extra_settings = self.inherit_global_code_envs_extra_settings

        code_envs_extra_settings: dict[str, Any] | Unset = UNSET
        if not isinstance(self.code_envs_extra_settings, Unset):
            code_envs_extra_settings = self.code_envs_extra_settings.to_dict()

        version_tag: dict[str, Any] | Unset = UNSET
        if not isinstance(self.version_tag, Unset):
            version_tag = self.version_tag.to_dict()

        creation_tag: dict[str, Any] | Unset = UNSET
        if not isinstance(self.creation_tag, Unset):
            creation_tag = self.creation_tag.to_dict()

        params: dict[str, Any] | Unset = UNSET
        if not isinstance(self.params, Unset):
            params = self.params.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if id is not UNSET:
            field_dict["id"] = id
        if type_ is not UNSET:
            field_dict["type"] = type_
        if label is not UNSET:
            field_dict["label"] = label
        if short_desc is not UNSET:
            field_dict["shortDesc"] = short_desc
        if description is not UNSET:
            field_dict["description"] = description
        if icon is not UNSET:
            field_dict["icon"] = icon
        if tags is not UNSET:
            field_dict["tags"] = tags
        if is_editor is not UNSET:
            field_dict["isEditor"] = is_editor
        if reattach_on_restart is not UNSET:
            field_dict["reattachOnRestart"] = reattach_on_restart
        if owner is not UNSET:
            field_dict["owner"] = owner
        if default_permission is not UNSET:
            field_dict["defaultPermission"] = default_permission
        if permissions is not UNSET:
            field_dict["permissions"] = permissions
        if default_container_conf is not UNSET:
            field_dict["defaultContainerConf"] = default_container_conf
        if allow_container_conf_override is not UNSET:
            field_dict["allowContainerConfOverride"] = allow_container_conf_override
        if all_container_confs is not UNSET:
            field_dict["allContainerConfs"] = all_container_confs
        if container_confs is not UNSET:
            field_dict["containerConfs"] = container_confs
        if inherit_global_code_envs_extra_settings is not UNSET:
            field_dict["inheritGlobalCodeEnvsExtraSettings"] = inherit_global_code_envs_extra_settings
        if code_envs_extra_settings is not UNSET:
            field_dict["codeEnvsExtraSettings"] = code_envs_extra_settings
        if version_tag is not UNSET:
            field_dict["versionTag"] = version_tag
        if creation_tag is not UNSET:
            field_dict["creationTag"] = creation_tag
        if params is not UNSET:
            field_dict["params"] = params

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.code_studio_template_params import CodeStudioTemplateParams  # noqa: PLC0415
        from ..models.code_studio_template_permission import (
            CodeStudioTemplatePermission,  # noqa: PLC0415
        )
        from ..models.code_studio_template_settings_code_envs_extra_settings import (
            CodeStudioTemplateSettingsCodeEnvsExtraSettings,  # noqa: PLC0415
        )
        from ..models.code_studio_template_settings_default_permission import (
            CodeStudioTemplateSettingsDefaultPermission,  # noqa: PLC0415
        )
        from ..models.version_tag import VersionTag  # noqa: PLC0415

        d = dict(src_dict)
        id = d.pop("id", UNSET)

        type_ = d.pop("type", UNSET)

        label = d.pop("label", UNSET)

        short_desc = d.pop("shortDesc", UNSET)

        description = d.pop("description", UNSET)

        icon = d.pop("icon", UNSET)

        tags = cast(list[str], d.pop("tags", UNSET))

        is_editor = d.pop("isEditor", UNSET)

        reattach_on_restart = d.pop("reattachOnRestart", UNSET)

        owner = d.pop("owner", UNSET)

        _default_permission = d.pop("defaultPermission", UNSET)
        default_permission: CodeStudioTemplateSettingsDefaultPermission | Unset
        if isinstance(_default_permission, Unset):
            default_permission = UNSET
        else:
            default_permission = CodeStudioTemplateSettingsDefaultPermission.from_dict(_default_permission)

        _permissions = d.pop("permissions", UNSET)
        permissions: list[CodeStudioTemplatePermission] | Unset = UNSET
        if _permissions is not UNSET:
            permissions = []
            for permissions_item_data in _permissions:
                permissions_item = CodeStudioTemplatePermission.from_dict(permissions_item_data)

                permissions.append(permissions_item)

        default_container_conf = d.pop("defaultContainerConf", UNSET)

        allow_container_conf_override = d.pop("allowContainerConfOverride", UNSET)

        all_container_confs = d.pop("allContainerConfs", UNSET)

        container_confs = cast(list[str], d.pop("containerConfs", UNSET))

        inherit_global_code_envs_extra_settings = d.pop("inheritGlobalCodeEnvsExtraSettings", UNSET)

        _code_envs_extra_settings = d.pop("codeEnvsExtraSettings", UNSET)
        code_envs_extra_settings: CodeStudioTemplateSettingsCodeEnvsExtraSettings | Unset
        if isinstance(_code_envs_extra_settings, Unset):
            code_envs_extra_settings = UNSET
        else:
            code_envs_extra_settings = CodeStudioTemplateSettingsCodeEnvsExtraSettings.from_dict(
                _code_envs_extra_settings
            )

        _version_tag = d.pop("versionTag", UNSET)
        version_tag: VersionTag | Unset
        if isinstance(_version_tag, Unset):
            version_tag = UNSET
        else:
            version_tag = VersionTag.from_dict(_version_tag)

        _creation_tag = d.pop("creationTag", UNSET)
        creation_tag: VersionTag | Unset
        if isinstance(_creation_tag, Unset):
            creation_tag = UNSET
        else:
            creation_tag = VersionTag.from_dict(_creation_tag)

        _params = d.pop("params", UNSET)
        params: CodeStudioTemplateParams | Unset
        if isinstance(_params, Unset):
            params = UNSET
        else:
            params = CodeStudioTemplateParams.from_dict(_params)

        code_studio_template_settings = cls(
            id=id,
            type_=type_,
            label=label,
            short_desc=short_desc,
            description=description,
            icon=icon,
            tags=tags,
            is_editor=is_editor,
            reattach_on_restart=reattach_on_restart,
            owner=owner,
            default_permission=default_permission,
            permissions=permissions,
            default_container_conf=default_container_conf,
            allow_container_conf_override=allow_container_conf_override,
            all_container_confs=all_container_confs,
            container_confs=container_confs,
            inherit_global_code_envs_extra_settings=inherit_global_code_envs_extra_settings,
            code_envs_extra_settings=code_envs_extra_settings,
            version_tag=version_tag,
            creation_tag=creation_tag,
            params=params,
        )

        code_studio_template_settings.additional_properties = d
        return code_studio_template_settings

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> Any:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties
