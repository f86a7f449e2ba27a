import { decide } from "@sec0/core";
import { scanSide } from "../content/scan-side.js";
import { readCall } from "../steps/read-call.js";
import { recordCall } from "../steps/record-call.js";
import { resolvePolicy } from "../steps/resolve-policy.js";
import { endToolSpan } from "../telemetry/tool-span.js";
import { type CallRecord, type CallVerdict, recordWith, startRecord } from "./call-record.js";
import type { EngineContext } from "./engine-context.js";
import type { Refusal, ServerIdentity, ServerRequest, ServerRequestOutcome } from "./engine-types.js";
import { createRefusal } from "./refusal.js";

/** The server of a record made before the MCP server identified itself. */
export const UNIDENTIFIED_SERVER: ServerIdentity = Object.freeze({ name: "unknown" });

/**
 * Governs a request the MCP server sends the client (`sampling/createMessage`, `elicitation/create`,
 * …): its params go through the input detectors (Agent Guard, compliance packs) and core's algebra
 * decides with the policy's `deny_on` / `escalate_on`. Nobody can approve a server's request, so an
 * escalation denies. One audit record, with the method as the tool; a failure fails closed.
 */
export async function governServerRequest(
  engine: EngineContext,
  request: ServerRequest,
): Promise<ServerRequestOutcome> {
  const params = isPlainObject(request.params) ? request.params : {};
  const start = readCall(engine, {
    server: request.server ?? UNIDENTIFIED_SERVER,
    tool: request.method,
    args: params,
  });
  const policy = await resolvePolicy(engine, start);
  if ("refusal" in policy) return refuse(engine, startRecord(start, undefined), policy.refusal);
  const { snapshot } = policy;
  const { compiled } = snapshot;
  let record = startRecord(start, snapshot);
  try {
    const judge = engine.options.adapters?.judge;
    const scanning = scanSide("input", params, compiled, engine.guardFor(compiled), judge);
    const scanned = scanning instanceof Promise ? await scanning : scanning;
    record = recordWith(record, { findings: scanned.findings });
    const decision = decide({
      mode: compiled.mode,
      denyOn: compiled.denyOn,
      escalateOn: [...compiled.escalateOn, ...scanned.escalate],
      reasons: scanned.reasons,
      faults: scanned.faults,
      escalationAvailable: false,
    });
    if (decision.action !== "allow") {
      const detail = `(a ${request.method} request of the MCP server; it did not reach the client)`;
      const reason = decision.reason ?? "agent_guard_failed";
      return refuse(engine, record, createRefusal("deny", reason, decision.reasons, { detail }));
    }
    const wouldDeny = decision.mode === "observe" && decision.wouldBe !== "allow";
    const verdict: CallVerdict = {
      decision: wouldDeny ? "would_deny" : "allow",
      decisionReason: decision.reason,
      reasons: decision.reasons,
    };
    await recordCall(engine, record, verdict);
    endToolSpan(start.span, { ok: true, latencyMs: engine.clock.now() - start.started });
    return { status: "ok", decision };
  } catch (error) {
    const message = (error as Error)?.message ?? String(error);
    engine.logger.error({ err: message, tool: start.toolRef }, "sec0 evaluation failed");
    return refuse(engine, record, createRefusal("deny", "evaluation_error", ["evaluation_error"]), message);
  }
}

async function refuse(
  engine: EngineContext,
  record: CallRecord,
  refusal: Refusal,
  error?: string,
): Promise<ServerRequestOutcome> {
  const verdict: CallVerdict = {
    decision: "deny",
    decisionReason: refusal.reason,
    reasons: refusal.reasons,
    status: "error",
    error,
  };
  await recordCall(engine, record, verdict);
  endToolSpan(record.start.span, {
    ok: false,
    latencyMs: engine.clock.now() - record.start.started,
    attributes: { "sec0.decision": "deny", "sec0.reason": refusal.reason },
  });
  return { status: "refused", refusal };
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
