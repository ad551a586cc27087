from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

T = TypeVar("T", bound="LibraryRenameRequest")


@_attrs_define
class LibraryRenameRequest:
    """What `DSSLibraryItem.rename` sends."""

    old_path: str
    """ Path of the item to rename, from the library root (a leading `/` is ignored), with the
    rules of the `path` parameter of the library calls.
     """
    new_name: str
    """ New name of the item: one path segment (no `/` or backslash, not `.` or `..`, no control
    character, at most 255 bytes in UTF-8, not starting with `.~dsscs-` or `.~dss-sync-`).
     """

    def to_dict(self) -> dict[str, Any]:
        old_path = self.old_path

        new_name = self.new_name

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "oldPath": old_path,
                "newName": new_name,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        old_path = d.pop("oldPath")

        new_name = d.pop("newName")

        library_rename_request = cls(
            old_path=old_path,
            new_name=new_name,
        )

        return library_rename_request
