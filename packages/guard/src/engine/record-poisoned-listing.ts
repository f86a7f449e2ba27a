import type { Decision } from "@sec0/core";
import type { PolicySnapshot } from "@sec0/policy";
import type { ToolDefinitionScan } from "../content/scan-tool-definition.js";
import { declaredToolVersion } from "../pinning/declared-tool-version.js";
import { readCall } from "../steps/read-call.js";
import { recordCall } from "../steps/record-call.js";
import { endToolSpan } from "../telemetry/tool-span.js";
import { type CallVerdict, recordWith, startRecord } from "./call-record.js";
import type { EngineContext } from "./engine-context.js";
import type { ServerIdentity, ToolDefinition } from "./engine-types.js";

/** A poisoned definition in a `tools/list` answer, and what the policy decided about it. */
export interface PoisonedListing {
  readonly server: ServerIdentity;
  readonly tool: ToolDefinition;
  readonly toolRef: string;
  readonly scan: ToolDefinitionScan;
  readonly decision: Decision;
}

/** Recorded listings remembered per engine; beyond it a poisoned listing is recorded each time. */
const MAX_REMEMBERED = 10_000;

/**
 * Writes the audit record of a poisoned tool definition as it was listed: `op: "list"`, reason
 * `tool_poisoning`, decision `deny` when it was hidden (`would_deny` in observe mode, `allow` when
 * the policy lists the reason nowhere), the findings with their paths, and the definition as the
 * hashed input. Once per policy, tool reference and definition; evidence, never a decision: it
 * never throws (a lost record is logged).
 */
export async function recordPoisonedListing(
  engine: EngineContext,
  snapshot: PolicySnapshot,
  listing: PoisonedListing,
): Promise<void> {
  const key = `${snapshot.hash}\u0000${listing.toolRef}\u0000${listing.scan.hash}`;
  if (engine.poisoningRecorded.has(key)) return;
  if (engine.poisoningRecorded.size < MAX_REMEMBERED) engine.poisoningRecorded.add(key);
  try {
    const { server, tool, decision } = listing;
    const version = declaredToolVersion(tool);
    const args = tool as unknown as Record<string, unknown>;
    const start = readCall(engine, {
      server,
      tool: tool.name,
      args,
      ...(version === undefined ? {} : { version }),
    });
    const record = recordWith(startRecord(start, snapshot), { op: "list", findings: listing.scan.findings });
    const hidden = decision.action !== "allow";
    const wouldDeny = decision.mode === "observe" && decision.wouldBe !== "allow";
    const verdict: CallVerdict = {
      decision: hidden ? "deny" : wouldDeny ? "would_deny" : "allow",
      decisionReason: "tool_poisoning",
      reasons: decision.reasons,
    };
    await recordCall(engine, record, verdict);
    endToolSpan(start.span, {
      ok: !hidden,
      latencyMs: 0,
      attributes: { "sec0.decision": verdict.decision, "sec0.reason": "tool_poisoning" },
    });
  } catch (error) {
    engine.logger.error(
      { err: (error as Error)?.message, tool: listing.toolRef },
      "sec0 audit append failed",
    );
  }
}
