import type { EscalationView } from "../control-plane/bridge-control-plane.js";
import type { EscalationCard } from "../platforms/platform.js";
import type { ContentRedactor } from "./redact-card-content.js";

const SEVERITIES = new Set(["low", "medium", "high", "critical"]);
const MAX_CONTENT = 1500;

/**
 * The card of an escalation as the control plane holds it: the bridge shows the control plane's
 * record, never what an event claimed, so a card says exactly what a vote approves. The content
 * is redacted (PII, secrets) and cut.
 */
export function cardFromEscalation(
  tenantId: string,
  view: EscalationView,
  redact: ContentRedactor,
): EscalationCard {
  const metadata = (view.metadata ?? {}) as Record<string, unknown>;
  const reasons = Array.isArray(metadata.reasons)
    ? metadata.reasons.filter((r): r is string => typeof r === "string")
    : [];
  const content = redact(view.content ?? "");
  const optional = {
    toolRef: view.tool_ref,
    argsDigest: view.call_digest,
    nodeId: view.node_id,
    agentRef: view.agent_ref,
    ruleId: view.rule_id,
    message: view.message,
    expiresAt: view.expires_at,
    finalizationReason:
      view.finalization_reason ?? (view.status === "pending" ? undefined : view.requester_status_message),
  };
  const card: Record<string, unknown> = {
    escalationId: view.id,
    tenantId,
    status: view.status,
    violation: typeof view.violation === "string" ? view.violation : "escalation",
    severity: SEVERITIES.has(String(view.severity)) ? view.severity : "medium",
    content: content.length > MAX_CONTENT ? `${content.slice(0, MAX_CONTENT - 1)}…` : content,
    reasons: reasons.slice(0, 20),
  };
  for (const [key, value] of Object.entries(optional))
    if (typeof value === "string" && value !== "") card[key] = value;
  if (typeof view.approvals === "number") card.approvals = view.approvals;
  if (typeof view.rejections === "number") card.rejections = view.rejections;
  if (typeof view.min_approvals === "number") card.minApprovals = view.min_approvals;
  return card as unknown as EscalationCard;
}

/** True when a press can no longer count: the escalation is final or past its expiry. */
export function isStale(view: EscalationView, nowMs: number): boolean {
  if (view.status !== "pending") return true;
  return typeof view.expires_at === "string" && Date.parse(view.expires_at) <= nowMs;
}
