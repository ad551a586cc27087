"""The project library: one of the zones code studios synchronise, as a tree of folders and files.

As in dataikuapi, the handle keeps a local copy of the tree, which the changes made through it keep
up to date; changes made elsewhere are seen after `DSSProject.get_library()` again.
"""

from __future__ import annotations

import base64
import builtins
from typing import TYPE_CHECKING, BinaryIO, Literal, TypeVar, cast, overload

from dss_codestudio_openapi.api.project_libraries import (
    create_project_library_folder,
    delete_project_library_item,
    get_project_library_file,
    move_project_library_item,
    rename_project_library_item,
    write_project_library_file,
)
from dss_codestudio_openapi.models import (
    GetProjectLibraryFileDataEncoding,
    LibraryMoveRequest,
    LibraryNode,
    LibraryRenameRequest,
)
from dss_codestudio_openapi.types import UNSET, File

from .._exceptions import DataikuException, NotFoundError
from .._http import resolve_library_path, success

if TYPE_CHECKING:
    from ._client import AsyncDSSClient

ItemT = TypeVar("ItemT", bound="AsyncDSSLibraryItem")


class AsyncDSSLibraryItem:
    """A file or folder of the project library."""

    def __init__(
        self,
        client: AsyncDSSClient,
        project_key: str,
        name: str,
        parent: AsyncDSSLibraryFolder | None,
        children: set[AsyncDSSLibraryItem] | None,
    ) -> None:
        self.client = client
        self.project_key = project_key
        self.name = name
        self.parent = parent
        self.children = children

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.project_key}:{self.path})"

    @property
    def path(self) -> str:
        """The path of the item from the library root, starting with `/`."""
        if self.parent is None:
            return self.name
        return (self.parent.path + "/" + self.name).replace("//", "/")

    def is_root(self) -> bool:
        """Whether this is the root folder of the library."""
        return self.parent is None and self.name == "/"

    async def delete(self) -> None:
        """Delete the item (a folder with everything in it)."""
        if self.is_root() or self.parent is None:
            raise DataikuException("Cannot delete root folder")
        path = self.path
        await self.client._call(
            delete_project_library_item.asyncio_detailed, self.project_key, path, client=self.client._api
        )
        self.parent._remove_child_(self)
        self.parent = None

    async def rename(self, new_name: str) -> None:
        """Rename the item within its folder."""
        if self.is_root():
            raise DataikuException("Cannot rename root folder")
        body = LibraryRenameRequest(old_path=self.path, new_name=new_name)
        await self.client._call(
            rename_project_library_item.asyncio_detailed, self.project_key, client=self.client._api, body=body
        )
        self.name = new_name

    async def move_to(self, destination_folder: AsyncDSSLibraryFolder) -> None:
        """Move the item into another folder of the library, keeping its name."""
        if self.is_root() or self.parent is None:
            raise DataikuException("Cannot move root folder")
        if not isinstance(destination_folder, AsyncDSSLibraryFolder):
            raise DataikuException("Destination should be a folder")
        body = LibraryMoveRequest(old_path=self.path, new_path=destination_folder.path)
        await self.client._call(
            move_project_library_item.asyncio_detailed, self.project_key, client=self.client._api, body=body
        )
        self.parent._remove_child_(self)
        destination_folder._add_child_(self)
        self.parent = destination_folder


class AsyncDSSLibraryFolder(AsyncDSSLibraryItem):
    """A folder of the project library.

    Do not instantiate: use `DSSLibrary.get_folder()`.
    """

    children: set[AsyncDSSLibraryItem]

    def __init__(
        self,
        client: AsyncDSSClient,
        project_key: str,
        name: str,
        parent: AsyncDSSLibraryFolder | None,
        children: set[AsyncDSSLibraryItem],
    ) -> None:
        super().__init__(client, project_key, name, parent, children)

    def get_child(self, name: str) -> AsyncDSSLibraryItem | None:
        """Return the direct child called `name`, or None."""
        return next((c for c in self.children if c.name == name), None)

    def list(self) -> builtins.list[AsyncDSSLibraryItem]:
        """Return the children of the folder, sorted by name."""
        return sorted(self.children, key=lambda item: item.name)

    def _child_path(self, name: str) -> str:
        """Return the path from the library root of `name`, relative to this folder (`.` and `..` resolved)."""
        try:
            path = resolve_library_path(self.path, name)
        except ValueError as exc:
            raise DataikuException(f"Path {name} is not valid: {exc}", error_type="InvalidPath") from exc
        # As dataikuapi sends it: relative from the root folder, from the library root elsewhere.
        return path if self.is_root() else "/" + path

    def _root(self) -> AsyncDSSLibraryFolder:
        folder = self
        while folder.parent is not None:
            folder = folder.parent
        return folder

    async def add_file(self, file_name: str) -> AsyncDSSLibraryFile:
        """Create an empty file in this folder (a name with `/` creates the missing folders too)."""
        path = self._child_path(file_name)
        try:
            await self.client._call(
                get_project_library_file.asyncio_detailed, self.project_key, path, client=self.client._api
            )
        except NotFoundError:
            pass
        else:
            raise DataikuException(f"File {file_name.strip()} already exists", error_type="FileExists")
        await self.client._call(
            write_project_library_file.asyncio_detailed, self.project_key, path, client=self.client._api
        )
        item = self._create_library_item_(self._root(), path, True)
        assert isinstance(item, AsyncDSSLibraryFile)
        return item

    async def add_folder(self, folder_name: str) -> AsyncDSSLibraryFolder:
        """Create a folder in this folder (a name with `/` creates the missing parents too)."""
        path = self._child_path(folder_name)
        await self.client._call(
            create_project_library_folder.asyncio_detailed, self.project_key, path, client=self.client._api
        )
        item = self._create_library_item_(self._root(), path, False)
        assert isinstance(item, AsyncDSSLibraryFolder)
        return item

    def _create_library_item_(self, folder: AsyncDSSLibraryFolder, path: str, create_file: bool) -> AsyncDSSLibraryItem:
        head, _, rest = path.lstrip("/").partition("/")
        if head == ".":
            return self._create_library_item_(folder, rest, create_file)
        if head == "..":
            if folder.parent is None:
                raise DataikuException(f"Path {path} is not valid")
            return self._create_library_item_(folder.parent, rest, create_file)
        if rest:
            child = folder.get_child(head)
            if not isinstance(child, AsyncDSSLibraryFolder):
                child = AsyncDSSLibraryFolder(self.client, self.project_key, head, folder, set())
                folder._add_child_(child)
            return self._create_library_item_(child, rest, create_file)
        existing = folder.get_child(head)
        if existing is not None:
            folder._remove_child_(existing)
        item: AsyncDSSLibraryItem
        if create_file:
            item = AsyncDSSLibraryFile(self.client, self.project_key, head, folder)
        else:
            item = AsyncDSSLibraryFolder(self.client, self.project_key, head, folder, set())
        folder._add_child_(item)
        return item

    def _add_child_(self, child: AsyncDSSLibraryItem) -> None:
        self.children.add(child)

    def _remove_child_(self, child: AsyncDSSLibraryItem) -> None:
        self.children.discard(child)

    def get_file(self, path: str) -> AsyncDSSLibraryFile | None:
        """Return the file at `path` (relative to this folder; `.` and `..` allowed), or None."""
        return self._get_typed(path, AsyncDSSLibraryFile, "is a folder, not a file")

    def get_folder(self, path: str) -> AsyncDSSLibraryFolder | None:
        """Return the folder at `path` (relative to this folder; `.` and `..` allowed), or None."""
        return self._get_typed(path, AsyncDSSLibraryFolder, "is a file, not a folder")

    def _get_typed(self, path: str, kind: type[ItemT], mismatch: str) -> ItemT | None:
        item = self._get_item_recursively_(self, path)
        if item is None:
            return None
        if not isinstance(item, kind):
            raise DataikuException(f"The item {path} {mismatch}")
        return item

    def _get_item_recursively_(self, item: AsyncDSSLibraryItem | None, path: str) -> AsyncDSSLibraryItem | None:
        if not path or item is None:
            return None
        if path == "/":
            return item
        head, _, rest = path.lstrip("/").partition("/")
        if head == ".":
            return self._get_item_recursively_(item, rest) if rest else item
        if head == "..":
            if item.parent is None:
                raise DataikuException(f"Path {path} is not valid")
            return self._get_item_recursively_(item.parent, rest) if rest else item.parent
        if not isinstance(item, AsyncDSSLibraryFolder):
            return None
        child = item.get_child(head)
        if child is None or not rest:
            return child
        return self._get_item_recursively_(child, rest)


class AsyncDSSLibraryFile(AsyncDSSLibraryItem):
    """A file of the project library.

    Do not instantiate: use `DSSLibrary.get_file()`.
    """

    def __init__(self, client: AsyncDSSClient, project_key: str, name: str, parent: AsyncDSSLibraryFolder) -> None:
        super().__init__(client, project_key, name, parent, None)

    @overload
    async def read(self, as_type: Literal["str"] = "str") -> str: ...
    @overload
    async def read(self, as_type: Literal["bytes"]) -> bytes: ...
    async def read(self, as_type: str = "str") -> str | bytes:
        """Return the content of the file, as text (`as_type="str"`) or as bytes (`as_type="bytes"`)."""
        if as_type not in ("str", "bytes"):
            raise ValueError("Unknown as_type")
        path = self.path
        encoding = GetProjectLibraryFileDataEncoding.BASE64 if as_type == "bytes" else None
        response = await self.client._call(
            get_project_library_file.asyncio_detailed,
            self.project_key,
            path,
            client=self.client._api,
            data_encoding=encoding if encoding else UNSET,
        )
        data = success(response).data
        return base64.b64decode(data) if as_type == "bytes" else data

    async def write(self, data: str | bytes) -> None:
        """Replace the content of the file with `data` (text is written as UTF-8)."""
        payload = data.encode("utf-8") if isinstance(data, str) else bytes(data)
        # httpx takes bytes as a body for sync and async clients alike; a BytesIO would be sync-only.
        body = File(payload=cast(BinaryIO, payload))
        path = self.path
        await self.client._call(
            write_project_library_file.asyncio_detailed, self.project_key, path, client=self.client._api, body=body
        )


class AsyncDSSLibrary:
    """The library of a project, with a local copy of its tree.

    Do not instantiate: use `DSSProject.get_library()`.
    """

    def __init__(self, client: AsyncDSSClient, project_key: str, contents: list[LibraryNode]) -> None:
        self.client = client
        self.project_key = project_key
        self.root = AsyncDSSLibraryFolder(client, project_key, "/", None, set())
        self._build_children(self.root, contents)

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.project_key})"

    def _build_children(self, folder: AsyncDSSLibraryFolder, children: list[LibraryNode]) -> None:
        for node in children:
            name = node.name
            if not isinstance(name, str) or not name:
                continue
            if isinstance(node.children, list):  # folders have children, files have none
                sub = AsyncDSSLibraryFolder(self.client, self.project_key, name, folder, set())
                folder._add_child_(sub)
                self._build_children(sub, node.children)
            else:
                folder._add_child_(AsyncDSSLibraryFile(self.client, self.project_key, name, folder))

    def list(self, folder_path: str = "/") -> builtins.list[AsyncDSSLibraryItem]:
        """Return the items of a folder (the root by default), sorted by name."""
        folder = self.get_folder(folder_path)
        if folder is None:
            raise DataikuException(f"No folder {folder_path} in the library of {self.project_key}")
        return folder.list()

    def get_file(self, path: str) -> AsyncDSSLibraryFile | None:
        """Return the file at `path`, or None."""
        return self.root.get_file(path)

    def get_folder(self, path: str) -> AsyncDSSLibraryFolder | None:
        """Return the folder at `path`, or None."""
        return self.root.get_folder(path)

    async def add_file(self, file_name: str) -> AsyncDSSLibraryFile:
        """Create an empty file in the root folder."""
        return await self.root.add_file(file_name)

    async def add_folder(self, folder_name: str) -> AsyncDSSLibraryFolder:
        """Create a folder in the root folder."""
        return await self.root.add_folder(folder_name)
