from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.exposed_port_definition import ExposedPortDefinition


T = TypeVar("T", bound="SimpleDeploymentBlockParams")


@_attrs_define
class SimpleDeploymentBlockParams:
    """Parameters of the `simple_deployment` block (Kubernetes parameters, always present)."""

    exposed_ports: list[ExposedPortDefinition] | Unset = UNSET
    """ Extra ports exposed by the pod. """
    exposed_services: list[Any] | Unset = UNSET
    """ Extra services exposed by the pod. """
    readiness_probe_headers: list[Any] | Unset = UNSET
    """ Headers sent with an HTTP readiness probe. """
    annotations: list[Any] | Unset = UNSET
    """ Kubernetes annotations of the pod. """
    labels: list[Any] | Unset = UNSET
    """ Kubernetes labels of the pod. """
    use_tcp_readiness: bool | Unset = UNSET
    """ Probe readiness by opening a TCP connection to the exposed ports (recommended). If false, an HTTP GET of
    `readinessProbeUrl` must answer 2xx or 3xx. """
    readiness_probe_url: str | Unset = UNSET
    """ URL probed for readiness when `useTcpReadiness` is false; `${baseUrl}` is replaced by the browser path of
    the port (`/code-studios/<projectKey>/<codeStudioId>/<port>`), and a path is asked of the entry point's local
    port. """
    initial_sync_timeout_in_minutes: int | Unset = UNSET
    """ How long the start may take, including the initial synchronisation, before it fails. """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        exposed_ports: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.exposed_ports, Unset):
            exposed_ports = []
            for exposed_ports_item_data in self.exposed_ports:
                exposed_ports_item = exposed_ports_item_data.to_dict()
                exposed_ports.append(exposed_ports_item)

        exposed_services: list[Any] | Unset = UNSET
        if not isinstance(self.exposed_services, Unset):
            exposed_services = self.exposed_services

        readiness_probe_headers: list[Any] | Unset = UNSET
        if not isinstance(self.readiness_probe_headers, Unset):
            readiness_probe_headers = self.readiness_probe_headers

        annotations: list[Any] | Unset = UNSET
        if not isinstance(self.annotations, Unset):
            annotations = self.annotations

        labels: list[Any] | Unset = UNSET
        if not isinstance(self.labels, Unset):
            labels = self.labels

        use_tcp_readiness = self.use_tcp_readiness

        readiness_probe_url = self.readiness_probe_url

        initial_sync_timeout_in_minutes = self.initial_sync_timeout_in_minutes

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if exposed_ports is not UNSET:
            field_dict["exposedPorts"] = exposed_ports
        if exposed_services is not UNSET:
            field_dict["exposedServices"] = exposed_services
        if readiness_probe_headers is not UNSET:
            field_dict["readinessProbeHeaders"] = readiness_probe_headers
        if annotations is not UNSET:
            field_dict["annotations"] = annotations
        if labels is not UNSET:
            field_dict["labels"] = labels
        if use_tcp_readiness is not UNSET:
            field_dict["useTcpReadiness"] = use_tcp_readiness
        if readiness_probe_url is not UNSET:
            field_dict["readinessProbeUrl"] = readiness_probe_url
        if initial_sync_timeout_in_minutes is not UNSET:
            field_dict["initialSyncTimeoutInMinutes"] = initial_sync_timeout_in_minutes

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.exposed_port_definition import ExposedPortDefinition  # noqa: PLC0415

        d = dict(src_dict)
        _exposed_ports = d.pop("exposedPorts", UNSET)
        exposed_ports: list[ExposedPortDefinition] | Unset = UNSET
        if _exposed_ports is not UNSET:
            exposed_ports = []
            for exposed_ports_item_data in _exposed_ports:
                exposed_ports_item = ExposedPortDefinition.from_dict(exposed_ports_item_data)

                exposed_ports.append(exposed_ports_item)

        exposed_services = cast(list[Any], d.pop("exposedServices", UNSET))

        readiness_probe_headers = cast(list[Any], d.pop("readinessProbeHeaders", UNSET))

        annotations = cast(list[Any], d.pop("annotations", UNSET))

        labels = cast(list[Any], d.pop("labels", UNSET))

        use_tcp_readiness = d.pop("useTcpReadiness", UNSET)

        readiness_probe_url = d.pop("readinessProbeUrl", UNSET)

        initial_sync_timeout_in_minutes = d.pop("initialSyncTimeoutInMinutes", UNSET)

        simple_deployment_block_params = cls(
            exposed_ports=exposed_ports,
            exposed_services=exposed_services,
            readiness_probe_headers=readiness_probe_headers,
            annotations=annotations,
            labels=labels,
            use_tcp_readiness=use_tcp_readiness,
            readiness_probe_url=readiness_probe_url,
            initial_sync_timeout_in_minutes=initial_sync_timeout_in_minutes,
        )

        simple_deployment_block_params.additional_properties = d
        return simple_deployment_block_params

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
