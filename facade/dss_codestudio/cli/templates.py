"""`dss-codestudio templates ...`: the code studio templates of the instance (administrators)."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import Annotated

import typer
from rich.markup import escape

from dss_codestudio import DataikuException, DSSCodeStudioTemplateBuildResult
from dss_codestudio.models import (
    AppendDockerfileBlock,
    CodeStudioTemplateBlock,
    DssBaseImageBlock,
    EntrypointBlock,
    OtherTemplateBlock,
    SyncedZoneDefinition,
    Unset,
)

from ._answers import emit_started, print_messages
from ._command import Cli, command
from ._errors import CliError, ExitCode
from ._format import plural, size, when
from ._options import DEFAULT_TIMEOUT, CallsTimeoutOption, TemplateArg, TimeoutOption, WaitOption, limit_calls

app = typer.Typer(help="Code studio templates: list, show, build, export, import, delete.", no_args_is_help=True)


@command(app, "list")
def list_templates(cli: Cli) -> None:
    """List the code studio templates, with when and for what they were last built."""
    items = cli.client().list_code_studio_templates()
    cli.emit(
        [item.get_raw() for item in items],
        lambda: cli.table(
            ["ID", "LABEL", "TYPE", "BUILT FOR", "LAST BUILT"],
            [[t.id, t.label, t.type or "", ", ".join(t.build_for_configs) or "-", when(t.last_built)] for t in items],
            title="Templates",
        ),
    )


@command(app, "show")
def show(cli: Cli, template: TemplateArg) -> None:
    """Show a template: its blocks, synchronised zones and entry points (--json: its raw settings)."""
    settings = cli.client().get_code_studio_template(template).get_settings()
    model = settings.to_model()

    def human() -> None:
        kind = settings.type or "unknown type"
        cli.out.print(f"[bold]{escape(settings.label)}[/bold] ({escape(template)}), {escape(kind)}")
        if model.short_desc:
            cli.out.print(model.short_desc, markup=False)
        confs = (
            "all" if settings.get_built_for_all_container_confs() else ", ".join(settings.get_built_container_confs())
        )
        cli.out.print(f"container configurations: {confs or 'none'}", markup=False)
        try:
            blocks = settings.get_blocks()
        except DataikuException as exc:  # not a list of blocks: `--json` shows them as they are
            cli.out.print(f"blocks: {exc.message}", markup=False)
            return
        cli.table(["BLOCK", "WHAT"], [_block_row(b) for b in blocks], title="Blocks")
        zones = [
            [z.zone, z.path_in_container or "", "yes" if z.one_way is True else "no"]
            for b in blocks
            if isinstance(b, DssBaseImageBlock)
            for z in _synced_zones(b)
        ]
        cli.table(["ZONE", "PATH IN STUDIO", "ONE WAY"], zones, title="Synchronised zones")

    cli.emit(settings.get_raw(), human)


def _synced_zones(block: DssBaseImageBlock) -> list[SyncedZoneDefinition]:
    if isinstance(block.params, Unset) or isinstance(block.params.synced_zones, Unset):
        return []
    return block.params.synced_zones


def _block_row(block: CodeStudioTemplateBlock) -> list[str]:
    if isinstance(block, DssBaseImageBlock):
        return [str(block.type_), f"file synchronisation ({plural(len(_synced_zones(block)), 'zone')})"]
    what: object = None
    if isinstance(block, EntrypointBlock) and not isinstance(block.params, Unset):
        what = block.params.label or block.params.entrypoint
    elif isinstance(block, AppendDockerfileBlock) and not isinstance(block.params, Unset):
        what = block.params.label
    elif isinstance(block, OtherTemplateBlock) and not isinstance(block.params, Unset):
        what = block.params.additional_properties.get("label")  # plugin blocks often have one
    return [str(block.type_), what if isinstance(what, str) else ""]


@command(app, "build")
def build(
    cli: Cli,
    template: TemplateArg,
    no_cache: Annotated[bool, typer.Option("--no-cache", help="Build from scratch, without the cache.")] = False,
    wait: WaitOption = True,
    timeout: TimeoutOption = DEFAULT_TIMEOUT,
) -> None:
    """Build a template's images, showing the build's progress; a build that reports an error fails (exit 1)."""
    future = cli.client().get_code_studio_template(template).build(disable_docker_cache=no_cache)
    if not wait:
        emit_started(cli, future, f"build of {template}")
        return
    with cli.progress.step(f"Building template {template}") as step:
        result = future.wait_for_result(timeout, on_progress=step.future_progress())
    cli.emit(result.get_raw(), lambda: _print_build(cli, result))


def _print_build(cli: Cli, result: DSSCodeStudioTemplateBuildResult) -> None:
    cli.table(
        ["CONTAINER CONFIGURATION", "IMAGE"],
        [[b.config_name or "", b.image_tag or ""] for b in result.builds],
        title="Built images",
    )
    print_messages(cli, result.messages)


@command(app, "export")
def export(
    cli: Cli,
    template: TemplateArg,
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="The zip file to write [default: TEMPLATE.zip].")
    ] = None,
    force: Annotated[bool, typer.Option("--force", help="Overwrite the file if it exists.")] = False,
    timeout: CallsTimeoutOption = None,
) -> None:
    """Download a template as a zip archive (which `templates import` takes back)."""
    limit_calls(cli, timeout)
    path = output if output is not None else Path(f"{template}.zip")
    if path.exists() and not force:
        raise CliError(f"{path} exists: pass --force to overwrite it", ExitCode.USAGE)
    written = 0
    with cli.progress.step(f"Exporting template {template} to {path}") as step:
        stream = cli.client().get_code_studio_template(template).get_export_stream()
        # Written beside the target, then renamed: an interrupted download leaves no half-written archive.
        fd, partial = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".partial", dir=path.parent.resolve())
        try:
            with stream, os.fdopen(fd, "wb") as f:
                for chunk in stream.iter_bytes():
                    if cli.deadline is not None:
                        cli.deadline.left()  # --timeout covers the whole download
                    f.write(chunk)
                    written += len(chunk)
                    step.update(size(written))
            os.replace(partial, path)
        except BaseException:
            Path(partial).unlink(missing_ok=True)
            raise
    cli.emit(
        {"templateId": template, "path": str(path), "size": written},
        lambda: cli.out.print(f"{path} ({size(written)})", markup=False),
    )


@command(app, "import")
def import_(
    cli: Cli,
    archive: Annotated[
        Path, typer.Argument(help="A zip made by `templates export`.", exists=True, dir_okay=False, readable=True)
    ],
    label: Annotated[str | None, typer.Option("--label", help="Rename the imported template.")] = None,
    timeout: CallsTimeoutOption = None,
) -> None:
    """Import a template from an archive; prints the id of the new template."""
    limit_calls(cli, timeout)
    with cli.progress.step(f"Importing {archive}"):
        result = cli.client().import_code_studio_template(archive, label=label)

    def human() -> None:
        cli.out.print(result.id, markup=False)
        print_messages(cli, result.messages)

    cli.emit(result.get_raw(), human)


@command(app, "delete")
def delete(
    cli: Cli,
    template: TemplateArg,
    delete_runtime: Annotated[
        bool, typer.Option("--delete-runtime", help="Also delete the code studios made from the template.")
    ] = False,
    delete_images: Annotated[bool, typer.Option("--delete-images", help="Also delete its images.")] = False,
    timeout: CallsTimeoutOption = None,
) -> None:
    """Delete a template."""
    limit_calls(cli, timeout)
    messages = (
        cli.client()
        .get_code_studio_template(template)
        .delete(delete_runtime=delete_runtime, delete_images=delete_images)
    )

    def human() -> None:
        cli.out.print(f"deleted template {template}", markup=False)
        print_messages(cli, messages)

    cli.emit(messages.get_raw(), human)
