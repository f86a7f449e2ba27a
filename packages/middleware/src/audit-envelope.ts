import { sha256Hex } from "@sec0/core";

/** Package version written into `server` (`sec0-middleware@<version>`), as 0.2.3 did. */
export const MIDDLEWARE_VERSION = "0.1.0";

/** A detector finding as it is written into the audit record (never the full matched text). */
export interface AuditFinding {
  readonly code: string;
  readonly severity: string;
  readonly location?: string;
  readonly path?: string;
  readonly message: string;
  readonly evidence?: string;
  readonly rule_id?: string;
}

/** The facts of one governed call, gathered by the pipeline. */
export interface AuditFacts {
  readonly ts: string;
  readonly traceId: string;
  readonly spanId: string;
  readonly cause?: { readonly traceId: string; readonly spanId: string };
  readonly tenant: string;
  readonly environment?: string;
  readonly client?: string;
  readonly clientVersion?: string;
  readonly hop?: { readonly server?: string; readonly tool?: string };
  readonly serverName: string;
  readonly serverVersion?: string;
  readonly tool: string;
  readonly version?: string;
  readonly toolRef: string;
  readonly op: string;
  readonly status: "ok" | "error";
  readonly latencyMs: number;
  readonly args: unknown;
  readonly output: unknown;
  /** allow, deny, escalate, redact, or would_deny (observe mode saw a violation). */
  readonly decision: "allow" | "deny" | "escalate" | "redact" | "would_deny";
  readonly decisionReason?: string;
  readonly reasons: readonly string[];
  readonly retention: string;
  readonly policyHash: string | null;
  readonly idempotencyKey?: string;
  readonly replayed?: boolean;
  readonly registryFrozen: boolean;
  readonly serverSnapshot?: string;
  readonly nodeId?: string;
  readonly agentRef?: string;
  readonly findings: readonly AuditFinding[];
  readonly escalationId?: string;
  readonly escalationStatus?: string;
  readonly escalationError?: string;
  readonly approvalId?: string;
  readonly riskTags: readonly string[];
  readonly error?: string;
}

const RASP_REASONS = new Set(["subprocess_blocked", "fs_violation", "egress_violation"]);

/**
 * The middleware audit envelope: 0.2.3's field names (reference §2.7.13) plus `policy_hash` and
 * `decision_reason`. `@sec0/audit` adds `key_id`, `seq`, `prev_hash` and the signature.
 * `input_sha256` / `output_sha256` hash plain `JSON.stringify` as 0.2.3 did.
 */
export function buildAuditEnvelope(facts: AuditFacts): Record<string, unknown> {
  const denied = facts.decision === "deny" || facts.decision === "escalate";
  const envelope: Record<string, unknown> = {
    ts: facts.ts,
    trace_id: facts.traceId,
    span_id: facts.spanId,
    ...(facts.cause === undefined
      ? {}
      : { cause_trace_id: facts.cause.traceId, cause_span_id: facts.cause.spanId }),
    tenant: facts.tenant || "unknown",
    ...(facts.environment === undefined ? {} : { env: facts.environment }),
    ...(facts.client === undefined ? {} : { client: facts.client }),
    ...(facts.clientVersion === undefined ? {} : { clientVersion: facts.clientVersion }),
    server: facts.hop?.server ?? `sec0-middleware@${MIDDLEWARE_VERSION}`,
    tool: facts.hop?.tool ?? "mcp.enforce@1.0",
    op: facts.op,
    tool_ref: `${facts.serverName} ${facts.version === undefined ? facts.tool : `${facts.tool}@${facts.version}`}`,
    node_type: "middleware",
    target_server:
      facts.serverVersion === undefined ? facts.serverName : `${facts.serverName}@${facts.serverVersion}`,
    target_tool: facts.version === undefined ? facts.tool : `${facts.tool}@${facts.version}`,
    target_tool_ref: facts.toolRef,
    status: facts.status,
    latency_ms: facts.latencyMs,
    retries: 0,
    input_sha256: hashJson(facts.args),
    output_sha256: hashJson(facts.output),
    policy: {
      decision: facts.decision,
      retention: facts.retention,
      ...(facts.decisionReason === undefined ? {} : { reason: facts.decisionReason }),
    },
    idempotency_key: facts.idempotencyKey ?? null,
    actor: facts.tenant || "unknown",
    registry_frozen: facts.registryFrozen,
    ...(facts.serverSnapshot === undefined ? {} : { server_snapshot: facts.serverSnapshot }),
    check_level: "middleware",
    check_kind: "dynamic",
    policy_hash: facts.policyHash,
    ...(facts.decisionReason === undefined ? {} : { decision_reason: facts.decisionReason }),
    ...(facts.reasons.length === 0 ? {} : { reasons: [...facts.reasons] }),
    ...(facts.findings.length === 0 ? {} : { agent_guard_findings: facts.findings.slice(0, 25) }),
    ...(facts.nodeId === undefined ? {} : { nodeId: facts.nodeId }),
    ...(facts.agentRef === undefined ? {} : { agentRef: facts.agentRef }),
    ...(facts.escalationId === undefined ? {} : { escalation_id: facts.escalationId }),
    ...(facts.escalationStatus === undefined ? {} : { escalation_status: facts.escalationStatus }),
    ...(facts.escalationError === undefined ? {} : { escalation_error: facts.escalationError }),
    ...(facts.approvalId === undefined ? {} : { approval_id: facts.approvalId }),
    ...(facts.replayed === true ? { idempotent_replay: true } : {}),
    ...(facts.riskTags.length === 0
      ? {}
      : { risk_tags: [...facts.riskTags], risk_score: Math.min(100, 25 * facts.riskTags.length) }),
    ...(facts.error === undefined ? {} : { error: facts.error }),
  };
  if (denied && facts.decisionReason !== undefined) {
    envelope.denial_level = "middleware";
    if (RASP_REASONS.has(facts.decisionReason)) envelope.denial_type = "rasp";
  }
  return envelope;
}

function hashJson(value: unknown): string | null {
  if (value === undefined || value === null) return null;
  try {
    const text = JSON.stringify(value);
    return text === undefined ? null : sha256Hex(text);
  } catch {
    return null;
  }
}
