import type { ToolTargetArguments } from "./compile-target-arguments.js";
import { collectMapped, type TargetSink, walkArguments } from "./walk-call-targets.js";

/** The URLs and paths a call will touch, and the kinds that could not all be looked at. */
export interface CallTargets {
  readonly urls: readonly string[];
  readonly paths: readonly string[];
  /** True for a kind whose targets went past the walk's limits: the check cannot pass. */
  readonly unchecked: { readonly fs: boolean; readonly egress: boolean };
}

/** Options of {@link collectCallTargets}. */
export interface CollectCallTargetsOptions {
  /** The tool's JSON Schema for its arguments (MCP `inputSchema`), when known. */
  readonly inputSchema?: unknown;
  /** The arguments the policy names for this tool (`security.target_arguments`). */
  readonly mapped?: ToolTargetArguments;
  /** Collect paths (default true); `false` when the policy has no filesystem rules. */
  readonly fs?: boolean;
  /** Collect URLs (default true); `false` when the policy has no egress rules. */
  readonly egress?: boolean;
}

/**
 * The URLs and paths a call will touch: the explicit lists, plus what the arguments name. For a
 * kind the policy maps for this tool, exactly the mapped arguments; otherwise every argument,
 * nested objects and arrays included, named like a path (`path`, `source`, `dst`, `cwd`,
 * `output_file`, …) or a URL (`url`, `webhook_url`, `endpoint`, …) in any case, declared with
 * `format: uri` by the input schema, or — where the schema does not declare it — any string that is
 * wholly an absolute URL or an absolute path.
 *
 * @example
 * collectCallTargets({ request: { url: "https://api.example.com" } }).urls; // ["https://api.example.com"]
 */
export function collectCallTargets(
  args: unknown,
  urls?: readonly string[],
  paths?: readonly string[],
  options: CollectCallTargetsOptions = {},
): CallTargets {
  const { mapped } = options;
  const wantFs = options.fs !== false;
  const wantEgress = options.egress !== false;
  const sink: TargetSink = {
    wantFs: wantFs && mapped?.fs === undefined,
    wantEgress: wantEgress && mapped?.egress === undefined,
    urls: urls === undefined ? [] : [...urls],
    paths: paths === undefined ? [] : [...paths],
    uncheckedFs: false,
    uncheckedEgress: false,
    strings: 0,
  };
  if (sink.wantFs || sink.wantEgress) walkArguments(args, options.inputSchema, sink);
  if (wantFs && mapped?.fs !== undefined && !collectMapped(args, mapped.fs, sink.paths))
    sink.uncheckedFs = true;
  if (wantEgress && mapped?.egress !== undefined && !collectMapped(args, mapped.egress, sink.urls))
    sink.uncheckedEgress = true;
  return {
    urls: sink.urls,
    paths: sink.paths,
    unchecked: { fs: sink.uncheckedFs, egress: sink.uncheckedEgress },
  };
}
