import { readCall } from "../steps/read-call.js";
import { recordCall } from "../steps/record-call.js";
import { resolvePolicy } from "../steps/resolve-policy.js";
import { endToolSpan } from "../telemetry/tool-span.js";
import { type CallVerdict, startRecord } from "./call-record.js";
import type { EngineContext } from "./engine-context.js";
import type { GovernedCall, HopIds, SurfaceRefusal } from "./engine-types.js";

/**
 * Writes the audit record of a call the surface refused unrun (the gateway's authentication,
 * quota or routing checks): decision `deny`, the refusal's reason, the call's hashed arguments and
 * the hop ids its reply carries. Evidence, not a decision: it never throws (a lost record is
 * logged) and returns the hop ids either way.
 */
export function recordRefusal(
  engine: EngineContext,
  call: GovernedCall,
  refusal: SurfaceRefusal,
): Promise<HopIds> {
  return recordUnrunCall(
    engine,
    call,
    {
      decision: "deny",
      decisionReason: refusal.reason,
      reasons: [refusal.reason],
      status: "error",
      error: refusal.message,
    },
    { "sec0.decision": "deny", "sec0.reason": refusal.reason },
  );
}

/**
 * The record of something decided without running a tool (a surface's refusal, a finished scan):
 * the call read and its policy resolved as for a governed call, `verdict` recorded, its span ended.
 * Never throws: a lost record is logged. Returns the hop ids the record names.
 */
export async function recordUnrunCall(
  engine: EngineContext,
  call: GovernedCall,
  verdict: CallVerdict,
  attributes: Readonly<Record<string, string>>,
): Promise<HopIds> {
  const start = readCall(engine, call);
  const hop = { traceId: start.span.traceId, spanId: start.span.spanId };
  try {
    const policy = await resolvePolicy(engine, start);
    const record = startRecord(start, "snapshot" in policy ? policy.snapshot : undefined);
    await recordCall(engine, record, verdict);
  } catch (error) {
    engine.logger.error(
      { err: (error as Error)?.message, reason: verdict.decisionReason, tool: call.tool },
      "sec0 audit append failed",
    );
  }
  endToolSpan(start.span, { ok: verdict.decision !== "deny", latencyMs: 0, attributes });
  return hop;
}
