from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.vs_code_block_params_config import VsCodeBlockParamsConfig


T = TypeVar("T", bound="VsCodeBlockParams")


@_attrs_define
class VsCodeBlockParams:
    """Parameters of DSS's Visual Studio Code block (`pycdstdioblk_code-studio-blocks_vscode`), as the
    real DSS 13.5.4 export has them. The reference server builds code-server from the npm registry
    with the machine's Node.js (the version asked for when the registry has it and it runs on that
    Node.js, else the newest that does, with a warning) and starts it on the block's port; the
    proxy strips the studio's prefix and sends the start's secret as code-server's session cookie.

    """

    config: VsCodeBlockParamsConfig | Unset = UNSET
    """ The options of DSS's Visual Studio Code block (`params.config`). Paths may use the zone variables
    `__CODE_STUDIO_VERSIONED__`, `__CODE_STUDIO_RESOURCES__`, `__PROJECT_LIB_VERSIONED__`,
    `__PROJECT_LIB_RESOURCES__`, `__USER_VERSIONED__`, `__USER_RESOURCES__` and `__RECIPES__`, which
    stand for the `pathInContainer` of the synchronised zone. Other fields are kept and ignored.
     """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        config: dict[str, Any] | Unset = UNSET
        if not isinstance(self.config, Unset):
            config = self.config.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if config is not UNSET:
            field_dict["config"] = config

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.vs_code_block_params_config import VsCodeBlockParamsConfig  # noqa: PLC0415

        d = dict(src_dict)
        _config = d.pop("config", UNSET)
        config: VsCodeBlockParamsConfig | Unset
        if isinstance(_config, Unset):
            config = UNSET
        else:
            config = VsCodeBlockParamsConfig.from_dict(_config)

        vs_code_block_params = cls(
            config=config,
        )

        vs_code_block_params.additional_properties = d
        return vs_code_block_params

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
