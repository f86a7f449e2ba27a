import type { EngineContext } from "./engine-context.js";
import type { BoundaryEvent } from "./engine-types.js";
import { UNIDENTIFIED_SERVER } from "./govern-server-request.js";
import { recordRefusal } from "./record-refusal.js";
/**
 * Writes the audit record of a message the MCP boundary dropped or refused unrun: decision `deny`,
 * the event's reason, the tool a `tools/call` named (else the method, `response` for an answer),
 * and who sent it, its id and how many messages the record stands for as the hashed input. This
 * is evidence, not a decision: it never throws (a lost record is logged).
 */
export async function recordBoundaryEvent(engine: EngineContext, event: BoundaryEvent): Promise<void> {
  const count = event.count ?? 1;
  const what = event.from === "server" ? "from the MCP server" : "from the MCP client";
  await recordRefusal(
    engine,
    {
      server: event.server ?? UNIDENTIFIED_SERVER,
      tool: event.tool ?? event.method,
      args: { from: event.from, method: event.method, id: event.id ?? null, count },
    },
    {
      reason: event.reason,
      message: `sec0 dropped ${count} ${event.method} message(s) ${what} (${event.reason}).`,
    },
  );
}
