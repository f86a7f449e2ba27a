import { parseToolRef, type ToolRef } from "@sec0/core";

/**
 * The tool a `tool_call` / `mcp_call` target names: `mcp://server/tool@1.0`, or the short form
 * `server:tool@1.0` (0.2.3's); `undefined` when it names none (the allowlist then refuses it).
 *
 * @example
 * guardToolRef("payments:refund@1.0"); // { server: "payments", tool: "refund", version: "1.0" }
 */
export function guardToolRef(target: string | undefined): ToolRef | undefined {
  if (target === undefined) return undefined;
  const text = target.trim();
  const short = /^([^:/@\s]+):([^/\s]+)$/.exec(text);
  try {
    const ref = parseToolRef(short === null ? text : `mcp://${short[1]}/${short[2]}`);
    return ref.server === undefined ? undefined : ref;
  } catch {
    return undefined;
  }
}
