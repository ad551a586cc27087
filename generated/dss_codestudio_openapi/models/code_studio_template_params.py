from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.add_code_env_block import AddCodeEnvBlock
    from ..models.add_starter_files_block import AddStarterFilesBlock
    from ..models.append_dockerfile_block import AppendDockerfileBlock
    from ..models.dss_base_image_block import DssBaseImageBlock
    from ..models.entrypoint_block import EntrypointBlock
    from ..models.jupyter_lab_block import JupyterLabBlock
    from ..models.other_template_block import OtherTemplateBlock
    from ..models.simple_deployment_block import SimpleDeploymentBlock
    from ..models.streamlit_block import StreamlitBlock
    from ..models.vs_code_block import VsCodeBlock


T = TypeVar("T", bound="CodeStudioTemplateParams")


@_attrs_define
class CodeStudioTemplateParams:
    """Content of the template. For `block_based` templates it holds the ordered `blocks`; other types have their own
    shape.

    """

    blocks: (
        list[
            AddCodeEnvBlock
            | AddStarterFilesBlock
            | AppendDockerfileBlock
            | DssBaseImageBlock
            | EntrypointBlock
            | JupyterLabBlock
            | OtherTemplateBlock
            | SimpleDeploymentBlock
            | StreamlitBlock
            | VsCodeBlock
        ]
        | Unset
    ) = UNSET
    """ The building blocks, applied in order. """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.add_code_env_block import AddCodeEnvBlock  # noqa: PLC0415
        from ..models.add_starter_files_block import AddStarterFilesBlock  # noqa: PLC0415
        from ..models.append_dockerfile_block import AppendDockerfileBlock  # noqa: PLC0415
        from ..models.dss_base_image_block import DssBaseImageBlock  # noqa: PLC0415
        from ..models.entrypoint_block import EntrypointBlock  # noqa: PLC0415
        from ..models.jupyter_lab_block import JupyterLabBlock  # noqa: PLC0415
        from ..models.simple_deployment_block import SimpleDeploymentBlock  # noqa: PLC0415
        from ..models.streamlit_block import StreamlitBlock  # noqa: PLC0415
        from ..models.vs_code_block import VsCodeBlock  # noqa: PLC0415

        blocks: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.blocks, Unset):
            blocks = []
            for blocks_item_data in self.blocks:
                blocks_item: dict[str, Any]
                if isinstance(blocks_item_data, DssBaseImageBlock):
                    blocks_item = blocks_item_data.to_dict()
                elif isinstance(blocks_item_data, SimpleDeploymentBlock):
                    blocks_item = blocks_item_data.to_dict()
                elif isinstance(blocks_item_data, AppendDockerfileBlock):
                    blocks_item = blocks_item_data.to_dict()
                elif isinstance(blocks_item_data, EntrypointBlock):
                    blocks_item = blocks_item_data.to_dict()
                elif isinstance(blocks_item_data, AddCodeEnvBlock):
                    blocks_item = blocks_item_data.to_dict()
                elif isinstance(blocks_item_data, AddStarterFilesBlock):
                    blocks_item = blocks_item_data.to_dict()
                elif isinstance(blocks_item_data, VsCodeBlock):
                    blocks_item = blocks_item_data.to_dict()
                elif isinstance(blocks_item_data, JupyterLabBlock):
                    blocks_item = blocks_item_data.to_dict()
                elif isinstance(blocks_item_data, StreamlitBlock):
                    blocks_item = blocks_item_data.to_dict()
                else:
                    blocks_item = blocks_item_data.to_dict()

                blocks.append(blocks_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if blocks is not UNSET:
            field_dict["blocks"] = blocks

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.add_code_env_block import AddCodeEnvBlock  # noqa: PLC0415
        from ..models.add_starter_files_block import AddStarterFilesBlock  # noqa: PLC0415
        from ..models.append_dockerfile_block import AppendDockerfileBlock  # noqa: PLC0415
        from ..models.dss_base_image_block import DssBaseImageBlock  # noqa: PLC0415
        from ..models.entrypoint_block import EntrypointBlock  # noqa: PLC0415
        from ..models.jupyter_lab_block import JupyterLabBlock  # noqa: PLC0415
        from ..models.other_template_block import OtherTemplateBlock  # noqa: PLC0415
        from ..models.simple_deployment_block import SimpleDeploymentBlock  # noqa: PLC0415
        from ..models.streamlit_block import StreamlitBlock  # noqa: PLC0415
        from ..models.vs_code_block import VsCodeBlock  # noqa: PLC0415

        d = dict(src_dict)
        _blocks = d.pop("blocks", UNSET)
        blocks: (
            list[
                AddCodeEnvBlock
                | AddStarterFilesBlock
                | AppendDockerfileBlock
                | DssBaseImageBlock
                | EntrypointBlock
                | JupyterLabBlock
                | OtherTemplateBlock
                | SimpleDeploymentBlock
                | StreamlitBlock
                | VsCodeBlock
            ]
            | Unset
        ) = UNSET
        if _blocks is not UNSET:
            blocks = []
            for blocks_item_data in _blocks:

                def _parse_blocks_item(
                    data: object,
                ) -> (
                    AddCodeEnvBlock
                    | AddStarterFilesBlock
                    | AppendDockerfileBlock
                    | DssBaseImageBlock
                    | EntrypointBlock
                    | JupyterLabBlock
                    | OtherTemplateBlock
                    | SimpleDeploymentBlock
                    | StreamlitBlock
                    | VsCodeBlock
                ):
                    try:
                        if not isinstance(data, dict):
                            raise TypeError()
                        componentsschemas_known_template_block_type_0 = DssBaseImageBlock.from_dict(data)

                        return componentsschemas_known_template_block_type_0
                    except (TypeError, ValueError, AttributeError, KeyError):
                        pass
                    try:
                        if not isinstance(data, dict):
                            raise TypeError()
                        componentsschemas_known_template_block_type_1 = SimpleDeploymentBlock.from_dict(data)

                        return componentsschemas_known_template_block_type_1
                    except (TypeError, ValueError, AttributeError, KeyError):
                        pass
                    try:
                        if not isinstance(data, dict):
                            raise TypeError()
                        componentsschemas_known_template_block_type_2 = AppendDockerfileBlock.from_dict(data)

                        return componentsschemas_known_template_block_type_2
                    except (TypeError, ValueError, AttributeError, KeyError):
                        pass
                    try:
                        if not isinstance(data, dict):
                            raise TypeError()
                        componentsschemas_known_template_block_type_3 = EntrypointBlock.from_dict(data)

                        return componentsschemas_known_template_block_type_3
                    except (TypeError, ValueError, AttributeError, KeyError):
                        pass
                    try:
                        if not isinstance(data, dict):
                            raise TypeError()
                        componentsschemas_known_template_block_type_4 = AddCodeEnvBlock.from_dict(data)

                        return componentsschemas_known_template_block_type_4
                    except (TypeError, ValueError, AttributeError, KeyError):
                        pass
                    try:
                        if not isinstance(data, dict):
                            raise TypeError()
                        componentsschemas_known_template_block_type_5 = AddStarterFilesBlock.from_dict(data)

                        return componentsschemas_known_template_block_type_5
                    except (TypeError, ValueError, AttributeError, KeyError):
                        pass
                    try:
                        if not isinstance(data, dict):
                            raise TypeError()
                        componentsschemas_known_template_block_type_6 = VsCodeBlock.from_dict(data)

                        return componentsschemas_known_template_block_type_6
                    except (TypeError, ValueError, AttributeError, KeyError):
                        pass
                    try:
                        if not isinstance(data, dict):
                            raise TypeError()
                        componentsschemas_known_template_block_type_7 = JupyterLabBlock.from_dict(data)

                        return componentsschemas_known_template_block_type_7
                    except (TypeError, ValueError, AttributeError, KeyError):
                        pass
                    try:
                        if not isinstance(data, dict):
                            raise TypeError()
                        componentsschemas_known_template_block_type_8 = StreamlitBlock.from_dict(data)

                        return componentsschemas_known_template_block_type_8
                    except (TypeError, ValueError, AttributeError, KeyError):
                        pass
                    if not isinstance(data, dict):
                        raise TypeError()
                    componentsschemas_code_studio_template_block_type_1 = OtherTemplateBlock.from_dict(data)

                    return componentsschemas_code_studio_template_block_type_1

                blocks_item = _parse_blocks_item(blocks_item_data)

                blocks.append(blocks_item)

        code_studio_template_params = cls(
            blocks=blocks,
        )

        code_studio_template_params.additional_properties = d
        return code_studio_template_params

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
