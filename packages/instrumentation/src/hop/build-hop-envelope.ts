import { type AgentStateVariables, type Decision, isoTimestamp } from "@sec0/core";
import type { AppProfile, HopFrame, HopType } from "../hop-types.js";
import { type HopDecision, type HopPolicyDecision, policyDecisionOf } from "./decide-hop.js";
import { hopNodeType } from "./hop-node-type.js";

/** What one hop record says, besides the profile and the frame. */
export interface HopRecordInput {
  readonly profile: AppProfile;
  readonly frame: HopFrame;
  readonly decision: Decision;
  readonly status: "ok" | "error";
  /** Epoch ms when the hop started and ended. */
  readonly startedAt: number;
  readonly endedAt: number;
  readonly inputSha256: string | null;
  readonly outputSha256: string | null;
  /** The agent state's variables at the end of the hop (its AgentManager's snapshot). */
  readonly agentVariables: AgentStateVariables | undefined;
  /** `recordContent: true` only: the redacted arguments and result. */
  readonly content?: { readonly input?: unknown; readonly output?: unknown };
  /** The `code` of a thrown `Sec0Error` (or any error with a string code). */
  readonly errorCode?: string;
}

/** 0.2.3's default `server` identity of the hop types that have no server of their own. */
const DEFAULT_SERVER: Partial<Record<HopType, string>> = {
  agent: "sec0-agent",
  orchestrator: "sec0-orchestrator",
  gateway: "sec0-gateway",
};

/**
 * The audit envelope of one hop, field names as 0.2.3's decorators wrote them (§2.13):
 * `{ts, trace_id, span_id, parent_span_id?, cause_*?, tenant, environment, client_name,
 * client_version, node_type, <identity>, hop_key, status, latency_ms, retries, input_sha256,
 * output_sha256, policy{decision, retention}, policy_hash?, escalation_id?, escalation_status?,
 * decision_reason?, reasons, nodeId, agentRef,
 * agentVariables}`. Raw content only with `recordContent`.
 */
export function buildHopEnvelope(input: HopRecordInput): Record<string, unknown> {
  const { frame, profile, decision } = input;
  // Hop decisions carry what the control plane added (policy hash, retention, escalation).
  const facts: HopDecision = decision;
  const hop = frame.hop;
  const policyDecision: HopPolicyDecision = policyDecisionOf(decision);
  const defaultServer = DEFAULT_SERVER[hop.type];
  return {
    ts: isoTimestamp(input.endedAt),
    trace_id: frame.traceId,
    span_id: frame.spanId,
    ...(frame.parentSpanId === undefined ? {} : { parent_span_id: frame.parentSpanId }),
    ...(frame.cause === undefined
      ? {}
      : { cause_trace_id: frame.cause.traceId, cause_span_id: frame.cause.spanId }),
    tenant: profile.tenant,
    environment: profile.environment,
    client_name: profile.client.name,
    client_version: profile.client.version ?? null,
    node_type: hopNodeType(hop.type),
    ...(defaultServer === undefined ? {} : { server: defaultServer }),
    ...hop.identity,
    hop_key: hop.key,
    status: input.status,
    latency_ms: Math.max(0, Math.round(input.endedAt - input.startedAt)),
    retries: 0,
    input_sha256: input.inputSha256,
    output_sha256: input.outputSha256,
    policy: { decision: policyDecision, retention: facts.retention ?? "standard" },
    ...(facts.policyHash === undefined ? {} : { policy_hash: facts.policyHash }),
    ...(facts.escalation === undefined ? {} : escalationFields(facts.escalation)),
    ...(decision.reason === undefined ? {} : { decision_reason: decision.reason }),
    reasons: [...decision.reasons],
    ...(input.errorCode === undefined ? {} : { error_code: input.errorCode }),
    ...(input.content === undefined ? {} : contentFields(input.content)),
    nodeId: frame.state.nodeId,
    agentRef: frame.runId,
    ...(frame.parentRef === undefined ? {} : { parentRef: frame.parentRef }),
    agentVariables: input.agentVariables ?? {},
  };
}

function contentFields(content: { readonly input?: unknown; readonly output?: unknown }): object {
  return {
    ...(content.input === undefined ? {} : { input: content.input }),
    ...(content.output === undefined ? {} : { output: content.output }),
  };
}

function escalationFields(escalation: NonNullable<HopDecision["escalation"]>): object {
  return {
    ...(escalation.id === undefined ? {} : { escalation_id: escalation.id }),
    escalation_status: escalation.status,
  };
}
