import { jsonText, sha256Hex } from "@sec0/core";
import { MIDDLEWARE_VERSION } from "../audit/build-audit-envelope.js";
import type { TraceIds } from "../telemetry/tool-span.js";
import type { GuardDecision, GuardInput, GuardProviderInfo } from "./guard-types.js";

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
 * tags) and the SHA-256 of the content (of the text itself for a string, else of its JSON) — never
 * the content itself.
 */
export function buildGuardAuditRecord(facts: GuardAuditFacts): Record<string, unknown> {
  const { input, decision } = facts;
  const context = input.context;
  // Plain assignments, not conditional spreads: this runs once per decision.
  const record: Record<string, unknown> = {
    ts: facts.ts,
    trace_id: facts.ids.traceId,
    span_id: facts.ids.spanId,
    tenant: facts.tenant,
  };
  if (facts.environment !== undefined) record.env = facts.environment;
  record.server = SERVER;
  record.tool = facts.event === "check" ? CHECK_TOOL : RESOLVED_TOOL;
  record.node_type = "guard";
  record.guard_kind = input.kind;
  record.target = decision.target;
  record.status = "ok";
  record.latency_ms = facts.latencyMs;
  record.policy = { decision: facts.auditDecision, retention: facts.retention };
  record.outcome = decision.outcome;
  record.decision_reason = decision.reason;
  record.reasons = decision.reasons;
  record.policy_hash = decision.provider.policyHash;
  record.provider = providerFields(decision.provider);
  if (context !== undefined) {
    if (context.nodeId !== undefined) record.node_id = context.nodeId;
    if (context.runId !== undefined) record.agent_ref = context.runId;
    if (context.threadId !== undefined) record.thread_id = context.threadId;
    if (context.channelId !== undefined) record.channel_id = context.channelId;
    if (context.tags !== undefined && context.tags.length > 0) record.tags = context.tags;
  }
  if (input.content !== undefined) {
    const text = typeof input.content === "string" ? input.content : (jsonText(input.content) ?? "");
    record.content_sha256 = sha256Hex(text);
  }
  if (decision.findings !== undefined && decision.findings.length > 0)
    record.agent_guard_findings = decision.findings.slice(0, 50);
  const escalation = decision.escalation;
  if (escalation?.escalationId !== undefined) record.escalation_id = escalation.escalationId;
  if (escalation?.status !== undefined) record.escalation_status = escalation.status;
  return record;
}

const SERVER = `sec0-guard@${MIDDLEWARE_VERSION}`;
const CHECK_TOOL = "guard.check@1.0";
const RESOLVED_TOOL = "guard.escalation_resolved@1.0";
const providerRecords = new WeakMap<GuardProviderInfo, Readonly<Record<string, string>>>();

/** `provider` of the record (snake_case), built once per provider info. */
function providerFields(provider: GuardProviderInfo): Readonly<Record<string, string>> {
  let fields = providerRecords.get(provider);
  if (fields === undefined) {
    fields = Object.freeze({
      mode: provider.mode,
      source: provider.source,
      ...(provider.fallbackReason === undefined ? {} : { fallback_reason: provider.fallbackReason }),
    });
    providerRecords.set(provider, fields);
  }
  return fields;
}
