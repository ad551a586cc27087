from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.entrypoint_block_params_proxy_secret import (
        EntrypointBlockParamsProxySecret,
    )
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
    proxy_secret: EntrypointBlockParamsProxySecret | Unset = UNSET
    """ Reference-server extension: how the proxy also hands the entry point the secret of the
    studio's start (besides the `X-DSS-CodeStudio-Secret` header): `{"authorization": "token"}`
    sends `Authorization: token <secret>`, `{"cookie": "<name>"}` a cookie of that name.
     """
    proxy_host: str | Unset = UNSET
    """ Reference-server extension: the `Host` the proxy sends the entry point. Known values:
    `caller` (the default: the caller's, as DSS's proxy does) and `local` (its own local address,
    for servers that answer only it, such as JupyterLab; the caller's is then in `X-Forwarded-Host`).
     """
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

        proxy_secret: dict[str, Any] | Unset = UNSET
        if not isinstance(self.proxy_secret, Unset):
            proxy_secret = self.proxy_secret.to_dict()

        proxy_host = self.proxy_host

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
        if proxy_secret is not UNSET:
            field_dict["proxySecret"] = proxy_secret
        if proxy_host is not UNSET:
            field_dict["proxyHost"] = proxy_host

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.entrypoint_block_params_proxy_secret import (
            EntrypointBlockParamsProxySecret,  # noqa: PLC0415
        )
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

        _proxy_secret = d.pop("proxySecret", UNSET)
        proxy_secret: EntrypointBlockParamsProxySecret | Unset
        if isinstance(_proxy_secret, Unset):
            proxy_secret = UNSET
        else:
            proxy_secret = EntrypointBlockParamsProxySecret.from_dict(_proxy_secret)

        proxy_host = d.pop("proxyHost", UNSET)

        entrypoint_block_params = cls(
            label=label,
            entrypoint=entrypoint,
            scripts=scripts,
            exposed_port=exposed_port,
            use_in_webapps=use_in_webapps,
            proxy_secret=proxy_secret,
            proxy_host=proxy_host,
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
