from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.code_studio_template_block_params import CodeStudioTemplateBlockParams


T = TypeVar("T", bound="CodeStudioTemplateBlock")


@_attrs_define
class CodeStudioTemplateBlock:
    """One building block of a `block_based` template. The shape of `params` depends on `type`.
    Known types: `dss_base_image` (file synchronisation, see `DssBaseImageBlockParams`),
    `simple_deployment` (Kubernetes parameters, see `SimpleDeploymentBlockParams`),
    `append_dockerfile` (see `AppendDockerfileBlockParams`), `entrypoint` (see
    `EntrypointBlockParams`), `add_codeenv` (see `AddCodeEnvBlockParams`), `add_starter_files`
    (see `AddStarterFilesBlockParams`), and plugin blocks named `pycdstdioblk_<pluginId>_<blockId>`
    such as `pycdstdioblk_code-studio-blocks_vscode` and `pycdstdioblk_code-studio-blocks_jupyterlab`.

    """

    type_: str
    """ Type of the block. """
    params: CodeStudioTemplateBlockParams | Unset = UNSET
    """ Parameters of the block. """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        type_ = self.type_

        params: dict[str, Any] | Unset = UNSET
        if not isinstance(self.params, Unset):
            params = self.params.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "type": type_,
            }
        )
        if params is not UNSET:
            field_dict["params"] = params

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.code_studio_template_block_params import (
            CodeStudioTemplateBlockParams,  # noqa: PLC0415
        )

        d = dict(src_dict)
        type_ = d.pop("type")

        _params = d.pop("params", UNSET)
        params: CodeStudioTemplateBlockParams | Unset
        if isinstance(_params, Unset):
            params = UNSET
        else:
            params = CodeStudioTemplateBlockParams.from_dict(_params)

        code_studio_template_block = cls(
            type_=type_,
            params=params,
        )

        code_studio_template_block.additional_properties = d
        return code_studio_template_block

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
