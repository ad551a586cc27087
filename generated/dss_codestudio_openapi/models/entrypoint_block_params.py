from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.exposed_port_definition import ExposedPortDefinition


T = TypeVar("T", bound="EntrypointBlockParams")


@_attrs_define
class EntrypointBlockParams:
    """Parameters of the `entrypoint` block (a process DSS's runner starts in the studio)."""

    label: str | Unset = UNSET
    """ Label of the entry point. """
    entrypoint: str | Unset = UNSET
    """ Command line that starts the process, run by a shell in the studio's workspace. The
    reference server replaces these placeholders (the `${name}` form DSS uses in readiness
    URLs), from the template's settings through the build output (`entrypoints.json`) to the
    process it starts: `${python}` (the server's Python interpreter), `${host}` (127.0.0.1, the
    only address to listen on), `${port}` (the free local port given to the entry point; also
    in `$PORT`), `${workspace}` (the studio's workspace folder) and `${baseUrl}` (the browser
    path of the port, `/code-studios/<projectKey>/<codeStudioId>/<port>`, also in
    `$DKU_CODE_STUDIO_BROWSER_PATH_<port>`). The readiness URL of the `simple_deployment`
    block may use `${baseUrl}`, `${host}` and `${port}`; a path is asked of the local port.
     """
    scripts: list[Any] | Unset = UNSET
    """ Scripts run before the entry point. """
    exposed_port: ExposedPortDefinition | Unset = UNSET
    """ A port an entry point exposes. """
    use_in_webapps: bool | Unset = UNSET
    """ Launch this entry point when the studio runs as a webapp. """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        label = self.label

        entrypoint = self.entrypoint

        scripts: list[Any] | Unset = UNSET
        if not isinstance(self.scripts, Unset):
            scripts = self.scripts

        exposed_port: dict[str, Any] | Unset = UNSET
        if not isinstance(self.exposed_port, Unset):
            exposed_port = self.exposed_port.to_dict()

        use_in_webapps = self.use_in_webapps

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if label is not UNSET:
            field_dict["label"] = label
        if entrypoint is not UNSET:
            field_dict["entrypoint"] = entrypoint
        if scripts is not UNSET:
            field_dict["scripts"] = scripts
        if exposed_port is not UNSET:
            field_dict["exposedPort"] = exposed_port
        if use_in_webapps is not UNSET:
            field_dict["useInWebapps"] = use_in_webapps

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.exposed_port_definition import ExposedPortDefinition  # noqa: PLC0415

        d = dict(src_dict)
        label = d.pop("label", UNSET)

        entrypoint = d.pop("entrypoint", UNSET)

        scripts = cast(list[Any], d.pop("scripts", UNSET))

        _exposed_port = d.pop("exposedPort", UNSET)
        exposed_port: ExposedPortDefinition | Unset
        if isinstance(_exposed_port, Unset):
            exposed_port = UNSET
        else:
            exposed_port = ExposedPortDefinition.from_dict(_exposed_port)

        use_in_webapps = d.pop("useInWebapps", UNSET)

        entrypoint_block_params = cls(
            label=label,
            entrypoint=entrypoint,
            scripts=scripts,
            exposed_port=exposed_port,
            use_in_webapps=use_in_webapps,
        )

        entrypoint_block_params.additional_properties = d
        return entrypoint_block_params

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
