"""What a user's type checker infers from the facade; checked by `mypy --strict` (never run by pytest).

Each `assert_type` states the type a user sees: `as_type` overloads pick the return type, `state` is
the open enum, timestamps are aware datetimes or None, results are typed, and the async twins give
the same types behind `await`.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any, assert_type

from dss_codestudio import (
    AsyncDSSClient,
    AsyncDSSCodeEnv,
    AsyncDSSCodeEnvListItem,
    AsyncDSSCodeStudioObject,
    AsyncDSSCodeStudioObjectListItem,
    AsyncDSSCodeStudioTemplate,
    AsyncDSSCodeStudioTemplateListItem,
    AsyncDSSCodeStudioTemplateSettings,
    AsyncDSSFuture,
    AsyncDSSLibrary,
    AsyncDSSProjectSettings,
    CodeStudioState,
    CodeStudioStateName,
    DataikuException,
    DSSAuthInfo,
    DSSClient,
    DSSCodeEnv,
    DSSCodeEnvListItem,
    DSSCodeEnvSettings,
    DSSCodeStudioObject,
    DSSCodeStudioObjectConflicts,
    DSSCodeStudioObjectListItem,
    DSSCodeStudioObjectSettings,
    DSSCodeStudioObjectStatus,
    DSSCodeStudioPullResult,
    DSSCodeStudioPushResult,
    DSSCodeStudioStartResult,
    DSSCodeStudioStopResult,
    DSSCodeStudioTemplate,
    DSSCodeStudioTemplateBuildResult,
    DSSCodeStudioTemplateImportResult,
    DSSCodeStudioTemplateListItem,
    DSSCodeStudioTemplateSettings,
    DSSFuture,
    DSSFutureProgress,
    DSSInfoMessages,
    DSSLibrary,
    DSSLibraryFile,
    DSSLibraryFolder,
    DSSProject,
    DSSProjectSettings,
    DSSProjectSummary,
    DSSSyncedZone,
    JSONObject,
    JSONValue,
    NotFoundError,
)
from dss_codestudio.models import (
    CodeStudioStartResult,
    CodeStudioStatus,
    CodeStudioStopResult,
    CodeStudioStopResultExitCodes,
    CodeStudioTemplateBlock,
    CodeStudioTemplateBuild,
    CodeStudioTemplateBuildResult,
    CodeStudioTemplateSettings,
    DssBaseImageBlock,
    DssBaseImageBlockParams,
    FutureState,
    InfoMessages,
    OtherTemplateBlock,
    OtherTemplateBlockParams,
    ProjectCodeEnvSelection,
    ProjectSettings,
    SyncedZoneDefinition,
    Unset,
    VsCodeBlock,
    VsCodeBlockParams,
    VsCodeBlockParamsConfig,
)
from dss_codestudio_openapi import AuthenticatedClient
from dss_codestudio_openapi.api.code_studio_templates import build_code_studio_template
from dss_codestudio_openapi.api.code_studios import restart_code_studio, stop_code_studio
from dss_codestudio_openapi.api.futures import get_future_state
from dss_codestudio_openapi.models import CodeStudioStartFuture, CodeStudioStopFuture, CodeStudioTemplateBuildFuture


def check_sync(client: DSSClient) -> None:
    assert_type(client.list_code_studio_templates(), list[DSSCodeStudioTemplateListItem])
    assert_type(client.list_code_studio_templates(as_type="objects"), list[DSSCodeStudioTemplate])
    assert_type(client.list_code_studio_templates("listitem"), list[DSSCodeStudioTemplateListItem])
    assert_type(client.list_code_studio_templates()[0].last_built, datetime | None)
    assert_type(client.list_code_studio_templates()[0].build_for_configs, list[str])
    assert_type(client.list_futures(), list[JSONObject])
    assert_type(client.list_futures(as_objects=True), list[DSSFuture[JSONValue]])
    assert_type(client.get_future("J").wait_for_result(), JSONValue)
    assert_type(client.list_project_keys(), list[str])
    assert_type(client.import_code_studio_template("t.zip"), DSSCodeStudioTemplateImportResult)
    assert_type(client.with_options(timeout=5), DSSClient)

    project = client.get_project("P")
    assert_type(project, DSSProject)
    assert_type(project.list_code_studios(), list[DSSCodeStudioObjectListItem])
    assert_type(project.list_code_studios(as_type="objects"), list[DSSCodeStudioObject])
    assert_type(project.delete().wait_for_result(), DSSInfoMessages)
    # The porting calls: typed views where dataikuapi answered dicts to read, dicts where it answered dicts to edit.
    assert_type(project.get_summary(), DSSProjectSummary)
    assert_type(project.get_summary().last_modified_on, datetime | None)
    assert_type(project.get_metadata(), JSONObject)
    assert_type(project.get_permissions(), JSONObject)
    project_settings = project.get_settings()
    assert_type(project_settings, DSSProjectSettings)
    assert_type(project_settings.to_model(), ProjectSettings)
    assert_type(project_settings.save(), None)
    execution = project_settings.to_model().settings
    if not isinstance(execution, Unset) and not isinstance(execution.code_envs, Unset):
        assert_type(execution.code_envs.python, ProjectCodeEnvSelection | Unset)
    assert_type(client.get_auth_info(), DSSAuthInfo)
    assert_type(client.get_auth_info().login, str)
    assert_type(client.get_auth_info(with_secrets=True).secrets, dict[str, str])
    assert_type(client.list_code_envs(), list[DSSCodeEnvListItem])
    assert_type(client.list_code_envs(as_objects=True), list[DSSCodeEnv])
    assert_type(client.get_code_env("PYTHON", "py311").get_settings(), DSSCodeEnvSettings)
    assert_type(client.get_code_env("PYTHON", "py311").get_definition(), JSONObject)

    studio = project.get_code_studio("cs")
    status = studio.get_status()
    assert_type(status, DSSCodeStudioObjectStatus)
    assert_type(status.state, CodeStudioState)
    assert_type(status.last_state_change, datetime | None)
    assert_type(status.get_zones(), list[str])
    assert_type(status.get_zones(as_type="objects"), list[DSSSyncedZone])
    assert_type(status.get_zones(as_type="objects")[0].one_way, bool)
    assert_type(status.exposed[0].port, int | None)
    assert_type(status.get_raw(), JSONObject)
    # The generated model under the view: every field of the spec, typed, `Unset` when absent.
    assert_type(status.model, CodeStudioStatus)
    assert_type(status.model.workspace_path, str | Unset)
    assert_type(status.get_zones(as_type="objects")[0].model.studio_path, str | Unset)
    assert_type(status.get_zones(as_type="objects")[0].studio_path, str | None)
    assert_type(status.get_zones(as_type="objects")[0].dss_path, str | None)
    assert_type(status.workspace_path, str | None)
    if status.state == "RUNNING":  # the enum still compares with its string
        assert_type(status.state, CodeStudioState)

    settings = studio.get_settings()
    assert_type(settings, DSSCodeStudioObjectSettings)
    assert_type(settings.owner, str)
    assert_type(studio.check_conflicts("z"), DSSCodeStudioObjectConflicts)
    assert_type(studio.check_conflicts("z").modified, list[str])
    assert_type(studio.push_to_code_studio("z"), DSSCodeStudioPushResult)
    assert_type(studio.push_to_code_studio("z").count, int)
    assert_type(studio.push_to_code_studio("z").has_conflicts, bool)
    assert_type(studio.pull_from_code_studio("z"), DSSCodeStudioPullResult)
    assert_type(studio.change_owner("alice"), DSSCodeStudioObjectSettings)

    # `wait` decides whether a future or the result comes back.
    assert_type(studio.restart(), DSSFuture[DSSCodeStudioStartResult])
    assert_type(studio.restart(wait=True), DSSCodeStudioStartResult)
    assert_type(studio.restart(wait=True).pushed, dict[str, DSSCodeStudioPushResult])
    assert_type(studio.stop(wait=True).state, CodeStudioState | None)
    assert_type(studio.start(wait=True, timeout=600), DSSCodeStudioStartResult)
    assert_type(studio.stop(), DSSFuture[DSSCodeStudioStopResult])
    assert_type(studio.stop(wait=True), DSSCodeStudioStopResult)
    assert_type(studio.wait_for_state("RUNNING", timeout=60), DSSCodeStudioObjectStatus)
    assert_type(studio.wait_for_state(CodeStudioState.STOPPED), DSSCodeStudioObjectStatus)
    assert_type(studio.wait_for_state(["RUNNING", CodeStudioState.STOPPED]), DSSCodeStudioObjectStatus)
    wanted: CodeStudioStateName = "STOPPING"
    assert_type(studio.wait_for_state(wanted), DSSCodeStudioObjectStatus)
    studio.wait_for_state("RUNING")  # type: ignore[arg-type]  # a typo is refused (warn_unused_ignores says so)

    def show(progress: DSSFutureProgress) -> None:
        assert_type(progress.running_time, float)

    template = client.get_code_studio_template("t")
    build = template.build()
    assert_type(build, DSSFuture[DSSCodeStudioTemplateBuildResult])
    assert_type(build.wait_for_result(timeout=1800, on_progress=show), DSSCodeStudioTemplateBuildResult)
    assert_type(build.wait_for_result().messages, DSSInfoMessages)
    assert_type(template.get_settings(), DSSCodeStudioTemplateSettings)
    assert_type(template.get_settings().to_model(), CodeStudioTemplateSettings)
    assert_type(build.progress, DSSFutureProgress | None)
    if build.progress is not None:
        assert_type(build.progress.model, FutureState)
    assert_type(template.delete(), DSSInfoMessages)

    # Futures' results are the spec's result of the operation that started them.
    assert_type(build.wait_for_result().model, CodeStudioTemplateBuildResult)
    assert_type(build.wait_for_result().model.builds, list[CodeStudioTemplateBuild] | Unset)
    assert_type(studio.restart(wait=True).model, CodeStudioStartResult)
    assert_type(studio.start().wait_for_result().model, CodeStudioStartResult)
    assert_type(studio.stop(wait=True).model, CodeStudioStopResult)
    assert_type(studio.stop().wait_for_result().model.exit_codes, CodeStudioStopResultExitCodes | Unset)
    assert_type(project.delete().wait_for_result().model, InfoMessages)

    # Template blocks, typed: each block is the model of its type, or the open fallback.
    template_settings = template.get_settings()
    blocks = template_settings.get_blocks()
    assert_type(blocks, list[CodeStudioTemplateBlock])
    for block in blocks:
        if isinstance(block, VsCodeBlock):
            assert_type(block.params, VsCodeBlockParams | Unset)
            if not isinstance(block.params, Unset):
                assert_type(block.params.config, VsCodeBlockParamsConfig | Unset)
                if not isinstance(block.params.config, Unset):
                    assert_type(block.params.config.port, int | Unset)
                    block.params.config.port = 9090
        elif isinstance(block, OtherTemplateBlock):
            assert_type(block.type_, str)
            assert_type(block.params, OtherTemplateBlockParams | Unset)
    for base in template_settings.get_blocks(DssBaseImageBlock):
        assert_type(base.params, DssBaseImageBlockParams | Unset)
        if not isinstance(base.params, Unset):
            assert_type(base.params.synced_zones, list[SyncedZoneDefinition] | Unset)
    template_settings.set_blocks(blocks)
    template_settings.save()

    custom = DSSFuture.from_resp(client, {"hasResult": True, "result": 3}, lambda r: str(r))
    assert_type(custom, DSSFuture[str])
    assert_type(DSSFuture.from_resp(client, {"jobId": "J"}), DSSFuture[JSONValue])

    library = project.get_library()
    assert_type(library, DSSLibrary)
    file = library.get_file("python/util.py")
    assert_type(file, DSSLibraryFile | None)
    if file is not None:
        assert_type(file.read(), str)
        assert_type(file.read(as_type="bytes"), bytes)
    assert_type(library.get_folder("python"), DSSLibraryFolder | None)

    try:
        studio.delete()
    except NotFoundError as e:
        assert_type(e.status, int | None)
        assert_type(e.error_type, str | None)
    except DataikuException as e:
        assert_type(e.detailed_message, str | None)


async def check_async(client: AsyncDSSClient) -> None:
    assert_type(await client.list_code_studio_templates(), list[AsyncDSSCodeStudioTemplateListItem])
    assert_type(await client.list_code_studio_templates(as_type="objects"), list[AsyncDSSCodeStudioTemplate])
    assert_type(client.with_options(max_retries=0), AsyncDSSClient)
    project = client.get_project("P")
    assert_type(await project.list_code_studios(), list[AsyncDSSCodeStudioObjectListItem])
    assert_type(await project.list_code_studios("objects"), list[AsyncDSSCodeStudioObject])
    assert_type(await project.get_summary(), DSSProjectSummary)
    assert_type(await project.get_settings(), AsyncDSSProjectSettings)
    assert_type(await client.get_auth_info(), DSSAuthInfo)
    assert_type(await client.list_code_envs(), list[AsyncDSSCodeEnvListItem])
    assert_type(await client.list_code_envs(as_objects=True), list[AsyncDSSCodeEnv])
    studio = project.get_code_studio("cs")
    status = await studio.get_status()
    assert_type(status, DSSCodeStudioObjectStatus)
    assert_type(status.state, CodeStudioState)
    future = await studio.restart()
    assert_type(future, AsyncDSSFuture[DSSCodeStudioStartResult])
    assert_type(await future.wait_for_result(timeout=60), DSSCodeStudioStartResult)
    assert_type(await studio.stop(wait=True), DSSCodeStudioStopResult)
    build = await client.get_code_studio_template("t").build()
    assert_type(await build.wait_for_result(), DSSCodeStudioTemplateBuildResult)
    assert_type(await client.get_code_studio_template("t").get_settings(), AsyncDSSCodeStudioTemplateSettings)
    assert_type(await project.get_library(), AsyncDSSLibrary)
    statuses = await client.gather(*(s.get_status() for s in await project.list_code_studios("objects")), limit=8)
    assert_type(statuses, tuple[DSSCodeStudioObjectStatus, ...])
    # Calls of different types: each result typed as its call.
    both = await client.gather(studio.get_status(), studio.get_settings(), project.get_library())
    assert_type(both, tuple[DSSCodeStudioObjectStatus, DSSCodeStudioObjectSettings, AsyncDSSLibrary])
    status_now, settings_now = await client.gather(studio.get_status(), studio.get_settings(), limit=2)
    assert_type(status_now, DSSCodeStudioObjectStatus)
    assert_type(settings_now, DSSCodeStudioObjectSettings)


def check_generated(api: AuthenticatedClient) -> None:
    """The generated client: a start/stop/build answers its typed future; a polled state is generic."""
    build = build_code_studio_template.sync("t", client=api)
    if isinstance(build, CodeStudioTemplateBuildFuture):
        assert_type(build.result, CodeStudioTemplateBuildResult | Unset)
    start = restart_code_studio.sync("P", "cs", client=api)
    if isinstance(start, CodeStudioStartFuture):
        assert_type(start.result, CodeStudioStartResult | Unset)
    stop = stop_code_studio.sync("P", "cs", client=api)
    if isinstance(stop, CodeStudioStopFuture):
        assert_type(stop.result, CodeStudioStopResult | Unset)
    polled = get_future_state.sync("J", client=api)
    if isinstance(polled, FutureState):
        assert_type(polled.result, Any | Unset)
