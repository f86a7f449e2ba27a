import { readCall } from "../steps/read-call.js";
import { recordCall } from "../steps/record-call.js";
import { resolvePolicy } from "../steps/resolve-policy.js";
import { endToolSpan } from "../telemetry/tool-span.js";
import { startRecord } from "./call-record.js";
import type { EngineContext } from "./engine-context.js";
import type { BoundaryEvent } from "./engine-types.js";
import { UNIDENTIFIED_SERVER } from "./govern-server-request.js";

/**
 * Writes the audit record of a message the MCP boundary dropped or refused unrun: decision `deny`,
 * the event's reason, the tool a `tools/call` named (else the method, `response` for an answer),
 * and who sent it, its id and how many messages the record stands for as the hashed input. This
 * is evidence, not a decision: it never throws (a lost record is logged).
 */
export async function recordBoundaryEvent(engine: EngineContext, event: BoundaryEvent): Promise<void> {
  try {
    const count = event.count ?? 1;
    const args = { from: event.from, method: event.method, id: event.id ?? null, count };
    const tool = event.tool ?? event.method;
    const start = readCall(engine, { server: event.server ?? UNIDENTIFIED_SERVER, tool, args });
    const policy = await resolvePolicy(engine, start);
    const record = startRecord(start, "snapshot" in policy ? policy.snapshot : undefined);
    const what = event.from === "server" ? "from the MCP server" : "from the MCP client";
    await recordCall(engine, record, {
      decision: "deny",
      decisionReason: event.reason,
      reasons: [event.reason],
      status: "error",
      error: `sec0 dropped ${count} ${event.method} message(s) ${what} (${event.reason}).`,
    });
    endToolSpan(start.span, {
      ok: false,
      latencyMs: 0,
      attributes: { "sec0.decision": "deny", "sec0.reason": event.reason },
    });
  } catch (error) {
    engine.logger.error({ err: (error as Error)?.message, reason: event.reason }, "sec0 audit append failed");
  }
}
