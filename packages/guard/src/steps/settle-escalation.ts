import { type Decision, reasonSeverity } from "@sec0/core";
import { computeCallDigest } from "@sec0/core/contracts";
import type { PolicySnapshot } from "@sec0/policy";
import type { AuditFinding } from "../audit/build-audit-envelope.js";
import type { CallStart } from "../engine/call-record.js";
import type { EngineContext } from "../engine/engine-context.js";
import type { Refusal } from "../engine/engine-types.js";
import { createRefusal } from "../engine/refusal.js";
import { escalationArguments } from "../escalation/escalation-arguments.js";

/** How an escalated call stands: approved by a valid token, or refused (pending or denied). */
export type EscalationOutcome =
  | { readonly status: "approved"; readonly approvalId: string }
  | { readonly status: "refused"; readonly refusal: Refusal; readonly escalationError?: string };

/**
 * An escalated call runs only with an approval token bound to this exact call (docs/principles.md,
 * principle 6). Without one, an escalation is created and the call is suspended; an invalid token, a
 * missing verifier or a failed escalation refuse it. A timeout never means approve.
 */
export async function settleEscalation(
  engine: EngineContext,
  start: CallStart,
  snapshot: PolicySnapshot,
  decision: Decision,
  findings: readonly AuditFinding[],
): Promise<EscalationOutcome> {
  const approval = await checkApproval(engine, start);
  if (approval.status === "approved") return { status: "approved", approvalId: approval.id };
  if (approval.status === "invalid") {
    const reasons = [...decision.reasons, "approval_invalid"];
    return {
      status: "refused",
      refusal: createRefusal("deny", "approval_invalid", reasons, { detail: approval.why }),
    };
  }
  const created = await createEscalation(engine, start, snapshot, decision, findings);
  if (created.id === undefined) {
    const refusal = createRefusal("deny", decision.reason ?? "escalation_unavailable", decision.reasons, {
      detail: "Creating the escalation failed.",
    });
    return {
      status: "refused",
      refusal,
      ...(created.error === undefined ? {} : { escalationError: created.error }),
    };
  }
  const refusal = createRefusal("escalate", decision.reason ?? "escalation", decision.reasons, {
    escalationId: created.id,
  });
  return { status: "refused", refusal };
}

function callDigestOf(start: CallStart): string {
  return computeCallDigest({
    toolRef: start.toolRef,
    args: start.context.args,
    nodeId: start.agent?.nodeId ?? null,
    runId: start.agent?.runId ?? null,
  });
}

async function checkApproval(
  engine: EngineContext,
  start: CallStart,
): Promise<{ status: "none" } | { status: "approved"; id: string } | { status: "invalid"; why: string }> {
  const token = start.context.approvalToken;
  if (token === undefined) return { status: "none" };
  const verifier = engine.options.adapters?.approvalVerifier;
  if (verifier === undefined) return { status: "invalid", why: "No approval verifier is configured." };
  const { agent } = start;
  try {
    const verdict = await verifier.verify({
      token,
      toolRef: start.toolRef,
      callDigest: callDigestOf(start),
      ...(agent?.nodeId === undefined ? {} : { nodeId: agent.nodeId }),
      ...(agent?.runId === undefined ? {} : { runId: agent.runId }),
    });
    if (verdict.valid && verdict.approval !== undefined)
      return { status: "approved", id: verdict.approval.id };
    return {
      status: "invalid",
      why: `The approval token was refused (${verdict.invalid_reason ?? "invalid"}).`,
    };
  } catch (error) {
    return { status: "invalid", why: `The approval could not be verified: ${(error as Error).message}` };
  }
}

async function createEscalation(
  engine: EngineContext,
  start: CallStart,
  snapshot: PolicySnapshot,
  decision: Decision,
  findings: readonly AuditFinding[],
): Promise<{ id?: string; error?: string }> {
  const reporter = engine.options.adapters?.escalationReporter;
  if (reporter === undefined) return {};
  const reason = decision.reason ?? "escalation";
  const { toolRef, agent } = start;
  try {
    const created = await reporter.create({
      tenant: snapshot.compiled.tenant,
      content: `Policy escalated ${toolRef} due to ${reason}.`,
      violation: reason,
      severity: reasonSeverity(reason),
      toolRef,
      callDigest: callDigestOf(start),
      ...(agent?.nodeId === undefined ? {} : { nodeId: agent.nodeId }),
      ...(agent?.runId === undefined ? {} : { agentRef: agent.runId }),
      ttlSeconds: snapshot.compiled.escalation.ttlSeconds,
      timeoutAction: "auto_reject",
      metadata: {
        source: "sec0",
        layer: engine.options.surface,
        tool_ref: toolRef,
        reasons: [...decision.reasons],
        trace_id: start.span.traceId,
        findings: findings
          .slice(0, 25)
          .map((f) => ({ code: f.code, severity: f.severity, message: f.message })),
        ...escalationArguments(start.context.args),
      },
    });
    return { id: created.id };
  } catch (error) {
    return { error: (error as Error).message };
  }
}
