from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

T = TypeVar("T", bound="LibraryMoveRequest")


@_attrs_define
class LibraryMoveRequest:
    """What `DSSLibraryItem.move_to` sends."""

    old_path: str
    """ Path of the item to move, from the library root (a leading `/` is ignored), with the
    rules of the `path` parameter of the library calls.
     """
    new_path: str
    """ Path of the destination folder (`/` or empty for the root), with the same rules (bytes, reserved names). """

    def to_dict(self) -> dict[str, Any]:
        old_path = self.old_path

        new_path = self.new_path

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "oldPath": old_path,
                "newPath": new_path,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        old_path = d.pop("oldPath")

        new_path = d.pop("newPath")

        library_move_request = cls(
            old_path=old_path,
            new_path=new_path,
        )

        return library_move_request
