import { mustAwaitAudit } from "../steps/record-call.js";
import { activeTraceIds } from "../telemetry/tool-span.js";
import { buildGuardAuditRecord, type GuardAuditFacts } from "./guard-audit-record.js";
import type { ResolvedGuardPolicy } from "./guard-policy.js";
import type { GuardSetup } from "./guard-setup.js";
import type { GuardDecision, GuardInput } from "./guard-types.js";

/** One record to write: the event, the decision and the policy that made it. */
export interface GuardRecordRequest {
  readonly event: GuardAuditFacts["event"];
  readonly input: GuardInput;
  readonly decision: GuardDecision;
  readonly auditDecision: GuardAuditFacts["auditDecision"];
  readonly startedAt: number;
  readonly resolved?: ResolvedGuardPolicy;
}

/**
 * Writes one signed audit record. A full policy that enforces `missing_audit_signature` waits
 * for it (urgent: durable at once) and resolves `false` when it failed; otherwise the record is
 * queued in order and a failure is logged.
 */
export function recordGuardDecision(
  setup: GuardSetup,
  request: GuardRecordRequest,
): boolean | Promise<boolean> {
  const document = request.resolved?.document;
  const snapshot = document?.kind === "policy" ? document.snapshot : undefined;
  const at = setup.now();
  const facts: GuardAuditFacts = {
    event: request.event,
    ts: new Date(at).toISOString(),
    ids: activeTraceIds(),
    tenant: snapshot?.compiled.tenant ?? setup.tenant,
    input: request.input,
    decision: request.decision,
    latencyMs: Math.max(0, at - request.startedAt),
    retention: snapshot?.policy.default_retention ?? "unknown",
    auditDecision: request.auditDecision,
  };
  const environment = setup.config.environment;
  const envelope = buildGuardAuditRecord(environment === undefined ? facts : { ...facts, environment });
  const urgent = snapshot !== undefined && mustAwaitAudit(snapshot);
  const failed = setup.onAppendError;
  try {
    const pending = setup.auditSink.append(envelope, urgent ? URGENT : undefined);
    if (urgent) return pending.then(returnTrue, failed);
    pending.then(undefined, failed);
    return true;
  } catch (error) {
    return failed(error);
  }
}

const URGENT = { urgent: true } as const;
const returnTrue = (): true => true;
