"""Handlers of the code-studio-templates operations."""

from __future__ import annotations

from connexion import NoContent
from starlette.datastructures import UploadFile
from starlette.responses import Response

from dss_codestudio_server.domain import wire
from dss_codestudio_server.domain.errors import InvalidRequest
from dss_codestudio_server.domain.instance import Instance
from dss_codestudio_server.http.security import TokenInfo, caller
from dss_codestudio_server.jsonshape import JsonObject


class TemplateHandlers:
    """Handlers of `/admin/code-studios/...`."""

    def __init__(self, instance: Instance) -> None:
        self._templates = instance.templates
        self._builds = instance.builds

    async def list_code_studio_templates(self, token_info: TokenInfo) -> list[JsonObject]:
        """List templates."""
        return [wire.template_list_item(t) for t in self._templates.list_items(caller(token_info))]

    def create_code_studio_template(self, body: JsonObject, token_info: TokenInfo) -> JsonObject:
        """Create a template."""
        template_id, messages = self._templates.create(caller(token_info), str(body["label"]), str(body["type"]))
        return {"id": template_id, "messages": wire.info_messages(messages)}

    def import_code_studio_template(
        self,
        token_info: TokenInfo,
        file: UploadFile | None = None,
        label: str | None = None,
        import_spec: str | None = None,
    ) -> JsonObject:
        """Import a template from an exported archive."""
        if file is None:
            raise InvalidRequest("The archive is missing (multipart part 'file')")
        template_id, messages = self._templates.import_archive(
            caller(token_info), file.file, label=label, import_spec=import_spec
        )
        return {"id": template_id, "messages": wire.info_messages(messages)}

    async def get_code_studio_template_settings(self, template_id: str, token_info: TokenInfo) -> JsonObject:
        """Read a template's settings."""
        return self._templates.settings(caller(token_info), template_id)

    def save_code_studio_template_settings(
        self, template_id: str, body: JsonObject, token_info: TokenInfo
    ) -> tuple[object, int]:
        """Save a template's settings."""
        self._templates.save(caller(token_info), template_id, body)
        return NoContent, 204

    def delete_code_studio_template(
        self, template_id: str, token_info: TokenInfo, delete_runtime: bool = False, delete_images: bool = False
    ) -> JsonObject:
        """Delete a template."""
        messages = self._templates.delete(
            caller(token_info), template_id, delete_runtime=delete_runtime, delete_images=delete_images
        )
        return wire.info_messages(messages)

    def build_code_studio_template(
        self, template_id: str, token_info: TokenInfo, with_no_cache: bool = False
    ) -> JsonObject:
        """Start a build."""
        return wire.future_state(self._builds.start(caller(token_info), template_id, no_cache=with_no_cache))

    def export_code_studio_template(self, template_id: str, token_info: TokenInfo) -> Response:
        """Export a template as a zip."""
        data = self._templates.export(caller(token_info), template_id)
        return Response(
            data,
            media_type="application/zip",
            headers={"Content-Disposition": f'attachment; filename="{template_id}.zip"'},
        )
