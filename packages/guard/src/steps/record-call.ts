import type { PolicySnapshot } from "@sec0/policy";
import { buildAuditEnvelope } from "../audit/build-audit-envelope.js";
import { type CallRecord, type CallVerdict, callFacts } from "../engine/call-record.js";
import type { EngineContext } from "../engine/engine-context.js";

/**
 * Step 7: one signed audit record per call, allowed or refused, with the policy hash and the
 * deciding reason. Resolves `false` when the record could not be written (the caller decides
 * whether that is `missing_audit_signature`). A call waits for its record only when the policy
 * enforces `missing_audit_signature`; otherwise the sink keeps call order and the response does
 * not wait for the disk (ADR 0004).
 */
export function recordCall(
  engine: EngineContext,
  record: CallRecord,
  verdict: CallVerdict,
): Promise<boolean> {
  const { options, deps, logger } = engine;
  const facts = callFacts(
    record,
    verdict,
    { now: engine.clock.now(), tenant: options.tenant, environment: options.environment },
    options.hop,
    deps.registry,
  );
  const envelope = buildAuditEnvelope(facts, options.surface);
  const augmented = options.augment?.({ toolRef: facts.toolRef, decision: facts.decision });
  const fields = record.start.call.auditFields;
  const extra = fields === undefined ? augmented : { ...augmented, ...fields };
  const failed = (error: unknown): false => {
    logger.error({ err: (error as Error)?.message, tool: facts.toolRef }, "sec0 audit append failed");
    return false;
  };
  const waits = record.snapshot === undefined || mustAwaitAudit(record.snapshot);
  let pending: Promise<void>;
  try {
    const full = extra === undefined ? envelope : { ...extra, ...envelope };
    pending = waits ? deps.auditSink.append(full, URGENT) : deps.auditSink.append(full);
  } catch (error) {
    return Promise.resolve(failed(error));
  }
  if (!waits) {
    pending.catch(failed);
    return Promise.resolve(true);
  }
  return pending.then(() => true, failed);
}

/** The call waits for its record: the sink must not hold it back for a group commit. */
const URGENT = { urgent: true } as const;

/** True when a lost record must refuse the call: enforce mode with `missing_audit_signature` in `deny_on`. */
export function mustAwaitAudit(snapshot: PolicySnapshot): boolean {
  return snapshot.compiled.mode === "enforce" && snapshot.compiled.denyOn.includes("missing_audit_signature");
}
