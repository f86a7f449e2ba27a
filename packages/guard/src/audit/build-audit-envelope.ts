import { createRequire } from "node:module";
import { jsonText, sha256Hex } from "@sec0/core";

import type { Surface } from "../engine/engine-types.js";

/**
 * Package version written into `server` (`sec0-middleware@<version>`), as 0.2.3 did: the version
 * of the installed `@sec0/guard` (src/ and dist/ sit at the same depth below its package.json).
 */
export const MIDDLEWARE_VERSION: string = (
  createRequire(import.meta.url)("../../package.json") as { version: string }
).version;

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
 * The audit envelope of a governed call: 0.2.3's field names (as in sec0-sdk 0.2.3) plus
 * `policy_hash` and `decision_reason`; `surface` names `node_type`, `check_level` and
 * `denial_level` (`middleware` by default, as 0.2.3's middleware wrote them). `@sec0/audit` adds `key_id`, `seq`, `prev_hash` and the signature.
 * `input_sha256` / `output_sha256` hash plain `JSON.stringify` as 0.2.3 did.
 */
export function buildAuditEnvelope(
  facts: AuditFacts,
  surface: Surface = "middleware",
): Record<string, unknown> {
  // Built by assignment, not conditional spreads: this runs on every tool call.
  const tenant = facts.tenant || "unknown";
  const target = facts.version === undefined ? facts.tool : `${facts.tool}@${facts.version}`;
  const policy: Record<string, unknown> = { decision: facts.decision, retention: facts.retention };
  if (facts.decisionReason !== undefined) policy.reason = facts.decisionReason;
  // The members every record has, in one literal (one object shape, no growth per member); the
  // optional ones follow. Member order does not matter: records are signed as canonical JSON.
  const envelope: Record<string, unknown> = {
    ts: facts.ts,
    trace_id: facts.traceId,
    span_id: facts.spanId,
    tenant,
    server: facts.hop?.server ?? `sec0-${surface}@${MIDDLEWARE_VERSION}`,
    tool: facts.hop?.tool ?? "mcp.enforce@1.0",
    op: facts.op,
    tool_ref: `${facts.serverName} ${target}`,
    node_type: surface,
    target_server:
      facts.serverVersion === undefined ? facts.serverName : `${facts.serverName}@${facts.serverVersion}`,
    target_tool: target,
    target_tool_ref: facts.toolRef,
    status: facts.status,
    latency_ms: facts.latencyMs,
    retries: 0,
    input_sha256: hashJson(facts.args),
    output_sha256: hashJson(facts.output),
    policy,
    idempotency_key: facts.idempotencyKey ?? null,
    actor: tenant,
    registry_frozen: facts.registryFrozen,
    check_level: surface,
    check_kind: "dynamic",
    policy_hash: facts.policyHash,
  };
  if (facts.cause !== undefined) {
    envelope.cause_trace_id = facts.cause.traceId;
    envelope.cause_span_id = facts.cause.spanId;
  }
  if (facts.environment !== undefined) envelope.env = facts.environment;
  if (facts.client !== undefined) envelope.client = facts.client;
  if (facts.clientVersion !== undefined) envelope.clientVersion = facts.clientVersion;
  if (facts.serverSnapshot !== undefined) envelope.server_snapshot = facts.serverSnapshot;
  if (facts.decisionReason !== undefined) envelope.decision_reason = facts.decisionReason;
  if (facts.reasons.length > 0) envelope.reasons = [...facts.reasons];
  if (facts.findings.length > 0) envelope.agent_guard_findings = facts.findings.slice(0, 25);
  if (facts.nodeId !== undefined) envelope.nodeId = facts.nodeId;
  if (facts.agentRef !== undefined) envelope.agentRef = facts.agentRef;
  if (facts.escalationId !== undefined) envelope.escalation_id = facts.escalationId;
  if (facts.escalationStatus !== undefined) envelope.escalation_status = facts.escalationStatus;
  if (facts.escalationError !== undefined) envelope.escalation_error = facts.escalationError;
  if (facts.approvalId !== undefined) envelope.approval_id = facts.approvalId;
  if (facts.replayed === true) envelope.idempotent_replay = true;
  if (facts.riskTags.length > 0) {
    envelope.risk_tags = [...facts.riskTags];
    envelope.risk_score = Math.min(100, 25 * facts.riskTags.length);
  }
  if (facts.error !== undefined) envelope.error = facts.error;
  const denied = facts.decision === "deny" || facts.decision === "escalate";
  if (denied && facts.decisionReason !== undefined) {
    envelope.denial_level = surface;
    if (RASP_REASONS.has(facts.decisionReason)) envelope.denial_type = "rasp";
  }
  return envelope;
}

function hashJson(value: unknown): string | null {
  if (value === undefined || value === null) return null;
  try {
    const text = jsonText(value);
    return text === undefined ? null : sha256Hex(text);
  } catch {
    return null;
  }
}
