// A typed use of the TypeScript types openapi-typescript generates from openapi.yaml: template
// blocks (known ones narrowed by their type, plugin blocks through the open fallback) and the
// typed results of the futures a build, a start and a stop answer. tsc --strict compiles it in
// tests/spec/test_spec_tools.py; the @ts-expect-error lines must stay errors.
import type { components, paths } from "./schema";

type Schemas = components["schemas"];
type Block = Schemas["CodeStudioTemplateBlock"];
type KnownBlock = Schemas["KnownTemplateBlock"];
type Settings = Schemas["CodeStudioTemplateSettings"];

// Every known type: the compiler checks that each is one (a misspelt or removed type fails).
const KNOWN_TYPES: ReadonlyArray<KnownBlock["type"]> = [
  "dss_base_image",
  "simple_deployment",
  "append_dockerfile",
  "entrypoint",
  "add_codeenv",
  "add_starter_files",
  "pycdstdioblk_code-studio-blocks_vscode",
  "pycdstdioblk_code-studio-blocks_jupyterlab",
];

function isKnown(block: Block): block is KnownBlock {
  return (KNOWN_TYPES as ReadonlyArray<string>).includes(block.type);
}

/** What a template's blocks say: synchronised zones, exposed ports, code envs, plugin blocks. */
export function describe(settings: Settings): string[] {
  const out: string[] = [];
  for (const block of settings.params?.blocks ?? []) {
    if (!isKnown(block)) {
      const other: Schemas["OtherTemplateBlock"] = block;
      out.push(`${other.type}: ${Object.keys(other.params ?? {}).length} parameters`);
      continue;
    }
    switch (block.type) {
      case "dss_base_image":
        for (const zone of block.params?.syncedZones ?? []) {
          const oneWay: boolean | undefined = zone.oneWay;
          out.push(`${zone.zone} at ${zone.pathInContainer ?? "?"}${oneWay ? " (one way)" : ""}`);
        }
        out.push(...(block.params?.excludedFromSync ?? []));
        break;
      case "entrypoint": {
        const port: number | undefined = block.params?.exposedPort?.port;
        out.push(`${block.params?.label ?? "entry point"} on ${port ?? "no port"}`);
        break;
      }
      case "add_codeenv":
        out.push(`code env ${block.params?.envName ?? "?"}`);
        break;
      case "pycdstdioblk_code-studio-blocks_vscode": {
        const port: number | undefined = block.params?.config?.port;
        const extensions: unknown[] = block.params?.config?.additionalExtensions ?? [];
        out.push(`VS Code on ${port ?? 8080} with ${extensions.length} extensions`);
        break;
      }
      default:
        out.push(block.type);
    }
  }
  return out;
}

type Answer<P extends keyof paths, M extends "post"> = paths[P][M] extends {
  responses: { 200: { content: { "application/json": infer A } } };
}
  ? A
  : never;

type BuildFuture = Answer<"/admin/code-studios/{templateId}/build", "post">;
type StartFuture = Answer<"/projects/{projectKey}/code-studios/{codeStudioId}/restart", "post">;
type StopFuture = Answer<"/projects/{projectKey}/code-studios/{codeStudioId}/stop", "post">;

/** The images a build future's result lists, or none when its messages report an error. */
export function builtImages(future: BuildFuture): string[] {
  const result: Schemas["CodeStudioTemplateBuildResult"] | undefined = future.result;
  if (result?.messages?.error) return [];
  return (result?.builds ?? []).map((build) => `${build.configName ?? "?"}: ${build.imageTag ?? "?"}`);
}

/** The URLs a start exposes and the exit codes a stop saw. */
export function lifecycle(start: StartFuture, stop: StopFuture): string[] {
  const urls = (start.result?.exposed ?? []).map((port) => port.url ?? "");
  const pushed: number = Object.values(start.result?.pushed ?? {}).reduce((n, push) => n + push.count, 0);
  const exits: number[] = Object.values(stop.result?.exitCodes ?? {});
  return [...urls, `pushed ${pushed}`, ...exits.map(String), start.jobId ?? "done at once"];
}

export const plugin: Block = { type: "pycdstdioblk_myplugin_myblock", params: { anything: [1, "two"] } };
export const base: Block = { type: "dss_base_image", params: { syncedZones: [{ zone: "recipes" }] } };
export const withUnknownFields: Block = { type: "add_codeenv", params: { envName: "py311", future: true }, extra: 1 };
// @ts-expect-error: a known block's params keep their types
export const wrongParams: KnownBlock = { type: "dss_base_image", params: { excludedFromSync: "node_modules/" } };
// @ts-expect-error: a synchronised zone needs its kind
export const noZone: KnownBlock = { type: "dss_base_image", params: { syncedZones: [{ oneWay: true }] } };
// @ts-expect-error: a build's result is a build result
export const wrongResult: BuildFuture = { hasResult: true, result: { builds: "none" } };
