from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.project_code_envs import ProjectCodeEnvs
    from ..models.project_execution_settings_cluster import (
        ProjectExecutionSettingsCluster,
    )
    from ..models.project_execution_settings_container import (
        ProjectExecutionSettingsContainer,
    )
    from ..models.project_execution_settings_k8s_cluster import (
        ProjectExecutionSettingsK8SCluster,
    )


T = TypeVar("T", bound="ProjectExecutionSettings")


@_attrs_define
class ProjectExecutionSettings:
    """What the project's code runs with."""

    code_envs: ProjectCodeEnvs | Unset = UNSET
    """ The project's code environment for each language. """
    container: ProjectExecutionSettingsContainer | Unset = UNSET
    """ Containerized execution: `containerMode` (`NONE`, `INHERIT` or `EXPLICIT_CONTAINER`) and `containerConf`.
    """
    k_8_s_cluster: ProjectExecutionSettingsK8SCluster | Unset = UNSET
    """ Kubernetes cluster: `clusterMode` (`INHERIT` or `EXPLICIT_CLUSTER`) and `clusterId`. """
    cluster: ProjectExecutionSettingsCluster | Unset = UNSET
    """ Hadoop cluster: `clusterMode` and `clusterId`. """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        code_envs: dict[str, Any] | Unset = UNSET
        if not isinstance(self.code_envs, Unset):
            code_envs = self.code_envs.to_dict()

        container: dict[str, Any] | Unset = UNSET
        if not isinstance(self.container, Unset):
            container = self.container.to_dict()

        k_8_s_cluster: dict[str, Any] | Unset = UNSET
        if not isinstance(self.k_8_s_cluster, Unset):
            k_8_s_cluster = self.k_8_s_cluster.to_dict()

        cluster: dict[str, Any] | Unset = UNSET
        if not isinstance(self.cluster, Unset):
            cluster = self.cluster.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if code_envs is not UNSET:
            field_dict["codeEnvs"] = code_envs
        if container is not UNSET:
            field_dict["container"] = container
        if k_8_s_cluster is not UNSET:
            field_dict["k8sCluster"] = k_8_s_cluster
        if cluster is not UNSET:
            field_dict["cluster"] = cluster

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.project_code_envs import ProjectCodeEnvs  # noqa: PLC0415
        from ..models.project_execution_settings_cluster import (
            ProjectExecutionSettingsCluster,  # noqa: PLC0415
        )
        from ..models.project_execution_settings_container import (
            ProjectExecutionSettingsContainer,  # noqa: PLC0415
        )
        from ..models.project_execution_settings_k8s_cluster import (
            ProjectExecutionSettingsK8SCluster,  # noqa: PLC0415
        )

        d = dict(src_dict)
        _code_envs = d.pop("codeEnvs", UNSET)
        code_envs: ProjectCodeEnvs | Unset
        if isinstance(_code_envs, Unset):
            code_envs = UNSET
        else:
            code_envs = ProjectCodeEnvs.from_dict(_code_envs)

        _container = d.pop("container", UNSET)
        container: ProjectExecutionSettingsContainer | Unset
        if isinstance(_container, Unset):
            container = UNSET
        else:
            container = ProjectExecutionSettingsContainer.from_dict(_container)

        _k_8_s_cluster = d.pop("k8sCluster", UNSET)
        k_8_s_cluster: ProjectExecutionSettingsK8SCluster | Unset
        if isinstance(_k_8_s_cluster, Unset):
            k_8_s_cluster = UNSET
        else:
            k_8_s_cluster = ProjectExecutionSettingsK8SCluster.from_dict(_k_8_s_cluster)

        _cluster = d.pop("cluster", UNSET)
        cluster: ProjectExecutionSettingsCluster | Unset
        if isinstance(_cluster, Unset):
            cluster = UNSET
        else:
            cluster = ProjectExecutionSettingsCluster.from_dict(_cluster)

        project_execution_settings = cls(
            code_envs=code_envs,
            container=container,
            k_8_s_cluster=k_8_s_cluster,
            cluster=cluster,
        )

        project_execution_settings.additional_properties = d
        return project_execution_settings

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
