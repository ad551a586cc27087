"""Handlers of the project-libraries operations."""

from __future__ import annotations

import base64

from connexion import NoContent

from dss_codestudio_server.domain import wire
from dss_codestudio_server.domain.errors import InvalidRequest
from dss_codestudio_server.domain.instance import Instance
from dss_codestudio_server.http.security import TokenInfo, caller
from dss_codestudio_server.jsonshape import JsonObject

Empty = tuple[object, int]


class LibraryHandlers:
    """Handlers of `/projects/{projectKey}/libraries/...`."""

    def __init__(self, instance: Instance) -> None:
        self._libraries = instance.libraries

    def get_project_library_contents(self, project_key: str, token_info: TokenInfo) -> list[JsonObject]:
        """Return the library tree."""
        return wire.library_tree(self._libraries.tree(caller(token_info), project_key))

    def get_project_library_file(
        self, project_key: str, path: str, token_info: TokenInfo, data_encoding: str | None = None
    ) -> JsonObject:
        """Return a file's content, as text or base64."""
        rel, data = self._libraries.read(caller(token_info), project_key, path)
        if data_encoding == "base64":
            return {"path": rel, "data": base64.b64encode(data).decode("ascii")}
        try:
            return {"path": rel, "data": data.decode("utf-8")}
        except UnicodeDecodeError as exc:
            raise InvalidRequest(f"{rel} is not UTF-8 text; read it with dataEncoding=base64") from exc

    def write_project_library_file(
        self, project_key: str, path: str, token_info: TokenInfo, body: bytes | None = None
    ) -> Empty:
        """Create or replace a file with the raw body."""
        data = body if isinstance(body, bytes) else (body or "").encode() if isinstance(body, str) else b""
        self._libraries.write(caller(token_info), project_key, path, data)
        return NoContent, 204

    def delete_project_library_item(self, project_key: str, path: str, token_info: TokenInfo) -> Empty:
        """Delete a file or folder."""
        self._libraries.delete(caller(token_info), project_key, path)
        return NoContent, 204

    def create_project_library_folder(self, project_key: str, path: str, token_info: TokenInfo) -> Empty:
        """Create a folder."""
        self._libraries.mkdir(caller(token_info), project_key, path)
        return NoContent, 204

    def rename_project_library_item(self, project_key: str, body: JsonObject, token_info: TokenInfo) -> Empty:
        """Rename a file or folder."""
        self._libraries.rename(caller(token_info), project_key, str(body["oldPath"]), str(body["newName"]))
        return NoContent, 204

    def move_project_library_item(self, project_key: str, body: JsonObject, token_info: TokenInfo) -> Empty:
        """Move a file or folder."""
        self._libraries.move(caller(token_info), project_key, str(body["oldPath"]), str(body["newPath"]))
        return NoContent, 204
