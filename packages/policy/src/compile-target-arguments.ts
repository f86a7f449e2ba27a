import { type Allowlist, compileAllowlist, Sec0Error, type ToolRef } from "@sec0/core";
import { isArgumentPath, type TargetArgumentsPolicy } from "./schema/target-arguments.js";

/** An argument path split into names (`*` = any name). */
export type ArgumentPath = readonly string[];

/** The arguments a policy names as targets of one tool; a kind left out is found by the heuristics. */
export interface ToolTargetArguments {
  readonly fs?: readonly ArgumentPath[];
  readonly egress?: readonly ArgumentPath[];
}

/** `security.target_arguments`, compiled: the mapped arguments of a tool. */
export interface TargetArguments {
  /** The union of the entries whose pattern matches `ref`, or `undefined` when none does. */
  forTool(ref: ToolRef): ToolTargetArguments | undefined;
}

interface Entry {
  readonly allowlist: Allowlist;
  readonly fs?: readonly ArgumentPath[];
  readonly egress?: readonly ArgumentPath[];
}

/**
 * Compiles `security.target_arguments`: each tool pattern with core's one allowlist matcher, each
 * argument path split on dots. `undefined` when there is no entry.
 *
 * @throws {Sec0Error} `POLICY_TARGET_PATH_INVALID` for a malformed argument path, and
 *   `CORE_ALLOWLIST_ENTRY_INVALID` for a bad tool pattern (a policy that skipped validation).
 * @example
 * compileTargetArguments({ "mcp://files/move_file@*": { fs: ["source", "destination"] } });
 */
export function compileTargetArguments(
  policy: TargetArgumentsPolicy | undefined,
): TargetArguments | undefined {
  const entries: Entry[] = Object.entries(policy ?? {}).map(([pattern, kinds]) => ({
    allowlist: compileAllowlist([pattern]),
    ...(kinds.fs === undefined ? {} : { fs: kinds.fs.map((path) => splitPath(pattern, path)) }),
    ...(kinds.egress === undefined ? {} : { egress: kinds.egress.map((path) => splitPath(pattern, path)) }),
  }));
  if (entries.length === 0) return undefined;
  return {
    forTool(ref) {
      let fs: ArgumentPath[] | undefined;
      let egress: ArgumentPath[] | undefined;
      for (const entry of entries) {
        if (!entry.allowlist.match(ref).matched) continue;
        if (entry.fs !== undefined) fs = [...(fs ?? []), ...entry.fs];
        if (entry.egress !== undefined) egress = [...(egress ?? []), ...entry.egress];
      }
      if (fs === undefined && egress === undefined) return undefined;
      return { ...(fs === undefined ? {} : { fs }), ...(egress === undefined ? {} : { egress }) };
    },
  };
}

function splitPath(pattern: string, path: string): ArgumentPath {
  if (!isArgumentPath(path)) {
    throw new Sec0Error(
      "POLICY_TARGET_PATH_INVALID",
      `security.target_arguments["${pattern}"] lists "${path}", which is not an argument path: write names separated by dots, e.g. "request.url".`,
      { details: { pattern, path } },
    );
  }
  return path.split(".");
}
