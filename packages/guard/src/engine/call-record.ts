import type { AgentStatePayload, ResolvedIdempotencyKey, ToolRef } from "@sec0/core";
import type { PolicySnapshot } from "@sec0/policy";
import type { AuditFacts, AuditFinding } from "../audit/build-audit-envelope.js";
import type { CallContext } from "../steps/read-call-context.js";
import type { ToolSpan, TraceIds } from "../telemetry/tool-span.js";
import type { GovernedCall } from "./engine-types.js";

/** What is known of a call before any check: its reference, span and control data. */
export interface CallStart {
  readonly call: GovernedCall;
  readonly started: number;
  readonly ts: string;
  readonly ref: ToolRef;
  readonly toolRef: string;
  readonly version: string | undefined;
  readonly span: ToolSpan;
  readonly context: CallContext;
  readonly cause: TraceIds | undefined;
  /** The caller's agent state, when it sent valid headers. */
  readonly agent: AgentStatePayload | undefined;
  /** Why the agent-state headers were refused (`agent_state_invalid`). */
  readonly agentError: string | undefined;
  readonly idempotency: ResolvedIdempotencyKey | undefined;
  /** A malformed idempotency key: evaluating the call fails closed on it. */
  readonly idempotencyError: unknown;
}

/** How a call ended, as the audit record states it. */
export interface CallVerdict {
  readonly decision: AuditFacts["decision"];
  readonly decisionReason?: string | undefined;
  readonly reasons: readonly string[];
  readonly status?: AuditFacts["status"];
  readonly error?: string | undefined;
  readonly escalationId?: string;
  readonly escalationError?: string | undefined;
  readonly approvalId?: string | undefined;
}

/**
 * The typed record of one call: each step adds its own part through {@link recordWith}; nothing is
 * mutated after. Every record has the same members, so that the few a call builds share one shape
 * (object spreads of varying shapes cost more on this path than the checks themselves).
 */
export interface CallRecord {
  readonly start: CallStart;
  readonly snapshot: PolicySnapshot | undefined;
  /** `write` for a side effect; `list` for a tool definition recorded as it was listed. */
  readonly op: "read" | "write" | "list";
  readonly findings: readonly AuditFinding[];
  /** Risk tags of the checks, in the order they were found. */
  readonly riskTags: readonly string[];
  /** The tool's result as it returned it (before redaction); `undefined` until it ran. */
  readonly output: unknown;
  readonly replayed: boolean;
}

/** The parts a step adds to a {@link CallRecord}. */
export type CallRecordPart = Partial<Omit<CallRecord, "start" | "snapshot">>;

/** The record of a call before its input is checked. */
export function startRecord(start: CallStart, snapshot: PolicySnapshot | undefined): CallRecord {
  return { start, snapshot, op: "read", findings: [], riskTags: [], output: undefined, replayed: false };
}

/** `record` with `part` added, as a new record of the same shape. */
export function recordWith(record: CallRecord, part: CallRecordPart): CallRecord {
  return {
    start: record.start,
    snapshot: record.snapshot,
    op: part.op ?? record.op,
    findings: part.findings ?? record.findings,
    riskTags: part.riskTags ?? record.riskTags,
    output: "output" in part ? part.output : record.output,
    replayed: part.replayed ?? record.replayed,
  };
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/**
 * The audit facts of a call: its record, the verdict, and the time it took. Built by assignment,
 * not conditional spreads: this runs on every call.
 */
export function callFacts(
  record: CallRecord,
  verdict: CallVerdict,
  env: {
    readonly now: number;
    readonly tenant?: string | undefined;
    readonly environment?: string | undefined;
  },
  hop: AuditFacts["hop"],
  registry: { readonly frozen: boolean; readonly snapshot?: string } | undefined,
): AuditFacts {
  const { start, snapshot } = record;
  const { call, agent } = start;
  const tags = record.riskTags;
  const facts: Mutable<AuditFacts> = {
    ts: start.ts,
    traceId: start.span.traceId,
    spanId: start.span.spanId,
    tenant: snapshot?.compiled.tenant ?? env.tenant ?? "unknown",
    serverName: call.server.name,
    tool: call.tool,
    toolRef: start.toolRef,
    op: record.op,
    status: verdict.status ?? "ok",
    latencyMs: env.now - start.started,
    args: start.context.args,
    output: record.output,
    decision: verdict.decision,
    reasons: verdict.reasons,
    retention: snapshot?.policy.default_retention ?? "unknown",
    policyHash: snapshot?.hash ?? null,
    registryFrozen: registry?.frozen ?? false,
    findings: record.findings,
    riskTags: start.context.evaluatorContextInjected ? ["evaluator_context_ignored", ...tags] : tags,
  };
  if (start.cause !== undefined) facts.cause = start.cause;
  if (env.environment !== undefined) facts.environment = env.environment;
  if (hop !== undefined) facts.hop = hop;
  if (call.server.version !== undefined) facts.serverVersion = call.server.version;
  if (start.version !== undefined) facts.version = start.version;
  if (verdict.decisionReason !== undefined) facts.decisionReason = verdict.decisionReason;
  if (start.idempotency !== undefined) facts.idempotencyKey = start.idempotency.key;
  if (record.replayed) facts.replayed = true;
  if (registry?.snapshot !== undefined) facts.serverSnapshot = registry.snapshot;
  if (agent !== undefined) facts.nodeId = agent.nodeId;
  if (agent?.runId !== undefined) facts.agentRef = agent.runId;
  if (verdict.escalationId !== undefined) {
    facts.escalationId = verdict.escalationId;
    facts.escalationStatus = "pending";
  }
  if (verdict.escalationError !== undefined) facts.escalationError = verdict.escalationError;
  if (verdict.approvalId !== undefined) facts.approvalId = verdict.approvalId;
  const error = verdict.error ?? start.agentError;
  if (error !== undefined) facts.error = error;
  return facts;
}
