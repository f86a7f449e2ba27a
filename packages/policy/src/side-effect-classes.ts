import { compileAllowlist, type ToolRef } from "@sec0/core";
import type { SideEffectClass } from "./schema/side-effects.js";

/** The policy's `side_effects.tools`, compiled: the class it gives a tool, if any. */
export interface SideEffectClasses {
  /** `write` when a write entry matches, else `read` when a read entry does, else `undefined`. */
  classOf(ref: ToolRef): SideEffectClass | undefined;
}

/**
 * Compiles `side_effects.tools` (tool pattern → `read` | `write`) with core's one allowlist
 * matcher. A tool matched by both a read and a write entry is a write: being wrong about a write
 * costs a duplicate side effect, being wrong about a read costs only a key. `undefined` when the
 * map is absent or empty, so that a policy without it costs nothing per call.
 *
 * @throws {Sec0Error} `CORE_ALLOWLIST_ENTRY_INVALID` for a pattern of a policy that skipped validation.
 * @example
 * compileSideEffectClasses({ "mcp://files/lookup@*": "write" })?.classOf({ server: "files", tool: "lookup" }); // "write"
 */
export function compileSideEffectClasses(
  tools: Readonly<Record<string, SideEffectClass>> | undefined,
): SideEffectClasses | undefined {
  const entries = Object.entries(tools ?? {});
  if (entries.length === 0) return undefined;
  const writes = compileAllowlist(entries.filter(([, kind]) => kind === "write").map(([pattern]) => pattern));
  const reads = compileAllowlist(entries.filter(([, kind]) => kind === "read").map(([pattern]) => pattern));
  return {
    classOf(ref) {
      if (writes.match(ref).matched) return "write";
      return reads.match(ref).matched ? "read" : undefined;
    },
  };
}
