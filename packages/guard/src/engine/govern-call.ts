import { type Decision, decide } from "@sec0/core";
import { checkInput } from "../steps/check-input.js";
import { checkOutput, type OutputCheck } from "../steps/check-output.js";
import { type CallDecision, decideCall } from "../steps/decide-call.js";
import { executeCall, isToolError } from "../steps/execute-call.js";
import { readCall } from "../steps/read-call.js";
import { recordCall } from "../steps/record-call.js";
import { resolvePolicy } from "../steps/resolve-policy.js";
import { endToolSpan } from "../telemetry/tool-span.js";
import { type CallRecord, type CallVerdict, recordWith, startRecord } from "./call-record.js";
import type { EngineContext } from "./engine-context.js";
import type { ExecuteTool, GovernedCall, GovernedOutcome, HopIds, Refusal } from "./engine-types.js";
import { createRefusal } from "./refusal.js";

/**
 * Governs one call: read it, resolve its policy, check its input, decide, run it, check its
 * output, record it. Each step is a function of its own that returns a value; a refusal at any
 * step is recorded and returned, never thrown. A failure inside evaluation is a deny with
 * `evaluation_error` (fail closed); the tool's own failure is recorded and rethrown unchanged.
 */
export async function governCall(
  engine: EngineContext,
  call: GovernedCall,
  execute: ExecuteTool,
): Promise<GovernedOutcome> {
  const start = readCall(engine, call);
  const policy = await resolvePolicy(engine, start);
  if ("refusal" in policy) return refuse(engine, startRecord(start, undefined), policy.refusal);
  const { snapshot } = policy;
  let record = startRecord(start, snapshot);
  try {
    const checking = checkInput(engine, start, snapshot);
    const input = checking instanceof Promise ? await checking : checking;
    record = recordWith(record, {
      op: input.sideEffect ? "write" : "read",
      findings: input.findings,
      riskTags: input.riskTags,
    });
    const deciding = decideCall(engine, start, snapshot, input);
    const decided = deciding instanceof Promise ? await deciding : deciding;
    if (decided.status === "refused") return refuse(engine, record, decided.refusal, decided.escalationError);
    const executed = await executeCall(engine, start, snapshot, decided.decision, input.sideEffect, execute);
    if (executed.status === "refused") return refuse(engine, record, executed.refusal);
    if (executed.status === "failed")
      throw new ToolFailure(await recordFailure(engine, record, decided.decision, executed.error));
    record = executed.replayed
      ? recordWith(record, {
          output: executed.result,
          replayed: true,
          riskTags: [...record.riskTags, "idempotent_replay"],
        })
      : recordWith(record, { output: executed.result });
    const scanning = checkOutput(engine, snapshot, decided.decision, executed.result);
    const output = scanning instanceof Promise ? await scanning : scanning;
    if (output.findings.length > 0)
      record = recordWith(record, { findings: [...record.findings, ...output.findings] });
    if (output.status === "withheld") return refuse(engine, record, output.refusal);
    return await finish(engine, record, decided, output);
  } catch (error) {
    if (error instanceof ToolFailure) throw error.cause;
    engine.logger.error({ err: (error as Error)?.message, tool: start.toolRef }, "sec0 evaluation failed");
    const refusal = createRefusal("deny", "evaluation_error", ["evaluation_error"]);
    return refuse(engine, record, refusal, undefined, (error as Error)?.message ?? String(error));
  }
}

/** Carries a tool's own failure past the fail-closed handler, which rethrows its cause unchanged. */
class ToolFailure extends Error {
  constructor(cause: unknown) {
    super("the tool failed", { cause });
  }
}

function statusOf(record: CallRecord): "ok" | "error" {
  return isToolError(record.output) ? "error" : "ok";
}

async function refuse(
  engine: EngineContext,
  record: CallRecord,
  refusal: Refusal,
  escalationError?: string,
  error?: string,
): Promise<GovernedOutcome> {
  const verdict: CallVerdict = {
    decision: refusal.decision === "escalate" ? "escalate" : "deny",
    decisionReason: refusal.reason,
    reasons: refusal.reasons,
    status: statusOf(record),
    error,
    escalationError,
    ...(refusal.escalationId === undefined ? {} : { escalationId: refusal.escalationId }),
  };
  await recordCall(engine, record, verdict);
  endToolSpan(record.start.span, {
    ok: false,
    latencyMs: engine.clock.now() - record.start.started,
    attributes: { "sec0.decision": verdict.decision, "sec0.reason": refusal.reason },
  });
  return { status: "refused", refusal, hop: hopOf(record) };
}

function hopOf(record: CallRecord): HopIds {
  return { traceId: record.start.span.traceId, spanId: record.start.span.spanId };
}

async function recordFailure(
  engine: EngineContext,
  record: CallRecord,
  decision: Decision,
  error: unknown,
): Promise<unknown> {
  const verdict: CallVerdict = {
    decision: decision.mode === "observe" && decision.wouldBe !== "allow" ? "would_deny" : "allow",
    decisionReason: decision.reason,
    reasons: decision.reasons,
    status: "error",
    error: (error as Error)?.message ?? String(error),
  };
  await recordCall(engine, record, verdict);
  endToolSpan(record.start.span, { ok: false, error, latencyMs: engine.clock.now() - record.start.started });
  return error;
}

async function finish(
  engine: EngineContext,
  record: CallRecord,
  decided: Extract<CallDecision, { status: "go" }>,
  output: Extract<OutputCheck, { status: "pass" }>,
): Promise<GovernedOutcome> {
  const { decision } = decided;
  const wouldDeny = (decision.mode === "observe" && decision.wouldBe !== "allow") || output.wouldDeny;
  const finalRecord = output.redacted
    ? recordWith(record, { riskTags: [...record.riskTags, "output_redacted"] })
    : record;
  const verdict: CallVerdict = {
    decision: output.redacted ? "redact" : wouldDeny ? "would_deny" : "allow",
    decisionReason: decision.reason,
    reasons: output.reasons,
    status: statusOf(record),
    approvalId: decided.approvalId,
  };
  const written = await recordCall(engine, finalRecord, verdict);
  const span = record.start.span;
  const latencyMs = engine.clock.now() - record.start.started;
  if (!written && auditLossRefuses(record)) {
    endToolSpan(span, { ok: false, latencyMs });
    const refusal = createRefusal("withheld", "missing_audit_signature", ["missing_audit_signature"]);
    return { status: "refused", refusal, hop: hopOf(record) };
  }
  endToolSpan(span, {
    ok: verdict.status === "ok",
    latencyMs,
    attributes: { "sec0.decision": verdict.decision },
  });
  const hop = hopOf(record);
  return record.replayed
    ? { status: "ok", result: output.result, decision, replayed: true, hop }
    : { status: "ok", result: output.result, decision, hop };
}

/** A record that cannot be written is `missing_audit_signature`, decided like any other reason. */
function auditLossRefuses(record: CallRecord): boolean {
  const compiled = record.snapshot?.compiled;
  if (compiled === undefined) return true;
  const audit = decide({
    mode: compiled.mode,
    denyOn: compiled.denyOn,
    reasons: ["missing_audit_signature"],
    escalationAvailable: false,
  });
  return audit.action !== "allow";
}
