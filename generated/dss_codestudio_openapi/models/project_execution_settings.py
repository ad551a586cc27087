from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.project_cluster_settings import ProjectClusterSettings
    from ..models.project_code_envs import ProjectCodeEnvs
    from ..models.project_container_settings import ProjectContainerSettings


T = TypeVar("T", bound="ProjectExecutionSettings")


@_attrs_define
class ProjectExecutionSettings:
    """What the project's code runs with."""

    code_envs: ProjectCodeEnvs | Unset = UNSET
    """ The project's code environment for each language. """
    container: ProjectContainerSettings | Unset = UNSET
    """ Whether, and in which container configuration, the project's code runs in containers. """
    k_8_s_cluster: ProjectClusterSettings | Unset = UNSET
    """ Which cluster the project's code uses. """
    cluster: ProjectClusterSettings | Unset = UNSET
    """ Which cluster the project's code uses. """
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
        from ..models.project_cluster_settings import ProjectClusterSettings  # noqa: PLC0415
        from ..models.project_code_envs import ProjectCodeEnvs  # noqa: PLC0415
        from ..models.project_container_settings import ProjectContainerSettings  # noqa: PLC0415

        d = dict(src_dict)
        _code_envs = d.pop("codeEnvs", UNSET)
        code_envs: ProjectCodeEnvs | Unset
        if isinstance(_code_envs, Unset):
            code_envs = UNSET
        else:
            code_envs = ProjectCodeEnvs.from_dict(_code_envs)

        _container = d.pop("container", UNSET)
        container: ProjectContainerSettings | Unset
        if isinstance(_container, Unset):
            container = UNSET
        else:
            container = ProjectContainerSettings.from_dict(_container)

        _k_8_s_cluster = d.pop("k8sCluster", UNSET)
        k_8_s_cluster: ProjectClusterSettings | Unset
        if isinstance(_k_8_s_cluster, Unset):
            k_8_s_cluster = UNSET
        else:
            k_8_s_cluster = ProjectClusterSettings.from_dict(_k_8_s_cluster)

        _cluster = d.pop("cluster", UNSET)
        cluster: ProjectClusterSettings | Unset
        if isinstance(_cluster, Unset):
            cluster = UNSET
        else:
            cluster = ProjectClusterSettings.from_dict(_cluster)

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
