import { jsonText, sha256Hex } from "@sec0/core";
import { MIDDLEWARE_VERSION } from "../audit/build-audit-envelope.js";
import type { TraceIds } from "../telemetry/tool-span.js";
import type { GuardDecision, GuardInput } from "./guard-types.js";

/** What one guard audit record says: a decision, or how its escalation ended. */
export interface GuardAuditFacts {
  readonly event: "check" | "escalation_resolved";
  readonly ts: string;
  readonly ids: TraceIds;
  readonly tenant: string;
  readonly environment?: string;
  readonly input: GuardInput;
  readonly decision: GuardDecision;
  readonly latencyMs: number;
  readonly retention: string;
  /** The audit decision: `would_deny` when an observe-mode policy saw a violation. */
  readonly auditDecision: "allow" | "deny" | "escalate" | "redact" | "would_deny";
}

/**
 * The signed audit envelope of one guard decision (`node_type: "guard"`): kind, target, outcome,
 * reasons, policy hash and provider source, who acted (`node_id`, `agent_ref`, thread, channel,
 * tags) and the SHA-256 of the content — never the content itself.
 */
export function buildGuardAuditRecord(facts: GuardAuditFacts): Record<string, unknown> {
  const { input, decision } = facts;
  const context = input.context ?? {};
  const record: Record<string, unknown> = {
    ts: facts.ts,
    trace_id: facts.ids.traceId,
    span_id: facts.ids.spanId,
    tenant: facts.tenant,
    ...(facts.environment === undefined ? {} : { env: facts.environment }),
    server: `sec0-guard@${MIDDLEWARE_VERSION}`,
    tool: `guard.${facts.event}@1.0`,
    node_type: "guard",
    guard_kind: input.kind,
    target: decision.target,
    status: "ok",
    latency_ms: facts.latencyMs,
    policy: { decision: facts.auditDecision, retention: facts.retention },
    outcome: decision.outcome,
    decision_reason: decision.reason,
    reasons: [...decision.reasons],
    policy_hash: decision.provider.policyHash,
    provider: {
      mode: decision.provider.mode,
      source: decision.provider.source,
      ...(decision.provider.fallbackReason === undefined
        ? {}
        : { fallback_reason: decision.provider.fallbackReason }),
    },
    ...(context.nodeId === undefined ? {} : { node_id: context.nodeId }),
    ...(context.runId === undefined ? {} : { agent_ref: context.runId }),
    ...(context.threadId === undefined ? {} : { thread_id: context.threadId }),
    ...(context.channelId === undefined ? {} : { channel_id: context.channelId }),
    ...(context.tags === undefined || context.tags.length === 0 ? {} : { tags: [...context.tags] }),
    ...(input.content === undefined ? {} : { content_sha256: sha256Hex(jsonText(input.content) ?? "") }),
    ...(decision.findings === undefined || decision.findings.length === 0
      ? {}
      : { agent_guard_findings: decision.findings.slice(0, 50) }),
    ...(decision.escalation?.escalationId === undefined
      ? {}
      : { escalation_id: decision.escalation.escalationId }),
    ...(decision.escalation?.status === undefined ? {} : { escalation_status: decision.escalation.status }),
  };
  return record;
}
