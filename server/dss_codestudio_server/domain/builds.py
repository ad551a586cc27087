"""Template builds: a background job that turns a template's blocks into a build output folder.

Output (`builds/<template uid>/out-<jobId>/`): `Dockerfile`, `entrypoints.json` (what the local
runtime starts), `zones.json` (the synchronised zones), `template.json` (the settings built),
`build.json` (summary and messages), `build.log`, and `context/template-resources/`.

The build is written into a staging folder and published atomically by switching the
`current` symbolic link to it, so an aborted, failed or killed build leaves the previous output
intact. Builds of one template run one at a time. Each step's output is cached by the content of
its block and of the steps before it; `withNoCache` ignores the cache.

An IDE block's environment (JupyterLab, Streamlit, VS Code: `ides`) is installed by its step into
the IDE store, keyed by what it is made of: an unchanged block finds it there and installs nothing,
`withNoCache` installs it again. `build.log` says what was installed, with versions, time and size;
a failed install fails the build with a message that says what is missing, and nothing is published.
Environments no kept output, build or running studio uses are removed after each publication.
"""

from __future__ import annotations

import hashlib
import json
import os
import shlex
import shutil
import threading
from collections.abc import Callable
from pathlib import Path

from dss_codestudio_server.domain import wire
from dss_codestudio_server.domain.build_plan import BuildPlan, BuildStep, plan_build
from dss_codestudio_server.domain.clock import now_ms
from dss_codestudio_server.domain.code_envs import CodeEnvService
from dss_codestudio_server.domain.info_messages import InfoMessages
from dss_codestudio_server.domain.jobs import FutureState, JobContext, JobRunner
from dss_codestudio_server.domain.templates import BUILD_JOB_KIND, TemplateRecord, TemplateService, require_admin
from dss_codestudio_server.domain.users import Principal
from dss_codestudio_server.ides import ToolAborted, ToolError, ToolStore, ToolUnavailable
from dss_codestudio_server.ides.blocks import ENVIRONMENT
from dss_codestudio_server.jsonshape import JsonObject
from dss_codestudio_server.runtime.entrypoints import PLACEHOLDERS
from dss_codestudio_server.storage import Database, atomic_write_bytes, atomic_write_json, fsync_dir, remove_tree

CURRENT = "current"
STAGING_PREFIX = ".staging-"
OUTPUT_PREFIX = "out-"
KEEP_OUTPUTS = 2  # the current output and the one before it (a studio may still be starting from it)


def _layer_hash(previous: str, material: str) -> str:
    return hashlib.sha256(f"{previous}\n{material}".encode()).hexdigest()


class BuildService:
    """Starts template builds and keeps their outputs."""

    def __init__(
        self,
        db: Database,
        templates: TemplateService,
        jobs: JobRunner,
        builds_dir: Path,
        *,
        code_envs: CodeEnvService | None = None,
        container_confs: tuple[str, ...] = ("local",),
        base_image: str = "dataiku-dss-code-studio-base:local",
        step_delay: float = 0.0,
        tools: ToolStore | None = None,
    ) -> None:
        self._db = db
        self._templates = templates
        self._jobs = jobs
        self._code_envs = code_envs
        self._dir = builds_dir
        self._cache = builds_dir / "cache"
        self._cache.mkdir(parents=True, exist_ok=True)
        self.container_confs = container_confs
        self.base_image = base_image
        self.step_delay = step_delay
        self._locks: dict[str, threading.Lock] = {}
        self._guard = threading.Lock()
        self.tools = tools if tools is not None else ToolStore(builds_dir / "ides", install=False)
        """Where IDE blocks' environments are installed and found again."""
        self._building: set[Path] = set()  # environments of builds not yet published
        self._running: Callable[[], set[Path]] = set
        templates.set_build_check(lambda template_id: bool(jobs.running_for(BUILD_JOB_KIND, template_id)))

    def _lock(self, uid: str) -> threading.Lock:
        with self._guard:
            return self._locks.setdefault(uid, threading.Lock())

    def start(self, principal: Principal, template_id: str, *, no_cache: bool = False) -> FutureState:
        """Start building a template; returns the future of the build."""
        require_admin(principal)
        record = self._templates.get(template_id)
        label = record.settings.get("label") or template_id
        return self._jobs.start(
            kind=BUILD_JOB_KIND,
            owner=principal.login,
            display_name=f"Build code studio template {label}",
            target=template_id,
            work=lambda ctx: self._run(ctx, template_id, record.uid, no_cache),
        )

    def set_tools_in_use(self, running: Callable[[], set[Path]]) -> None:
        """Tell which environments running studios use (never removed from the IDE store)."""
        self._running = running

    def _run(self, ctx: JobContext, template_id: str, uid: str, no_cache: bool) -> JsonObject:
        lock = self._lock(uid)
        ctx.set_step("Waiting for the previous build of the template")
        while not lock.acquire(timeout=0.05):
            ctx.check_aborted()
        try:
            return self._build(ctx, template_id, uid, no_cache)
        finally:
            lock.release()

    def _configs(self, record: TemplateRecord, messages: InfoMessages) -> list[str]:
        settings = record.settings
        if settings.get("allContainerConfs") is True:
            return list(self.container_confs)
        wanted = settings.get("containerConfs")
        names = [c for c in wanted if isinstance(c, str)] if isinstance(wanted, list) else []
        if not names and isinstance(settings.get("defaultContainerConf"), str):
            names = [str(settings["defaultContainerConf"])]
        known = [n for n in names if n in self.container_confs]
        for name in names:
            if name not in self.container_confs:
                messages.warning(
                    f"Container configuration {name} does not exist on this server", code="BUILD_CONF_UNKNOWN"
                )
        if not known:
            known = [self.container_confs[0]]
            messages.info(f"Built for the default container configuration {known[0]}", code="BUILD_CONF_DEFAULT")
        return known

    def _build(self, ctx: JobContext, template_id: str, uid: str, no_cache: bool) -> JsonObject:
        record = self._templates.get(template_id)
        started = now_ms()
        messages = InfoMessages()
        configs = self._configs(record, messages)
        declared = self._code_envs.declared() if self._code_envs is not None else None
        plan = plan_build(template_id, record.settings, base_image=self.base_image, code_envs=declared)
        messages.extend(plan.messages)
        template_dir = self._dir / uid
        staging = template_dir / f"{STAGING_PREFIX}{ctx.job_id}"
        log_lines: list[str] = []

        def log(line: str) -> None:
            log_lines.append(f"{now_ms()} {line}")

        with self._db.transaction() as conn:
            conn.execute(
                "INSERT INTO builds (job_id, template_id, template_uid, started_ms) VALUES (?, ?, ?, ?)",
                (ctx.job_id, template_id, uid, started),
            )
        outcome = "FAILED"
        ides: list[JsonObject] = []
        try:
            staging.mkdir(parents=True)
            log(f"Building template {template_id} for {', '.join(configs)}{' without cache' if no_cache else ''}")
            dockerfile = [f"# Generated by dss-codestudio-server for code studio template {template_id}"]
            dockerfile += self._run_steps(ctx, plan, no_cache, messages, log, ides)
            ctx.set_step("Copying template resources")
            self._copy_resources(ctx, self._templates.resources_dir(record), staging / "context" / "template-resources")
            if plan.has_error:
                messages.error("The image was not produced because of the errors above", code="BUILD_FAILED")
                log("Build failed: the image was not produced")
            result = self._result(template_id, configs, ctx.job_id, no_cache, messages)
            self._write_outputs(staging, record, plan, dockerfile, {**result, "ides": ides}, log_lines, started)
            if not plan.has_error:
                ctx.check_aborted()
                self._publish(template_dir, staging, ctx.job_id)
                self._templates.record_build(template_id, uid, configs, now_ms())
                outcome = "SUCCESS"
                self._collect_tools()
            ctx.set_step(
                "Build finished" if outcome == "SUCCESS" else "Build failed", len(plan.steps), len(plan.steps), "STEPS"
            )
            return result
        finally:
            remove_tree(staging)
            with self._guard:
                self._building.difference_update(Path(str(i["path"])) for i in ides)
            with self._db.transaction() as conn:
                conn.execute(
                    "UPDATE builds SET ended_ms = ?, outcome = ?, output_name = ? WHERE job_id = ?",
                    (now_ms(), outcome, f"{OUTPUT_PREFIX}{ctx.job_id}" if outcome == "SUCCESS" else None, ctx.job_id),
                )

    def _run_steps(
        self,
        ctx: JobContext,
        plan: BuildPlan,
        no_cache: bool,
        messages: InfoMessages,
        log: Callable[[str], None],
        ides: list[JsonObject],
    ) -> list[str]:
        lines: list[str] = []
        layer = _layer_hash("", self.base_image)
        total = len(plan.steps)
        cached = 0
        for number, step in enumerate(plan.steps, start=1):
            ctx.check_aborted()
            ctx.set_step(f"Step {number}/{total}: {step.block_type}", number - 1, total, "STEPS")
            layer = _layer_hash(layer, step.cache_material)
            entry = self._cache / f"{layer}.json"
            if not no_cache and entry.is_file():
                fragment = json.loads(entry.read_text())["dockerfile"]
                cached += 1
                log(f"Step {number}/{total} ({step.block_type}): using cache {layer[:12]}")
            else:
                ctx.wait(self.step_delay)  # stands for the time the image layer takes to build
                fragment = step.dockerfile
                atomic_write_json(entry, {"blockType": step.block_type, "dockerfile": fragment, "createdMs": now_ms()})
                log(f"Step {number}/{total} ({step.block_type}): built layer {layer[:12]}")
            if step.ide is not None:
                installed = self._provide_ide(ctx, plan, step, no_cache, log, f"Step {number}/{total}")
                if installed is not None:
                    ides.append(installed)
            for message in step.messages.messages:
                log(f"  {message['severity']}: {message['message']}")
            messages.extend(step.messages)
            lines += fragment
        if no_cache:
            messages.info("Built without the cache", code="BUILD_NO_CACHE")
        elif cached:
            messages.info(f"Using cache for {cached} of {total} step(s)", code="BUILD_CACHE_USED")
        return lines

    def _provide_ide(
        self, ctx: JobContext, plan: BuildPlan, step: BuildStep, no_cache: bool, log: Callable[[str], None], where: str
    ) -> JsonObject | None:
        """Install (or find) an IDE block's environment and point its entry point at it; None when there is none."""
        ide = step.ide
        assert ide is not None
        try:
            tool = self.tools.provide(
                ide.tool,
                no_cache=no_cache,
                cancelled=lambda: ctx.abort_requested,
                report=lambda what: ctx.set_step(f"{where}: {ide.label}: {what}"),
            )
        except ToolAborted:
            ctx.check_aborted()
            raise
        except ToolUnavailable as exc:
            plan.entrypoints.remove(ide.entrypoint)
            plan.skipped_entrypoints.append({**ide.entrypoint, "reason": str(exc)})
            step.messages.warning(
                f"{ide.label} was not installed ({exc}): studios made from this template start without it",
                code="BUILD_IDE_NOT_INSTALLED",
            )
            return None
        except ToolError as exc:
            for line in exc.output.splitlines()[-15:]:
                log(f"  | {line}")
            last = exc.output.strip().splitlines()[-1:] if exc.output.strip() else []
            step.messages.error(
                f"{ide.label}: {exc.message}" + (f" (last output: {last[0][:300]})" if last else ""),
                code="BUILD_IDE_INSTALL_FAILED",
            )
            return None
        with self._guard:
            self._building.add(tool.path)
        for warning in tool.warnings:
            step.messages.warning(warning, code="BUILD_IDE_VERSION")
        entry = ide.entrypoint
        entry["command"] = str(entry["command"]).replace(ENVIRONMENT, shlex.quote(str(tool.path)))
        entry["argv"] = shlex.split(str(entry["command"]))
        entry["readOnly"] = [str(p) for p in tool.read_only]
        manifest = tool.manifest
        shown = manifest.get("shown")
        versions = ", ".join(f"{k} {v}" for k, v in shown.items()) if isinstance(shown, dict) else tool.summary
        size = int(str(manifest.get("sizeBytes", 0)))
        how = "found in the shared IDE cache" if tool.shared else "found in the IDE store"
        if not tool.reused:
            how = f"installed in {manifest.get('installSeconds')} s"
        log(f"  {ide.label}: {versions}; {how}; {size / 1e6:.0f} MB at {tool.path}")
        step.messages.info(f"{ide.label}: {tool.summary} ({how})", code="BUILD_IDE_READY")
        return {
            "block": step.block_type,
            "label": ide.label,
            "port": ide.port,
            "path": str(tool.path),
            "summary": tool.summary,
            "versions": manifest.get("versions", {}),
            "reused": tool.reused,
            "shared": tool.shared,
            "sizeBytes": size,
            "installSeconds": manifest.get("installSeconds"),
        }

    def _collect_tools(self) -> None:
        """Remove the IDE store's environments no kept build output, build under way or running studio uses."""
        keep: set[Path] = set()
        for summary in self._dir.glob(f"*/{OUTPUT_PREFIX}*/build.json"):
            try:
                listed = json.loads(summary.read_text()).get("ides", [])
            except (OSError, ValueError, AttributeError):
                continue
            keep |= {Path(str(i.get("path"))) for i in listed if isinstance(i, dict)}
        with self._guard:
            keep |= self._building
        keep |= self._running()
        self.tools.collect(keep)

    def _copy_resources(self, ctx: JobContext, source: Path, destination: Path) -> None:
        destination.mkdir(parents=True, exist_ok=True)
        if not source.is_dir():
            return
        for path in sorted(source.rglob("*")):
            ctx.check_aborted()
            if path.is_symlink() or not path.is_file():
                continue
            target = destination / path.relative_to(source)
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(path, target)

    def _result(
        self, template_id: str, configs: list[str], job_id: str, no_cache: bool, messages: InfoMessages
    ) -> JsonObject:
        tags = {conf: f"dku-code-studio-{template_id}:{job_id}" for conf in configs}
        return wire.build_result(messages, tags, no_cache=no_cache)

    def _write_outputs(
        self,
        staging: Path,
        record: TemplateRecord,
        plan: BuildPlan,
        dockerfile: list[str],
        result: JsonObject,
        log_lines: list[str],
        started: int,
    ) -> None:
        atomic_write_bytes(staging / "Dockerfile", ("\n".join(dockerfile) + "\n").encode())
        atomic_write_json(
            staging / "entrypoints.json",
            {
                "formatVersion": 1,
                "templateId": record.id,
                "placeholders": PLACEHOLDERS,
                "entrypoints": plan.entrypoints,
                "skipped": plan.skipped_entrypoints,
                "exposedPorts": plan.exposed_ports,
            },
        )
        atomic_write_json(
            staging / "zones.json",
            {"zones": plan.zones, "excludedFromSync": plan.excluded_from_sync, "starterFiles": plan.starter_files},
        )
        atomic_write_json(staging / "template.json", record.to_settings_json())
        atomic_write_json(
            staging / "build.json",
            {"templateId": record.id, "startedMs": started, "endedMs": now_ms(), **result},
        )
        atomic_write_bytes(staging / "build.log", ("\n".join(log_lines) + "\n").encode())
        fsync_dir(staging)

    def _publish(self, template_dir: Path, staging: Path, job_id: str) -> None:
        output = template_dir / f"{OUTPUT_PREFIX}{job_id}"
        staging.rename(output)
        link = template_dir / f".{CURRENT}-{job_id}"
        os.symlink(output.name, link)
        os.replace(link, template_dir / CURRENT)  # atomic: readers see the old output or the new one
        fsync_dir(template_dir)
        outputs = sorted(
            (p for p in template_dir.iterdir() if p.name.startswith(OUTPUT_PREFIX) and not p.is_symlink()),
            key=lambda p: p.stat().st_mtime_ns,
        )
        for old in outputs[:-KEEP_OUTPUTS]:
            if old != output:
                remove_tree(old)

    def recover_after_crash(self) -> int:
        """Delete staging folders of builds a crash interrupted, and mark those builds failed."""
        removed = 0
        for template_dir in self._dir.iterdir() if self._dir.is_dir() else []:
            if template_dir.name == "cache" or not template_dir.is_dir():
                continue
            for child in template_dir.iterdir():
                if child.name.startswith((STAGING_PREFIX, f".{CURRENT}-")):
                    remove_tree(child)
                    removed += 1
        with self._db.transaction() as conn:
            conn.execute("UPDATE builds SET outcome = 'FAILED', ended_ms = ? WHERE outcome = 'RUNNING'", (now_ms(),))
        self._record_published_builds()
        return removed

    def _record_published_builds(self) -> None:
        """Note builds that were published but not recorded (a crash between the two steps)."""
        for row in self._db.query("SELECT id, uid, last_built_ms FROM templates"):
            summary = self._dir / row["uid"] / CURRENT / "build.json"
            try:
                built = json.loads(summary.read_text())
            except (OSError, ValueError):
                continue
            ended = built.get("endedMs")
            if isinstance(ended, int) and ended > row["last_built_ms"]:
                configs = [
                    b["configName"] for b in built.get("builds", []) if isinstance(b, dict) and "configName" in b
                ]
                self._templates.record_build(row["id"], row["uid"], configs, ended)
