"""Views of what DSS answers about code studio templates: list items, settings, builds and imports."""

from __future__ import annotations

import builtins
from collections.abc import Callable, Iterable
from datetime import datetime
from typing import TypeVar, cast, overload

from dss_codestudio_openapi.models import (
    CodeStudioTemplateBuild,
    CodeStudioTemplateBuildResult,
    CodeStudioTemplateImportResult,
    CodeStudioTemplateListItem,
    CodeStudioTemplateParams,
    CodeStudioTemplateSettings,
    OtherTemplateBlock,
)
from dss_codestudio_openapi.unions import CodeStudioTemplateBlock

from .._exceptions import DataikuException
from .._parsing import PARSE_ERRORS, Model, SchemaMismatch, parse
from .._types import JSONObject
from ._base import ModelView, RawMapping, flag, items, opt_text, strings, text, when
from ._messages import DSSInfoMessages, info_messages


class DSSCodeStudioTemplateBuild(ModelView[CodeStudioTemplateBuild]):
    """The build of a template for one container configuration."""

    __slots__ = ()

    @property
    def config_name(self) -> str | None:
        return opt_text(self._model.config_name)

    @property
    def image_tag(self) -> str | None:
        return opt_text(self._model.image_tag)

    @property
    def no_cache(self) -> bool:
        return flag(self._model.no_cache)


class DSSCodeStudioTemplateBuildResult(ModelView[CodeStudioTemplateBuildResult]):
    """The result of a template build: its messages and what it built."""

    __slots__ = ()

    @property
    def messages(self) -> DSSInfoMessages:
        """The messages of the build; `messages.has_error` means the image was not produced."""
        return info_messages(self._model.messages)

    @property
    def builds(self) -> list[DSSCodeStudioTemplateBuild]:
        return [DSSCodeStudioTemplateBuild(b) for b in items(self._model.builds)]

    @property
    def succeeded(self) -> bool:
        """Whether the build produced its images (no error or fatal message)."""
        return not self.messages.has_error


class DSSCodeStudioTemplateImportResult(ModelView[CodeStudioTemplateImportResult]):
    """The result of a template import: the id of the new template and the messages of the import."""

    __slots__ = ()

    @property
    def id(self) -> str:
        return text(self._model.id)

    @property
    def messages(self) -> DSSInfoMessages:
        """The messages of the import."""
        return info_messages(self._model.messages)


class TemplateListItemBase(ModelView[CodeStudioTemplateListItem]):
    """The data of an item of the code studio template list."""

    @property
    def label(self) -> str:
        return text(self._model.label)

    @property
    def id(self) -> str:
        return text(self._model.id)

    @property
    def type(self) -> str | None:
        """The type of the template (`block_based`, `manual`, or a plugin type)."""
        return opt_text(self._model.type_)

    @property
    def build_for_configs(self) -> list[str]:
        """The container configurations the template was last built for."""
        return strings(self._model.build_for)

    @property
    def last_built(self) -> datetime | None:
        """When the template was last built (aware, UTC), or None if never."""
        return when(self._model.last_built)

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.id}: {self.label!r})"


def _json_name(model: Model) -> str:
    """Return the JSON name of the one field set in `model`, as the generated model writes it."""
    (name,) = model.to_dict()
    return name


# Where the blocks are in the raw settings: named by the generated models, from the spec.
_PARAMS = _json_name(CodeStudioTemplateSettings(params=CodeStudioTemplateParams()))
_BLOCKS = _json_name(CodeStudioTemplateParams(blocks=[]))

B = TypeVar("B", bound=CodeStudioTemplateBlock)


def read_block(raw: JSONObject) -> CodeStudioTemplateBlock:
    """Read a raw block into its generated model: the model of its type, else `OtherTemplateBlock`.

    A block of a known type whose fields do not have the spec's shapes reads as an
    `OtherTemplateBlock`, as the generated union reads it; one whose `params` is not even an object
    keeps it in `additional_properties`. Either way `to_dict()` gives the raw block back. Raises
    SchemaMismatch when the block has no `type`.
    """
    try:
        [block] = cast(list[CodeStudioTemplateBlock], CodeStudioTemplateParams.from_dict({_BLOCKS: [raw]}).blocks)
    except PARSE_ERRORS:
        return parse(OtherTemplateBlock, raw)
    return block


class TemplateSettingsBase(RawMapping):
    """The settings of a code studio template: the raw definition, which `save()` sends, and helpers to change it.

    The raw dictionary is what users edit; typed reads and the helpers go through the generated
    model (`to_model()`), and `save()` sends the dictionary serialised through it.
    """

    def __init__(self, template_id: str, settings: JSONObject) -> None:
        self.template_id = template_id
        self._raw = settings

    @property
    def settings(self) -> JSONObject:
        """The raw settings (what `get_raw()` returns, and `save()` sends back)."""
        return self._raw

    def get_raw(self) -> JSONObject:
        """Return all settings (a reference, not a copy): `type`, and the content in `params`; `save()` sends it."""
        return self._raw

    def to_model(self) -> CodeStudioTemplateSettings:
        """Return the settings read into their generated model: typed, but a copy (edit `get_raw()` to change them)."""
        return parse(CodeStudioTemplateSettings, self._raw)

    def _edit(self, change: Callable[[CodeStudioTemplateSettings], None]) -> None:
        """Change the model of the settings, then write the fields that changed into the raw settings."""
        model = self.to_model()
        change(model)
        for key, value in model.to_dict().items():
            if key not in self._raw or self._raw[key] != value:
                self._raw[key] = value

    def get_built_for_all_container_confs(self) -> bool:
        """Whether the template builds an image for each container configuration."""
        return flag(self.to_model().all_container_confs)

    def get_built_container_confs(self) -> list[str]:
        """Return the container configurations the template builds an image for (if not all)."""
        return strings(self.to_model().container_confs)

    def set_built_container_confs(self, *configs: str, all: bool = False) -> None:
        """Set the container configurations to build images for, or `all=True` for every one."""

        def change(model: CodeStudioTemplateSettings) -> None:
            model.all_container_confs = all
            if not all:
                model.container_confs = list(configs)

        self._edit(change)

    @property
    def label(self) -> str:
        """The label of the template."""
        return text(self.to_model().label)

    @property
    def type(self) -> str | None:
        """The type of the template (`block_based`, `manual`, or a plugin type)."""
        return opt_text(self.to_model().type_)

    @property
    def blocks(self) -> list[JSONObject]:
        """The building blocks of a `block_based` template: the live list of `params.blocks`.

        Append, remove or edit blocks, then `save()`. Settings without blocks get an empty list
        here, so that blocks can be added; a `params.blocks` holding values that are not objects is
        refused (edit `get_raw()` instead) rather than answered with a copy whose changes `save()`
        would silently lose.
        """
        params = self._raw.get(_PARAMS)
        if not isinstance(params, dict):
            params = self._raw[_PARAMS] = {}
        return self._checked(params.setdefault(_BLOCKS, []))

    def _checked(self, blocks: object) -> list[JSONObject]:
        """Return `blocks`, the raw `params.blocks`, if it is a list of objects; raise DataikuException if not."""
        if not isinstance(blocks, list) or not all(isinstance(block, dict) for block in blocks):
            raise DataikuException(
                f"params.blocks of template {self.template_id} is not a list of blocks; edit get_raw() instead",
                error_type="InvalidSettings",
            )
        return cast(list[JSONObject], blocks)

    @overload
    def get_blocks(self) -> list[CodeStudioTemplateBlock]: ...
    @overload
    def get_blocks(self, of_type: builtins.type[B]) -> list[B]: ...
    def get_blocks(self, of_type: builtins.type[B] | None = None) -> list[CodeStudioTemplateBlock] | list[B]:
        """Return the blocks typed: each read into the generated model of its type, in order.

        Known types give their model with typed `params` (`DssBaseImageBlock`, `VsCodeBlock`, ...);
        plugin blocks and types the spec does not know give an `OtherTemplateBlock`. Fields nobody
        documented are kept in each model's `additional_properties`. `of_type` keeps the blocks of
        one model (`get_blocks(VsCodeBlock)`). The models are copies: change them, then
        `set_blocks()` to write them into the settings that `save()` sends.
        """
        params = self._raw.get(_PARAMS)
        # Read only: settings without `params.blocks` are left as they are.
        raw_blocks = self._checked(params[_BLOCKS]) if isinstance(params, dict) and _BLOCKS in params else []
        blocks: list[CodeStudioTemplateBlock] = []
        for index, raw in enumerate(raw_blocks):
            try:
                blocks.append(read_block(raw))
            except SchemaMismatch as exc:
                raise DataikuException(
                    f"block {index} of template {self.template_id} cannot be read ({exc}); edit get_raw() instead",
                    error_type="InvalidSettings",
                ) from exc
        if of_type is None:
            return blocks
        chosen: list[B] = []
        for block in blocks:
            if isinstance(block, of_type):
                chosen.append(block)
        return chosen

    def set_blocks(self, blocks: Iterable[CodeStudioTemplateBlock]) -> None:
        """Replace the blocks by `blocks` (generated block models, as `get_blocks()` returns them).

        Written into the live list `blocks` (which stays the same list object) as their `to_dict()`,
        every field included; blocks read with `get_blocks()` and left unchanged are written back
        as they were.
        """
        written = [block.to_dict() for block in blocks]
        self.blocks[:] = written

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.template_id}: {self.label!r})"
