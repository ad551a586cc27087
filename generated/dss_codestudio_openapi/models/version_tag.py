from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.version_tag_extended_properties import VersionTagExtendedProperties
    from ..models.version_tag_last_modified_by import VersionTagLastModifiedBy


T = TypeVar("T", bound="VersionTag")


@_attrs_define
class VersionTag:
    """Who changed an object last, and when."""

    version_number: int | Unset = UNSET
    """ Number of the version. """
    last_modified_by: VersionTagLastModifiedBy | Unset = UNSET
    """ The user who made the change. """
    last_modified_on: int | Unset = UNSET
    """ When, in epoch milliseconds. """
    extended_properties: VersionTagExtendedProperties | Unset = UNSET
    """ Extra properties (seen empty in exports). """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        version_number = self.version_number

        last_modified_by: dict[str, Any] | Unset = UNSET
        if not isinstance(self.last_modified_by, Unset):
            last_modified_by = self.last_modified_by.to_dict()

        last_modified_on = self.last_modified_on

        extended_properties: dict[str, Any] | Unset = UNSET
        if not isinstance(self.extended_properties, Unset):
            extended_properties = self.extended_properties.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if version_number is not UNSET:
            field_dict["versionNumber"] = version_number
        if last_modified_by is not UNSET:
            field_dict["lastModifiedBy"] = last_modified_by
        if last_modified_on is not UNSET:
            field_dict["lastModifiedOn"] = last_modified_on
        if extended_properties is not UNSET:
            field_dict["extendedProperties"] = extended_properties

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.version_tag_extended_properties import (
            VersionTagExtendedProperties,  # noqa: PLC0415
        )
        from ..models.version_tag_last_modified_by import VersionTagLastModifiedBy  # noqa: PLC0415

        d = dict(src_dict)
        version_number = d.pop("versionNumber", UNSET)

        _last_modified_by = d.pop("lastModifiedBy", UNSET)
        last_modified_by: VersionTagLastModifiedBy | Unset
        if isinstance(_last_modified_by, Unset):
            last_modified_by = UNSET
        else:
            last_modified_by = VersionTagLastModifiedBy.from_dict(_last_modified_by)

        last_modified_on = d.pop("lastModifiedOn", UNSET)

        _extended_properties = d.pop("extendedProperties", UNSET)
        extended_properties: VersionTagExtendedProperties | Unset
        if isinstance(_extended_properties, Unset):
            extended_properties = UNSET
        else:
            extended_properties = VersionTagExtendedProperties.from_dict(_extended_properties)

        version_tag = cls(
            version_number=version_number,
            last_modified_by=last_modified_by,
            last_modified_on=last_modified_on,
            extended_properties=extended_properties,
        )

        version_tag.additional_properties = d
        return version_tag

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
