import type {
  ApprovalsBridgeEvent,
  EscalationCreateInput,
  EscalationCreateResult,
} from "@sec0/core/contracts";
import type { EscalationResolution } from "./wait-for-escalation.js";

/** The envelope members every bridge event has. */
export interface BridgeEventEnvelope {
  readonly eventId: string;
  /** ISO time of emission. */
  readonly emittedAt: string;
  readonly tenantId: string;
}

/**
 * The `escalation.created` body for the approvals bridge, as sec0-sdk 0.2.3 sends it: what a human
 * needs to decide; absent members are `null`, the severity defaults to `medium`.
 *
 * @example
 * const body = buildEscalationCreatedEvent(
 *   { eventId: randomUUID(), emittedAt: new Date().toISOString(), tenantId: "acme" },
 *   { id: "esc_1", status: "pending" },
 *   { content: "Policy denied mcp://fs/delete@1.0", violation: "fs_violation" },
 * );
 */
export function buildEscalationCreatedEvent(
  envelope: BridgeEventEnvelope,
  created: EscalationCreateResult,
  input: EscalationCreateInput,
): ApprovalsBridgeEvent {
  return {
    event_id: envelope.eventId,
    event_type: "escalation.created",
    emitted_at: envelope.emittedAt,
    tenant_id: envelope.tenantId,
    escalation: {
      id: created.id,
      status: created.status,
      violation: input.violation,
      severity: input.severity ?? "medium",
      content: input.content,
      rule_id: input.ruleId ?? null,
      message: input.message ?? null,
      node_id: input.nodeId ?? null,
      agent_ref: input.agentRef ?? null,
      metadata: input.metadata ?? null,
      expires_at: created.expiresAt ?? null,
      requester_status_message: created.requesterStatusMessage ?? null,
    },
  };
}

/**
 * The `escalation.finalized` body for the approvals bridge: the outcome of the wait. A wait that
 * timed out is reported as `expired` with `finalization_reason` `timeout` (the bridge's contract
 * has no `timeout` status; the action did not run either way). `violation` comes from the
 * escalation's metadata when it names one, else `null`.
 *
 * @example
 * const body = buildEscalationFinalizedEvent(envelope, created, resolution);
 */
export function buildEscalationFinalizedEvent(
  envelope: BridgeEventEnvelope,
  created: EscalationCreateResult,
  resolution: EscalationResolution,
): ApprovalsBridgeEvent {
  const details = resolution.details;
  const timedOut = resolution.status === "timeout";
  const violation = details?.metadata?.violation;
  return {
    event_id: envelope.eventId,
    event_type: "escalation.finalized",
    emitted_at: envelope.emittedAt,
    tenant_id: envelope.tenantId,
    escalation: {
      id: resolution.escalationId,
      status: timedOut ? "expired" : resolution.status,
      finalization_reason: resolution.metadata.finalizationReason ?? (timedOut ? "timeout" : null),
      requester_status_message: details?.requesterStatusMessage ?? created.requesterStatusMessage ?? null,
      violation: typeof violation === "string" ? violation : null,
      metadata: details?.metadata ?? null,
      expires_at: details?.expiresAt ?? created.expiresAt ?? null,
      resolved_at: details?.resolvedAt ?? null,
    },
  };
}
