import { formatToolRef, nearestAllowlistEntry, type ToolRef } from "@sec0/core";
import type { EngineContext } from "./engine-context.js";
import type { ServerIdentity } from "./engine-types.js";

/**
 * Warns about allowlist entries that spell a server name with reserved characters unencoded
 * (`mcp://mcp-servers/everything/*` reads as server `mcp-servers`): each such entry once per
 * `tools/list`, with the spelling that matches (`mcp://mcp-servers%2Feverything/*`). Only for a
 * server whose name needs encoding, only over hidden tools, and only for entries that start with
 * the unencoded name, so a plain server costs one comparison.
 */
export function warnUnencodedEntries(
  engine: EngineContext,
  server: ServerIdentity,
  entries: readonly string[],
  hidden: readonly ToolRef[],
): void {
  if (hidden.length === 0 || formatToolRef({ server: server.name, tool: "t" }) === `mcp://${server.name}/t`)
    return;
  const prefix = `mcp://${server.name}`;
  for (const entry of entries) {
    if (!entry.trim().toLowerCase().startsWith(prefix.toLowerCase())) continue;
    for (const ref of hidden) {
      const respelled = nearestAllowlistEntry([entry], ref)?.respelled;
      if (respelled === undefined) continue;
      engine.logger.warn(
        { entry, server: server.name, write: respelled },
        "sec0 allowlist entry spells a server name without percent-encoding it",
      );
      break;
    }
  }
}
