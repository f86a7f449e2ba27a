import { Sec0Error } from "@sec0/core";
import type { HopType } from "../hop-types.js";
import { buildHopConfig } from "./build-hop-config.js";
import { configIssueError } from "./config-error.js";
import { getSec0AppConfig } from "./current-app.js";
import { hopEntrySchema } from "./hop-entry-schema.js";
import { hopSourcesOf } from "./hop-sources.js";
import type { Sec0HopConfig } from "./sec0-app-profile.js";

/** Hop fields given in code (same keys as an `app.hops` entry); they override the registry's. */
export type InlineHopFields = Readonly<Record<string, unknown>>;

/**
 * The hop `key` of the current app as a hop of `type`: the `app.hops` entry, with `inline` fields
 * (if any) written over it and validated as one entry. Without a registry entry, `inline` must
 * give at least `nodeId` (and what the type needs).
 *
 * @throws {Sec0Error} `INSTRUMENTATION_NOT_INITIALIZED`; `INSTRUMENTATION_HOP_UNKNOWN` when `key` is
 * not registered and `inline` has no nodeId; `INSTRUMENTATION_HOP_TYPE_MISMATCH` when the registry
 * (or inline `type`) says another type; `INSTRUMENTATION_CONFIG_INVALID` for bad inline fields.
 * @example
 * resolveHop("OrderAgent.run", "agent").nodeId; // "order-agent"
 * resolveHop("fetch", "tool", { nodeId: "fetcher", server: "web", tool: "fetch@1" });
 */
export function resolveHop(key: string, type: HopType, inline?: InlineHopFields): Sec0HopConfig {
  const profile = getSec0AppConfig();
  const registered = profile.hops.get(key);
  const configured = registered?.type ?? (typeof inline?.type === "string" ? inline.type : undefined);
  if (configured !== undefined && configured !== type) {
    throw new Sec0Error(
      "INSTRUMENTATION_HOP_TYPE_MISMATCH",
      `Hop "${key}" is configured as type ${configured}, but is used as a ${type} hop; change its type in app.hops of ${profile.source} or use the ${configured} decorator.`,
      { details: { hop: key, expected: type, configured } },
    );
  }
  const hasInline = inline !== undefined && Object.keys(inline).length > 0;
  if (registered !== undefined && !hasInline) return registered;
  if (registered === undefined && inline?.nodeId === undefined) {
    throw new Sec0Error(
      "INSTRUMENTATION_HOP_UNKNOWN",
      `No hop "${key}" in app.hops of ${profile.source}; add it (type: ${type}, nodeId: …) or pass an inline nodeId.`,
      { details: { hop: key, type } },
    );
  }
  const { entries, defaults } = hopSourcesOf(profile);
  const merged = { ...entries[key], ...inline, type };
  const parsed = hopEntrySchema.safeParse(merged);
  const source = { name: `hop "${key}" (app.hops entry with inline fields)` };
  if (!parsed.success) {
    const issues = parsed.error.issues.map((issue) => ({
      ...issue,
      path: ["app", "hops", key, ...issue.path],
    }));
    throw configIssueError(source, issues);
  }
  return Object.freeze(buildHopConfig(key, parsed.data, { ...defaults, source }));
}
